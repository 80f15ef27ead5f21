// The rule graph as SQL statements: for each pass of a run (each part of an aggregated period, then the
// period itself) one table of units per entity kind read from the data tables, then one table per step,
// a step being the nodes of one kind that only read nodes of earlier steps. Every per-unit rule —
// inputs and their missing-data treatment, values, indicators with their adjustments and linked
// deductions, sections, bonuses, totals, peer statistics (window functions) and indicators averaged from
// their parts — is SQL; what it leaves to the gathering step is the ranking and the tier allotment, which
// walk the units in order (runtime/evaluation/tiers.ts does that on the values read back).
import type { Adjustment, BonusNode, GExpr, GraphNode, IndicatorNode, LinkNode, RuleGraph, SectionNode, TiersNode, TotalNode, ValueType } from '../graph/graph.js';
import type { Pass, Plan } from '../runtime/evaluation/evaluate.js';
import { referencedNodes } from '../graph/graph-schema.js';
import { EXEMPT, FAILED, MISSING, DEFAULTED, NOT_APPLICABLE, NOT_IN_PERIOD, PEER_MEAN } from '../runtime/evaluation/state.js';
import { periodPoints } from '../runtime/evaluation/node-eval.js';
import type { EvalState } from '../runtime/evaluation/state.js';
import { parseScalar } from '../runtime/data/value-parse.js';
import { decimalLiteral, quoteIdent, quoteText, roundSql, snapSql, type Dialect } from './dialect.js';
import { compile, cond, inexact, num, product, typed, type ExprScope, type ListSource, type Sql } from './expressions.js';
import * as Q from '../runtime/evaluation/rational.js';
import { Unsupported } from './messages.js';
import { ID, NAME, PERIOD, UNIT, type TableSet } from './tables.js';
import { liftCalls, worthLifting } from './lift.js';

/** One statement and its parameters (the periods read: data text never goes into SQL). */
export interface Statement {
  sql: string;
  params: string[];
}

/** Where a node's value and status are after a pass: a column of a step table, or the same for every unit. */
export type NodeColumns =
  | { table: string; v: string; f: string; e: string | null }
  | { constant: true; v: 'NULL'; f: number };

export interface PassSql {
  pass: Pass;
  /** by kind: the table of the pass's units (id, name) */
  units: Map<string, string>;
  nodes: Map<string, NodeColumns>;
  /** by link node id: a query of (source unit id, reason) for the sources whose deduction cannot be computed */
  linkFailures: Map<string, string>;
  /** by tiers node id: its conditions per unit (1, 0, or NULL where the gathering step decides) */
  tierConditions: Map<string, TierConditionColumns>;
  /** by record-list input id: the table of the pass's records (absent when the data has no such table) */
  records: Map<string, string>;
}

export interface TierConditionColumns {
  table: string;
  vetoes: string[];
  gates: string[];
  tiers: (string | null)[];
}

export interface Script {
  statements: Statement[];
  passes: PassSql[];
}

export interface GenerateOptions {
  dialect: Dialect;
  tables: TableSet;
  /** whether the kind tables have a period column (data of several periods) */
  periodic: boolean;
  /** the tables' columns that exist, by table; a column not there reads as missing */
  columns: Map<string, Set<string>>;
  /** prefix of the working tables' names */
  prefix?: string;
}

const v = (id: string) => quoteIdent(`v:${id}`);
const f = (id: string) => quoteIdent(`f:${id}`);
const e = (id: string) => quoteIdent(`e:${id}`);

/** Generate the script of a planned run. */
export function generate(graph: RuleGraph, plan: Plan, opts: GenerateOptions): Script {
  const statements: Statement[] = opts.dialect.prelude.map((sql) => ({ sql, params: [] }));
  const passes: PassSql[] = [];
  const all = [...plan.parts, plan.final];
  all.forEach((pass, k) => {
    const fromParts = k === all.length - 1 ? passes : [];
    passes.push(new PassWriter(graph, plan, pass, `${opts.prefix ?? 'kp'}_${k}`, opts, statements, fromParts).write());
  });
  return { statements, passes };
}

class PassWriter {
  private readonly d: Dialect;
  private readonly nodes: Map<string, NodeColumns> = new Map();
  private readonly units = new Map<string, string>();
  private readonly records = new Map<string, string>();
  private readonly linkFailures = new Map<string, string>();
  private readonly tierConditions = new Map<string, TierConditionColumns>();
  private readonly byId: Map<string, GraphNode>;
  private step = 0;

  constructor(
    private readonly graph: RuleGraph,
    private readonly plan: Plan,
    private readonly pass: Pass,
    private readonly prefix: string,
    private readonly opts: GenerateOptions,
    private readonly out: Statement[],
    private readonly parts: PassSql[],
  ) {
    this.d = opts.dialect;
    this.byId = new Map(graph.nodes.map((n) => [n.id, n]));
  }

  write(): PassSql {
    const inPass = new Set(this.pass.nodes.map((n) => n.id));
    for (const id of this.pass.scope?.notInPeriod ?? []) this.nodes.set(id, { constant: true, v: 'NULL', f: EXEMPT | NOT_IN_PERIOD });
    for (const k of this.graph.kinds) this.unitTable(k.name, inPass);
    for (const [id, t] of this.opts.tables.lists) if (inPass.has(id)) this.recordTable(id, t.table);
    const fromParts = new Set(this.plan.cadence.map((c) => c.id));
    let group: GraphNode[] = [];
    const flush = () => {
      if (group.length > 0) this.writeStep(group);
      group = [];
    };
    for (const node of this.pass.nodes) {
      if (node.role === 'input' || node.role === 'relation' || this.nodes.has(node.id)) continue;
      if (node.role === 'tiers') {
        // Allotted after the values are gathered; its conditions are worked out here, per unit.
        flush();
        this.writeTierConditions(node);
        continue;
      }
      if (this.parts.length > 0 && fromParts.has(node.id)) {
        flush();
        this.writeFromParts(node as IndicatorNode | BonusNode);
        continue;
      }
      const reads = this.reads(node);
      if (group.length > 0 && (group[0]!.kind !== node.kind || group.some((g) => reads.has(g.id)))) flush();
      group.push(node);
      if (node.role === 'indicator' && node.peerMeanIfMissing.length > 0) {
        flush();
        this.writePeerMeans(node);
      }
    }
    flush();
    return { pass: this.pass, units: this.units, nodes: this.nodes, linkFailures: this.linkFailures, tierConditions: this.tierConditions, records: this.records };
  }

