// A rule-graph expression as SQL over exact decimals, with the runtime's semantics: NULL is "no value" and
// propagates as the interpreter's null does; booleans are numbers 1/0 where the interpreter has them so,
// and SQL conditions where a condition is asked for (three-valued logic is the interpreter's and/or/not).
import type { CompareOp, GExpr, Rounding, ValueType } from '../graph/graph.js';
import * as Q from '../runtime/evaluation/rational.js';
import type { Rational } from '../runtime/evaluation/rational.js';
import { decimalLiteral, quoteText, roundSql, snapSql, terminatingDecimal, type Dialect } from './dialect.js';
import { Unsupported } from './messages.js';

/** The SQL of an expression and what it holds: an exact number, text, or a condition. */
export interface Sql {
  sql: string;
  t: 'num' | 'str' | 'cond';
}

/** A record list as the expression reads it: a correlated source of its records. */
export interface ListSource {
  /** FROM … WHERE … of this unit's records (alias `r`), without the word FROM */
  from: string;
  /** true when the unit has the list, NULL when it is missing */
  present: string;
  /** the record's fields by name, with their types */
  fields: Map<string, ValueType>;
  /**
   * An aggregate over this unit's records (`body` reads them as `r`), its value for the unit. Worked out for
   * every unit at once, with the other aggregates of the same records, in one grouped pass over the table
   * when the expressions compiled in the records' scope read nothing of the unit itself; else per unit.
   */
  aggregate(body: string): string;
}

/** Where an expression is compiled: how it reads nodes, related units, record fields and peer statistics. */
export interface ExprScope {
  dialect: Dialect;
  rounding: Rounding;
  /** the share of the year elapsed at the end of the pass's period */
  progress: number;
  node(id: string): Sql;
  rel(rel: string, id: string): Sql;
  list(e: GExpr): ListSource;
  pop(fn: Extract<GExpr, { k: 'pop' }>): Sql;
  /** the current record's field (null outside a record) */
  field(name: string): Sql | null;
  /** a scope for the records of a list (alias `r`), reading the unit's nodes as before */
  records(list: ListSource): ExprScope;
  /** whether a node's value may carry a quotient's last-place rounding (a value node computed with one) */
  inexact(id: string): boolean;
}

/** A value of a declared type as SQL reads it from a column: numbers, 1/0 for booleans, days for dates. */
export function typed(column: string, type: ValueType, d: Dialect): Sql {
  switch (type.t) {
    case 'num':
      return { sql: `CAST(${column} AS ${d.decimal})`, t: 'num' };
    case 'bool':
      return { sql: `CAST(CASE WHEN ${column} THEN 1 WHEN NOT ${column} THEN 0 END AS ${d.decimal})`, t: 'num' };
    case 'date':
      return { sql: d.days(column), t: 'num' };
    case 'enum':
    case 'text':
    case 'ref':
      return { sql: `CAST(${column} AS VARCHAR)`, t: 'str' };
    case 'list':
      throw new Unsupported('记录列表作为单个值');
  }
}

export function num(x: Sql, d: Dialect): string {
  if (x.t === 'num') return x.sql;
  if (x.t === 'cond') return `CAST(CASE WHEN ${x.sql} THEN 1 WHEN NOT ${x.sql} THEN 0 END AS ${d.decimal})`;
  throw new Unsupported('文本参与算术运算');
}

/** The interpreter's truthiness: a number not 0, a text not empty; NULL when there is no value. */
export function cond(x: Sql): string {
  if (x.t === 'cond') return x.sql;
  if (x.t === 'num') return `(${x.sql} <> 0)`;
  return `(${x.sql} <> '')`;
}

const lit = (x: number, d: Dialect) => decimalLiteral(x, d);

/** The value of an expression made of the policy's numbers only (folded exactly), else null. */
export function constantOf(e: GExpr): Rational | null {
  switch (e.k) {
    case 'num':
      return Q.fromNumber(e.v);
    case 'neg': {
      const a = constantOf(e.a);
      return a && Q.neg(a);
    }
    case 'arith': {
      const a = constantOf(e.a);
      const b = constantOf(e.b);
      if (!a || !b) return null;
      return e.op === '+' ? Q.add(a, b) : e.op === '-' ? Q.sub(a, b) : e.op === '*' ? Q.mul(a, b) : Q.div(a, b);
    }
    default:
      return null;
  }
}

