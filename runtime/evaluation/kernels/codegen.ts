// Code generation for the kernels: one JavaScript function per node that loops over all units of its kind,
// reading Float64Array columns, with no allocation per unit. It computes what the reference evaluator
// computes whenever every value it reads is present and every operation is valid; at the first missing
// value, invalid operation or failed dependency it gives the unit up ("bails") and the reference evaluator
// scores that unit, so the rare paths have one implementation. Numbers are doubles, each with a bound on its
// distance from the exact value (error-bounds.ts); a comparison, truth test, floor or rounding that the
// bound does not decide gives the unit up too, so every result is the reference's exact one.
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
} from '../../../graph/graph.js';
import { EXEMPT, FAILED, MISSING, NOT_APPLICABLE, PEER_MEAN, UNUSABLE } from '../state.js';
import { isTextField } from './kernels-lists.js';
import { readError } from './error-bounds.js';

/** A column the generated code reads, resolved from the evaluation state before the loop. */
export type Slot =
  | { s: 'values'; id: string } // Float64Array of a number, enum or link column
  | { s: 'errors'; id: string } // error bounds of a value or link column a kernel computed (null: exact doubles)
  | { s: 'flags'; id: string } // Uint8Array status bits
  | { s: 'ref'; id: string } // Int32Array of a relation
  | { s: 'pop'; fn: PopulationFn; of: string; share: number | null; among?: string } // a population statistic
  | { s: 'start'; list: string } // record offsets of a list input
  | { s: 'field'; list: string; field: string }; // one field of a list input's records