  /** The nodes a node's SQL reads (a link's reads are on its source kind, not in its own step). */
  private reads(node: GraphNode): Set<string> {
    return new Set(referencedNodes(node));
  }

  private table(kind: string, label: string): string {
    return quoteIdent(`${this.prefix}_${this.graph.kinds.findIndex((k) => k.name === kind)}_${label}`);
  }

  private column(table: string, name: string): string | null {
    return this.opts.columns.get(table)?.has(name) ? quoteIdent(name) : null;
  }

  private periodFilter(alias: string, params: string[]): string {
    if (!this.opts.periodic) return 'TRUE';
    params.push(this.pass.dataPeriod);
    return `${alias}.${quoteIdent(PERIOD)} = ${this.d.param(params.length)}`;
  }

  private create(table: string, select: string, params: string[] = [], key = ID): void {
    this.out.push({ sql: `CREATE ${this.d.tempTable} ${table} AS ${select}`, params });
    for (const sql of this.d.afterCreate(table, quoteIdent(key))) this.out.push({ sql, params: [] });
  }

  /** The pass's units of a kind with their inputs (missing-data treatment applied) and relations. */
  private unitTable(kind: string, inPass: Set<string>): void {
    const spec = this.opts.tables.kinds.get(kind)!;
    const name = this.table(kind, 'units');
    this.units.set(kind, name);
    const nameCol = this.column(spec.table, NAME);
    const cols: string[] = [`a.${quoteIdent(ID)} AS ${quoteIdent(ID)}`, `a.${quoteIdent(NAME)} AS ${quoteIdent(NAME)}`];
    for (const rel of spec.relations) {
      const c = this.column(spec.table, rel.name);
      cols.push(`${c ? `CAST(k.${c} AS VARCHAR)` : 'CAST(NULL AS VARCHAR)'} AS ${v(rel.id)}`, `0 AS ${f(rel.id)}`);
      this.nodes.set(rel.id, { table: name, v: v(rel.id), f: f(rel.id), e: null });
    }
    for (const input of spec.inputs) {
      if (!inPass.has(input.id) && !this.graph.nodes.some((n) => n.id === input.id && n.kind === kind)) continue;
      const c = this.column(spec.table, input.name);
      let value: string;
      if (input.type.t === 'list') {
        // A list is given when its table is there (every unit then has one, empty without rows).
        // A column of the list's name in the kind's table says which units have it (data read from JSON).
        const listTable = this.opts.tables.lists.get(input.id)!.table;
        value = c ? `CAST(k.${c} AS BOOLEAN)` : this.opts.columns.has(listTable) ? 'TRUE' : 'CAST(NULL AS BOOLEAN)';
      } else value = c ? typed(`k.${c}`, input.type, this.d).sql : `CAST(NULL AS ${input.type.t === 'num' || input.type.t === 'bool' || input.type.t === 'date' ? this.d.decimal : 'VARCHAR'})`;
      let flags = `CASE WHEN ${value} IS NULL THEN ${MISSING} ELSE 0 END`;
      // The peers' mean is filled in as the evaluator's column holds it (a double); not yet done in SQL.
      if (input.missing.kind === 'fill_peer_mean') throw new Unsupported(`按同级均值填补缺失值的输入「${input.name}」`);
      if (input.missing.kind === 'default') {
        const fallback = input.type.t === 'list' ? 'TRUE' : this.defaultValue(input.missing.value, input);
        if (fallback !== null) {
          flags = `CASE WHEN ${value} IS NULL THEN ${DEFAULTED} ELSE 0 END`;
          value = `COALESCE(${value}, ${fallback})`;
        }
      }
      cols.push(`${value} AS ${v(input.id)}`, `${flags} AS ${f(input.id)}`);
      this.nodes.set(input.id, { table: name, v: v(input.id), f: f(input.id), e: null });
    }
    // Every unit of the data, with its row of the pass's period (a unit without one has no values in it).
    const params: string[] = [];
    const where = this.periodFilter('t', params);
    const id = quoteIdent(ID);
    const t = quoteIdent(spec.table);
    const all = `(SELECT ${id}, ${nameCol ? `MIN(CAST(${nameCol} AS VARCHAR))` : 'CAST(NULL AS VARCHAR)'} AS ${quoteIdent(NAME)} FROM ${t} GROUP BY ${id}) a`;
    const rows = `(SELECT * FROM ${t} t WHERE ${where}) k`;
    this.create(name, `SELECT ${cols.join(', ')} FROM ${all} LEFT JOIN ${rows} ON k.${id} = a.${id}`, params);
  }

  private defaultValue(value: unknown, input: GraphNode): string | null {
    const parsed = parseScalar(input.type, { v: value });
    if (!parsed.ok) return null;
    const x = parsed.value;
    if (typeof x === 'number') return decimalLiteral(x, this.d);
    return quoteText(x);
  }

  /** The pass's records of a list (its period only). */
  private recordTable(id: string, table: string): void {
    if (!this.opts.columns.has(table)) return;
    const name = quoteIdent(`${this.prefix}_rec_${this.records.size}`);
    this.records.set(id, name);
    const params: string[] = [];
    this.create(name, `SELECT * FROM ${quoteIdent(table)} k WHERE ${this.periodFilter('k', params)}`, params, UNIT);
  }

  // ── Steps ──────────────────────────────────────────────────────────────────

