// Explaining one unit where its data is: the engine evaluates the policy (every unit: ranks, tiers and peer
// figures need them all) and the values come back as for `eval --engine`; then only this unit's records (and
// those of the units whose linked deductions reach it) and its scores in the parts of an aggregated period
// are read out of the database, and the runtime's explanation is built over that state — the same trace as
// `explain` on files.
import type { GraphNode, LinkNode, RuleGraph } from '../graph/graph.js';
import type { Explanation } from '../runtime/explanation/explain.js';
import { explainEvaluated } from '../runtime/explanation/explain.js';
import { parseScalar, fieldValue, type DataRow } from '../runtime/data/value-parse.js';
import { EXEMPT, FAILED, kindUnits, type Column, type EvalState } from '../runtime/evaluation/state.js';
import type { Plan } from '../runtime/evaluation/evaluate.js';
import type { Database } from './database.js';
import { quoteIdent } from './dialect.js';
import { evaluateInDatabase, type SqlEvaluateOptions } from './engine.js';
import type { PassSql } from './generate.js';
import { ID, UNIT } from './tables.js';

export interface SqlExplainOptions extends SqlEvaluateOptions {
  /** only this indicator's explanation */
  indicator?: string;
}

/** Units' explanations from one evaluation in the database, in the order given (each unit's records read for it). */
export async function explainInDatabase(db: Database, graph: RuleGraph, units: string[], opts: SqlExplainOptions = {}): Promise<Explanation[]> {
  const evaluated = await evaluateInDatabase(db, graph, opts);
  const { state, passes, plan } = evaluated;
  if (!state || !passes || !plan) return units.map(() => ({ trace: null, issues: evaluated.issues }));
  const final = passes[passes.length - 1]!;
  const only = opts.indicator !== undefined ? { indicator: opts.indicator } : {};
  const out: Explanation[] = [];
  for (const unit of units) {
    const kind = [...state.kinds].find(([, ku]) => ku.index.has(unit))?.[0];
    if (kind !== undefined) {
      await fillRecords(db, graph, state, final, kind, unit);
      await fillPartScores(db, state, plan, passes, kind, unit);
    }
    const e = explainEvaluated(state, unit, only, plan.label);
    out.push({ trace: e.trace, issues: [...evaluated.issues, ...e.issues] });
  }
  return out;
}

/** The units whose records an explanation of `unit` reads, by record-list input: its own, and the linked sources'. */
function readers(graph: RuleGraph, state: EvalState, kind: string, unit: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (list: string, id: string) => out.set(list, (out.get(list) ?? new Set()).add(id));
  for (const node of graph.nodes) if (node.role === 'input' && node.kind === kind && node.type.t === 'list') add(node.id, unit);
  const i = kindUnits(state, kind).index.get(unit)!;
  for (const node of graph.nodes) {
    if (node.role !== 'link' || node.kind !== kind || !(node as LinkNode).list) continue;
    const link = node as LinkNode;
    const rel = state.columns.get(link.relation) as Extract<Column, { t: 'ref' }> | undefined;
    const sources = kindUnits(state, link.sourceKind);
    rel?.v.forEach((j, s) => j === i && add(link.list!, sources.ids[s]!));
  }
  return out;
}

/** The record lists of the units an explanation reads (their rows of the run's period), as the runtime keeps them. */
async function fillRecords(db: Database, graph: RuleGraph, state: EvalState, final: PassSql, kind: string, unit: string): Promise<void> {
  for (const [listId, units] of readers(graph, state, kind, unit)) {
    const node = state.nodes.get(listId) as GraphNode;
    const ku = kindUnits(state, node.kind);
    const column: Column = { t: 'list', v: new Array<DataRow[] | null>(ku.ids.length).fill(null) };
    state.columns.set(listId, column);
    const units_ = [...units];
    // Whether each unit has the list (a list not given is missing), from the pass's units.
    const given = final.nodes.get(listId);
    const flags = new Uint8Array(ku.ids.length);
    state.flags.set(listId, flags);
    if (!given || 'constant' in given) continue;
    const marks = units_.map((_, k) => db.dialect.param(k + 1)).join(', ');
    const rows = await db.query(`SELECT CAST(${quoteIdent(ID)} AS VARCHAR), CAST(${given.v} AS VARCHAR), ${given.f} FROM ${given.table} WHERE CAST(${quoteIdent(ID)} AS VARCHAR) IN (${marks})`, units_);
    const table = final.records.get(listId);
    const spec = graph.records.find((r) => r.name === (node.type as { record: string }).record)!;
    for (const [id, has, flag] of rows) {
      const i = ku.index.get(id!)!;
      flags[i] = Number(flag);
      if (has === null || has === 'false' || !table) continue;
      column.v[i] = await unitRecords(db, table, spec.fields, id!);
    }
  }
}

async function unitRecords(db: Database, table: string, fields: { name: string; type: GraphNode['type'] }[], unit: string): Promise<DataRow[]> {
  const cols = fields.map((x) => `CAST(${quoteIdent(x.name)} AS VARCHAR)`);
  const rows = await db.query(`SELECT ${cols.length ? cols.join(', ') : '1'} FROM ${table} WHERE CAST(${quoteIdent(UNIT)} AS VARCHAR) = ${db.dialect.param(1)}`, [unit]);
  return rows.map((r) => {
    const row: DataRow = Object.create(null);
    fields.forEach((x, k) => {
      const text = r[k];
      if (text === null || text === undefined) return;
      const parsed = parseScalar(x.type, { v: text, tableCell: true });
      if (parsed.ok) row[x.name] = fieldValue(x.type, parsed.value);
    });
    return row;
  });
}

/** An aggregated period's indicators: the unit's score in each part, as the runtime keeps them for the explanation. */
async function fillPartScores(db: Database, state: EvalState, plan: Plan, passes: PassSql[], kind: string, unit: string): Promise<void> {
  if (plan.parts.length === 0) return;
  const ku = kindUnits(state, kind);
  const i = ku.index.get(unit)!;
  for (const node of plan.cadence) {
    if (node.kind !== kind || !state.columns.has(node.id)) continue;
    const scores = plan.parts.map(() => new Float64Array(ku.ids.length).fill(NaN));
    for (const [k, part] of passes.slice(0, plan.parts.length).entries()) {
      const c = part.nodes.get(node.id);
      if (!c || 'constant' in c) continue;
      const [dbl, text] = db.dialect.readNumber(c.v);
      const rows = await db.query(`SELECT ${dbl}, ${text}, ${c.f} FROM ${c.table} WHERE CAST(${quoteIdent(ID)} AS VARCHAR) = ${db.dialect.param(1)}`, [unit]);
      const [d, t, f] = rows[0] ?? [null, null, null];
      const value = d ?? t;
      if (value !== null && value !== undefined && (Number(f) & (EXEMPT | FAILED)) === 0) scores[k]![i] = Number(value);
    }
    const value = state.columns.get(node.id)!.v as Float64Array;
    const own = node.partsBy !== undefined; // the indicator's own aggregation over the parts, not the period's
    state.partScores.set(node.id, { aggregate: node.partsBy ?? plan.aggregate, own, parts: plan.parts.map((p) => p.dataPeriod), scores, value: Float64Array.from(value) });
  }
}
