// Every documented resource limit, at its bound (accepted) and just past it (refused with a clear, located
// message instead of a stack overflow or memory exhaustion). Nesting and tree depth are in fuzz.test.ts.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.js';
import { MAX_SOURCE_LENGTH } from '../../dsl/index.js';
import { MAX_SOURCE_BYTES } from '../../editor/server/policy-files.js';
import { LOOPBACK, workspaceMiddleware } from '../../editor/server/workspace-plugin.js';
import { checkDataset, evaluate, loadGraph, readJsonDataset, readTables } from '../../runtime/index.js';
import { MAX_RECORDS_PER_LIST, MAX_UNITS, MAX_WHOLE_DATA_BYTES, XLSX_WEIGHT, type RawDataset, type RawUnit } from '../../runtime/data/dataset.js';
import { MAX_GRAPH_DEPTH } from '../../runtime/load-graph.js';
import { MAX_CELL_LENGTH } from '../../runtime/data/value-parse.js';
import { compileKp } from '../runtime/compile-helper.js';
import { repoRoot } from './cases.js';

describe('policy sources', () => {
  const header = 'policy "p" version "1" {}\n';
  const sourceOf = (length: number) => header + '#'.padEnd(length - header.length - 1, 'x') + '\n';
  it(`a file of ${MAX_SOURCE_LENGTH} characters is read; one more is refused with KP0007`, () => {
    expect(sourceOf(MAX_SOURCE_LENGTH).length).toBe(MAX_SOURCE_LENGTH);
    expect(compile([{ path: 'a.kp', text: sourceOf(MAX_SOURCE_LENGTH) }]).diagnostics).toEqual([]);
    const past = compile([{ path: 'a.kp', text: sourceOf(MAX_SOURCE_LENGTH + 1) }], { lang: 'en' }).diagnostics;
    expect(past.map((d) => [d.code, d.span.file, d.span.start, d.message])).toEqual([
      ['KP0007', 'a.kp', 0, `the file has ${MAX_SOURCE_LENGTH + 1} characters; the limit is ${MAX_SOURCE_LENGTH}; split the policy over several files`],
    ]);
  });
});

describe('rule graphs', () => {
  const graph = JSON.parse(readFileSync(path.join(repoRoot, 'test/golden/full-policy.graph.json'), 'utf8'));
  const at = graph.nodes.findIndex((n: { role: string; base?: unknown }) => n.role === 'indicator' && n.base);
  /** The graph with one indicator's base nested `depth` negations deep; its innermost value lies at `3 + depth`. */
  const nested = (depth: number) =>
    JSON.stringify({ ...graph, nodes: graph.nodes.map((n: object, j: number) => (j === at ? { ...n, base: '@@' } : n)) })
      .replace('"@@"', '{"k":"neg","a":'.repeat(depth) + '{"k":"num","v":1}' + '}'.repeat(depth));
  it(`JSON nested ${MAX_GRAPH_DEPTH} deep loads; one level more is refused at its path`, () => {
    const atLimit = loadGraph(nested(MAX_GRAPH_DEPTH - 3));
    expect(atLimit.issues).toEqual([]);
    const past = loadGraph(nested(MAX_GRAPH_DEPTH - 2));
    expect(past.graph).toBeNull();
    expect(past.issues.map((i) => i.message)).toEqual([`规则图 nodes[${at}].base.a.a.a.a.a…：嵌套超过 ${MAX_GRAPH_DEPTH} 层`]);
  });
});