  private writeStep(group: GraphNode[]): void {
    const kind = group[0]!.kind;
    const table = this.table(kind, `s${this.step++}`);
    const q = new Query(this, kind, 'u', this.units.get(kind)!);
    const cols: string[] = [];
    for (const node of group) {
      const r = this.nodeSql(node, q);
      cols.push(`${r.v} AS ${v(node.id)}`, `${r.f} AS ${f(node.id)}`);
      if (r.e) cols.push(`${r.e} AS ${e(node.id)}`);
      this.nodes.set(node.id, { table, v: v(node.id), f: f(node.id), e: r.e ? e(node.id) : null });
    }
    this.create(table, q.select(cols));
  }

  /** value nodes whose values may carry a quotient's rounding (scored nodes are rounded at their precision) */
  private readonly inexactValues = new Set<string>();

  isInexact(id: string): boolean {
    return this.inexactValues.has(id);
  }

  nodeColumns(id: string): NodeColumns {
    const c = this.nodes.get(id);
    if (!c) throw new Unsupported(`节点「${this.byId.get(id)?.name ?? id}」在其被读取之前没有求值`);
    return c;
  }

  node(id: string): GraphNode {
    return this.byId.get(id)!;
  }

  recordsOf(id: string): string | null {
    return this.records.get(id) ?? null;
  }

  get dialect(): Dialect {
    return this.d;
  }

  get rounding() {
    return this.graph.policy.rounding;
  }

  get progress() {
    return this.pass.progress;
  }

  /** How the kind's tiers round quota places (`in top P` rounds its places the same way). */
  tiersQuota(kind: string): string {
    const tiers = this.graph.nodes.find((n) => n.role === 'tiers' && n.kind === kind);
    return tiers?.role === 'tiers' ? tiers.quota : 'half_up';
  }

  recordFields(record: string): [string, ValueType][] {
    const spec = this.graph.records.find((r) => r.name === record)!;
    return spec.fields.map((x) => [x.name, x.type]);
  }

  recordColumn(name: string, type: ValueType): Sql {
    return typed(`r.${quoteIdent(name)}`, type, this.d);
  }

  private nodeSql(node: GraphNode, q: Query): { v: string; f: string; e: string | null } {
    switch (node.role) {
      case 'value': {
        const x = compile(node.expr, q.scope());
        if (inexact(node.expr, q.scope())) this.inexactValues.add(node.id);
        if (node.type.t === 'list') throw new Unsupported(`记录列表的值「${node.name}」`);
        return { v: q.piece(x.t === 'cond' ? num(x, this.d) : x.sql), f: '0', e: null };
      }
      case 'indicator':
        return this.indicator(node, q);
      case 'section':
        return this.section(node, q);
      case 'bonus':
        return this.bonus(node, q);
      case 'total':
        return this.total(node, q);
      case 'link':
        return this.link(node, q);
      default:
        throw new Unsupported(`节点类型 ${node.role}`);
    }
  }

  /**
   * A scored value kept within [0, hi], rounded at the node's precision. `raw` is first rounded to 10 places
   * when it may carry a quotient's rounding (`inexact`); each stage is a column of its own (Query.at), and
   * no rounding is inside a CASE (DuckDB then works out each of the rounding's repeated pieces again).
   */
  private clampRound(raw: string, hi: number | null, precision: number, inexactRaw: boolean, q: Query): string {
    const d = this.d;
    const r = q.at(1, raw);
    const x = inexactRaw ? q.at(2, snapSql(r, d)) : r;
    const top = hi === null ? '' : ` WHEN ${x} > ${decimalLiteral(hi, d)} THEN ${decimalLiteral(hi, d)}`;
    const level = inexactRaw ? 3 : 2;
    const clamped = q.at(level, `(CASE WHEN ${x} < 0 THEN CAST(0 AS ${d.decimal})${top} ELSE ${x} END)`);
    return q.at(level + 1, roundSql(clamped, precision, this.rounding, d, false));
  }

  /** The amounts of `deduct`/`add` lines: deducted, added, and the first reason one cannot be computed. */
  private adjustments(adjs: Adjustment[], q: Query): { deduct: string; add: string; error: string; inexact: boolean } {
    const d = this.d;
    const zero = `CAST(0 AS ${d.decimal})`;
    const deduct: string[] = [];
    const add: string[] = [];
    const errors: string[] = [];
    let inexactSum = false;
    for (const adj of adjs) {
      const s = q.scope();
      const when = adj.when ? q.piece(cond(compile(adj.when, s))) : null;
      let amount: string;
      const fails: [string, string][] = [];
      if (when) fails.push([`${when} IS NULL`, `「${adj.text}」的条件读到缺失值`]);
      if (adj.per) {
        const list = s.list(adj.per);
        const r = s.records(list);
        const w = adj.where ? cond(compile(adj.where, r)) : 'TRUE';
        const a = num(compile(adj.amount, r), d);
        inexactSum ||= inexact(adj.amount, r);
        fails.push([q.piece(`NOT COALESCE(${list.present}, FALSE)`), `「${adj.text}」的记录列表缺失`]);
        // One pass over the unit's records: how many cannot be filtered, how many cannot be scored.
        const problems = q.piece(
          list.aggregate(`CASE WHEN COUNT(*) FILTER (WHERE ${w} IS NULL) > 0 THEN 1 WHEN COUNT(*) FILTER (WHERE ${w} AND ${a} IS NULL) > 0 THEN 2 ELSE 0 END`),
        );
        fails.push([`${problems} = 1`, `「${adj.text}」的筛选条件读到缺失值`]);
        fails.push([`${problems} = 2`, `「${adj.text}」的分值无法计算`]);
        amount = q.piece(
          adj.distinct
            ? // Of the records with equal values of the field, only the largest amount counts.
              `COALESCE((SELECT SUM(m) FROM (SELECT MAX(${a}) AS m FROM ${list.from} AND ${w} GROUP BY r.${quoteIdent(adj.distinct)}) t), ${zero})`
            : `COALESCE(${list.aggregate(`SUM(${a}) FILTER (WHERE ${w})`)}, ${zero})`,
        );
      } else {
        amount = q.piece(num(compile(adj.amount, s), d));
        inexactSum ||= inexact(adj.amount, s);
        fails.push([`${amount} IS NULL`, `「${adj.text}」的分值无法计算`]);
      }
      if (adj.cap) {
        const cap = q.piece(num(compile(adj.cap, s), d));
        inexactSum ||= inexact(adj.cap, s);
        fails.push([`${cap} IS NULL`, `「${adj.text}」的封顶值无法计算`]);
        amount = `(CASE WHEN ${snapSql(amount, d)} > ${snapSql(cap, d)} THEN ${cap} ELSE ${amount} END)`;
      }
      const failSql = fails.map(([c, m]) => `WHEN ${c} THEN ${quoteText(m)}`).join(' ');
      // A line whose condition does not hold gives 0 and cannot fail further.
      const error = when ? `CASE WHEN ${when} IS NULL THEN ${quoteText(fails[0]![1])} WHEN NOT ${when} THEN NULL ${failSql} END` : `CASE ${failSql} END`;
      errors.push(error);
      const value = when ? `(CASE WHEN ${when} THEN ${amount} ELSE ${zero} END)` : amount;
      (adj.direction === 'deduct' ? deduct : add).push(value);
    }
    const sum = (xs: string[]) => (xs.length === 0 ? zero : xs.join(' + '));
    return { deduct: `(${sum(deduct)})`, add: `(${sum(add)})`, error: errors.length === 0 ? 'NULL' : `COALESCE(${errors.join(', ')})`, inexact: inexactSum };
  }