/** a × b, where b may be a constant: a product with a constant of few places is the database's own exact product. */
export function product(a: string, b: string, constant: Rational | null, d: Dialect): string {
  const text = constant && terminatingDecimal(constant);
  return text !== null && text !== undefined ? `(${a} * ${d.exact(text)})` : d.multiply(a, b);
}

/** a ÷ b (NULL when b is 0), where b may be a constant: dividing by 5 is multiplying by 0.2, exactly. */
export function quotient(a: string, b: string, constant: Rational | null, d: Dialect): string {
  if (constant) {
    const inverse = Q.div(Q.ONE, constant);
    if (!inverse) return `CAST(NULL AS ${d.decimal})`;
    const text = terminatingDecimal(inverse);
    if (text !== null) return `(${a} * ${d.exact(text)})`;
  }
  return d.divide(a, b);
}

/**
 * Whether an expression's value may carry a quotient's last-place rounding: only such values are rounded to
 * 10 places before they are compared or rounded (decimals read, sums and products by constants are exact).
 */
export function inexact(e: GExpr, s: ExprScope): boolean {
  const any = (xs: GExpr[]) => xs.some((x) => inexact(x, s));
  const terminating = (c: Rational | null) => c !== null && terminatingDecimal(c) !== null;
  switch (e.k) {
    case 'node':
    case 'rel':
      return s.inexact(e.id);
    case 'neg':
      return inexact(e.a, s);
    case 'arith':
      if (e.op === '+' || e.op === '-') return any([e.a, e.b]);
      if (e.op === '*') return terminating(constantOf(e.b)) ? inexact(e.a, s) : terminating(constantOf(e.a)) ? inexact(e.b, s) : true;
      return !terminating(inverseOf(constantOf(e.b))) || inexact(e.a, s);
    case 'if':
      return any([e.t, e.e]);
    case 'band':
      return any([...e.arms.map((a) => a.v), e.else]);
    case 'match':
      return any([...e.arms.map((a) => a.v), ...(e.else ? [e.else] : [])]);
    case 'fn':
      switch (e.fn) {
        case 'round':
        case 'steps_whole':
        case 'steps_round_up':
        case 'progress':
          return false;
        case 'steps_pro_rata':
          return !terminating(inverseOf(constantOf(e.args[1]!))) || inexact(e.args[0]!, s);
        case 'interpolate': {
          const c = e.args.map(constantOf);
          for (let k = 3; k + 1 < e.args.length; k += 2) {
            const [x0, y0, x1, y1] = [c[k - 2], c[k - 1], c[k], c[k + 1]];
            if (!(x0 && y0 && x1 && y1) || !terminating(Q.div(Q.sub(y1, y0), Q.sub(x1, x0)))) return true;
          }
          return inexact(e.args[0]!, s);
        }
        default:
          return any(e.args);
      }
    case 'agg':
      return e.fn === 'mean' || e.fn === 'trimmed_mean' || ((e.fn === 'sum' || e.fn === 'min' || e.fn === 'max') && e.value !== null && e.value !== undefined && inexact(e.value, s));
    case 'pop':
      return e.fn === 'peer_mean' || e.fn === 'percentile' || ((e.fn === 'peer_max' || e.fn === 'peer_min') && s.inexact(e.of));
    default:
      return false;
  }
}

const inverseOf = (c: Rational | null) => (c ? Q.div(Q.ONE, c) : null);

/** A number rounded to 10 places before it is compared when it may carry a quotient's rounding. */
const snapIf = (x: string, snap: boolean, s: ExprScope) => (snap ? snapSql(x, s.dialect) : x);

