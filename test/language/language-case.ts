// Shared checks for the language constructs' tests: evaluate a small policy on hand-written data with the
// reference evaluator, insist the kernels (JSON and columnar paths) give the same bytes, and compare
// explanations with goldens beside the tests (`UPDATE_GOLDEN=1` rewrites them).
import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import { compile } from '../../compiler/index.js';
import { semanticDiff, type ItemChange } from '../../review/semantic-diff.js';
import { evaluate, explain, renderTrace } from '../../runtime/index.js';
import type { RuleGraph } from '../../graph/graph.js';
import type { DataValue } from '../../graph/graph.js';
import { BACKENDS, type BackendName } from '../../runtime/evaluation/evaluate.js';
import type { UnitResults } from '../../runtime/results/results-schema.js';

export function policy(text: string): RuleGraph {
  const r = compile([{ path: 'p.kp', text }]);
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return r.graph!;
}

export type Rows = Record<string, Record<string, DataValue>>;

/** Units of `kind` (all of one kind unless `kinds` says otherwise), as evaluate() reads them. */
export function data(kind: string, rows: Rows, kinds: Record<string, string> = {}, relations: Record<string, Record<string, string>> = {}) {
  return {
    units: Object.entries(rows).map(([id, inputs]) => ({
      id, kind: kinds[id] ?? kind, inputs, ...(relations[id] ? { relations: relations[id] } : {}),
    })),
  };
}

/** The results by unit, after checking every backend agrees with the reference evaluator byte for byte. */
export function results(graph: RuleGraph, input: unknown, opts: { period?: string } = {}): Map<string, UnitResults> {
  const reference = evaluate(graph, input as never, { ...opts, backend: 'reference' });
  expect(reference.issues.filter((i) => i.severity === 'error')).toEqual([]);
  for (const backend of Object.keys(BACKENDS) as BackendName[])
    expect([backend, JSON.stringify(evaluate(graph, input as never, { ...opts, backend }))]).toEqual([backend, JSON.stringify(reference)]);
  return new Map(reference.results!.units.map((u) => [u.id, u]));
}

/** One number per unit, by a reader of its results. */
export function column(r: Map<string, UnitResults>, read: (u: UnitResults) => unknown): Record<string, unknown> {
  return Object.fromEntries([...r].map(([id, u]) => [id, read(u)]));
}

const GOLDEN = new URL('./golden/', import.meta.url);

/** A unit's whole explanation, compared with `golden/<file>`. */
export function explanationGolden(file: string, graph: RuleGraph, input: unknown, unit: string, opts: { period?: string } = {}): void {
  const text = renderTrace(explain(graph, input as never, unit, opts).trace!) + '\n';
  const path = new URL(file, GOLDEN);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, text);
  expect(text).toBe(readFileSync(path, 'utf8'));
}

/** The semantic diff's change of the item named `name`. */
export function changeOf(before: string, after: string, name: string): ItemChange | undefined {
  return semanticDiff(policy(before), policy(after)).changes.find((c) => c.name === name);
}