  private indicator(node: IndicatorNode, q: Query): { v: string; f: string; e: string } {
    const d = this.d;
    const s = q.scope();
    const missing = (ids: string[]) => (ids.length === 0 ? 'FALSE' : ids.map((id) => `(${q.flags(id)} & ${MISSING}) <> 0`).join(' OR '));
    const exemptWhen = node.exemptWhen ? q.piece(cond(compile(node.exemptWhen, s))) : null;
    const base = node.base ? compile(node.base, s) : null;
    const baseSql = base ? q.piece(num(base, d)) : decimalLiteral(node.points, d);
    const adj = this.adjustments(node.adjustments, q);
    const linked = node.links.map((id) => `COALESCE(${q.value(id)}, 0)`);
    const raw = `(${baseSql} - ${adj.deduct} - (${linked.length ? linked.join(' + ') : '0'}) + ${adj.add})`;
    // The status decided in the interpreter's order: exempt by missing data, by condition, peer mean, failure.
    const states: [string, number, string | null][] = [[missing(node.exemptIfMissing), EXEMPT, null]];
    if (exemptWhen) states.push([`${exemptWhen} IS NULL`, FAILED, '免考条件读到缺失值'], [exemptWhen, EXEMPT, null]);
    states.push([missing(node.peerMeanIfMissing), PEER_MEAN, null]);
    if (base) states.push([`${baseSql} IS NULL`, FAILED, '得分公式读到缺失值']);
    states.push([`${adj.error} IS NOT NULL`, FAILED, null]);
    const flag = `CASE ${states.map(([c, x]) => `WHEN ${c} THEN ${x}`).join(' ')} ELSE 0 END`;
    const error = `CASE ${states.map(([c, x, m]) => `WHEN ${c} THEN ${x === FAILED ? (m ? quoteText(m) : adj.error) : 'NULL'}`).join(' ')} ELSE NULL END`;
    const inexactRaw = (node.base !== null && node.base !== undefined && inexact(node.base, s)) || adj.inexact || node.links.some((id) => this.isInexact(id));
    const value = `CASE WHEN (${flag}) = 0 THEN ${this.clampRound(raw, node.points, node.precision, inexactRaw, q)} END`;
    return { v: value, f: flag, e: error };
  }

  private section(node: SectionNode, q: Query): { v: string; f: string; e: string } {
    const d = this.d;
    const when = node.when ? q.piece(cond(compile(node.when, q.scope()))) : null;
    const inds = node.indicators.map((id) => this.node(id) as IndicatorNode).filter((ind) => !this.pass.scope?.notInPeriod.has(ind.id));
    const failed = inds.map((ind) => [`(${q.flags(ind.id)} & ${FAILED}) <> 0`, `指标「${ind.name}」无法计算`] as const);
    const counted = (ind: IndicatorNode) => `(${q.flags(ind.id)} & ${EXEMPT}) = 0`;
    const sum = q.derived(inds.length ? inds.map((ind) => `CASE WHEN ${counted(ind)} THEN ${q.value(ind.id)} ELSE 0 END`).join(' + ') : '0');
    const evaluated = q.derived(inds.length ? inds.map((ind) => `CASE WHEN ${counted(ind)} THEN ${decimalLiteral(ind.points, d)} ELSE 0 END`).join(' + ') : '0');
    const all = inds.reduce((a, ind) => a + ind.points, 0);
    // What the section is worth in the period: the runtime's rule, which reads only the nodes and the scope.
    const points = periodPoints({ nodes: this.byId, scope: this.pass.scope } as EvalState, node) ?? node.points;
    // A quotient worked out for every unit, outside the CASE that picks it (see clampRound).
    const weighted = q.at(2, d.divide(product(`(${sum})`, decimalLiteral(points, d), Q.fromNumber(points), d), `(${evaluated})`));
    // The points evaluated are a sum of the policy's numbers: exact. Each stage is a column of its own (Query.at).
    const raw = q.at(3, node.weight === null ? `(CASE WHEN (${evaluated}) = ${decimalLiteral(all, d)} THEN (${sum}) ELSE ${weighted} END)` : weighted);
    let snapped = q.at(4, snapSql(raw, d));
    if (node.cap) snapped = q.at(5, `(CASE WHEN ${snapped} > ${decimalLiteral(points, d)} THEN ${decimalLiteral(points, d)} ELSE ${snapped} END)`);
    const rounded = q.at(6, roundSql(snapped, node.precision, this.rounding, d, false));
    const states: [string, number, string | null][] = [];
    if (when) states.push([`${when} IS NULL`, FAILED, '板块适用条件读到缺失值'], [`NOT ${when}`, NOT_APPLICABLE, null]);
    for (const [c, m] of failed) states.push([c, FAILED, m]);
    states.push([`(${evaluated}) = 0`, EXEMPT, null]);
    const flag = `CASE ${states.map(([c, x]) => `WHEN ${c} THEN ${x}`).join(' ')} ELSE 0 END`;
    const error = `CASE ${states.map(([c, , m]) => `WHEN ${c} THEN ${m ? quoteText(m) : 'NULL'}`).join(' ')} ELSE NULL END`;
    return { v: `CASE WHEN (${flag}) = 0 THEN ${rounded} END`, f: flag, e: error };
  }