describe('result data', () => {
  const policy = compileKp(`policy "p" version "1" {
  precision 2
}
entity 局
record 发现 {
  件数: count
}
input 局 {
  备注: text missing default ""
  发现: [发现] missing exempt
}
section S for 局 points 10 {
  indicator I points 10 {
    deduct 0.001分 per 发现
  }
}
`);
  const errors = (data: unknown) => evaluate(policy, data).issues.filter((i) => i.severity === 'error').map((i) => i.message);

  it(`a cell of ${MAX_CELL_LENGTH} characters is read; one more is refused at its place`, () => {
    const unit = (n: number) => ({ units: [{ id: '甲', kind: '局', inputs: { 备注: 'x'.repeat(n) } }] });
    expect(errors(unit(MAX_CELL_LENGTH))).toEqual([]);
    expect(errors(unit(MAX_CELL_LENGTH + 1))).toEqual([
      `units[0].inputs.备注 单位「甲」 字段「备注」：单元格有 ${MAX_CELL_LENGTH + 1} 个字符，超过上限 ${MAX_CELL_LENGTH}`,
    ]);
  });

  it(`a record list of ${MAX_RECORDS_PER_LIST} records is read; one more is refused at the list`, () => {
    const unit = (n: number) => ({ units: [{ id: '甲', kind: '局', inputs: { 发现: Array.from({ length: n }, () => ({ 件数: 1 })) } }] });
    const r = evaluate(policy, unit(MAX_RECORDS_PER_LIST));
    expect(r.issues).toEqual([]);
    expect(r.results!.units[0]!.indicators['I']!.score).toBe(0);
    expect(errors(unit(MAX_RECORDS_PER_LIST + 1))).toEqual([
      `units[0].inputs.发现 单位「甲」 字段「发现」：有 ${MAX_RECORDS_PER_LIST + 1} 条记录，超过每个单位每期 ${MAX_RECORDS_PER_LIST} 条的上限`,
    ]);
  }, 60_000);

  it(`${MAX_UNITS} units are checked; one more is refused as a whole`, () => {
    const empty = new Map();
    const period = new Map([['', { at: { path: 'x' }, inputs: empty }]]);
    const units = (n: number): RawDataset => ({
      issues: [],
      units: Array.from({ length: n }, (_, i): RawUnit => ({ id: String(i), kind: '局', name: null, at: { path: `units[${i}]` }, relations: empty, periods: period })),
    });
    const atLimit = checkDataset(policy, units(MAX_UNITS));
    expect([atLimit.units.length, atLimit.issues]).toEqual([MAX_UNITS, []]);
    const past = checkDataset(policy, units(MAX_UNITS + 1));
    expect(past.units).toEqual([]);
    expect(past.issues.map((i) => [i.code, i.message])).toEqual([['KR240', `(根)：数据有 ${MAX_UNITS + 1} 个单位，超过上限 ${MAX_UNITS}；请分批考评`]]);
  }, 120_000);

  it(`${MAX_WHOLE_DATA_BYTES} bytes of data are read whole; more are refused with KR243, pointing to streaming`, () => {
    const refusal = (bytes: number) => [['KR243', `(数据)：数据约 ${Math.ceil(bytes / 2 ** 20)} MiB，超过整体读取的上限 40 MiB：请用流式读取（CSV，kaoping eval --stream）`]];
    const codes = (r: RawDataset) => r.issues.map((i) => [i.code, i.message]);
    // One row whose one cell takes the rest of the bound: read (and its cell refused as too long), not refused whole.
    const head = 'id,x\n局1,';
    const csv = (bytes: number) => new TextEncoder().encode(head + 'y'.repeat(bytes - head.length - 2)); // 局 is 3 bytes in UTF-8, 1 character
    expect(csv(MAX_WHOLE_DATA_BYTES).length).toBe(MAX_WHOLE_DATA_BYTES);
    expect(codes(readTables(policy, [{ name: '局.csv', bytes: csv(MAX_WHOLE_DATA_BYTES) }])).map(([c]) => c)).not.toContain('KR243');
    expect(codes(readTables(policy, [{ name: '局.csv', bytes: csv(MAX_WHOLE_DATA_BYTES + 1) }]))).toEqual(refusal(MAX_WHOLE_DATA_BYTES + 1));
    // Files together; a workbook weighs XLSX_WEIGHT times its (compressed) size.
    const half = csv(MAX_WHOLE_DATA_BYTES / 2 + 1);
    expect(codes(readTables(policy, [{ name: '局.csv', bytes: half }, { name: '局.记录.csv', bytes: half }]))).toEqual(refusal(2 * half.length));
    const book = new Uint8Array(MAX_WHOLE_DATA_BYTES / XLSX_WEIGHT + 1);
    expect(codes(readTables(policy, [{ name: '局.xlsx', bytes: book }]))).toEqual(refusal(book.length * XLSX_WEIGHT));
    expect(codes(readJsonDataset(' '.repeat(MAX_WHOLE_DATA_BYTES + 1)))).toEqual(refusal(MAX_WHOLE_DATA_BYTES + 1));
  }, 60_000);
});

describe('editor saves', () => {
  let root: string;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'kp-limits-'));
    await mkdir(path.join(root, 'policies/demo'), { recursive: true });
    await writeFile(path.join(root, 'policies/demo/main.kp'), 'original');
    const handle = workspaceMiddleware(root);
    server = createServer((req, res) => handle(req, res, () => ((res.statusCode = 404), res.end())));
    await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
    base = `http://${LOOPBACK}:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(root, { recursive: true, force: true });
  });
  const save = (body: string) =>
    fetch(`${base}/api/files/policies/demo/main.kp`, { method: 'PUT', body, headers: { 'X-Kaoping-Save': '1' } });

  it(`a save of ${MAX_SOURCE_BYTES} bytes is written; one byte more is refused with 413 and the file kept`, async () => {
    const atLimit = 'x'.repeat(MAX_SOURCE_BYTES);
    expect((await save(atLimit)).status).toBe(200);
    expect((await readFile(path.join(root, 'policies/demo/main.kp'), 'utf8')).length).toBe(MAX_SOURCE_BYTES);
    const past = await save(`${atLimit}y`);
    expect([past.status, await past.text()]).toEqual([413, `文件超过 ${MAX_SOURCE_BYTES} 字节上限`]);
    expect(await readFile(path.join(root, 'policies/demo/main.kp'), 'utf8')).toBe(atLimit);
  });
});
