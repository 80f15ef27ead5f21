// Code generation for the kernels: one JavaScript function per node that loops over all units of its kind,
// reading Float64Array columns, with no allocation per unit. It computes what the reference evaluator
// computes whenever every value it reads is present and every operation is valid; at the first missing
// value, invalid operation or failed dependency it gives the unit up ("bails") and the reference evaluator
// scores that unit, so the rare paths have one implementation.
//
// No text from a policy or a dataset reaches the generated source: columns are passed in an array and named
// by position, enum members become their index, and numbers are emitted as literals only when finite. The
// finished source is checked to be plain ASCII without quotes before it is compiled.
import type {
  Adjustment,
  BonusNode,
  CompareOp,
  GExpr,
  GraphNode,
  IndicatorNode,
  LinkNode,
  PopulationFn,
  RecordSpec,
  RelationNode,
  RuleGraph,
  SectionNode,
  TotalNode,
  ValueNode,
} from './graph.js';
import { EXEMPT, FAILED, MISSING, NOT_APPLICABLE, PEER_MEAN, UNUSABLE } from './state.js';
import { isTextField } from './kernels-lists.js';

/** A column the generated code reads, resolved from the evaluation state before the loop. */
export type Slot =
  | { s: 'values'; id: string } // Float64Array of a number, enum or link column
  | { s: 'flags'; id: string } // Uint8Array status bits
  | { s: 'ref'; id: string } // Int32Array of a relation
  | { s: 'pop'; fn: PopulationFn; of: string; share: number | null } // a population statistic
  | { s: 'start'; list: string } // record offsets of a list input
  | { s: 'field'; list: string; field: string }; // one field of a list input's records

export interface GeneratedKernel {
  /** body of `function (C, H, n, out, flags, bails)`; returns the number of units given up (links: -1 or 0) */
  source: string;
  slots: Slot[];
}

export class Unsupported extends Error {}


/** A finite number as a JavaScript literal that reads back as the same float64. */
export function numberLiteral(x: number): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new Unsupported('a number that is not finite');
  if (Object.is(x, -0)) return '(-0)';
  return x < 0 ? `(${String(x)})` : String(x);
}

type Operand =
  | { t: 'num'; code: string }
  | { t: 'enum'; code: string; values: readonly string[] }
  | { t: 'name'; name: string }
  | { t: 'list'; start: string; index: string; list: string; record: RecordSpec };

interface Ctx {
  unit: string; // the unit index variable
  row: { k: string; list: string; record: RecordSpec } | null; // the current record, inside aggregates and `per`
}

const sameValues = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

class Gen {
  private readonly lines: string[] = [];
  private readonly slots: Slot[] = [];
  private readonly slotIds = new Map<string, string>();
  private readonly prelude: string[] = [];
  private next = 0;

  constructor(
    private readonly byId: Map<string, GraphNode>,
    private readonly records: Map<string, RecordSpec>,
    /** the statement that gives the unit up */
    private readonly bail: string,
  ) {}

  slot(s: Slot): string {
    const key = JSON.stringify(s);
    let name = this.slotIds.get(key);
    if (!name) {
      name = `c${this.slots.length}`;
      this.prelude.push(`const ${name} = C[${this.slots.length}];`);
      this.slots.push(s);
      this.slotIds.set(key, name);
    }
    return name;
  }

  tmp(prefix = 't'): string {
    return `${prefix}${this.next++}`;
  }

  emit(line: string): void {
    this.lines.push(line);
  }