  private bonus(node: BonusNode, q: Query): { v: string; f: string; e: string } {
    const adj = this.adjustments(node.adjustments, q);
    const flag = `CASE WHEN ${adj.error} IS NOT NULL THEN ${FAILED} ELSE 0 END`;
    const value = node.counts === 'deduction' // taken off the total: capped on its own, then negated
      ? `(0 - ${this.clampRound(`(${adj.deduct} - ${adj.add})`, node.cap, node.precision, adj.inexact, q)})`
      : this.clampRound(`(${adj.add} - ${adj.deduct})`, node.cap, node.precision, adj.inexact, q);
    return { v: `CASE WHEN (${flag}) = 0 THEN ${value} END`, f: flag, e: adj.error };
  }

  private total(node: TotalNode, q: Query): { v: string; f: string; e: string } {
    const d = this.d;
    const parts = [...node.sections, ...node.bonuses];
    const states: [string, string][] = parts.map((id) => [`(${q.flags(id)} & ${FAILED}) <> 0`, `「${this.node(id).name}」无法计算`]);
    const own = parts.length ? parts.map((id) => `COALESCE(CASE WHEN (${q.flags(id)} & ${NOT_APPLICABLE | EXEMPT}) = 0 THEN ${q.value(id)} END, 0)`).join(' + ') : '0';
    let raw = `(${own})`;
    if (node.individual) {
      const share = q.piece(num(compile(node.individual.share, q.scope()), d));
      const rel = this.node(node.individual.relation);
      const target = (rel as { target: string }).target;
      const relTotal = this.graph.nodes.find((n): n is TotalNode => n.role === 'total' && n.kind === target);
      const other = relTotal ? { v: q.piece(q.related(node.individual.relation, relTotal.id).v) } : null;
      states.push([`${share} IS NULL`, `占比「${node.individual.shareText}」无法计算`]);
      states.push([`${q.value(node.individual.relation)} IS NULL${relTotal ? '' : ' OR TRUE'}`, '个人绩效需要所属单位的总分，但没有关联单位']);
      if (relTotal && this.pass.scope?.notInPeriod.has(relTotal.id))
        states.push(['TRUE', `所属单位的总分不在本期（${this.pass.scope.period}）考评之列`]);
      if (other) {
        states.push([`${other.v} IS NULL`, '所属单位的总分无法计算']);
        raw = `(${d.multiply(share, other.v)} + ${d.multiply(`(1 - ${share})`, raw)})`;
      }
    }
    const flag = states.length ? `CASE ${states.map(([c]) => `WHEN ${c} THEN ${FAILED}`).join(' ')} ELSE 0 END` : '0';
    const error = states.length ? `CASE ${states.map(([c, m]) => `WHEN ${c} THEN ${quoteText(m)}`).join(' ')} ELSE NULL END` : 'NULL';
    const snapped = q.at(2, snapSql(q.at(1, `CAST(${raw} AS ${d.decimal})`), d));
    return { v: `CASE WHEN (${flag}) = 0 THEN ${q.at(3, roundSql(snapped, node.precision, this.rounding, d, false))} END`, f: flag, e: error };
  }

  /** A linked deduction: the amounts of the source units (and their records) related to this unit. */
  private link(node: LinkNode, q: Query): { v: string; f: string; e: null } {
    const d = this.d;
    const src = new Query(this, node.sourceKind, 's', this.units.get(node.sourceKind)!);
    let scope = src.scope();
    let from = src.fromClause();
    if (node.list) {
      const list = scope.list({ k: 'node', id: node.list });
      scope = scope.records(list);
      const records = this.recordsOf(node.list);
      if (!records) from += ` JOIN (SELECT * FROM ${quoteIdent('kp_none')} WHERE FALSE) r ON FALSE`;
      else from += ` JOIN ${records} r ON r.${quoteIdent(UNIT)} = s.${quoteIdent(ID)}`;
    }
    const w = node.where ? cond(compile(node.where, scope)) : 'TRUE';
    const amount = num(compile(node.amount, scope), d);
    if (inexact(node.amount, scope)) this.inexactValues.add(node.id);
    const rel = src.raw(node.relation).v;
    const value = q.piece(`COALESCE((SELECT SUM(${amount}) FROM ${from} WHERE ${rel} = u.${quoteIdent(ID)} AND ${w}), 0)`);
    const relName = this.node(node.relation).name;
    const why = `CASE WHEN ${w} IS NULL THEN ${quoteText('关联扣分的条件读到缺失值')} WHEN NOT ${w} THEN NULL WHEN ${amount} IS NULL THEN ${quoteText('关联扣分的分值无法计算')} WHEN ${rel} IS NULL THEN ${quoteText(`关联扣分需要关联单位「${relName}」，但数据中没有`)} END`;
    this.linkFailures.set(node.id, `SELECT s.${quoteIdent(ID)} AS id, MIN(${why}) AS why FROM ${from} GROUP BY s.${quoteIdent(ID)} HAVING MIN(${why}) IS NOT NULL`);
    return { v: `CAST(${value} AS ${d.decimal})`, f: '0', e: null };
  }

