// Evaluating a policy where its data is: check the tables, plan the run as the runtime does, run the
// generated SQL, then gather each unit's values into the runtime's state, where the tiers are allotted and
// the units ranked, and the results built, by the reference's own code (byte-identical output).
import type { GraphNode, RuleGraph, TiersNode } from '../graph/graph.js';
import { SINGLE_PERIOD, type DatasetUnit } from '../runtime/data/dataset.js';
import { newState, plan as planRun, type Plan } from '../runtime/evaluation/evaluate.js';
import { message } from '../messages/index.js';
import { dataIssue, hasErrors, type RuntimeIssue } from '../runtime/issues.js';
import { emptyColumn, markNotInPeriod } from '../runtime/evaluation/node-eval.js';
import { reportFailure } from '../runtime/evaluation/state.js';
import { buildResults, type Results } from '../runtime/results/results.js';
import { kindUnits, type Column, type EvalState } from '../runtime/evaluation/state.js';
import { computeRanks, evaluateTiers, type TierConditions } from '../runtime/evaluation/tiers.js';
import type { Cell, Database } from './database.js';
import { quoteIdent } from './dialect.js';
import { generate, type PassSql, type Script } from './generate.js';
import { EngineError, sqlIssue } from './messages.js';
import { ID, NAME, PERIOD, UNIT, policyTables, type TableSet } from './tables.js';

export interface SqlEvaluation {
  results: Results | null;
  issues: RuntimeIssue[];
  /** the final state, for callers that read more than the results (the individuals' shares) */
  state: EvalState | null;
  /** the passes as run (where each node's values are) and the run's plan, for an explanation */
  passes?: PassSql[];
  plan?: Plan;
}

export interface SqlEvaluateOptions {
  period?: string;
  /** issues found before the data reached the database (the reader's warnings) */
  issues?: RuntimeIssue[];
}

interface Prepared {
  plan: Plan;
  tables: TableSet;
  columns: Map<string, Set<string>>;
  periodic: boolean;
  issues: RuntimeIssue[];
}

/** The tables the policy needs, checked; the data's periods; the run planned. */
async function prepare(db: Database, graph: RuleGraph, period: string | undefined, issues: RuntimeIssue[]): Promise<Prepared | null> {
  const tables = policyTables(graph);
  const columns = await db.catalog();
  const problems: RuntimeIssue[] = [];
  for (const k of tables.kinds.values()) {
    const cols = columns.get(k.table);
    if (!cols) problems.push(sqlIssue('KR504', [k.table], { kind: k.kind }));
    else if (!cols.has(ID)) problems.push(sqlIssue('KR505', [k.table, ID], { kind: k.kind }));
  }
  for (const l of tables.lists.values()) {
    const cols = columns.get(l.table);
    if (cols && !cols.has(UNIT)) problems.push(sqlIssue('KR505', [l.table, UNIT], { kind: l.kind }));
  }
  if (problems.length > 0) throw new EngineError(problems);
  const kinds = [...tables.kinds.values()];
  const periodic = kinds.some((k) => columns.get(k.table)!.has(PERIOD));
  let periods = [SINGLE_PERIOD];
  if (periodic) {
    const missing = kinds.filter((k) => !columns.get(k.table)!.has(PERIOD));
    if (missing.length > 0) throw new EngineError(missing.map((k) => sqlIssue('KR505', [k.table, PERIOD], { kind: k.kind })));
    const union = kinds.map((k) => `SELECT DISTINCT CAST(${quoteIdent(PERIOD)} AS VARCHAR) FROM ${quoteIdent(k.table)}`).join(' UNION ');
    periods = (await db.query(union)).map((r) => r[0] ?? '').sort();
  }
  const plan = planRun(graph, periods, period, issues);
  if (!plan) return null;
  return { plan, tables, columns, periodic, issues };
}

