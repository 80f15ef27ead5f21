// Streaming CSV into columns gives the results of reading the same files whole; chunk boundaries, encodings
// and bad rows are handled as whole-file reading handles them, with each problem at its file, row and column.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { compileFolder } from './compile-helper.js';
import { evaluate } from '../../runtime/evaluation/evaluate.js';
import { readTables } from '../../runtime/data/tables.js';
import { checkDataset } from '../../runtime/data/dataset.js';
import { run } from '../../runtime/evaluation/evaluate.js';
import { buildResults } from '../../runtime/results/results.js';
import { ColumnarCsvReader } from '../../runtime/data/columnar-csv.js';
import { CsvRows } from '../../runtime/data/csv-rows.js';
import type { RuleGraph } from '../../graph/graph.js';
import type { RuntimeIssue } from '../../runtime/issues.js';
import { generateColumnar } from '../../bench/generate-data.js';
import { csvTables } from '../../bench/csv-tables.js';
import { render } from '../../messages/index.js';

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
  return evaluate(graph, checkDataset(graph, readTables(graph, files)), { backend: 'reference', ...(period ? { period } : {}) });
}

function streamedResults(graph: RuleGraph, files: Files, size: number) {
  const s = streamed(graph, files, size);
  expect(s.issues).toEqual([]);
  const c = run(graph, s.data!, { backend: 'kernels', ...(s.period ? { period: s.period } : {}) });
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
  }, 60_000); // 10 s was seen on two busy cores
  it.each(['tax-provincial-2021', 'tax-provincial-2022'])('%s, generated data in random chunks (property)', (policy) => {
    const graph = compileFolder(`policies/${policy}`);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 5000 }), (seed, units, size) => {
        same(graph, generatedFiles(graph, units, seed), size);
      }),
      { numRuns: 10 },
    );
  }, 60_000); // 14 s was seen on two busy cores
});

describe('CSV rows from chunks', () => {
  const rowsOf = (bytes: Uint8Array, size: number) => {
    const out: { cells: string[]; row: number }[] = [];
    const problems: string[] = [];
    const rows = new CsvRows({ row: (cells, row) => out.push({ cells, row }), unreadable: (m, row) => problems.push(`${row}: ${render(m, 'en')}`) });
    for (let at = 0; at < bytes.length; at += size) rows.push(bytes.subarray(at, at + size));
    rows.end();
    return { out, problems };
  };
  it('are the rows of parsing the whole text, quoted newlines and CRLF included (property)', () => {
    const cell = fc.oneof(fc.constantFrom('', 'a', '税务', '1.5', 'x"y', 'line\nbreak', 'c,d', ' '), fc.string({ maxLength: 4 }));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.integer({ min: 1, max: 40 }), (table, newline, size) => {
        const text = Papa.unparse(table, { newline });
        // Rows that hold something, with their numbers (blank rows are passed over, but counted).
        const filled = (rows: { cells: string[]; row: number }[]) => rows.filter((r) => r.cells.some((c) => c !== ''));
        const whole = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: false }).data.map((cells, i) => ({ cells, row: i + 1 }));
        expect(filled(rowsOf(new TextEncoder().encode(text), size).out)).toEqual(filled(whole));
      }),
      { numRuns: 300 },
    );
  });
  it('read GB18030 when the first non-ASCII chunk is not UTF-8, and refuse a file that changes encoding', () => {
    const gbk = new Uint8Array([...new TextEncoder().encode('id,name\n'), 0xb1, 0xb1, 0xbe, 0xa9, 0x2c, 0x61, 0x0a]); // 北京,a
    expect(rowsOf(gbk, 3).out.map((r) => r.cells)).toEqual([['id', 'name'], ['北京', 'a']]);
    const mixed = new Uint8Array([...new TextEncoder().encode('id\n北京\n'), 0xb1, 0xb1, 0x0a]);
    expect(rowsOf(mixed, 100).problems).toEqual([]); // one chunk, not UTF-8 as a whole: GB18030, as whole-file reading decides
    expect(rowsOf(mixed, 4).problems).toEqual([expect.stringMatching(/^2: .*UTF-8/)]);
  });
});

describe('problems in streamed CSV', () => {
  const graph = compileFolder('policies/county-individual-2021');
  const files = folder('policies/county-individual-2021/data/csv');
  const edited = (name: string, edit: (text: string) => string): Files =>
    files.map((f) => (f.name === name ? { name, bytes: new TextEncoder().encode(edit(new TextDecoder().decode(f.bytes))) } : f));
  it('name the file, row and column of a bad value, and give no data', () => {
    const bad = edited('干部.csv', (t) => t.split('\n').map((line, i) => (i === 2 ? line.replace(/,(\d+),/, ',二,') : line)).join('\n'));
    const s = streamed(graph, bad, 1000);
    expect(s.data).toBeNull();
    expect(s.issues.map((i) => [i.code, i.file, i.row, i.column])).toEqual([['KR212', '干部.csv', 3, expect.any(String)]]);
  });
  it('a record of a unit no table has, a missing record field, an unknown table', () => {
    const more = [...edited('测评.csv', (t) => `${t}无此人,领导,90\nG001,领导,\n`), { name: '其他.csv', bytes: new TextEncoder().encode('a\n1\n') }];
    const s = streamed(graph, more, 64);
    expect(s.issues.map((i) => i.code).sort()).toEqual(['KR213', 'KR216', 'KR217']);
    expect(s.issues.find((i) => i.code === 'KR217')!.message).toMatch(/^测评\.csv:\d+ .*无此人/);
  });
  it('two periods without one asked for, and a period summed from its parts', () => {
    const tax = compileFolder('policies/tax-provincial-2021');
    const taxFiles = folder('policies/tax-provincial-2021/data/csv');
    expect(streamed(tax, taxFiles, 1 << 16).issues.map((i) => i.code)).toContain('KR231');
    expect(streamed(tax, taxFiles, 1 << 16, '2021').issues.map((i) => i.message)).toEqual([expect.stringMatching(/「2021」由 2021Q1、2021Q2、2021Q3、2021Q4 汇总/)]);
  });
});