  /** A tiers node's vetoes, gates and tier conditions as 1/0 per unit (NULL: no value, decided when gathered). */
  private writeTierConditions(node: TiersNode): void {
    const table = this.table(node.kind, `s${this.step++}`);
    const q = new Query(this, node.kind, 'u', this.units.get(node.kind)!);
    const cols: string[] = [];
    const column = (label: string, x: GExpr | null): string | null => {
      if (!x) return null;
      const c = q.piece(cond(compile(x, q.scope())));
      cols.push(`CASE WHEN ${c} THEN 1 WHEN NOT ${c} THEN 0 END AS ${quoteIdent(label)}`);
      return quoteIdent(label);
    };
    const out: TierConditionColumns = {
      table,
      vetoes: node.vetoes.map((x, k) => column(`veto:${k}`, x.when)!),
      gates: node.gates.map((x, k) => column(`gate:${k}`, x.when)!),
      tiers: node.tiers.map((x, k) => column(`tier:${k}`, x.when)),
    };
    this.create(table, q.select(cols));
    this.tierConditions.set(node.id, out);
  }

  /** Units missing a `peer_mean` input score the mean of the scores of the units scored normally. */
  private writePeerMeans(node: IndicatorNode): void {
    const d = this.d;
    const table = this.table(node.kind, `s${this.step++}`);
    const q = new Query(this, node.kind, 'u', this.units.get(node.kind)!);
    const { v: val, f: flag, e: err } = q.raw(node.id);
    const normal = `CASE WHEN ${flag} = 0 THEN ${val} END`;
    const mean = d.divide(`SUM(${normal}) OVER ()`, `COUNT(${normal}) OVER ()`);
    const none = `COUNT(${normal}) OVER () = 0`;
    // The mean, then its rounding to 10 places, each a column of its own (a rounding reads its operand several times).
    const inner = `SELECT u.${quoteIdent(ID)} AS ${quoteIdent(ID)}, ${val} AS kv, ${flag} AS kf, ${err} AS ke, ${none} AS kn, ${mean} AS km FROM ${q.fromClause()}`;
    const snapped = `SELECT t.*, ${snapSql('t.km', d)} AS ks FROM (${inner}) t`;
    const rounded = `SELECT t.*, ${roundSql('t.ks', node.precision, this.rounding, d, false)} AS kr FROM (${snapped}) t`;
    const cols = [
      `t.${quoteIdent(ID)} AS ${quoteIdent(ID)}`,
      `CASE WHEN t.kf = ${PEER_MEAN} THEN CASE WHEN t.kn THEN NULL ELSE t.kr END ELSE t.kv END AS ${v(node.id)}`,
      `CASE WHEN t.kf = ${PEER_MEAN} AND t.kn THEN ${PEER_MEAN | FAILED} ELSE t.kf END AS ${f(node.id)}`,
      `CASE WHEN t.kf = ${PEER_MEAN} AND t.kn THEN ${quoteText('缺失值按同级均值计分，但没有任何同级单位有此项得分')} ELSE t.ke END AS ${e(node.id)}`,
    ];
    this.create(table, `SELECT ${cols.join(', ')} FROM (${rounded}) t`);
    this.nodes.set(node.id, { table, v: v(node.id), f: f(node.id), e: e(node.id) });
  }

  /** An indicator or bonus scored in each part of the period, aggregated (mean, sum or last of the parts it was
   *  scored in) by its own aggregation or the period's. */
  private writeFromParts(node: IndicatorNode | BonusNode): void {
    const aggregate = node.partsBy ?? this.plan.aggregate;
    const d = this.d;
    const table = this.table(node.kind, `s${this.step++}`);
    const joins: string[] = [];
    const values = this.parts.map((p, k) => {
      const c = p.nodes.get(node.id)!;
      if ('constant' in c) return 'NULL';
      joins.push(`LEFT JOIN ${c.table} p${k} ON p${k}.${quoteIdent(ID)} = u.${quoteIdent(ID)}`);
      return `CASE WHEN (p${k}.${c.f} & ${EXEMPT | FAILED}) = 0 THEN p${k}.${c.v} END`;
    });
    const count = values.map((x) => `CASE WHEN ${x} IS NULL THEN 0 ELSE 1 END`).join(' + ');
    const sum = values.map((x) => `COALESCE(${x}, 0)`).join(' + ');
    const agg =
      aggregate === 'sum' ? `(${sum})` : aggregate === 'last' ? `COALESCE(${[...values].reverse().join(', ')})` : d.divide(`(${sum})`, `(${count})`);
    const none = `(${count}) = 0`;
    // The aggregate, then its rounding to 10 places, each a column of its own (a rounding reads its operand several times).
    const inner = `SELECT u.${quoteIdent(ID)} AS ${quoteIdent(ID)}, ${none} AS kn, CAST(${agg} AS ${d.decimal}) AS ka FROM ${this.units.get(node.kind)!} u ${joins.join(' ')}`;
    const snapped = `SELECT t.*, ${snapSql('t.ka', d)} AS ks FROM (${inner}) t`;
    const rounded = `SELECT t.*, ${roundSql('t.ks', node.precision, this.rounding, d, false)} AS kr FROM (${snapped}) t`;
    const cols = [
      `t.${quoteIdent(ID)} AS ${quoteIdent(ID)}`,
      `CASE WHEN t.kn THEN NULL ELSE t.kr END AS ${v(node.id)}`,
      `CASE WHEN t.kn THEN ${EXEMPT} ELSE 0 END AS ${f(node.id)}`,
    ];
    this.create(table, `SELECT ${cols.join(', ')} FROM (${rounded}) t`);
    this.nodes.set(node.id, { table, v: v(node.id), f: f(node.id), e: null });
  }
}