/** Units twice in a period, units without data for a pass's period, inputs that must not be missing. */
async function checkData(db: Database, graph: RuleGraph, p: Prepared): Promise<RuntimeIssue[]> {
  const out: RuntimeIssue[] = [];
  const id = quoteIdent(ID);
  for (const k of p.tables.kinds.values()) {
    const t = quoteIdent(k.table);
    const per = p.periodic ? `, CAST(${quoteIdent(PERIOD)} AS VARCHAR)` : '';
    const dup = await db.query(`SELECT CAST(${id} AS VARCHAR)${per} FROM ${t} GROUP BY ${id}${per} HAVING COUNT(*) > 1 ORDER BY 1 LIMIT 100`);
    for (const [unit, period] of dup) out.push(sqlIssue('KR508', [k.table, unit!, period ?? ''], { unit: unit!, kind: k.kind, file: k.table }));
    const blank = await db.query(`SELECT COUNT(*) FROM ${t} WHERE ${id} IS NULL`);
    if (Number(blank[0]![0]) > 0) out.push(dataIssue('KR215', message('KR215', 'id'), { file: k.table, column: ID }));
  }
  if (out.length > 0) return out;
  for (const pass of [...p.plan.parts, p.plan.final]) {
    const kinds = new Set(pass.nodes.map((n) => n.kind));
    for (const k of p.tables.kinds.values()) {
      if (!kinds.has(k.kind)) continue;
      const t = quoteIdent(k.table);
      const needed = pass.nodes.filter((n) => n.role === 'input' && n.kind === k.kind && n.missing.kind === 'error' && n.type.t !== 'list');
      if (p.periodic) {
        const absent = await db.query(
          `SELECT DISTINCT CAST(${id} AS VARCHAR) FROM ${t} WHERE ${id} NOT IN (SELECT ${id} FROM ${t} WHERE ${quoteIdent(PERIOD)} = $1) ORDER BY 1 LIMIT 1000`,
          [pass.dataPeriod],
        );
        for (const [unit] of absent) out.push(dataIssue('KR232', message('KR232', 'missing', { period: pass.dataPeriod }), { file: k.table }, { unit: unit!, kind: k.kind }));
      }
      for (const n of needed) {
        const col = p.columns.get(k.table)!.has(n.name) ? quoteIdent(n.name) : null;
        const where = p.periodic ? `${quoteIdent(PERIOD)} = $1` : 'TRUE';
        const rows = await db.query(
          `SELECT CAST(${id} AS VARCHAR) FROM ${t} WHERE ${where}${col ? ` AND ${col} IS NULL` : ''} ORDER BY 1 LIMIT 1000`,
          p.periodic ? [pass.dataPeriod] : [],
        );
        const text = message('KR230', col ? 'emptyCell' : 'missing');
        for (const [unit] of rows) out.push(dataIssue('KR230', text, { file: k.table, ...(col ? { column: n.name } : {}) }, { unit: unit!, kind: k.kind, field: n.name }));
      }
    }
  }
  return out;
}

/** The script of a run, for `build --to sql` (the same statements `evaluateInDatabase` runs). */
export function scriptFor(graph: RuleGraph, p: Prepared, db: Pick<Database, 'dialect'>): Script {
  return generate(graph, p.plan, { dialect: db.dialect, tables: p.tables, periodic: p.periodic, columns: p.columns });
}

/** Evaluate the policy over the tables of a database. Bad data comes back as issues, never as a driver's error. */
export async function evaluateInDatabase(db: Database, graph: RuleGraph, opts: SqlEvaluateOptions = {}): Promise<SqlEvaluation> {
  const issues: RuntimeIssue[] = [...(opts.issues ?? [])];
  const none = (): SqlEvaluation => ({ results: null, issues, state: null });
  const p = await prepare(db, graph, opts.period, issues);
  if (!p) return none();
  issues.push(...(await checkData(db, graph, p)));
  if (hasErrors(issues)) return none();
  const script = scriptFor(graph, p, db);
  for (const s of script.statements) await db.run(s.sql, s.params);
  const final = script.passes[script.passes.length - 1]!;
  const state = await gather(db, graph, p, final);
  const failures = await failuresOf(db, graph, state, script.passes);
  if (failures.length > 0) {
    issues.push(...failures);
    return none();
  }
  for (const node of final.pass.nodes) if (node.role === 'tiers' && !final.pass.scope?.notInPeriod.has(node.id)) await allotTiers(db, state, node, final);
  computeRanks(state);
  if (state.errors.length > 0) {
    issues.push(...state.errors);
    return none();
  }
  issues.push(...state.warnings);
  return { results: buildResults(state, p.plan.label, new Map(), issues, false), issues, state, passes: script.passes, plan: p.plan };
}