export interface GeneratedKernel {
  /** body of `function (C, H, n, out, flags, bails, errs)`; returns the number of units given up (links: -1 or 0);
   *  `errs` receives the error bounds of a value or link node's doubles */
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

/** A number: its double, and a bound on its distance from the exact value ('0': exact). */
type Num = { t: 'num'; code: string; err: string };

type Operand =
  | Num
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
      'const cmp = H.compare, truth = H.truth, floor = H.floor, round = H.round, perr = H.productError, qerr = H.quotientError;',
      'const U = H.U, prog = H.progress, proge = H.progressError, mode = H.rounding;',
      'const byValue = (a, b) => a - b;',
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
    if (node.type.t === 'enum') return { t: 'enum', code: v, values: node.type.values };
    return this.number(v, this.columnError(node, v, index));
  }

  /** The error bound of a value read from a node's column. */
  columnError(node: GraphNode, v: string, index: string): string {
    // Values and links hold doubles near exact rationals: a kernel's bound, or the nearest double's half ulp.
    if (node.role === 'value' || node.role === 'link') {
      const errs = this.slot({ s: 'errors', id: node.id });
      return `(${errs} === null ? Math.abs(${v}) * U : ${errs}[${index}])`;
    }
    // Inputs and scores stand for the decimals they print as.
    return readErrorOf(v);
  }

  /** A number with its error bound kept in a variable (when not a constant). */
  number(code: string, err: string): Num {
    if (err === '0' || /^[a-z]\w*$/.test(err) || /^\d/.test(err)) return { t: 'num', code, err };
    const e = `${code}e`;
    this.emit(`const ${e} = ${err};`);
    return { t: 'num', code, err: e };
  }

  num(e: GExpr, ctx: Ctx): Num {
    const o = this.expr(e, ctx);
    if (o.t !== 'num') throw new Unsupported(`a ${o.t} where a number is needed`);
    return o;
  }

  /** A computed number in a new variable; with `checkNaN` the unit is given up when it is NaN. */
  private value(code: string, err: string, checkNaN: boolean): Num {
    const v = this.tmp();
    this.emit(`const ${v} = ${code};`);
    if (checkNaN) this.emit(`if (${v} !== ${v}) ${this.bail};`);
    return this.number(v, err);
  }

  /** A decision the error bounds may leave open (NaN): the unit is given up then. */
  private decide(code: string): string {
    const c = this.tmp('d');
    this.emit(`const ${c} = ${code};`);
    this.emit(`if (${c} !== ${c}) ${this.bail};`);
    return c;
  }

  /** A JavaScript condition: whether the exact value of `o` is non-zero. */
  truthy(o: Num): string {
    if (o.err === '0') return `${o.code} !== 0`;
    return `${this.decide(`truth(${o.code}, ${o.err})`)} === 1`;
  }

  // ── Arithmetic with error bounds ──────────────────────────────────────────

  sum(a: Num, b: Num, op: '+' | '-'): Num {
    const v = this.value(`${a.code} ${op} ${b.code}`, '0', true).code;
    const err = terms(a.err, b.err, this.roundingOfSum(a.code, `${op === '-' ? '-' : ''}${b.code}`, v));
    return this.number(v, err);
  }

  product(a: Num, b: Num): Num {
    const v = this.value(`${a.code} * ${b.code}`, '0', true).code;
    const err = terms(
      a.err === '0' ? '0' : b.err === '0' ? `Math.abs(${b.code}) * ${a.err}` : `Math.abs(${b.code}) * ${a.err} + ${a.err} * ${b.err}`,
      b.err === '0' ? '0' : `Math.abs(${a.code}) * ${b.err}`,
      `perr(${a.code}, ${b.code}, ${v})`,
    );
    return this.number(v, err);
  }

  quotient(a: Num, b: Num): Num {
    this.emit(`if (${b.code} === 0) ${this.bail};`);
    if (b.err !== '0') this.emit(`if (!(Math.abs(${b.code}) > 2 * ${b.err})) ${this.bail};`);
    const v = this.value(`${a.code} / ${b.code}`, '0', true).code;
    const carried = b.err === '0' ? (a.err === '0' ? '0' : `${a.err} / Math.abs(${b.code})`) : `(${a.err} + Math.abs(${v}) * ${b.err}) / (Math.abs(${b.code}) - ${b.err})`;
    return this.number(v, terms(carried, `qerr(${a.code}, ${b.code}, ${v})`));
  }

  constant(x: number): Num {
    return { t: 'num', code: numberLiteral(x), err: numberLiteral(readError(x)) };
  }

  expr(e: GExpr, ctx: Ctx): Operand {
    switch (e.k) {
      case 'num':
      case 'date':
        return this.constant(e.v);
      case 'bool':
        return { t: 'num', code: e.v ? '1' : '0', err: '0' };
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
        return type.t === 'enum' ? { t: 'enum', code: v, values: type.values } : this.number(v, readErrorOf(v));
      }
      case 'neg': {
        const a = this.num(e.a, ctx);
        return this.value(`-${a.code}`, a.err, false);
      }
      case 'not':
        return this.value(`${this.truthy(this.num(e.a, ctx))} ? 0 : 1`, '0', false);
      case 'arith': {
        const a = this.num(e.a, ctx);
        const b = this.num(e.b, ctx);
        if (e.op === '+' || e.op === '-') return this.sum(a, b, e.op);
        return e.op === '*' ? this.product(a, b) : this.quotient(a, b);
      }
      case 'cmp': {
        const test = this.compare(e.op, this.expr(e.a, ctx), this.expr(e.b, ctx));
        return this.value(`${test} ? 1 : 0`, '0', false);
      }
      case 'logic': {
        const r = this.tmp('r');
        const a = this.truthy(this.num(e.a, ctx));
        this.emit(`let ${r};`);
        this.emit(e.op === 'and' ? `if (!(${a})) ${r} = 0; else {` : `if (${a}) ${r} = 1; else {`);
        const b = this.truthy(this.num(e.b, ctx));
        this.emit(`${r} = ${b} ? 1 : 0; }`);
        return { t: 'num', code: r, err: '0' };
      }
      case 'if': {
        const c = this.truthy(this.num(e.c, ctx));
        return this.choice([[c, e.t]], e.e, ctx);
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
        const slot: Slot = { s: 'pop', fn: e.fn, of: e.of, share: e.share, ...(e.among !== undefined ? { among: e.among } : {}) };
        this.emit(`const ${v} = ${this.slot(slot)}[${ctx.unit}];`);
        // No statistic (no value, or not among the eligible): the reference evaluator takes the unit.
        this.emit(`if (${v} !== ${v}) ${this.bail};`);
        // The double nearest to the exact statistic.
        return this.number(v, `Math.abs(${v}) * U`);
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
    if (a.t === 'num' && b.t === 'num') return `${this.order(a, b)} ${op === '==' ? '===' : op === '!=' ? '!==' : op} 0`;
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

  /** The order of the exact values of two numbers (−1, 0, 1), decided or the unit given up. */
  order(a: Num, b: Num): string {
    return this.decide(`cmp(${a.code}, ${a.err}, ${b.code}, ${b.err})`);
  }

  private choice(arms: [string, GExpr][], otherwise: GExpr | null, ctx: Ctx): Operand {
    return this.chain(arms.map(([test, v]) => [() => test, v]), otherwise, ctx);
  }

  /** First arm whose test holds (tests computed in turn, each only when the ones before failed). */
  private chain(arms: [() => string, GExpr][], otherwise: GExpr | null, ctx: Ctx): Operand {
    const r = this.tmp('r');
    this.emit(`let ${r}, ${r}e;`);
    let type: Operand | null = null;
    const assign = (e: GExpr) => {
      const o = this.expr(e, ctx);
      if (o.t !== 'num' && o.t !== 'enum') throw new Unsupported(`a ${o.t} as a branch value`);
      if (type && (type.t !== o.t || (o.t === 'enum' && type.t === 'enum' && !sameValues(o.values, type.values))))
        throw new Unsupported('branches of different types');
      type = o;
      this.emit(`${r} = ${o.code}; ${r}e = ${o.t === 'num' ? o.err : '0'};`);
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
    return t.t === 'enum' ? { t: 'enum', code: r, values: t.values } : { t: 'num', code: r, err: `${r}e` };
  }

  /** min or max of numbers: 1-Lipschitz, so chosen in float with the largest of the operands' bounds. */
  private extreme(fn: 'min' | 'max', args: Num[]): Num {
    const m = this.tmp('m');
    this.emit(`let ${m} = ${args[0]!.code};`);
    for (const a of args.slice(1)) this.emit(`if (${a.code} ${fn === 'min' ? '<' : '>'} ${m}) ${m} = ${a.code};`);
    return this.number(m, largest(args.map((a) => a.err)));
  }

  private fn(e: Extract<GExpr, { k: 'fn' }>, ctx: Ctx): Operand {
    if (e.fn === 'progress') return { t: 'num', code: 'prog', err: 'proge' };
    const args = e.args.map((a) => this.num(a, ctx));
    const [x, y, z] = args;
    switch (e.fn) {
      case 'min':
      case 'max':
        return this.extreme(e.fn, args);
      case 'abs':
        return this.value(`Math.abs(${x!.code})`, x!.err, false);
      case 'clamp': {
        const below = this.order(x!, y!);
        const r = this.tmp('r');
        this.emit(`let ${r}, ${r}e;`);
        this.emit(`if (${below} < 0) { ${r} = ${y!.code}; ${r}e = ${y!.err}; } else {`);
        const above = this.order(x!, z!);
        this.emit(`if (${above} > 0) { ${r} = ${z!.code}; ${r}e = ${z!.err}; } else { ${r} = ${x!.code}; ${r}e = ${x!.err}; } }`);
        return { t: 'num', code: r, err: `${r}e` };
      }
      case 'round': {
        if (y!.err !== '0') this.emit(`if (${y!.err} !== 0) ${this.bail};`);
        const r = this.value(`round(${x!.code}, ${x!.err}, ${y!.code}, mode)`, '0', true).code;
        return this.number(r, readErrorOf(r));
      }
      case 'steps_whole':
      case 'steps_pro_rata':
      case 'steps_round_up': {
        const q = this.quotient(x!, y!);
        if (e.fn === 'steps_pro_rata') return this.value(`${q.code} > 0 ? ${q.code} : 0`, q.err, false);
        // ceil(q) = −floor(−q)
        const whole = e.fn === 'steps_whole' ? this.decide(`floor(${q.code}, ${q.err})`) : `-${this.decide(`floor(-${q.code}, ${q.err})`)}`;
        return this.value(`Math.max(0, ${whole})`, '0', false);
      }
      case 'interpolate': {
        const r = this.tmp('r');
        const n = (args.length - 1) / 2;
        const X = (k: number) => args[2 * k + 1]!;
        const Y = (k: number) => args[2 * k + 2]!;
        this.emit(`let ${r}, ${r}e;`);
        const near = anchorSlack(e.args);
        if (near !== null && near.width < Infinity && x!.err !== '0') this.emit(`if (!(${x!.err} < ${numberLiteral(near.width / 4)})) ${this.bail};`);
        // With literal anchors the segment is chosen in float (see anchorSlack); otherwise each anchor is a decision.
        const below = (k: number) => (near === null ? `${this.order(x!, X(k))} <= 0` : `${x!.code} <= ${X(k).code}`);
        for (let k = 0; k < n; k++) {
          this.emit(`if (${below(k)}) {`);
          if (k === 0) this.emit(`${r} = ${Y(0).code}; ${r}e = ${Y(0).err};`);
          else {
            const dx = this.sum(x!, X(k - 1), '-');
            const dy = this.sum(Y(k), Y(k - 1), '-');
            const span = this.sum(X(k), X(k - 1), '-');
            const v = this.sum(Y(k - 1), this.quotient(this.product(dx, dy), span), '+');
            this.emit(`${r} = ${v.code}; ${r}e = ${v.err};`);
          }
          this.emit('} else {');
        }
        this.emit(`${r} = ${Y(n - 1).code}; ${r}e = ${Y(n - 1).err};`);
        this.emit('}'.repeat(n));
        if (near !== null) this.emit(`${r}e += ${numberLiteral(near.slope)} * (${x!.err} + ${numberLiteral(near.anchor)});`);
        return { t: 'num', code: r, err: `${r}e` };
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

  /** `total += v` with its error bound in `total`e (a variable declared by the caller). */
  accumulate(total: string, v: Num): void {
    const t = this.tmp('acc');
    this.emit(`const ${t} = ${total} + ${v.code};`);
    this.emit(`${total}e += ${terms(v.err, this.roundingOfSum(total, v.code, t))}; ${total} = ${t};`);
  }

  /** sumError (error-bounds.ts) inline — |a + b − s| exactly (TwoSum) — as an expression over a new variable. */
  roundingOfSum(a: string, b: string, s: string): string {
    const bb = this.tmp('bb');
    this.emit(`const ${bb} = ${s} - ${a};`);
    return `Math.abs(${a} - (${s} - ${bb}) + (${b} - ${bb}))`;
  }

  private aggregate(e: Extract<GExpr, { k: 'agg' }>, ctx: Ctx): Operand {
    const list = this.expr(e.list, ctx);
    const count = this.tmp('n');
    const sum = this.tmp('s');
    const best = this.tmp('b');
    const kept = e.fn === 'trimmed_mean' ? this.tmp('kept') : null;
    if (kept) this.prelude.push(`const ${kept} = [];`);
    // ${best}e: the largest bound of any value (min and max are 1-Lipschitz; so is each order statistic).
    this.emit(`let ${count} = 0, ${sum} = 0, ${sum}e = 0, ${best} = 0, ${best}e = 0;`);
    if (kept) this.emit(`${kept}.length = 0;`);
    const all = this.records_(list, ctx, (inner) => {
      if (e.where) this.emit(`if (!(${this.truthy(this.num(e.where, inner))})) continue;`);
      this.emit(`${count}++;`);
      if (!e.value) return;
      const v = this.num(e.value, inner);
      this.accumulate(sum, v);
      if (v.err !== '0') this.emit(`if (${v.err} > ${best}e) ${best}e = ${v.err};`);
      if (e.fn === 'min' || e.fn === 'max') this.emit(`if (${count} === 1 || ${v.code} ${e.fn === 'min' ? '<' : '>'} ${best}) ${best} = ${v.code};`);
      if (kept) this.emit(`${kept}.push(${v.code});`);
    });
    const total: Num = { t: 'num', code: sum, err: `${sum}e` };
    const counted: Num = { t: 'num', code: count, err: '0' };
    switch (e.fn) {
      case 'count':
        return counted;
      case 'any':
        return this.value(`${count} > 0 ? 1 : 0`, '0', false);
      case 'all':
        return this.value(`${count} === ${all.count} ? 1 : 0`, '0', false);
      case 'sum':
        return total;
      case 'mean':
        return this.quotient(total, counted);
      case 'min':
      case 'max':
        this.emit(`if (${count} === 0) ${this.bail};`);
        return { t: 'num', code: best, err: `${best}e` };
      case 'trimmed_mean': {
        const trim = e.trim;
        if (!trim) return this.quotient(total, counted);
        this.emit(`if (${count} === 0) ${this.bail};`);
        const drop = numberLiteral(trim.drop);
        const middle = this.tmp('mid');
        const q = this.tmp('q');
        // The doubles' order statistics are within the largest bound of the exact ones'.
        this.emit(`let ${middle} = ${sum}, ${middle}e = ${sum}e, ${middle}n = ${count};`);
        this.emit(`if (!(${count} < ${numberLiteral(trim.minCount)} || ${count} <= 2 * ${drop})) {`);
        this.emit(`${kept}.sort(byValue); ${middle} = 0; ${middle}n = ${count} - 2 * ${drop}; ${middle}e = ${middle}n * ${best}e;`);
        this.emit(`for (let ${q} = ${drop}; ${q} < ${count} - ${drop}; ${q}++) {`);
        this.accumulate(middle, { t: 'num', code: `${kept}[${q}]`, err: '0' });
        this.emit('} }');
        return this.quotient({ t: 'num', code: middle, err: `${middle}e` }, { t: 'num', code: `${middle}n`, err: '0' });
      }
    }
  }

  // ── Adjustments, clamping ─────────────────────────────────────────────────

  /** Emits the deductions and additions into the variables `ded` and `add` (bounds in `dede`, `adde`). */
  adjustments(adjs: Adjustment[], ctx: Ctx): void {
    this.emit('let ded = 0, dede = 0, add = 0, adde = 0;');
    for (const adj of adjs) {
      const a = this.tmp('a');
      this.emit(`let ${a} = 0, ${a}e = 0;`);
      let close = '';
      if (adj.when) {
        this.emit(`if (${this.truthy(this.num(adj.when, ctx))}) {`);
        close = '}';
      }
      if (adj.per) {
        const list = this.expr(adj.per, ctx);
        this.records_(list, ctx, (inner) => {
          if (adj.where) this.emit(`if (!(${this.truthy(this.num(adj.where, inner))})) continue;`);
          if (adj.distinct) this.distinctRecord(adj, list, ctx, inner, a);
          else this.accumulate(a, this.num(adj.amount, inner));
        });
      } else {
        const amount = this.num(adj.amount, ctx);
        this.emit(`${a} = ${amount.code}; ${a}e = ${amount.err};`);
      }
      if (adj.cap) {
        // At most the cap: a minimum, 1-Lipschitz.
        const cap = this.num(adj.cap, ctx);
        this.emit(`if (${cap.code} < ${a}) ${a} = ${cap.code}; ${a}e = Math.max(${a}e, ${cap.err});`);
      }
      this.emit(close);
      this.accumulate(adj.direction === 'deduct' ? 'ded' : 'add', { t: 'num', code: a, err: `${a}e` });
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
      if (adj.where) this.emit(`if (!(${this.truthy(this.num(adj.where, other))})) continue;`);
      const c = this.order(this.num(adj.amount, other), amount);
      this.emit(`if (${c} > 0 || (${c} === 0 && ${m} < ${row.k})) { ${counts} = false; break; }`);
    });
    this.emit(`if (${counts}) {`);
    this.accumulate(sum, amount);
    this.emit('}');
  }

  /** Clamp to [0, hi] (no upper bound when hi is null) and round, into a new variable. */
  clampRound(raw: Num, hi: number | null, precision: number): string {
    const v = this.tmp('v');
    // Clamping is 1-Lipschitz: the bound carries over (with the limit's own).
    this.emit(`let ${v} = ${raw.code};`);
    this.emit(`if (${v} < 0) ${v} = 0;`);
    if (hi !== null) this.emit(`else if (${v} > ${numberLiteral(hi)}) ${v} = ${numberLiteral(hi)};`);
    const err = hi === null ? raw.err : largest([raw.err, numberLiteral(readError(hi))]);
    return this.decideRound(v, err, precision);
  }

  /** A score rounded to its precision, decided or the unit given up. */
  decideRound(v: string, err: string, precision: number): string {
    return this.decide(`round(${v}, ${err}, ${numberLiteral(precision)}, mode)`);
  }

  // ── Per-node bodies: every path ends by storing the unit's value or giving the unit up ─────────

  store(value: string, flags: number): void {
    this.emit(`out[i] = ${value}; flags[i] = ${flags}; continue;`);
  }

  anyFlag(ids: string[], bit: number): string {
    return ids.map((id) => `(${this.slot({ s: 'flags', id })}[i] & ${bit}) !== 0`).join(' || ');
  }
}

/**
 * Literal anchors, increasing by more than their bounds: a continuous function, so x may be placed in the
 * segment next to the exact one, within its bound plus the anchor's of the anchor between them, where the two
 * lines meet (x's bound must stay under a quarter of the narrowest segment, so that the segment is at most
 * the next one); the values then differ by at most (|s_k| + |s_k'|)·(e_x + e_anchor). Returns twice the
 * largest slope (over-estimated by a millionth), the largest anchor bound and the narrowest segment, or null
 * when the anchors are not such.
 */
function anchorSlack(args: GExpr[]): { slope: number; anchor: number; width: number } | null {
  const v = args.slice(1).map((a) => (a.k === 'num' ? a.v : NaN));
  if (v.some((x) => !Number.isFinite(x))) return null;
  let slope = 0;
  let anchor = 0;
  let width = Infinity;
  for (let k = 0; 2 * k < v.length; k++) {
    anchor = Math.max(anchor, readError(v[2 * k]!));
    if (k === 0) continue;
    const [x0, y0, x1, y1] = [v[2 * k - 2]!, v[2 * k - 1]!, v[2 * k]!, v[2 * k + 1]!];
    if (!(x1 - x0 > 4 * (readError(x0) + readError(x1)))) return null;
    slope = Math.max(slope, Math.abs((y1 - y0) / (x1 - x0)));
    width = Math.min(width, x1 - x0);
  }
  return { slope: 2 * slope * (1 + 1e-6), anchor, width };
}

/** readError (error-bounds.ts) inline: the call costs more than the test. */
function readErrorOf(v: string): string {
  return `(Math.floor(${v}) === ${v} && Math.abs(${v}) <= 9007199254740992 ? 0 : Math.abs(${v}) * U)`;
}

/** A sum of error terms, without the zero ones. */
function terms(...xs: string[]): string {
  const kept = xs.filter((x) => x !== '0');
  return kept.length === 0 ? '0' : kept.join(' + ');
}

/** The largest of error bounds. */
function largest(xs: string[]): string {
  const kept = [...new Set(xs.filter((x) => x !== '0'))];
  return kept.length === 0 ? '0' : kept.length === 1 ? kept[0]! : `Math.max(${kept.join(', ')})`;
}

const UNIT: Ctx = { unit: 'i', row: null };

function unitLoop(body: string): string {
  return `let nb = 0;\nfor (let i = 0; i < n; i++) {\nb: {\n${body}\n}\nbails[nb++] = i;\n}`;
}

function valueBody(g: Gen, node: ValueNode): void {
  const o = g.expr(node.expr, UNIT);
  if (o.t === 'num' && (node.type.t === 'num' || node.type.t === 'bool' || node.type.t === 'date')) {
    g.emit(`errs[i] = ${o.err};`);
    return g.store(o.code, 0);
  }
  if (o.t === 'enum' && node.type.t === 'enum' && sameValues(o.values, node.type.values)) return g.store(o.code, 0);
  throw new Unsupported(`a ${node.type.t} value`);
}

function indicatorBody(g: Gen, node: IndicatorNode): void {
  if (node.exemptIfMissing.length > 0) g.emit(`if (${g.anyFlag(node.exemptIfMissing, MISSING)}) { out[i] = NaN; flags[i] = ${EXEMPT}; continue; }`);
  if (node.exemptWhen) g.emit(`if (${g.truthy(g.num(node.exemptWhen, UNIT))}) { out[i] = NaN; flags[i] = ${EXEMPT}; continue; }`);
  if (node.peerMeanIfMissing.length > 0) g.emit(`if (${g.anyFlag(node.peerMeanIfMissing, MISSING)}) { out[i] = NaN; flags[i] = ${PEER_MEAN}; continue; }`);
  const base = node.base ? g.num(node.base, UNIT) : g.constant(node.points);
  g.adjustments(node.adjustments, UNIT);
  g.emit('let linked = 0, linkede = 0;');
  for (const id of node.links) {
    const v = g.tmp('l');
    g.emit(`const ${v} = ${g.slot({ s: 'values', id })}[i];`);
    g.accumulate('linked', g.number(v, g.columnError(g.node(id), v, 'i')));
  }
  const deducted = g.sum(g.sum(base, { t: 'num', code: 'ded', err: 'dede' }, '-'), { t: 'num', code: 'linked', err: 'linkede' }, '-');
  const raw = g.sum(deducted, { t: 'num', code: 'add', err: 'adde' }, '+');
  g.store(g.clampRound(raw, node.points, node.precision), 0);
}

function sectionBody(g: Gen, node: SectionNode, byId: Map<string, GraphNode>): void {
  if (node.when) g.emit(`if (!(${g.truthy(g.num(node.when, UNIT))})) { out[i] = NaN; flags[i] = ${NOT_APPLICABLE}; continue; }`);
  // `whole`: no indicator worth points is exempt, so the evaluated points are all of them (exactly).
  g.emit('let sum = 0, sume = 0, evaluated = 0, evaluatede = 0, whole = true, f = 0;');
  for (const id of node.indicators) {
    const ind = byId.get(id) as IndicatorNode;
    g.emit(`f = ${g.slot({ s: 'flags', id })}[i];`);
    g.emit(`if ((f & ${FAILED}) !== 0) break b;`);
    g.emit('if ((f & ' + EXEMPT + ') === 0) {');
    const score = g.tmp('sc');
    g.emit(`const ${score} = ${g.slot({ s: 'values', id })}[i];`);
    g.accumulate('sum', g.number(score, readErrorOf(score)));
    g.accumulate('evaluated', g.constant(ind.points));
    g.emit(ind.points > 0 ? '} else whole = false;' : '}');
  }
  g.emit(`if (evaluated === 0) { out[i] = NaN; flags[i] = ${EXEMPT}; continue; }`);
  if (node.weight !== null) g.emit('whole = false;');
  g.emit('let v = sum, ve = sume;');
  g.emit('if (!whole) {');
  const share = g.quotient(g.product({ t: 'num', code: 'sum', err: 'sume' }, g.constant(node.points)), { t: 'num', code: 'evaluated', err: 'evaluatede' });
  g.emit(`v = ${share.code}; ve = ${share.err}; }`);
  if (node.cap) g.emit(`if (v > ${numberLiteral(node.points)}) v = ${numberLiteral(node.points)}; ve = Math.max(ve, ${numberLiteral(readError(node.points))});`);
  g.store(g.decideRound('v', 've', node.precision), 0);
}

function bonusBody(g: Gen, node: BonusNode): void {
  g.adjustments(node.adjustments, UNIT);
  const add: Num = { t: 'num', code: 'add', err: 'adde' };
  const ded: Num = { t: 'num', code: 'ded', err: 'dede' };
  if (node.counts !== 'deduction') return g.store(g.clampRound(g.sum(add, ded, '-'), node.cap, node.precision), 0);
  // A deduction on the total: capped on its own, then taken off (as the evaluator: −x, and 0 not −0).
  g.store(`(0 - ${g.clampRound(g.sum(ded, add, '-'), node.cap, node.precision)})`, 0);
}

function totalBody(g: Gen, node: TotalNode, graph: RuleGraph, byId: Map<string, GraphNode>): void {
  g.emit('let own = 0, owne = 0, f = 0;');
  for (const id of [...node.sections, ...node.bonuses]) {
    g.emit(`f = ${g.slot({ s: 'flags', id })}[i];`);
    g.emit(`if ((f & ${FAILED}) !== 0) break b;`);
    g.emit(`if ((f & ${NOT_APPLICABLE | EXEMPT}) === 0) {`);
    const score = g.tmp('sc');
    g.emit(`const ${score} = ${g.slot({ s: 'values', id })}[i];`);
    g.accumulate('own', g.number(score, readErrorOf(score)));
    g.emit('}');
  }
  let v: Num = { t: 'num', code: 'own', err: 'owne' };
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
    const related = g.product(share, g.number('other', readErrorOf('other')));
    const rest = g.product(g.sum(g.constant(1), share, '-'), v);
    v = g.sum(related, rest, '+');
  }
  g.store(g.decideRound(v.code, v.err, node.precision), 0);
}

function linkBody(g: Gen, node: LinkNode, records: Map<string, RecordSpec>, byId: Map<string, GraphNode>): void {
  const target = g.slot({ s: 'ref', id: node.relation });
  const deduct = (ctx: Ctx) => {
    g.emit('r: {');
    if (node.where) g.emit(`if (!(${g.truthy(g.num(node.where, ctx))})) break r;`);
    const amount = g.num(node.amount, ctx);
    g.emit(`const to = ${target}[i];`);
    g.emit('if (to < 0) return -1;');
    g.emit(`const before = out[to], sum = before + ${amount.code};`);
    g.emit(`errs[to] += ${terms(amount.err, g.roundingOfSum('before', amount.code, 'sum'))}; out[to] = sum;`);
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
    g.store(`${g.truthy(g.num(when, UNIT))} ? 1 : 0`, 0);
    return g.finish(unitLoop, 'return nb;');
  } catch (e) {
    if (e instanceof Unsupported) return { unsupported: e.message };
    throw e;
  }
}