/** The column an expression is given in a SELECT of pieces: the same expression, the same column. */
function named(pieces: Map<string, string>, prefix: string, sql: string): string {
  let name = pieces.get(sql);
  if (!name) {
    name = `${prefix}${pieces.size}`;
    pieces.set(sql, name);
  }
  return `x.${name}`;
}

/** One SELECT over a kind's units: the step tables it reads joined by unit id, related units by relation. */
class Query {
  private readonly joins = new Map<string, string>();

  constructor(
    private readonly w: PassWriter,
    readonly kind: string,
    private readonly alias: string,
    private readonly units: string,
  ) {}

  private joined(table: string): string {
    if (table === this.units) return this.alias;
    let a = this.joins.get(table);
    if (!a) {
      a = `${this.alias}${this.joins.size}`;
      this.joins.set(table, a);
    }
    return a;
  }

  /** a node's columns as the FROM clause has them */
  raw(id: string): { v: string; f: string; e: string } {
    const c = this.w.nodeColumns(id);
    if ('constant' in c) {
      // Typed: an untyped NULL in a subquery is text to PostgreSQL.
      const t = this.w.node(id).type.t;
      const type = t === 'enum' || t === 'text' || t === 'ref' ? 'VARCHAR' : t === 'list' ? 'BOOLEAN' : this.w.dialect.decimal;
      return { v: `CAST(NULL AS ${type})`, f: String(c.f), e: 'CAST(NULL AS VARCHAR)' };
    }
    const a = this.joined(c.table);
    return { v: `${a}.${c.v}`, f: `${a}.${c.f}`, e: c.e ? `${a}.${c.e}` : 'NULL' };
  }

  private readonly pieces = new Map<string, string>();

  /**
   * An expression worked out once per unit in an inner SELECT, read by name in the outer one: a node's
   * status, value and reason read the same pieces, which would otherwise be written out (and planned) again
   * for each use.
   */
  piece(sql: string): string {
    const d = this.w.dialect;
    if (!worthLifting(sql, d.costly)) return named(this.pieces, 'p', sql);
    let done = this.lifted.get(sql);
    if (!done) {
      // The costly calls first, each a column over the pieces; then the expression over them (sql/lift.ts).
      const rest = liftCalls(sql, this.alias, d.costly, (ref) => named(this.pieces, 'p', ref), (call) => named(this.calls, 'c', call));
      done = named(this.overCalls, 'q', rest);
      this.lifted.set(sql, done);
    }
    return done;
  }

  /** pieces whose costly calls were taken out: the calls, the expressions over them, by the piece's SQL */
  private readonly calls = new Map<string, string>();
  private readonly overCalls = new Map<string, string>();
  private readonly lifted = new Map<string, string>();

  value(id: string): string {
    return this.piece(this.raw(id).v);
  }

  flags(id: string): string {
    return this.piece(this.raw(id).f);
  }

  /** by level (1, 2, …): expressions over the pieces and the levels below, each level a SELECT of its own */
  private readonly levels: Map<string, string>[] = [];

  /**
   * An expression over pieces worked out once per unit in a middle SELECT (a section's sum of its
   * indicators, read by its quotient, comparison and status alike).
   */
  derived(sql: string): string {
    return this.at(1, sql);
  }

  /**
   * An expression over the pieces and the levels below `level`, worked out once per unit. A rounding reads
   * its operand several times (dialect.ts), so what it rounds is a column, never an expression written out again.
   */
  at(level: number, sql: string): string {
    while (this.levels.length < level) this.levels.push(new Map());
    return named(this.levels[level - 1]!, `d${level}_`, sql);
  }

  /** SELECT … FROM the pieces: `outer` reads only pieces */
  select(outer: string[]): string {
    const inner = [`${this.alias}.${quoteIdent(ID)} AS ${quoteIdent(ID)}`, ...[...this.pieces].map(([sql, name]) => `${sql} AS ${name}`)];
    let from = `(SELECT ${inner.join(', ')} FROM ${this.fromClause()}) x`;
    for (const level of [this.calls, this.overCalls, ...this.levels]) if (level.size > 0) from = `(SELECT x.*, ${[...level].map(([sql, name]) => `${sql} AS ${name}`).join(', ')} FROM ${from}) x`;
    return `SELECT x.${quoteIdent(ID)} AS ${quoteIdent(ID)}, ${outer.join(', ')} FROM ${from}`;
  }

  /** A node's value on the unit a relation points to (as the FROM clause has it). */
  related(relation: string, id: string): { v: string } {
    const key = `${relation}\u0000${id}`;
    let a = this.joins.get(key);
    const c = this.w.nodeColumns(id);
    if ('constant' in c) return { v: 'NULL' };
    if (!a) {
      a = `${this.alias}${this.joins.size}`;
      this.joins.set(key, a);
      this.relJoins.push(`LEFT JOIN ${c.table} ${a} ON ${a}.${quoteIdent(ID)} = ${this.raw(relation).v}`);
    }
    return { v: `${a}.${c.v}` };
  }

  private readonly relJoins: string[] = [];

  /** by records table: the aggregates over it, one grouped pass (alias and aggregate columns) */
  private readonly groups = new Map<string, { alias: string; columns: Map<string, string> }>();

  /**
   * An aggregate over the unit's records of a table, as a column of one grouping of the table by unit (a
   * per-unit subquery for each aggregate would join and group the whole table again). A unit without
   * records takes the aggregate's value over no rows.
   */
  grouped(records: string, body: string): string {
    let g = this.groups.get(records);
    if (!g) {
      g = { alias: `${this.alias}g${this.groups.size}`, columns: new Map() };
      this.groups.set(records, g);
    }
    const column = named(g.columns, 'a', body).slice(2);
    return `(CASE WHEN ${g.alias}.kp_has THEN ${g.alias}.${column} ELSE ${g.alias.replace(/g(\d+)$/, 'e$1')}.${column} END)`;
  }