/** The tiers allotted by the runtime's walk over the ranked units, with the conditions worked out in SQL. */
async function allotTiers(db: Database, state: EvalState, node: TiersNode, final: PassSql): Promise<void> {
  const c = final.tierConditions.get(node.id)!;
  const ku = kindUnits(state, node.kind);
  const n = ku.ids.length;
  const names = [...c.vetoes, ...c.gates, ...c.tiers.filter((x): x is string => x !== null)];
  const columns = names.map(() => new Float64Array(n).fill(NaN));
  if (names.length > 0) {
    const rows = await db.query(`SELECT CAST(${quoteIdent(ID)} AS VARCHAR), ${names.join(', ')} FROM ${c.table}`);
    for (const row of rows) {
      const i = ku.index.get(row[0]!)!;
      names.forEach((_, k) => (columns[k]![i] = row[k + 1] === null || row[k + 1] === undefined ? NaN : Number(row[k + 1])));
    }
  }
  let k = 0;
  const known: TierConditions = {
    vetoes: c.vetoes.map(() => columns[k++]!),
    gates: c.gates.map(() => columns[k++]!),
    tiers: c.tiers.map((x) => (x === null ? null : columns[k++]!)),
  };
  const col: Column = { t: 'enum', v: new Float64Array(n).fill(NaN), values: (node.type as { values: string[] }).values };
  const flags = new Uint8Array(n);
  state.columns.set(node.id, col);
  state.flags.set(node.id, flags);
  evaluateTiers(state, node, col, flags, known);
}

/** Values of the final pass read back into the runtime's columns, one kind at a time. */
async function gather(db: Database, graph: RuleGraph, p: Prepared, final: PassSql): Promise<EvalState> {
  const units: DatasetUnit[] = [];
  const names = new Map<string, (string | null)[]>();
  for (const k of graph.kinds) {
    const rows = await db.query(`SELECT CAST(${quoteIdent(ID)} AS VARCHAR), CAST(${quoteIdent(NAME)} AS VARCHAR) FROM ${final.units.get(k.name)!}`);
    rows.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
    for (const [id, name] of rows) units.push({ id: id!, kind: k.name, name: name ?? null, at: {}, relations: new Map(), periods: new Map() });
    names.set(k.name, rows.map((r) => r[1] ?? null));
  }
  const state = newState(graph, units, final.pass, new Map());
  const refs: [GraphNode, Column & { t: 'ref' }, (string | null)[]][] = [];
  // The nodes by the table that holds them: one read of each table, every node's value and status.
  const byTable = new Map<string, { node: GraphNode; v: string; f: string }[]>();
  for (const node of graph.nodes) {
    const c = final.nodes.get(node.id);
    if (!c || node.type.t === 'list' || node.role === 'tiers') continue;
    if ('constant' in c) {
      markNotInPeriod(state, node);
      continue;
    }
    byTable.set(c.table, [...(byTable.get(c.table) ?? []), { node, v: c.v, f: c.f }]);
  }
  for (const [table, nodes] of byTable) {
    const ku = kindUnits(state, nodes[0]!.node.kind);
    // A number comes as the double it reads as where the database converts it exactly, else as text.
    const cols = nodes.map((x) => {
      const t = x.node.type.t;
      // Scored nodes are rounded to DECIMAL(38,12) in SQL; a value node's places are its expression's.
      const numeric = (t === 'num' || t === 'bool' || t === 'date') && x.node.role !== 'value';
      const [dbl, text] = numeric ? db.dialect.readNumber(x.v) : ['NULL', `CAST(${x.v} AS VARCHAR)`];
      return `${dbl}, ${text}, ${x.f}`;
    });
    const columns = await db.columns(`SELECT CAST(${quoteIdent(ID)} AS VARCHAR), ${cols.join(', ')} FROM ${table}`);
    const at = (columns[0] ?? []).map((id) => ku.index.get(id as string)!);
    nodes.forEach(({ node }, k) => {
      const n = ku.ids.length;
      const flags = new Uint8Array(n);
      const col = emptyColumn(node, n);
      const texts = new Array<string | null>(n).fill(null);
      const [dbl, text, flag] = [1, 2, 3].map((j) => columns[j + 3 * k] ?? []) as [Cell[], Cell[], Cell[]];
      at.forEach((i, r) => {
        flags[i] = Number(flag[r]);
        const d = dbl[r];
        if (d !== null && d !== undefined) {
          if (col.t === 'num') col.v[i] = Number(d);
          return;
        }
        const value = text[r];
        if (value === null || value === undefined) return;
        if (col.t === 'num') col.v[i] = Number(value);
        else if (col.t === 'enum') col.v[i] = col.values.indexOf(String(value));
        else if (col.t === 'text') col.v[i] = String(value);
        else texts[i] = String(value);
      });
      if (col.t === 'ref') refs.push([node, col, texts]);
      state.columns.set(node.id, col);
      state.flags.set(node.id, flags);
    });
  }
  for (const [node, col, texts] of refs) {
    const target = kindUnits(state, (node.type as { kind: string }).kind);
    texts.forEach((id, i) => (col.v[i] = id === null ? -1 : (target.index.get(id) ?? -1)));
  }
  return state;
}