function compareSql(op: CompareOp, a: Sql, b: Sql, snap: boolean, s: ExprScope): string {
  const sqlOp = op === '==' ? '=' : op === '!=' ? '<>' : op;
  if (a.t === 'str' || b.t === 'str') {
    if (a.t !== b.t) return `(CASE WHEN ${a.sql} IS NULL OR ${b.sql} IS NULL THEN NULL ELSE ${op === '!=' ? 'TRUE' : 'FALSE'} END)`;
    if (op !== '==' && op !== '!=') throw new Unsupported(`文本的比较 ${op}`);
    return `(${a.sql} ${sqlOp} ${b.sql})`;
  }
  return `(${snapIf(a.sql, snap, s)} ${sqlOp} ${snapIf(b.sql, snap, s)})`;
}

/** CASE WHEN any of `xs` IS NULL THEN NULL ELSE body END */
function strict(xs: string[], body: string): string {
  return `(CASE WHEN ${xs.map((x) => `${x} IS NULL`).join(' OR ')} THEN NULL ELSE ${body} END)`;
}

export function compile(e: GExpr, s: ExprScope): Sql {
  const d = s.dialect;
  const n = (x: GExpr) => num(compile(x, s), d);
  switch (e.k) {
    case 'num':
    case 'date':
      return { sql: lit(e.v, d), t: 'num' };
    case 'bool':
      return { sql: lit(e.v ? 1 : 0, d), t: 'num' };
    case 'str':
    case 'enum':
      return { sql: quoteText(e.v), t: 'str' };
    case 'node':
      return s.node(e.id);
    case 'rel':
      return s.rel(e.rel, e.id);
    case 'field': {
      const f = s.field(e.name);
      if (!f) throw new Unsupported(`记录之外的字段「${e.name}」`);
      return f;
    }
    case 'neg':
      return { sql: `(-${n(e.a)})`, t: 'num' };
    case 'not':
      return { sql: `(NOT ${cond(compile(e.a, s))})`, t: 'cond' };
    case 'arith': {
      const a = n(e.a);
      const b = n(e.b);
      if (e.op === '/') return { sql: quotient(a, b, constantOf(e.b), d), t: 'num' };
      if (e.op === '*') {
        const ca = constantOf(e.a);
        return { sql: ca ? product(b, a, ca, d) : product(a, b, constantOf(e.b), d), t: 'num' };
      }
      return { sql: `(${a} ${e.op} ${b})`, t: 'num' };
    }
    case 'cmp':
      return { sql: compareSql(e.op, compile(e.a, s), compile(e.b, s), inexact(e.a, s) || inexact(e.b, s), s), t: 'cond' };
    case 'logic':
      return { sql: `(${cond(compile(e.a, s))} ${e.op === 'and' ? 'AND' : 'OR'} ${cond(compile(e.b, s))})`, t: 'cond' };
    case 'if': {
      const c = cond(compile(e.c, s));
      const [t, f] = same(compile(e.t, s), compile(e.e, s), d);
      return { sql: `(CASE WHEN ${c} THEN ${t.sql} WHEN NOT ${c} THEN ${f.sql} END)`, t: t.t };
    }
    case 'band': {
      const x = compile(e.x, s);
      const arms = e.arms.map((a) => ({ c: compareSql(a.op, x, compile(a.bound, s), inexact(e.x, s) || inexact(a.bound, s), s), v: compile(a.v, s) }));
      const other = compile(e.else, s);
      const t = [...arms.map((a) => a.v), other].some((v) => v.t === 'str') ? 'str' : 'num';
      const val = (v: Sql) => (t === 'num' ? num(v, d) : v.sql);
      // An arm whose comparison has no value gives no value (the interpreter stops there).
      const whens = arms.map((a) => `WHEN ${a.c} IS NULL THEN NULL WHEN ${a.c} THEN ${val(a.v)}`).join(' ');
      return { sql: `(CASE WHEN ${x.sql} IS NULL THEN NULL ${whens} ELSE ${val(other)} END)`, t };
    }
    case 'match': {
      const x = compile(e.x, s);
      if (x.t !== 'str') throw new Unsupported('按数值匹配（match）');
      const arms = e.arms.map((a) => ({ values: a.values, v: compile(a.v, s) }));
      const other = e.else ? compile(e.else, s) : null;
      const t = [...arms.map((a) => a.v), ...(other ? [other] : [])].some((v) => v.t === 'str') ? 'str' : 'num';
      const val = (v: Sql) => (t === 'num' ? num(v, d) : v.sql);
      const whens = arms.map((a) => `WHEN ${x.sql} IN (${a.values.map(quoteText).join(', ')}) THEN ${val(a.v)}`).join(' ');
      return { sql: `(CASE ${whens} ELSE ${other ? val(other) : 'NULL'} END)`, t };
    }
    case 'fn':
      return { sql: fnSql(e, s), t: 'num' };
    case 'agg':
      return { sql: aggregateSql(e, s), t: 'num' };
    case 'pop':
      return s.pop(e);
  }
}

