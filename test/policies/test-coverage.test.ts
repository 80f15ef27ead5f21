// The bundled policies' tests cover every indicator and at least the share of branches each policy declares
// (`测试覆盖 …` in its 体系.kp): CI fails when a change to a policy or its tests drops below it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { armSites, compile } from '../../compiler/index.js';
import { coveragePercent, meetsMinimum, runTestsWithCoverage } from '../../runtime/policy-tests/test-coverage.js';

const POLICIES = join(import.meta.dirname, '..', '..', 'policies');
const FOLDERS = readdirSync(POLICIES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe.each(FOLDERS)('policies/%s', (folder) => {
  it('declares its coverage minimums and its tests reach them, every indicator included', () => {
    const dir = join(POLICIES, folder);
    const sources = readdirSync(dir).filter((f) => f.endsWith('.kp')).sort().map((f) => ({ path: f, text: readFileSync(join(dir, f), 'utf8') }));
    const graph = compile(sources).graph!;
    expect(graph.testCoverage?.find((m) => m.measure === 'indicators')?.minimum).toBe(1);
    expect(graph.testCoverage?.find((m) => m.measure === 'branches')).toBeDefined();
    const { results, coverage } = runTestsWithCoverage(graph, armSites);
    expect(results.filter((t) => !t.passed).map((t) => t.title)).toEqual([]);
    expect(coverage.indicators.reached).toBe(coverage.indicators.total);
    const below = graph.testCoverage!.filter((m) => !meetsMinimum(coverage[m.measure], m.minimum));
    expect(below.map((m) => `${m.measure}: ${coveragePercent(coverage[m.measure])}% < ${m.minimum * 100}%`)).toEqual([]);
  }, 120_000);
});