  fromClause(): string {
    const joins = [...this.joins].filter(([k]) => !k.includes('\u0000')).map(([t, a]) => `LEFT JOIN ${t} ${a} ON ${a}.${quoteIdent(ID)} = ${this.alias}.${quoteIdent(ID)}`);
    const unit = quoteIdent(UNIT);
    // Each grouping joined by unit, and beside it (alias …eN) the aggregates' values over no records.
    const groups = [...this.groups].map(([records, g]) => {
      const columns = [...g.columns].map(([sql, name]) => `${sql} AS ${name}`).join(', ');
      const empty = g.alias.replace(/g(\d+)$/, 'e$1');
      return (
        `LEFT JOIN (SELECT r.${unit} AS kp_unit, TRUE AS kp_has, ${columns} FROM ${records} r GROUP BY r.${unit}) ${g.alias} ON ${g.alias}.kp_unit = ${this.alias}.${quoteIdent(ID)} ` +
        `CROSS JOIN (SELECT ${columns} FROM ${records} r WHERE FALSE) ${empty}`
      );
    });
    return `${this.units} ${this.alias} ${[...joins, ...groups, ...this.relJoins].join(' ')}`;
  }

  scope(): ExprScope {
    const w = this.w;
    const d = w.dialect;
    const self = this;
    const nodeSql = (id: string, value: string): Sql => {
      const t = w.node(id).type;
      return { sql: value, t: t.t === 'enum' || t.t === 'text' || t.t === 'ref' ? 'str' : 'num' };
    };
    // `readsUnit` is told when an expression in a records' scope reads the unit itself (its aggregate is then per unit).
    const make = (field: ((name: string) => Sql | null) | null, readsUnit = () => {}): ExprScope => ({
      dialect: d,
      rounding: w.rounding,
      progress: w.progress,
      node: (id) => (readsUnit(), nodeSql(id, self.raw(id).v)),
      rel: (rel, id) => (readsUnit(), nodeSql(id, self.related(rel, id).v)),
      field: (name) => (field ? field(name) : null),
      list: (x: GExpr): ListSource => {
        readsUnit();
        if (x.k !== 'node') throw new Unsupported('经关联读取的记录列表');
        const node = w.node(x.id);
        if (node.type.t !== 'list') throw new Unsupported('不是记录列表的聚合对象');
        const records = w.recordsOf(x.id);
        const spec = (node.type as { record: string }).record;
        const fields = new Map(w.recordFields(spec));
        const present = self.raw(x.id).v;
        const from = records
          ? `${records} r WHERE r.${quoteIdent(UNIT)} = ${self.alias}.${quoteIdent(ID)}`
          : `(SELECT CAST(NULL AS VARCHAR) AS ${quoteIdent(UNIT)}) r WHERE FALSE`;
        const source: ListSource & { perUnit: boolean } = {
          from,
          present,
          fields,
          perUnit: records === null,
          aggregate: (body) => (source.perUnit ? `(SELECT ${body} FROM ${from})` : self.grouped(records!, body)),
        };
        return source;
      },
      pop: (p) => (readsUnit(), self.pop(p)),
      inexact: (id) => w.isInexact(id),
      records: (list) =>
        make(
          (name) => {
            const t = list.fields.get(name);
            if (!t) return null;
            return w.recordColumn(name, t);
          },
          () => ((list as { perUnit?: boolean }).perUnit = true),
        ),
    });
    return make(null);
  }

  /** A peer statistic as a window over the kind's units. */
  pop(p: Extract<GExpr, { k: 'pop' }>): Sql {
    if (p.among !== undefined) throw new Unsupported('在满足条件的单位中的排名、百分位或同级统计（排名(X 其中 C)）');
    const d = this.w.dialect;
    const x = this.raw(p.of).v;
    const cnt = `COUNT(${x}) OVER ()`;
    const has = (body: string) => `(CASE WHEN ${x} IS NULL THEN NULL ELSE CAST(${body} AS ${d.decimal}) END)`;
    switch (p.fn) {
      case 'peer_max':
        return { sql: has(`MAX(${x}) OVER ()`), t: 'num' };
      case 'peer_min':
        return { sql: has(`MIN(${x}) OVER ()`), t: 'num' };
      case 'peer_mean':
        return { sql: has(d.divide(`SUM(${x}) OVER ()`, cnt)), t: 'num' };
      case 'rank':
        return { sql: has(`RANK() OVER (ORDER BY ${snapSql(x, d)} DESC NULLS LAST)`), t: 'num' };
      case 'rank_asc':
        return { sql: has(`RANK() OVER (ORDER BY ${snapSql(x, d)} ASC NULLS LAST)`), t: 'num' };
      case 'percentile':
        return { sql: has(`CASE WHEN ${cnt} > 1 THEN ${d.divide(`RANK() OVER (ORDER BY ${snapSql(x, d)} ASC NULLS LAST) - 1`, `${cnt} - 1`)} ELSE 0 END`), t: 'num' };
      case 'in_top_n':
      case 'in_bottom_n': {
        const order = p.fn === 'in_top_n' ? 'DESC' : 'ASC';
        return { sql: has(`CASE WHEN RANK() OVER (ORDER BY ${snapSql(x, d)} ${order} NULLS LAST) <= ${Math.trunc(p.share ?? 0)} THEN 1 ELSE 0 END`), t: 'num' };
      }
      case 'in_top':
      case 'in_bottom': {
        const share = decimalLiteral(p.share ?? 0, d);
        const mode = this.w.tiersQuota(this.kind) as string;
        const exact = product(cnt, share, Q.fromNumber(p.share ?? 0), d);
        const places = mode === 'floor' ? `FLOOR(${exact})` : mode === 'ceil' ? `CEIL(${exact})` : `FLOOR(${exact} + 0.5)`;
        const order = p.fn === 'in_top' ? 'DESC' : 'ASC';
        return { sql: has(`CASE WHEN RANK() OVER (ORDER BY ${snapSql(x, d)} ${order} NULLS LAST) <= ${places} THEN 1 ELSE 0 END`), t: 'num' };
      }
    }
  }
}