function same(a: Sql, b: Sql, d: Dialect): [Sql, Sql] {
  if (a.t === b.t || (a.t !== 'str' && b.t !== 'str')) {
    if (a.t === b.t) return [a, b];
    return [{ sql: num(a, d), t: 'num' }, { sql: num(b, d), t: 'num' }];
  }
  throw new Unsupported('条件分支一边是文本、一边是数值');
}

function fnSql(e: Extract<GExpr, { k: 'fn' }>, s: ExprScope): string {
  const d = s.dialect;
  const args = e.args.map((a) => num(compile(a, s), d));
  const [x, y, z] = args as [string, string, string];
  const snap = e.args.some((a) => inexact(a, s));
  const snapped = (v: string) => snapIf(v, snap, s);
  switch (e.fn) {
    case 'progress':
      return lit(s.progress, d);
    case 'min':
    case 'max': {
      const pick = args.reduce((best, v) => `(CASE WHEN ${snapped(v)} ${e.fn === 'min' ? '<' : '>'} ${snapped(best)} THEN ${v} ELSE ${best} END)`);
      return strict(args, pick);
    }
    case 'abs':
      return `ABS(${x})`;
    case 'clamp':
      return strict([x, y, z], `CASE WHEN ${snapped(x)} < ${snapped(y)} THEN ${y} WHEN ${snapped(x)} > ${snapped(z)} THEN ${z} ELSE ${x} END`);
    case 'round': {
      const places = e.args[1];
      if (!places || places.k !== 'num' || !Number.isInteger(places.v) || places.v < 0 || places.v > 10)
        throw new Unsupported('round 的位数不是 0–10 的常数');
      return strict([x], roundSql(snapIf(x, inexact(e.args[0]!, s), s), places.v, s.rounding, d, false));
    }
    case 'steps_whole':
    case 'steps_round_up':
    case 'steps_pro_rata': {
      const q = quotient(x, y, constantOf(e.args[1]!), d);
      const qs = snapIf(q, inexact({ k: 'arith', op: '/', a: e.args[0]!, b: e.args[1]! }, s), s);
      const count = e.fn === 'steps_whole' ? `GREATEST(FLOOR(${qs}), 0)` : e.fn === 'steps_round_up' ? `GREATEST(CEIL(${qs}), 0)` : `CASE WHEN ${qs} > 0 THEN ${q} ELSE 0 END`;
      return strict([x, y], `CASE WHEN ${y} = 0 THEN NULL ELSE CAST(${count} AS ${d.decimal}) END`);
    }
    case 'interpolate':
      return interpolateSql(args, e.args.map(constantOf), s, snap);
  }
}

