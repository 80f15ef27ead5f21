// PATH → compiled rule graph, with the diagnostics rendered against the sources they came from.
import { compile } from '../compiler/index.js';
import type { RuleGraph } from '../graph/graph.js';
import { positionAt, type Diagnostic, type FixEdit } from '../dsl/diagnostics.js';
import { codePage, cliMessage } from '../messages/index.js';
import { InputError, langOf, type CliContext } from './context.js';
import { readPolicy, type PolicySource } from './policy-source.js';
import { counts, renderDiagnostics } from './render-diagnostics.js';

export interface CompiledPolicy {
  spec: string;
  sources: PolicySource[];
  graph: RuleGraph | null;
  diagnostics: Diagnostic[];
  texts: Map<string, string>;
}

export function compileSources(ctx: CliContext, spec: string, sources: PolicySource[]): CompiledPolicy {
  const result = compile(sources, { lang: langOf(ctx) });
  return {
    spec,
    sources,
    graph: result.graph,
    diagnostics: result.diagnostics,
    texts: new Map(sources.map((s) => [s.path, s.text])),
  };
}

export async function compilePolicy(ctx: CliContext, spec: string): Promise<CompiledPolicy> {
  const { sources } = await readPolicy(ctx, spec);
  return compileSources(ctx, spec, sources);
}

/** The compiled graph, its diagnostics printed; on errors the command fails with exit code 1. */
export function graphOrFail(ctx: CliContext, compiled: CompiledPolicy): RuleGraph {
  const shown = compiled.diagnostics.filter((d) => d.severity !== 'info');
  if (shown.length > 0) ctx.err(renderDiagnostics(ctx, shown, compiled.texts));
  if (!compiled.graph) throw new InputError(cliMessage('notCompiled', { spec: compiled.spec, ...counts(compiled.diagnostics) }));
  return compiled.graph;
}

function placedEdit(c: CompiledPolicy, e: FixEdit) {
  const text = c.texts.get(e.span.file) ?? '';
  const start = positionAt(text, e.span.start);
  const end = positionAt(text, e.span.end);
  return { file: e.span.file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, text: e.text };
}

/** Diagnostics as data: file, line and column (1-based) of start and end, severity, code, message, help, fixes, text, page. */
export function diagnosticsData(c: CompiledPolicy) {
  return c.diagnostics.map((d) => {
    const text = c.texts.get(d.span.file) ?? '';
    const start = positionAt(text, d.span.start);
    const end = positionAt(text, d.span.end);
    return {
      file: d.span.file,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(d.help ? { help: d.help } : {}),
      // Quick fixes with their edits placed like the diagnostic (`check --fix` applies the unambiguous ones).
      ...(d.fixes?.length ? { fixes: d.fixes.map((f) => ({ title: f.title, unambiguous: f.unambiguous, edits: f.edits.map((e) => placedEdit(c, e)) })) } : {}),
      // The sentence's key and parameters, for a consumer that renders it in another language (messages/).
      text: d.text,
      page: codePage(d.code),
    };
  });
}
