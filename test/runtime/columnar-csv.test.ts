// Streaming CSV into columns gives the results of reading the same files whole; chunk boundaries, encodings
// and bad rows are handled as whole-file reading handles them, with each problem at its file, row and column.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { compileFolder } from './compile-helper.js';
import { evaluate } from '../../runtime/evaluate.js';
import { readTables } from '../../runtime/tables.js';
import { checkDataset } from '../../runtime/dataset.js';
import { compileKernels } from '../../runtime/kernels.js';
import { evaluateColumnar } from '../../runtime/columnar-dataset.js';
import { buildResults } from '../../runtime/results.js';
import { ColumnarCsvReader } from '../../runtime/columnar-csv.js';
import { CsvRows } from '../../runtime/csv-rows.js';
import type { RuleGraph } from '../../runtime/graph.js';
import type { RuntimeIssue } from '../../runtime/issues.js';
import { generateColumnar } from '../../bench/generate-data.js';
import { csvTables } from '../../bench/csv-tables.js';

type Files = { name: string; bytes: Uint8Array }[];

function folder(dir: string): Files {
  return readdirSync(dir).filter((f) => f.endsWith('.csv')).sort().map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(dir, name))) }));
}

/** Stream the files in chunks of `size` bytes. */
function streamed(graph: RuleGraph, files: Files, size: number, period: string | null = null) {
  const reader = new ColumnarCsvReader(graph, period);
  for (const f of files) {
    const sink = reader.file(f.name);
    for (let at = 0; at < f.bytes.length; at += size) sink.push(f.bytes.subarray(at, at + size));
    sink.end();
  }
  return reader.finish();
}

function generatedFiles(graph: RuleGraph, units: number, seed: number): Files {
  const texts = new Map<string, string>();
  for (const p of csvTables(graph, generateColumnar(graph, units, seed), 7)) texts.set(p.file, (texts.get(p.file) ?? '') + p.text);
  return [...texts].map(([name, text]) => ({ name, bytes: new TextEncoder().encode(text) }));
}

/** The reference: the same files read whole, evaluated by the reference evaluator. */
function wholeFile(graph: RuleGraph, files: Files, period?: string) {
  return evaluate(graph, checkDataset(graph, readTables(graph, files)), period ? { period } : {});
}

function streamedResults(graph: RuleGraph, files: Files, size: number) {
  const s = streamed(graph, files, size);
  expect(s.issues).toEqual([]);
  const c = evaluateColumnar(graph, s.data!, compileKernels(graph), s.period ?? undefined);
  return { results: c.state ? buildResults(c.state, s.period, new Map(), c.issues, false) : null, errors: errorsOf(c.issues) };
}

/** An evaluation's errors, as a set (the two paths may meet them in another order). */
function errorsOf(issues: RuntimeIssue[]): string[] {
  return [...new Set(issues.filter((i) => i.severity === 'error').map((i) => i.message))].sort();
}

function same(graph: RuleGraph, files: Files, size: number): void {
  const reference = wholeFile(graph, files);
  const s = streamedResults(graph, files, size);
  expect(s.errors).toEqual(errorsOf(reference.issues));
  expect(JSON.stringify(s.results)).toBe(JSON.stringify(reference.results));
}

describe('streamed CSV gives the results of whole-file reading', () => {
  it('county-individual-2021, its bundled CSV folder, in any chunk size', () => {
    const graph = compileFolder('policies/county-individual-2021');
    const files = folder('policies/county-individual-2021/data/csv');
    for (const size of [1, 7, 4096, 1 << 20]) same(graph, files, size);
  });
  it.each(['tax-provincial-2021', 'tax-provincial-2022'])('%s, generated data in random chunks (property)', (policy) => {
    const graph = compileFolder(`policies/${policy}`);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 5000 }), (seed, units, size) => {
        same(graph, generatedFiles(graph, units, seed), size);
      }),
      { numRuns: 10 },
    );
  });
});