/** Piecewise linear through (from1, to1), (from2, to2), …; flat outside them. */
function interpolateSql(args: string[], constants: (Rational | null)[], s: ExprScope, snap: boolean): string {
  const d = s.dialect;
  const snapSql = (v: string) => snapIf(v, snap, s);
  const x = args[0]!;
  const anchors: [string, string][] = [];
  for (let k = 1; k + 1 < args.length; k += 2) anchors.push([args[k]!, args[k + 1]!]);
  const whens: string[] = [`WHEN ${snapSql(x)} <= ${snapSql(anchors[0]![0])} THEN ${anchors[0]![1]}`];
  for (let k = 1; k < anchors.length; k++) {
    const [x0, y0] = anchors[k - 1]!;
    const [x1, y1] = anchors[k]!;
    // With constant anchors the slope is a constant, and usually a decimal of few places.
    const [cx0, cy0, cx1, cy1] = [constants[2 * k - 1], constants[2 * k], constants[2 * k + 1], constants[2 * k + 2]];
    const slopeConstant = cx0 && cy0 && cx1 && cy1 ? Q.div(Q.sub(cy1, cy0), Q.sub(cx1, cx0)) : null;
    const slopeText = slopeConstant && terminatingDecimal(slopeConstant);
    // Else a quotient; with constant anchors its dividend is a product by a constant (exact, no rounding step).
    const rise = cy0 && cy1 ? Q.sub(cy1, cy0) : null;
    const slope = slopeText
      ? `((${x} - ${x0}) * ${d.exact(slopeText)})`
      : d.divide(product(`(${x} - ${x0})`, `(${y1} - ${y0})`, rise, d), `(${x1} - ${x0})`);
    whens.push(`WHEN ${snapSql(x)} <= ${snapSql(x1)} THEN ${y0} + ${slope}`);
  }
  return strict(args, `CAST(CASE ${whens.join(' ')} ELSE ${anchors[anchors.length - 1]![1]} END AS ${d.decimal})`);
}

function aggregateSql(e: Extract<GExpr, { k: 'agg' }>, s: ExprScope): string {
  const d = s.dialect;
  const list = s.list(e.list);
  const r = s.records(list);
  const w = e.where ? cond(compile(e.where, r)) : 'TRUE';
  const v = e.value ? num(compile(e.value, r), d) : null;
  // A condition or a value without a value on some record leaves the aggregate without one.
  const bad = `COUNT(*) FILTER (WHERE ${w} IS NULL${v ? ` OR (${w} AND ${v} IS NULL)` : ''}) > 0`;
  const count = `COUNT(*) FILTER (WHERE ${w})`;
  const sum = v ? `COALESCE(SUM(${v}) FILTER (WHERE ${w}), 0)` : '0';
  const one = (body: string) => `(CASE WHEN ${list.present} THEN ${list.aggregate(`CASE WHEN ${bad} THEN NULL ELSE ${body} END`)} END)`;
  const dec = (x: string) => `CAST(${x} AS ${d.decimal})`;
  switch (e.fn) {
    case 'count':
      return one(dec(count));
    case 'any':
      return one(dec(`CASE WHEN ${count} > 0 THEN 1 ELSE 0 END`));
    case 'all':
      return one(dec(`CASE WHEN ${count} = COUNT(*) THEN 1 ELSE 0 END`));
    case 'sum':
      return one(dec(sum));
    case 'mean':
      return one(`CASE WHEN ${count} = 0 THEN NULL ELSE ${d.divide(sum, count)} END`);
    case 'min':
    case 'max':
      return one(`${e.fn.toUpperCase()}(${v}) FILTER (WHERE ${w})`);
    case 'trimmed_mean': {
      if (!v) throw new Unsupported('无值的截尾平均');
      const trim = e.trim;
      const plain = `CASE WHEN ${count} = 0 THEN NULL ELSE ${d.divide(sum, count)} END`;
      if (!trim) return one(plain);
      // The records kept, ordered by value: the middle ones once `drop` are taken off each end.
      const ranked = `(SELECT ${v} AS kv, ROW_NUMBER() OVER (ORDER BY ${v}) AS kn, COUNT(*) OVER () AS kc FROM ${list.from} AND ${w}) t`;
      const middle = `(SELECT ${d.divide('SUM(kv)', `COUNT(*)`)} FROM ${ranked} WHERE kn > ${trim.drop} AND kn <= kc - ${trim.drop})`;
      // The middle records are a query of their own for each unit: never one of a grouping's aggregates.
      const body = `CASE WHEN ${count} = 0 THEN NULL WHEN ${count} < ${trim.minCount} OR ${count} <= ${2 * trim.drop} THEN ${d.divide(sum, count)} ELSE ${middle} END`;
      return `(CASE WHEN ${list.present} THEN (SELECT CASE WHEN ${bad} THEN NULL ELSE ${body} END FROM ${list.from}) END)`;
    }
  }
}
