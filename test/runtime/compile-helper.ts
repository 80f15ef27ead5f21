// Compiling small `.kp` sources in tests, so hand-computed cases read like policies.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compile } from '../../compiler/index.js';
import type { RuleGraph } from '../../graph/graph.js';

export function compileKp(text: string, file = 'test.kp'): RuleGraph {
  const r = compile([{ path: file, text }]);
  if (!r.graph) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.message} @${d.span.start}`).join('\n'));
  return r.graph;
}

export function compileFolder(dir: string): RuleGraph {
  const files = readdirSync(dir).filter((f) => f.endsWith('.kp')).sort();
  const r = compile(files.map((f) => ({ path: path.join(dir, f), text: readFileSync(path.join(dir, f), 'utf8') })));
  if (!r.graph) throw new Error(r.diagnostics.map((d) => `${d.span.file} ${d.code} ${d.message}`).join('\n'));
  return r.graph;
}
