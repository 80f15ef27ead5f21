// The bundled policies: each compiles clean, its own test blocks pass, its sample data evaluates completely,
// and the results match the reviewed golden file (`UPDATE_GOLDEN=1 npx vitest run test/policies` rewrites it).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.js';
import { formatDiagnostic } from '../../dsl/index.js';
import { evaluate, runTests } from '../../runtime/index.js';
import type { RuleGraph } from '../../graph/graph.js';

const POLICIES = join(import.meta.dirname, '..', '..', 'policies');

interface Bundled {
  folder: string;
  period: string | undefined;
  kinds: Record<string, number>;
}
const BUNDLED: Bundled[] = [
  { folder: 'tax-provincial-2021', period: '2021', kinds: { 省局: 36, 特派办: 18 } },
  { folder: 'tax-provincial-2022', period: '2022', kinds: { 省局: 36, 特派办: 18 } },
  { folder: 'county-individual-2021', period: undefined, kinds: { 部门: 10, 干部: 120 } },
];

function compileFolder(folder: string) {
  const dir = join(POLICIES, folder);
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith('.kp'))
    .sort()
    .map((f) => ({ path: `policies/${folder}/${f}`, text: readFileSync(join(dir, f), 'utf8') }));
  const texts = new Map(sources.map((s) => [s.path, s.text]));
  const result = compile(sources);
  const messages = result.diagnostics.map((d) => formatDiagnostic(d, texts.get(d.span.file) ?? ''));
  return { graph: result.graph, messages };
}

function evaluateSample(b: Bundled, graph: RuleGraph) {
  const data = JSON.parse(readFileSync(join(POLICIES, b.folder, 'data', 'results.json'), 'utf8'));
  return evaluate(graph, data, b.period ? { period: b.period } : {});
}

for (const b of BUNDLED) {
  describe(b.folder, () => {
    const { graph, messages } = compileFolder(b.folder);

    it('compiles without any diagnostic', () => {
      expect(messages).toEqual([]);
      expect(graph).not.toBeNull();
    });

    it('passes every test block of the policy', () => {
      const { results } = runTests(graph!);
      expect(results.length).toBeGreaterThan(10);
      const failed = results.filter((r) => !r.passed).map((r) => `${r.title}: ${r.failures.map((f) => `${f.text} (实际 ${JSON.stringify(f.actual)})`).join('; ')}`);
      expect(failed).toEqual([]);
    });

    it('evaluates the sample data completely', () => {
      const { results, issues } = evaluateSample(b, graph!);
      expect(issues.filter((i) => (i as { severity?: string }).severity !== 'warning')).toEqual([]);
      expect(results).not.toBeNull();
      const json = JSON.parse(JSON.stringify(results));
      const units: { kind?: string }[] = Array.isArray(json.units) ? json.units : Object.values(json.units ?? {});
      const counts: Record<string, number> = {};
      for (const u of units) counts[u.kind ?? '?'] = (counts[u.kind ?? '?'] ?? 0) + 1;
      expect(counts).toEqual(b.kinds);
    });

    it('gives the reviewed golden results on the sample data', () => {
      const { results } = evaluateSample(b, graph!);
      const text = `${JSON.stringify(results, null, 2)}\n`;
      const golden = join(POLICIES, b.folder, 'expected-results.json');
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden)) writeFileSync(golden, text);
      expect(text).toBe(readFileSync(golden, 'utf8'));
    });
  });
}