  finish(loop: (body: string) => string, tail: string): GeneratedKernel {
    const body = this.lines.join('\n');
    const source = [
      'const cmp = H.cmp, plus = H.add, floor = H.floor, round = H.round, prog = H.progress, mode = H.rounding;',
      'const byExact = (a, b) => cmp(a, b);',
      ...this.prelude,
      loop(body),
      tail,
    ].join('\n');
    // Defence in depth: names and strings never reach the source, so it is ASCII without any quote.
    if (!/^[\x09\x0a\x20-\x7e]*$/.test(source) || /["'`\\]/.test(source)) throw new Error('generated kernel contains text it must not');
    return { source, slots: this.slots };
  }

  // ── Reading values ────────────────────────────────────────────────────────

  read(node: GraphNode, index: string): Operand {
    const flags = this.slot({ s: 'flags', id: node.id });
    if (node.type.t === 'list') {
      this.emit(`if ((${flags}[${index}] & ${UNUSABLE}) !== 0) ${this.bail};`);
      const record = this.records.get(node.type.record);
      if (!record) throw new Unsupported('unknown record');
      return { t: 'list', start: this.slot({ s: 'start', list: node.id }), index, list: node.id, record };
    }
    if (node.type.t === 'text' || node.type.t === 'ref') throw new Unsupported(`reads ${node.type.t}`);
    const v = this.tmp();
    this.emit(`const ${v} = ${this.slot({ s: 'values', id: node.id })}[${index}];`);
    this.emit(`if (${v} !== ${v} || (${flags}[${index}] & ${UNUSABLE}) !== 0) ${this.bail};`);
    return node.type.t === 'enum' ? { t: 'enum', code: v, values: node.type.values } : { t: 'num', code: v };
  }

  num(e: GExpr, ctx: Ctx): string {
    const o = this.expr(e, ctx);
    if (o.t !== 'num') throw new Unsupported(`a ${o.t} where a number is needed`);
    return o.code;
  }

  /** A number or a value like it; with `checkNaN` the unit is given up when it is NaN. */
  private value(code: string, checkNaN: boolean): { t: 'num'; code: string } {
    const v = this.tmp();
    this.emit(`const ${v} = ${code};`);
    if (checkNaN) this.emit(`if (${v} !== ${v}) ${this.bail};`);
    return { t: 'num', code: v };
  }

  expr(e: GExpr, ctx: Ctx): Operand {
    switch (e.k) {
      case 'num':
      case 'date':
        return { t: 'num', code: numberLiteral(e.v) };
      case 'bool':
        return { t: 'num', code: e.v ? '1' : '0' };
      case 'str':
      case 'enum':
        return { t: 'name', name: e.v };
      case 'node':
        return this.read(this.node(e.id), ctx.unit);
      case 'rel': {
        const j = this.tmp('j');
        this.emit(`const ${j} = ${this.slot({ s: 'ref', id: e.rel })}[${ctx.unit}];`);
        this.emit(`if (${j} < 0) ${this.bail};`);
        return this.read(this.node(e.id), j);
      }
      case 'field': {
        if (!ctx.row) throw new Unsupported('a record field outside a record');
        const type = ctx.row.record.fields.find((f) => f.name === e.name)?.type;
        if (!type || isTextField(type) || type.t === 'list') throw new Unsupported('a text field');
        const v = this.tmp();
        this.emit(`const ${v} = ${this.slot({ s: 'field', list: ctx.row.list, field: e.name })}[${ctx.row.k}];`);
        this.emit(`if (${v} !== ${v}) ${this.bail};`);
        return type.t === 'enum' ? { t: 'enum', code: v, values: type.values } : { t: 'num', code: v };
      }
      case 'neg':
        return this.value(`-${this.num(e.a, ctx)}`, false);
      case 'not':
        return this.value(`${this.num(e.a, ctx)} !== 0 ? 0 : 1`, false);
      case 'arith': {
        const a = this.num(e.a, ctx);
        const b = this.num(e.b, ctx);
        if (e.op === '/') this.emit(`if (${b} === 0) ${this.bail};`);
        if (e.op === '+' || e.op === '-') return this.value(`plus(${a}, ${e.op === '-' ? '-' : ''}${b})`, true);
        return this.value(`${a} ${e.op} ${b}`, true);
      }
      case 'cmp': {
        const test = this.compare(e.op, this.expr(e.a, ctx), this.expr(e.b, ctx));
        return this.value(`${test} ? 1 : 0`, false);
      }
      case 'logic': {
        const r = this.tmp('r');
        const a = this.num(e.a, ctx);
        this.emit(`let ${r};`);
        this.emit(e.op === 'and' ? `if (${a} === 0) ${r} = 0; else {` : `if (${a} !== 0) ${r} = 1; else {`);
        const b = this.num(e.b, ctx);
        this.emit(`${r} = ${b} !== 0 ? 1 : 0; }`);
        return { t: 'num', code: r };
      }
      case 'if': {
        const c = this.num(e.c, ctx);
        return this.choice([[`${c} !== 0`, e.t]], e.e, ctx);
      }
      case 'band': {
        const x = this.expr(e.x, ctx);
        return this.chain(
          e.arms.map((arm) => [() => this.compare(arm.op, x, this.expr(arm.bound, ctx)), arm.v]),
          e.else,
          ctx,
        );
      }
      case 'match': {
        const x = this.expr(e.x, ctx);
        if (x.t !== 'enum') throw new Unsupported('match on a value that is not an enum');
        const arms: [() => string, GExpr][] = e.arms.map((arm) => [
          () => {
            const hits = arm.values.map((v) => x.values.indexOf(v)).filter((k) => k >= 0);
            return hits.length === 0 ? 'false' : hits.map((k) => `${x.code} === ${k}`).join(' || ');
          },
          arm.v,
        ]);
        return this.chain(arms, e.else, ctx);
      }
      case 'fn':
        return this.fn(e, ctx);
      case 'agg':
        return this.aggregate(e, ctx);
      case 'pop': {
        const v = this.tmp();
        this.emit(`const ${v} = ${this.slot({ s: 'pop', fn: e.fn, of: e.of, share: e.share })}[${ctx.unit}];`);
        this.emit(`if (${v} !== ${v}) ${this.bail};`);
        return { t: 'num', code: v };
      }
    }
  }

  node(id: string): GraphNode {
    const n = this.byId.get(id);
    if (!n) throw new Unsupported('an unknown node');
    return n;
  }

  /** A JavaScript condition for `a OP b` when both are present, as the reference compares them. */
  compare(op: CompareOp, a: Operand, b: Operand): string {
    if (a.t === 'num' && b.t === 'num') return `cmp(${a.code}, ${b.code}) ${op === '==' ? '===' : op === '!=' ? '!==' : op} 0`;
    if (op !== '==' && op !== '!=') throw new Unsupported('ordering of names');
    const eq = op === '==';
    if (a.t === 'name' && b.t === 'name') return eq === (a.name === b.name) ? 'true' : 'false';
    if (a.t === 'enum' && b.t === 'enum') {
      if (!sameValues(a.values, b.values)) throw new Unsupported('comparing enums of different members');
      return `${a.code} ${eq ? '===' : '!=='} ${b.code}`;
    }
    const [x, name] = a.t === 'enum' && b.t === 'name' ? [a, b.name] : b.t === 'enum' && a.t === 'name' ? [b, a.name] : [null, ''];
    if (!x) throw new Unsupported('comparing values of different types');
    const k = x.values.indexOf(name);
    if (k < 0) return eq ? 'false' : 'true';
    return `${x.code} ${eq ? '===' : '!=='} ${k}`;
  }

  private choice(arms: [string, GExpr][], otherwise: GExpr | null, ctx: Ctx): Operand {
    return this.chain(arms.map(([test, v]) => [() => test, v]), otherwise, ctx);
  }

  /** First arm whose test holds (tests computed in turn, each only when the ones before failed). */
  private chain(arms: [() => string, GExpr][], otherwise: GExpr | null, ctx: Ctx): Operand {
    const r = this.tmp('r');
    this.emit(`let ${r};`);
    let type: Operand | null = null;
    const assign = (e: GExpr) => {
      const o = this.expr(e, ctx);
      if (o.t !== 'num' && o.t !== 'enum') throw new Unsupported(`a ${o.t} as a branch value`);
      if (type && (type.t !== o.t || (o.t === 'enum' && type.t === 'enum' && !sameValues(o.values, type.values))))
        throw new Unsupported('branches of different types');
      type = o;
      this.emit(`${r} = ${o.code};`);
    };
    for (const [test, v] of arms) {
      this.emit(`if (${test()}) {`);
      assign(v);
      this.emit('} else {');
    }
    if (otherwise) assign(otherwise);
    else this.emit(`${this.bail};`);
    this.emit('}'.repeat(arms.length));
    const t = type as Operand | null;
    if (!t) throw new Unsupported('no branch value');
    return t.t === 'enum' ? { t: 'enum', code: r, values: t.values } : { t: 'num', code: r };
  }

  private fn(e: Extract<GExpr, { k: 'fn' }>, ctx: Ctx): Operand {
    if (e.fn === 'progress') return { t: 'num', code: 'prog' };
    const args = e.args.map((a) => this.num(a, ctx));
    const [x, y, z] = args;
    switch (e.fn) {
      case 'min':
      case 'max': {
        const m = this.tmp('m');
        this.emit(`let ${m} = ${x};`);
        for (const a of args.slice(1)) this.emit(`if (cmp(${a}, ${m}) ${e.fn === 'min' ? '<' : '>'} 0) ${m} = ${a};`);
        return { t: 'num', code: m };
      }
      case 'abs':
        return this.value(`Math.abs(${x})`, false);
      case 'clamp':
        return this.value(`cmp(${x}, ${y}) < 0 ? ${y} : cmp(${x}, ${z}) > 0 ? ${z} : ${x}`, false);
      case 'round':
        return this.value(`round(${x}, ${y}, mode)`, false);
      case 'steps_whole':
      case 'steps_pro_rata':
      case 'steps_round_up': {
        this.emit(`if (${y} === 0) ${this.bail};`);
        const q = this.value(`${x} / ${y}`, false).code;
        // ceil(q) = -floor(-q): the snapping floor is symmetric, so this rounds up with the same snapping.
        if (e.fn === 'steps_round_up') return this.value(`Math.max(0, -floor(-${q}))`, false);
        return this.value(e.fn === 'steps_whole' ? `Math.max(0, floor(${q}))` : `cmp(${q}, 0) > 0 ? ${q} : 0`, false);
      }
      case 'interpolate': {
        const r = this.tmp('r');
        const n = (args.length - 1) / 2;
        const X = (k: number) => args[2 * k + 1]!;
        const Y = (k: number) => args[2 * k + 2]!;
        this.emit(`let ${r};`);
        this.emit(`if (cmp(${x}, ${X(0)}) <= 0) ${r} = ${Y(0)};`);
        for (let k = 1; k < n; k++)
          this.emit(`else if (cmp(${x}, ${X(k)}) <= 0) ${r} = ${Y(k - 1)} + ((${x} - ${X(k - 1)}) * (${Y(k)} - ${Y(k - 1)})) / (${X(k)} - ${X(k - 1)});`);
        this.emit(`else ${r} = ${Y(n - 1)};`);
        return { t: 'num', code: r };
      }
      default:
        throw new Unsupported(`function ${String(e.fn)}`);
    }
  }

  /** Loop over the records of a list operand with the record in scope; `body` emits the per-record code. */
  records_(list: Operand, ctx: Ctx, body: (inner: Ctx) => void): { count: string } {
    if (list.t !== 'list') throw new Unsupported('a list that is not a record list');
    const k = this.tmp('k');
    const end = this.tmp('e');
    this.emit(`const ${end} = ${list.start}[${list.index} + 1];`);
    this.emit(`for (let ${k} = ${list.start}[${list.index}]; ${k} < ${end}; ${k}++) {`);
    body({ unit: ctx.unit, row: { k, list: list.list, record: list.record } });
    this.emit('}');
    return { count: `(${end} - ${list.start}[${list.index}])` };
  }

  private aggregate(e: Extract<GExpr, { k: 'agg' }>, ctx: Ctx): Operand {
    const list = this.expr(e.list, ctx);
    const count = this.tmp('n');
    const sum = this.tmp('s');
    const best = this.tmp('b');
    const kept = e.fn === 'trimmed_mean' ? this.tmp('kept') : null;
    if (kept) this.prelude.push(`const ${kept} = [];`);
    this.emit(`let ${count} = 0, ${sum} = 0, ${best} = 0;`);
    if (kept) this.emit(`${kept}.length = 0;`);
    const all = this.records_(list, ctx, (inner) => {
      if (e.where) this.emit(`if (${this.num(e.where, inner)} === 0) continue;`);
      this.emit(`${count}++;`);
      if (!e.value) return;
      const v = this.num(e.value, inner);
      this.emit(`${sum} += ${v};`);
      if (e.fn === 'min' || e.fn === 'max') this.emit(`if (${count} === 1 || cmp(${v}, ${best}) ${e.fn === 'min' ? '<' : '>'} 0) ${best} = ${v};`);
      if (kept) this.emit(`${kept}.push(${v});`);
    });
    switch (e.fn) {
      case 'count':
        return { t: 'num', code: count };
      case 'any':
        return this.value(`${count} > 0 ? 1 : 0`, false);
      case 'all':
        return this.value(`${count} === ${all.count} ? 1 : 0`, false);
      case 'sum':
        return { t: 'num', code: sum };
      case 'mean':
        this.emit(`if (${count} === 0) ${this.bail};`);
        return this.value(`${sum} / ${count}`, false);
      case 'min':
      case 'max':
        this.emit(`if (${count} === 0) ${this.bail};`);
        return { t: 'num', code: best };
      case 'trimmed_mean': {
        this.emit(`if (${count} === 0) ${this.bail};`);
        const r = this.tmp('r');
        const trim = e.trim;
        if (!trim) return this.value(`${sum} / ${count}`, false);
        const drop = numberLiteral(trim.drop);
        this.emit(`let ${r};`);
        this.emit(`if (${count} < ${numberLiteral(trim.minCount)} || ${count} <= 2 * ${drop}) ${r} = ${sum} / ${count};`);
        const q = this.tmp('q');
        const m = this.tmp('m');
        this.emit(`else { ${kept}.sort(byExact); let ${m} = 0; for (let ${q} = ${drop}; ${q} < ${count} - ${drop}; ${q}++) ${m} += ${kept}[${q}]; ${r} = ${m} / (${count} - 2 * ${drop}); }`);
        return { t: 'num', code: r };
      }
    }
  }

  // ── Adjustments, clamping ─────────────────────────────────────────────────

  /** Emits the deductions and additions into the variables `ded` and `add`. */
  adjustments(adjs: Adjustment[], ctx: Ctx): void {
    this.emit('let ded = 0, add = 0;');
    for (const adj of adjs) {
      const a = this.tmp('a');
      this.emit(`let ${a} = 0;`);
      let close = '';
      if (adj.when) {
        this.emit(`if (${this.num(adj.when, ctx)} !== 0) {`);
        close = '}';
      }
      if (adj.per) {
        const list = this.expr(adj.per, ctx);
        this.records_(list, ctx, (inner) => {
          if (adj.where) this.emit(`if (${this.num(adj.where, inner)} === 0) continue;`);
          if (adj.distinct) this.distinctRecord(adj, list, ctx, inner, a);
          else this.emit(`${a} += ${this.num(adj.amount, inner)};`);
        });
      } else this.emit(`${a} = ${this.num(adj.amount, ctx)};`);
      if (adj.cap) {
        const cap = this.num(adj.cap, ctx);
        this.emit(`if (cmp(${a}, ${cap}) > 0) ${a} = ${cap};`);
      }
      this.emit(close);
      this.emit(`${adj.direction === 'deduct' ? 'ded' : 'add'} += ${a};`);
    }
  }

  /**
   * `distinct F`: the current record counts unless another with the same F has a larger amount, or an
   * equal one earlier — what the reference evaluator's best-per-key gives, without a map per unit (a unit's
   * records are few, so comparing each with the others is cheap). A record without F is left to the reference.
   */
  private distinctRecord(adj: Adjustment, list: Operand, ctx: Ctx, inner: Ctx, sum: string): void {
    const row = inner.row!;
    const keys = this.slot({ s: 'field', list: row.list, field: adj.distinct! });
    const key = this.tmp('key');
    this.emit(`const ${key} = ${keys}[${row.k}];`);
    this.emit(`if (${key} === null || ${key} !== ${key}) ${this.bail};`);
    const amount = this.num(adj.amount, inner);
    const counts = this.tmp('best');
    this.emit(`let ${counts} = true;`);
    this.records_(list, ctx, (other) => {
      const m = other.row!.k;
      this.emit(`if (${m} === ${row.k} || ${keys}[${m}] !== ${key}) continue;`);
      if (adj.where) this.emit(`if (${this.num(adj.where, other)} === 0) continue;`);
      const rival = this.num(adj.amount, other);
      this.emit(`if (cmp(${rival}, ${amount}) > 0 || (cmp(${rival}, ${amount}) === 0 && ${m} < ${row.k})) { ${counts} = false; break; }`);
    });
    this.emit(`if (${counts}) ${sum} += ${amount};`);
  }

  /** Clamp to [0, hi] (no upper bound when hi is null) and round, into a new variable. */
  clampRound(raw: string, hi: number | null, precision: number): string {
    const v = this.tmp('v');
    this.emit(`let ${v} = ${raw};`);
    this.emit(`if (cmp(${v}, 0) < 0) ${v} = 0;`);
    if (hi !== null) this.emit(`else if (cmp(${v}, ${numberLiteral(hi)}) > 0) ${v} = ${numberLiteral(hi)};`);
    this.emit(`${v} = round(${v}, ${numberLiteral(precision)}, mode);`);
    return v;
  }

  // ── Per-node bodies: every path ends by storing the unit's value or giving the unit up ─────────

  store(value: string, flags: number): void {
    this.emit(`out[i] = ${value}; flags[i] = ${flags}; continue;`);
  }

  anyFlag(ids: string[], bit: number): string {
    return ids.map((id) => `(${this.slot({ s: 'flags', id })}[i] & ${bit}) !== 0`).join(' || ');
  }
}

const UNIT: Ctx = { unit: 'i', row: null };

function unitLoop(body: string): string {
  return `let nb = 0;\nfor (let i = 0; i < n; i++) {\nb: {\n${body}\n}\nbails[nb++] = i;\n}`;
}

function valueBody(g: Gen, node: ValueNode): void {
  const o = g.expr(node.expr, UNIT);
  if (o.t === 'num' && (node.type.t === 'num' || node.type.t === 'bool' || node.type.t === 'date')) return g.store(o.code, 0);
  if (o.t === 'enum' && node.type.t === 'enum' && sameValues(o.values, node.type.values)) return g.store(o.code, 0);
  throw new Unsupported(`a ${node.type.t} value`);
}

function indicatorBody(g: Gen, node: IndicatorNode): void {
  if (node.exemptIfMissing.length > 0) g.emit(`if (${g.anyFlag(node.exemptIfMissing, MISSING)}) { out[i] = NaN; flags[i] = ${EXEMPT}; continue; }`);
  if (node.exemptWhen) g.emit(`if (${g.num(node.exemptWhen, UNIT)} !== 0) { out[i] = NaN; flags[i] = ${EXEMPT}; continue; }`);
  if (node.peerMeanIfMissing.length > 0) g.emit(`if (${g.anyFlag(node.peerMeanIfMissing, MISSING)}) { out[i] = NaN; flags[i] = ${PEER_MEAN}; continue; }`);
  const base = node.base ? g.num(node.base, UNIT) : numberLiteral(node.points);
  g.adjustments(node.adjustments, UNIT);
  g.emit('let linked = 0;');
  for (const id of node.links) g.emit(`linked += ${g.slot({ s: 'values', id })}[i];`);
  g.store(g.clampRound(`${base} - ded - linked + add`, node.points, node.precision), 0);
}

function sectionBody(g: Gen, node: SectionNode, byId: Map<string, GraphNode>): void {
  if (node.when) g.emit(`if (${g.num(node.when, UNIT)} === 0) { out[i] = NaN; flags[i] = ${NOT_APPLICABLE}; continue; }`);
  g.emit('let sum = 0, evaluated = 0, f = 0;');
  let all = 0;
  for (const id of node.indicators) {
    const ind = byId.get(id) as IndicatorNode;
    all += ind.points;
    g.emit(`f = ${g.slot({ s: 'flags', id })}[i];`);
    g.emit(`if ((f & ${FAILED}) !== 0) break b;`);
    g.emit(`if ((f & ${EXEMPT}) === 0) { sum += ${g.slot({ s: 'values', id })}[i]; evaluated += ${numberLiteral(ind.points)}; }`);
  }
  g.emit(`if (evaluated === 0) { out[i] = NaN; flags[i] = ${EXEMPT}; continue; }`);
  const whole = node.weight === null ? `cmp(evaluated, ${numberLiteral(all)}) === 0` : 'false';
  g.emit(`let v = ${whole} ? sum : (sum * ${numberLiteral(node.points)}) / evaluated;`);
  if (node.cap) g.emit(`if (cmp(v, ${numberLiteral(node.points)}) > 0) v = ${numberLiteral(node.points)};`);
  g.store(`round(v, ${numberLiteral(node.precision)}, mode)`, 0);
}

function bonusBody(g: Gen, node: BonusNode): void {
  g.adjustments(node.adjustments, UNIT);
  g.store(g.clampRound('add - ded', node.cap, node.precision), 0);
}

function totalBody(g: Gen, node: TotalNode, graph: RuleGraph, byId: Map<string, GraphNode>): void {
  g.emit('let own = 0, f = 0;');
  for (const id of [...node.sections, ...node.bonuses]) {
    g.emit(`f = ${g.slot({ s: 'flags', id })}[i];`);
    g.emit(`if ((f & ${FAILED}) !== 0) break b;`);
    g.emit(`if ((f & ${NOT_APPLICABLE | EXEMPT}) === 0) own += ${g.slot({ s: 'values', id })}[i];`);
  }
  let v = 'own';
  if (node.individual) {
    const share = g.num(node.individual.share, UNIT);
    const relKind = (byId.get(node.individual.relation) as RelationNode).target;
    // As the evaluator's state keeps them: the last total declared for a kind.
    const relTotal = graph.nodes.filter((x) => x.role === 'total' && x.kind === relKind).pop();
    if (!relTotal) throw new Unsupported('individual total without the related total');
    g.emit(`const j = ${g.slot({ s: 'ref', id: node.individual.relation })}[i];`);
    g.emit('if (j < 0) break b;');
    g.emit(`const other = ${g.slot({ s: 'values', id: relTotal.id })}[j];`);
    g.emit('if (other !== other) break b;');
    v = `${share} * other + (1 - ${share}) * own`;
  }
  g.store(`round(${v}, ${numberLiteral(node.precision)}, mode)`, 0);
}

function linkBody(g: Gen, node: LinkNode, records: Map<string, RecordSpec>, byId: Map<string, GraphNode>): void {
  const target = g.slot({ s: 'ref', id: node.relation });
  const deduct = (ctx: Ctx) => {
    g.emit('r: {');
    if (node.where) g.emit(`if (${g.num(node.where, ctx)} === 0) break r;`);
    const amount = g.num(node.amount, ctx);
    g.emit(`const to = ${target}[i];`);
    g.emit('if (to < 0) return -1;');
    g.emit(`out[to] += ${amount};`);
    g.emit('}');
  };
  if (!node.list) return deduct(UNIT);
  const listNode = byId.get(node.list);
  const record = listNode?.type.t === 'list' ? records.get(listNode.type.record) : undefined;
  if (!record) throw new Unsupported('unknown record');
  // The reference walks a missing list as no records: the offsets say the same, flags are not read.
  g.records_({ t: 'list', start: g.slot({ s: 'start', list: node.list }), index: 'i', list: node.list, record }, UNIT, (inner) => deduct(inner));
}

/** Generate the kernel of one node, or say why it has none (the reference evaluator then evaluates it). */
export function generateKernel(graph: RuleGraph, node: GraphNode): GeneratedKernel | { unsupported: string } {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const records = new Map(graph.records.map((r) => [r.name, r]));
  try {
    if (node.role === 'link') {
      const g = new Gen(byId, records, 'return -1');
      linkBody(g, node, records, byId);
      return g.finish((body) => `for (let i = 0; i < n; i++) {\n${body}\n}`, 'return 0;');
    }
    const g = new Gen(byId, records, 'break b');
    switch (node.role) {
      case 'value':
        valueBody(g, node);
        break;
      case 'indicator':
        indicatorBody(g, node);
        break;
      case 'section':
        sectionBody(g, node, byId);
        break;
      case 'bonus':
        bonusBody(g, node);
        break;
      case 'total':
        totalBody(g, node, graph, byId);
        break;
      default:
        return { unsupported: `${node.role} nodes are evaluated by the reference evaluator` };
    }
    return g.finish(unitLoop, 'return nb;');
  } catch (e) {
    if (e instanceof Unsupported) return { unsupported: e.message };
    throw e;
  }
}

/**
 * A kernel computing a condition (a tiers gate, veto or tier `when`) for every unit of its kind: 1 or 0,
 * and units it gives up listed in `bails` for the reference evaluator to decide.
 */
export function generateCondition(graph: RuleGraph, when: GExpr): GeneratedKernel | { unsupported: string } {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const records = new Map(graph.records.map((r) => [r.name, r]));
  try {
    const g = new Gen(byId, records, 'break b');
    const c = g.num(when, UNIT);
    g.emit(`if (${c} !== ${c}) break b;`);
    g.store(`${c} !== 0 ? 1 : 0`, 0);
    return g.finish(unitLoop, 'return nb;');
  } catch (e) {
    if (e instanceof Unsupported) return { unsupported: e.message };
    throw e;
  }
}
