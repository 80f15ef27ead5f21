// What the SQL engines say about tables that are not right, and about constructs they cannot evaluate:
// located messages and refusals, never a driver's stack trace, never other results.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileFolder } from '../runtime/compile-helper.js';
import { checkDataset } from '../../runtime/data/dataset.js';
import { readTables } from '../../runtime/data/tables.js';
import type { GExpr, RuleGraph } from '../../graph/graph.js';
import { openDuckDb } from '../../sql/duckdb.js';
import { loadDataset } from '../../sql/load-dataset.js';
import { evaluateInDatabase } from '../../sql/engine.js';
import { EngineError, Unsupported } from '../../sql/messages.js';
import { decimalLiteral, duckdb, quoteIdent, quoteText } from '../../sql/dialect.js';

const graph = compileFolder('policies/county-individual-2021');
const dir = 'policies/county-individual-2021/data/csv';
const ds = checkDataset(graph, readTables(graph, readdirSync(dir).map((name) => ({ name, bytes: new Uint8Array(readFileSync(`${dir}/${name}`)) }))));

async function loaded(change: string[], g: RuleGraph = graph) {
  const db = await openDuckDb();
  await loadDataset(db, g, ds);
  for (const sql of change) await db.run(sql);
  return db;
}

async function problems(change: string[]) {
  const db = await loaded(change);
  try {
    const r = await evaluateInDatabase(db, graph);
    return r.issues.filter((i) => i.severity === 'error');
  } catch (e) {
    if (e instanceof EngineError) return e.issues;
    throw e;
  } finally {
    await db.close();
  }
}

describe('tables that are not right', () => {
  it('a missing table is named (KR504)', async () => {
    const issues = await problems(['DROP TABLE "部门"']);
    expect(issues.map((i) => [i.code, i.message])).toEqual([['KR504', '数据库中缺少表「部门」']]);
  });
  it('a missing id column is named (KR505)', async () => {
    const issues = await problems(['ALTER TABLE "干部" RENAME COLUMN "id" TO "编码"']);
    expect(issues.map((i) => [i.code, i.message])).toEqual([['KR505', '表「干部」缺少列「id」']]);
  });
  it('a unit twice is located by table and unit (KR508)', async () => {
    const issues = await problems([`INSERT INTO "部门" SELECT * FROM "部门" WHERE "id" = (SELECT MIN("id") FROM "部门")`]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'KR508', kind: '部门', file: '部门' });
  });
  it('a value that must not be missing is located by table, unit and column (KR230)', async () => {
    const input = graph.nodes.find((n) => n.role === 'input' && n.kind === '干部' && n.missing.kind === 'error' && n.type.t === 'num')!;
    const issues = await problems([`UPDATE "干部" SET ${quoteIdent(input.name)} = NULL WHERE "id" = (SELECT MIN("id") FROM "干部")`]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'KR230', kind: '干部', file: '干部', column: input.name, field: input.name });
  });
  it('a column of the wrong type is the database\'s message, not a stack trace (KR506)', async () => {
    const input = graph.nodes.find((n) => n.role === 'input' && n.kind === '干部' && n.type.t === 'num')!;
    const col = quoteIdent(input.name);
    const issues = await problems([`ALTER TABLE "干部" ALTER COLUMN ${col} TYPE VARCHAR`, `UPDATE "干部" SET ${col} = 'x' WHERE "id" = (SELECT MIN("id") FROM "干部")`]);
    expect(issues.map((i) => i.code)).toEqual(['KR506']);
    expect(issues[0]!.message).not.toMatch(/\n\s+at /);
  });
});

describe('constructs the SQL engines do not evaluate yet', () => {
  it('are refused by name (KR501) before anything runs', async () => {
    // A record list read through a relation: the compiler does not write one today, a graph from elsewhere may.
    const g = structuredClone(graph) as RuleGraph;
    const rel = g.nodes.find((n) => n.role === 'relation')!;
    let changed = false;
    const visit = (e: GExpr | null): void => {
      if (!e || changed) return;
      if (e.k === 'agg' && e.list.k === 'node') {
        e.list = { k: 'rel', rel: rel.id, id: e.list.id };
        changed = true;
      }
      for (const x of Object.values(e)) if (x && typeof x === 'object' && 'k' in x) visit(x as GExpr);
    };
    for (const n of g.nodes) if (n.role === 'value') visit(n.expr);
    for (const n of g.nodes) if (n.role === 'indicator') visit(n.base);
    expect(changed).toBe(true);
    const db = await loaded([], g);
    await expect(evaluateInDatabase(db, g)).rejects.toThrow(Unsupported);
    await expect(evaluateInDatabase(db, g)).rejects.toThrow(/KR501|SQL 引擎尚不支持：经关联读取的记录列表/);
    await db.close();
  });
});

describe('quoting and literals', () => {
  it('doubles quotes in identifiers and texts, and refuses NUL', () => {
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(quoteText("a'b")).toBe("'a''b'");
    expect(() => quoteIdent('a\u0000')).toThrow(RangeError);
  });
  it('writes numbers as exact decimal literals', () => {
    expect(decimalLiteral(0.1, duckdb)).toBe('CAST(0.1 AS DECIMAL(38,12))');
    expect(decimalLiteral(1.5e-7, duckdb)).toBe('CAST(0.00000015 AS DECIMAL(38,12))');
    expect(decimalLiteral(1e21, duckdb)).toBe('CAST(1000000000000000000000 AS DECIMAL(38,12))');
    expect(() => decimalLiteral(NaN, duckdb)).toThrow(RangeError);
  });
});