/** The units whose values cannot be computed, with the runtime's messages (KR301), in node order. */
async function failuresOf(db: Database, graph: RuleGraph, state: EvalState, passes: PassSql[]): Promise<RuntimeIssue[]> {
  state.errors = [];
  for (const node of graph.nodes) {
    for (const pass of passes) {
      const link = pass.linkFailures.get(node.id);
      if (link && node.role === 'link') {
        const source = { ...node, kind: node.sourceKind };
        const ku = kindUnits(state, node.sourceKind);
        for (const [id, why] of (await db.query(link)).sort(byFirst)) reportFailure(state, source, ku.index.get(id!)!, why!);
      }
      const c = pass.nodes.get(node.id);
      if (!c || 'constant' in c || !c.e) continue;
      const ku = kindUnits(state, node.kind);
      const rows = await db.query(`SELECT CAST(${quoteIdent(ID)} AS VARCHAR), ${c.e} FROM ${c.table} WHERE ${c.e} IS NOT NULL`);
      for (const [id, why] of rows.sort(byFirst)) reportFailure(state, node, ku.index.get(id!)!, why!);
    }
  }
  const out = state.errors;
  state.errors = [];
  return out;
}

const byFirst = (a: (string | null)[], b: (string | null)[]) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0);

/**
 * The script for data in the policy's full table layout (every column there), without a database: what
 * `kaoping build --to sql` prints. With a period, the tables have a period column and the run is planned
 * for it (an aggregated period reads its parts too).
 */
export function layoutScript(graph: RuleGraph, db: Pick<Database, 'dialect'>, period: string | undefined): Script | RuntimeIssue[] {
  const tables = policyTables(graph);
  const periodic = period !== undefined;
  const columns = new Map<string, Set<string>>();
  for (const k of tables.kinds.values())
    columns.set(k.table, new Set([ID, NAME, ...(periodic ? [PERIOD] : []), ...k.relations.map((r) => r.name), ...k.inputs.filter((i) => i.type.t !== 'list').map((i) => i.name)]));
  for (const l of tables.lists.values()) columns.set(l.table, new Set([UNIT, ...(periodic ? [PERIOD] : []), ...l.record.fields.map((x) => x.name)]));
  const issues: RuntimeIssue[] = [];
  const parts = graph.periods.find((p) => p.period === period)?.parts ?? [];
  const p = planRun(graph, periodic ? [period, ...parts] : [SINGLE_PERIOD], period, issues);
  if (!p) return issues;
  return scriptFor(graph, { plan: p, tables, columns, periodic, issues }, db);
}

/** A script as text: each statement ended, its parameters (the periods) said in a comment above it. */
export function scriptText(script: Script): string {
  return script.statements
    .map((s) => (s.params.length ? `-- ${s.params.map((x, i) => `$${i + 1} = ${JSON.stringify(x)}`).join(', ')}\n` : '') + `${s.sql};\n`)
    .join('\n');
}
