// Pass: resolved policy → typed policy. Gives every expression a type with its dimension (docs/language.md,
// "Types and dimensions") and reports what does not fit, saying what would.
import type { AdjustItem, BuiltinTypeName, Expr, FieldDecl, LetItem, ParamDecl, Span, TypeExpr } from '../dsl/ast.js';
import type { Diagnostic } from '../dsl/diagnostics.js';
import type { Dimension, ValueType } from '../runtime/graph.js';
import { constantValue, type ConstantContext } from './constant-value.js';
import { diagnostic, type CompilerCode } from './diagnostic-codes.js';
import { didYouMean } from './did-you-mean.js';
import { compare, isInteger, mul, rational, toDecimal, type Rational } from './exact-number.js';
import { FUNCTIONS } from './functions.js';
import type { PassResult } from './pass.js';
import type { Binding, LetInfo, ResolvedPolicy } from './resolve-names.js';
import { RANK_ORDERS, STEP_MODES, spellings } from './value-words.js';

/** A compile-time type: a runtime ValueType, or one of the forms that exist only while checking. */
export type Type =
  | ValueType
  | { t: 'plain' } // a number without a unit: takes the dimension its context needs
  | { t: 'member'; name: string } // an enum value written bare (`执法`), checked against the enum it meets
  | { t: 'unknown' }; // already reported; checks on it stay silent

export interface TypedPolicy extends ResolvedPolicy {
  types: Map<Expr, Type>;
  letTypes: Map<LetItem, Type>;
  paramTypes: Map<ParamDecl, Type>;
  constants: ConstantContext;
}

const UNKNOWN: Type = { t: 'unknown' };
const BOOL: Type = { t: 'bool' };
const POINTS: Type = { t: 'num', dim: 'points' };
const num = (dim: Dimension): Type => ({ t: 'num', dim });

const BUILTIN: Record<BuiltinTypeName, Type> = {
  number: num('number'), percent: num('percent'), money: num('money'), count: num('count'), days: num('days'),
  points: POINTS, bool: BOOL, date: { t: 'date' }, text: { t: 'text' },
};

export const UNIT_DIMENSIONS = {
  points: 'points', percent: 'percent', yuan: 'money', wan_yuan: 'money', yi_yuan: 'money', count: 'count', days: 'days',
} as const;

/** How a type reads in a message, in the language's own words. */
export function describeType(t: Type): string {
  switch (t.t) {
    case 'num': return t.dim;
    case 'plain': return 'a plain number';
    case 'member': return `the enum value \`${t.name}\``;
    case 'unknown': return 'unknown';
    case 'enum': return t.name ?? `enum(${t.values.join(', ')})`;
    case 'list': return `[${t.record}]`;
    case 'ref': return `a unit of \`${t.kind}\``;
    default: return t.t;
  }
}

const isNumeric = (t: Type) => t.t === 'num' || t.t === 'plain';
const isDimensionless = (t: Type) => t.t === 'plain' || (t.t === 'num' && (t.dim === 'number' || t.dim === 'percent'));

/** The common type of two numbers under + - and comparison: plain adapts, percent and number mix; else null. */
function sameDimension(a: Type, b: Type): Type | null {
  if (a.t === 'plain') return b;
  if (b.t === 'plain') return a;
  if (a.t !== 'num' || b.t !== 'num') return null;
  if (a.dim === b.dim) return a;
  if (isDimensionless(a) && isDimensionless(b)) return num('percent');
  return null;
}

/** `typeExpr` as written in an input or record. Named records are not values (reported by checkField). */
export function typeOfTypeExpr(t: TypeExpr, policy: ResolvedPolicy): Type {
  switch (t.type) {
    case 'BuiltinType': return BUILTIN[t.name];
    case 'EnumType': return { t: 'enum', name: null, values: t.members.map((m) => m.text) };
    case 'ListType': return policy.records.has(t.element.text) ? { t: 'list', record: t.element.text } : UNKNOWN;
    case 'NamedType': {
      const e = policy.enums.get(t.name.text);
      return e ? { t: 'enum', name: e.name.text, values: e.members.map((m) => m.text) } : UNKNOWN;
    }
  }
}

interface Context {
  kind: string | null;
  inRecord: boolean; // a record's fields are in scope (inside `where`, `per`, an aggregate's value)
}

export function checkTypes(policy: ResolvedPolicy): PassResult<TypedPolicy> {
  const diagnostics: Diagnostic[] = [];
  const types = new Map<Expr, Type>();
  const letTypes = new Map<LetItem, Type>();
  const paramTypes = new Map<ParamDecl, Type>();
  const texts = new Map(policy.files.map((f) => [f.path, f.text]));
  const constants: ConstantContext = {
    paramOf: (e) => {
      const b = policy.bindings.get(e);
      return b?.to === 'param' ? b.decl : null;
    },
  };
  const source = (span: Span) => texts.get(span.file)?.slice(span.start, span.end) ?? '';
  const report = (code: CompilerCode, span: Span, message: string, help?: string) =>
    diagnostics.push(diagnostic(code, span, message, help === undefined ? {} : { help }));

  // ── Names → types ──
  const lettingNow = new Set<LetItem>();
  function letType(info: LetInfo): Type {
    const known = letTypes.get(info.decl);
    if (known) return known;
    if (lettingNow.has(info.decl)) return UNKNOWN; // a cycle: plan-stages names it
    lettingNow.add(info.decl);
    const t = typeOf(info.decl.value, { kind: info.kind, inRecord: false });
    lettingNow.delete(info.decl);
    letTypes.set(info.decl, t);
    return t;
  }
  const paramStack: ParamDecl[] = [];
  function paramType(p: ParamDecl): Type {
    const known = paramTypes.get(p);
    if (known) return known;
    const at = paramStack.indexOf(p);
    if (at >= 0) {
      const cycle = [...paramStack.slice(at), p].map((q) => q.name.text).join(' → ');
      report('KP3015', paramStack[at]!.name.span, `the parameters refer to each other in a cycle: ${cycle}`);
      paramTypes.set(p, UNKNOWN);
      return UNKNOWN;
    }
    paramStack.push(p);
    const t = typeOf(p.value, { kind: null, inRecord: false });
    paramStack.pop();
    if (!paramTypes.has(p)) paramTypes.set(p, t);
    if (t.t !== 'unknown' && isNumeric(t) && !constantValue(p.value, constants)) {
      report('KP2018', p.value.span, `parameter \`${p.name.text}\` must be a constant (literals, other parameters and + - * /)`);
    }
    return paramTypes.get(p)!;
  }
  function bindingType(b: Binding): Type {
    switch (b.to) {
      case 'input': case 'field': return typeOfTypeExpr(b.field.valueType, policy);
      case 'relation': return { t: 'ref', kind: b.relation.target.text };
      case 'let': return letType(b.let);
      case 'param': return paramType(b.decl);
      case 'indicator': case 'section': case 'bonus': case 'total': return POINTS;
      case 'enum-member': return { t: 'member', name: b.name };
      case 'related': return bindingType(b.target);
    }
  }

  // ── Expressions ──
  /** Each expression is typed once (it has one context), so its problems are reported once. */
  function typeOf(e: Expr, ctx: Context): Type {
    const known = types.get(e);
    if (known) return known;
    const t = infer(e, ctx);
    types.set(e, t);
    return t;
  }

  function expectBool(e: Expr, ctx: Context, what: string): void {
    const t = typeOf(e, ctx);
    if (t.t !== 'bool' && t.t !== 'unknown') {
      report('KP2004', e.span, `${what} must be true or false, but \`${source(e.span)}\` is ${describeType(t)}`,
        isNumeric(t) ? 'compare it with something, e.g. `… > 0`' : undefined);
    }
  }
  function expectNumber(e: Expr, ctx: Context, what: string): Type {
    const t = typeOf(e, ctx);
    if (isNumeric(t) || t.t === 'unknown') return t;
    report('KP2016', e.span, `${what} must be a number, but \`${source(e.span)}\` is ${describeType(t)}`);
    return UNKNOWN;
  }
  function expectConstant(e: Expr, what: string) {
    const v = constantValue(e, constants);
    if (!v) report('KP2018', e.span, `${what} must be a constant, but \`${source(e.span)}\` depends on the data`);
    return v;
  }

  function compareTypes(a: Type, b: Type, span: Span, left: Expr, right: Expr, op: string): void {
    if (a.t === 'unknown' || b.t === 'unknown') return;
    if (isNumeric(a) && isNumeric(b)) {
      if (!sameDimension(a, b)) {
        report('KP2003', span, `cannot compare ${describeType(a)} with ${describeType(b)} (\`${source(span)}\`)`);
      }
      return;
    }
    if (a.t === 'enum' && b.t === 'member') return checkMember(a, b.name, right.span);
    if (b.t === 'enum' && a.t === 'member') return checkMember(b, a.name, left.span);
    const ordered = !['==', '!='].includes(op);
    const same =
      (a.t === 'enum' && b.t === 'enum' && a.values.join() === b.values.join()) ||
      (a.t === 'member' && b.t === 'member') ||
      (a.t === 'date' && b.t === 'date') ||
      (!ordered && a.t === b.t && (a.t === 'bool' || a.t === 'text' || a.t === 'ref'));
    if (!same) {
      report('KP2003', span, ordered && a.t === b.t
        ? `\`${op}\` orders numbers and dates, but these are ${describeType(a)}`
        : `cannot compare ${describeType(a)} with ${describeType(b)} (\`${source(span)}\`)`);
    }
  }
  function checkMember(e: Extract<Type, { t: 'enum' }>, member: string, span: Span): void {
    if (!e.values.includes(member)) {
      report('KP2009', span, `\`${member}\` is not a value of ${describeType(e)} (${e.values.join(', ')})`,
        didYouMean(member, e.values).help);
    }
  }

  /** The common type of arms (if/band/match), reporting the first that differs. */
  function unifyArms(arms: Expr[], ctx: Context, construct: string): Type {
    let result: Type = UNKNOWN;
    for (const arm of arms) {
      const t = typeOf(arm, ctx);
      if (t.t === 'unknown') continue;
      if (result.t === 'unknown') { result = t; continue; }
      const merged = isNumeric(result) && isNumeric(t) ? sameDimension(result, t)
        : result.t === t.t && describeType(result) === describeType(t) ? result : null;
      if (merged) result = merged;
      else {
        report('KP2008', arm.span,
          `the arms of this ${construct} give different types: ${describeType(result)} and ${describeType(t)} (\`${source(arm.span)}\`)`);
        return UNKNOWN;
      }
    }
    return result;
  }

  function infer(e: Expr, ctx: Context): Type {
    switch (e.type) {
      case 'Number': return e.unit ? num(UNIT_DIMENSIONS[e.unit]) : { t: 'plain' };
      case 'String': return { t: 'text' };
      case 'Bool': return BOOL;
      case 'Date': return { t: 'date' };
      case 'Total': return POINTS;
      case 'Ref': case 'Member': {
        const b = policy.bindings.get(e);
        return b ? bindingType(b) : UNKNOWN;
      }
      case 'Unary': {
        if (e.op === 'not') { expectBool(e.operand, ctx, '`not`’s operand'); return BOOL; }
        return expectNumber(e.operand, ctx, 'the operand of `-`');
      }
      case 'Binary': return inferBinary(e, ctx);
      case 'InRank': {
        if (ctx.inRecord) report('KP2013', e.span, '`in top/bottom` compares units, so it cannot be used on a record\'s fields');
        expectNumber(e.subject, { ...ctx, inRecord: false }, 'what is ranked');
        checkShare(e.share, `\`in ${e.position}\``);
        return BOOL;
      }
      case 'Call': return inferCall(e, ctx);
      case 'Where':
        report('KP2017', e.span, '`where` filters a list only as the first argument of count/sum/mean/min/max/any/all or after `per`');
        return UNKNOWN;
      case 'Anchor':
        report('KP2017', e.span, '`a -> b` is an anchor of `interpolate(x, a -> b, …)` and cannot stand alone');
        return UNKNOWN;
      case 'ListLit': case 'RecordLit':
        report('KP2017', e.span, 'literal lists and records are data for fixtures and tests, not part of a rule');
        return UNKNOWN;
      case 'If': {
        expectBool(e.cond, ctx, 'the condition of `if`');
        return unifyArms([e.then, e.else], ctx, '`if`');
      }
      case 'Band': {
        const subject = expectNumber(e.subject, ctx, 'the subject of `band`');
        for (const arm of e.arms) {
          const bound = expectNumber(arm.bound, ctx, 'a band bound');
          if (!sameDimension(subject, bound) && subject.t !== 'unknown' && bound.t !== 'unknown') {
            report('KP2003', arm.bound.span, `this band compares ${describeType(subject)}, but the bound \`${source(arm.bound.span)}\` is ${describeType(bound)}`);
          }
        }
        if (!e.otherwise) report('KP2007', e.span, '`band` needs an `else` arm for values no arm matches', 'add `else: 0分` (or the value meant)');
        return unifyArms([...e.arms.map((a) => a.value), ...(e.otherwise ? [e.otherwise] : [])], ctx, '`band`');
      }
      case 'Match': {
        const subject = typeOf(e.subject, ctx);
        if (subject.t !== 'enum' && subject.t !== 'unknown') {
          report('KP2010', e.subject.span, `\`match\` chooses by an enum value, but \`${source(e.subject.span)}\` is ${describeType(subject)}`,
            isNumeric(subject) ? 'use `band` for numbers' : undefined);
        }
        const covered = new Set<string>();
        for (const arm of e.arms) {
          for (const label of arm.labels) {
            covered.add(label.text);
            if (subject.t === 'enum') checkMember(subject, label.text, label.span);
          }
        }
        if (!e.otherwise && subject.t === 'enum' && subject.values.some((v) => !covered.has(v))) {
          const left = subject.values.filter((v) => !covered.has(v));
          report('KP2007', e.span, `this \`match\` has no arm for ${left.join(', ')}`, 'add those values or an `else` arm');
        }
        return unifyArms([...e.arms.map((a) => a.value), ...(e.otherwise ? [e.otherwise] : [])], ctx, '`match`');
      }
    }
  }

  function inferBinary(e: Extract<Expr, { type: 'Binary' }>, ctx: Context): Type {
    if (e.op === 'and' || e.op === 'or') {
      expectBool(e.left, ctx, `each side of \`${e.op}\``);
      expectBool(e.right, ctx, `each side of \`${e.op}\``);
      return BOOL;
    }
    if (['==', '!=', '<', '<=', '>', '>='].includes(e.op)) {
      compareTypes(typeOf(e.left, ctx), typeOf(e.right, ctx), e.span, e.left, e.right, e.op);
      return BOOL;
    }
    const a = typeOf(e.left, ctx);
    const b = typeOf(e.right, ctx);
    if (a.t === 'unknown' || b.t === 'unknown') return UNKNOWN;
    if (e.op === '-' && a.t === 'date' && b.t === 'date') return num('days');
    if ((e.op === '+' || e.op === '-') && a.t === 'date' && (b.t === 'plain' || (b.t === 'num' && b.dim === 'days'))) return a;
    for (const [side, t] of [[e.left, a], [e.right, b]] as const) {
      if (!isNumeric(t)) {
        report('KP2016', side.span, `\`${e.op}\` needs numbers, but \`${source(side.span)}\` is ${describeType(t)}`);
        return UNKNOWN;
      }
    }
    if (e.op === '+' || e.op === '-') {
      const merged = sameDimension(a, b);
      if (merged) return merged;
      report('KP2001', e.span, `cannot ${e.op === '+' ? 'add' : 'subtract'} ${describeType(b)} ${e.op === '+' ? 'to' : 'from'} ${describeType(a)} (\`${source(e.span)}\`)`,
        'both sides of + and - need the same dimension');
      return UNKNOWN;
    }
    if (e.op === '*') {
      if (isDimensionless(a) && isDimensionless(b)) {
        return a.t === 'plain' ? b : b.t === 'plain' ? a : a.t === 'num' && a.dim === 'percent' ? a : b;
      }
      if (isDimensionless(b)) return a;
      if (isDimensionless(a)) return b;
      report('KP2002', e.span, `cannot multiply ${describeType(a)} by ${describeType(b)} (\`${source(e.span)}\`)`,
        'one side of `*` must be a plain number or a percent');
      return UNKNOWN;
    }
    // '/'
    if (a.t === 'plain' && b.t === 'plain') return a;
    if (a.t === 'num' && b.t === 'num' && a.dim === b.dim) return num('percent');
    if (isDimensionless(b)) return a.t === 'plain' ? b : a;
    report('KP2002', e.span, `cannot divide ${describeType(a)} by ${describeType(b)} (\`${source(e.span)}\`)`,
      'divide values of the same dimension to get a percent, or divide by a plain number');
    return UNKNOWN;
  }

  function checkShare(e: Expr, what: string): void {
    const t = typeOf(e, { kind: null, inRecord: false });
    if (t.t !== 'unknown' && !(t.t === 'num' && t.dim === 'percent')) {
      report('KP2020', e.span, `the share of ${what} must be a percent like \`10%\`, but \`${source(e.span)}\` is ${describeType(t)}`);
      return;
    }
    if (t.t === 'num') expectConstant(e, `the share of ${what}`);
  }

  /** The record list of an aggregate (`L` or `L where C`); types the condition in the record's scope. */
  function listArgument(arg: Expr, ctx: Context, fn: string): boolean {
    const list = arg.type === 'Where' ? arg.list : arg;
    const t = typeOf(list, ctx);
    types.set(arg, t);
    if (t.t !== 'list' && t.t !== 'unknown') {
      report('KP2012', list.span, `\`${fn}\` goes over a list of records, but \`${source(list.span)}\` is ${describeType(t)}`);
      return false;
    }
    if (arg.type === 'Where') expectBool(arg.cond, { ...ctx, inRecord: true }, 'the `where` condition');
    return t.t === 'list';
  }

  function arity(call: Extract<Expr, { type: 'Call' }>, min: number, max: number, shape: string): boolean {
    const n = call.args.length;
    if (n >= min && n <= max) return true;
    report('KP2011', call.span, `\`${call.callee.text}\` takes ${shape}, but ${n === 0 ? 'no arguments are' : n === 1 ? '1 argument is' : `${n} arguments are`} given`);
    return false;
  }

  function inferCall(call: Extract<Expr, { type: 'Call' }>, ctx: Context): Type {
    const spec = FUNCTIONS.get(call.callee.text);
    if (!spec) {
      for (const a of call.args) typeOf(a, ctx);
      return UNKNOWN;
    }
    const args = call.args;
    const first = args[0];
    const inner: Context = { ...ctx, inRecord: true };
    const listFirst = first !== undefined && (first.type === 'Where' || typeOf(first, ctx).t === 'list');
    if (spec.category === 'aggregate' || (spec.category === 'min-max' && listFirst)) {
      switch (spec.name) {
        case 'count':
          if (arity(call, 1, 1, 'a list (`count(L where C)`)') && first) listArgument(first, ctx, spec.name);
          return num('count');
        case 'any': case 'all':
          if (!arity(call, 1, 1, `a filtered list (\`${call.callee.text}(L where C)\`)`) || !first) return BOOL;
          if (first.type !== 'Where') report('KP2011', call.span, `\`${call.callee.text}\` needs a condition: \`${call.callee.text}(${source(first.span)} where …)\``);
          listArgument(first, ctx, spec.name);
          return BOOL;
        case 'trimmed_mean': {
          if (!arity(call, 4, 4, 'a list, a value, how many to drop at each end and the least count (`trimmed_mean(L, E, 1, 5)`)')) return UNKNOWN;
          listArgument(args[0]!, ctx, spec.name);
          const value = expectNumber(args[1]!, inner, 'the value averaged');
          for (const [arg, what] of [[args[2]!, 'the number dropped at each end'], [args[3]!, 'the least count']] as const) {
            const v = expectConstant(arg, what);
            if (v && (!isInteger(v) || v.num < 0n)) report('KP2011', arg.span, `${what} must be a whole number ≥ 0`);
          }
          return value;
        }
        default: {
          if (!arity(call, 2, 2, `a list and a value (\`${call.callee.text}(L where C, E)\`)`)) return UNKNOWN;
          listArgument(args[0]!, ctx, spec.name);
          return expectNumber(args[1]!, inner, `the value of \`${call.callee.text}\``);
        }
      }
    }
    if (spec.category === 'population') {
      if (!arity(call, 1, spec.name === 'rank' ? 2 : 1, spec.name === 'rank' ? 'a value and optionally `asc`' : 'one value')) return UNKNOWN;
      if (ctx.inRecord) {
        report('KP2013', call.span, `\`${call.callee.text}\` compares units, so it cannot be used on a record's fields`);
      }
      const of = expectNumber(first!, { ...ctx, inRecord: false }, `the argument of \`${call.callee.text}\``);
      const order = args[1];
      if (order && !(order.type === 'Ref' && RANK_ORDERS.has(order.name.text))) {
        report('KP2011', order.span, `the second argument of \`rank\` can only be ${spellings(RANK_ORDERS)} (lowest value ranks first)`);
      }
      if (spec.name === 'rank') return num('number');
      if (spec.name === 'percentile') return num('percent');
      return of;
    }
    switch (spec.name) {
      case 'min': case 'max': {
        if (!arity(call, 2, Infinity, 'two or more values (or a list and a value)')) return UNKNOWN;
        return sameDimensions(args, ctx, call);
      }
      case 'abs':
        return arity(call, 1, 1, 'one value') ? expectNumber(first!, ctx, 'the argument of `abs`') : UNKNOWN;
      case 'clamp':
        return arity(call, 3, 3, 'a value, a low and a high bound') ? sameDimensions(args, ctx, call) : UNKNOWN;
      case 'round': {
        if (!arity(call, 2, 2, 'a value and a number of decimal places')) return UNKNOWN;
        const v = expectConstant(args[1]!, 'the number of decimal places');
        if (v && (!isInteger(v) || v.num < 0n)) report('KP2011', args[1]!.span, 'the number of decimal places must be a whole number ≥ 0');
        return expectNumber(first!, ctx, 'the value rounded');
      }
      case 'steps': {
        if (!arity(call, 3, 3, 'a value, a step and `whole`, `pro_rata` or `round_up` (`steps(100% - 完成率, 1%, whole)`)')) return num('number');
        sameDimensions(args.slice(0, 2), ctx, call);
        const mode = args[2]!;
        if (!(mode.type === 'Ref' && STEP_MODES.has(mode.name.text))) {
          report('KP2014', mode.span, `the third argument of \`${call.callee.text}\` says how partial steps count: ${spellings(STEP_MODES)}`,
            mode.type === 'Ref' ? didYouMean(mode.name.text, STEP_MODES.keys()).help : undefined);
        }
        return num('number');
      }
      case 'interpolate': return inferInterpolate(call, ctx);
      default: // progress
        arity(call, 0, 0, 'no arguments');
        return num('percent');
    }
  }

  function sameDimensions(args: Expr[], ctx: Context, call: Extract<Expr, { type: 'Call' }>): Type {
    let result: Type = { t: 'plain' };
    for (const a of args) {
      const t = expectNumber(a, ctx, `each argument of \`${call.callee.text}\``);
      if (t.t === 'unknown' || result.t === 'unknown') { result = UNKNOWN; continue; }
      const merged = sameDimension(result, t);
      if (!merged) {
        report('KP2001', a.span, `the arguments of \`${call.callee.text}\` must have one dimension, but \`${source(a.span)}\` is ${describeType(t)} and the others ${describeType(result)}`);
        return UNKNOWN;
      }
      result = merged;
    }
    return result;
  }

  function inferInterpolate(call: Extract<Expr, { type: 'Call' }>, ctx: Context): Type {
    const [x, ...anchors] = call.args;
    if (!x || anchors.length < 2) {
      report('KP2011', call.span, '`interpolate` takes a value and at least two anchors (`interpolate(x, 60% -> 0分, 100% -> 8分)`)');
      for (const a of call.args) if (a.type !== 'Anchor') typeOf(a, ctx);
      return UNKNOWN;
    }
    const subject = expectNumber(x, ctx, 'the value interpolated');
    let previous: { v: Rational; text: string } | null = null;
    const results: Expr[] = [];
    for (const a of anchors) {
      if (a.type !== 'Anchor') {
        report('KP2011', a.span, `each anchor of \`interpolate\` is written \`from -> to\`, but \`${source(a.span)}\` is not`);
        return UNKNOWN;
      }
      types.set(a, UNKNOWN);
      const from = expectNumber(a.from, ctx, 'an anchor');
      if (!sameDimension(subject, from) && from.t !== 'unknown' && subject.t !== 'unknown') {
        report('KP2003', a.from.span, `the anchor \`${source(a.from.span)}\` is ${describeType(from)}, but the value interpolated is ${describeType(subject)}`);
      }
      const v = constantValue(a.from, constants);
      // Anchors are shown as written; a parameter also with its value, in percent when it is one.
      const literal = a.from.type === 'Number' || (a.from.type === 'Unary' && a.from.operand.type === 'Number');
      const text = !v || literal ? `\`${source(a.from.span)}\``
        : `\`${source(a.from.span)}\` (${from.t === 'num' && from.dim === 'percent' ? `${toDecimal(mul(v, rational(100n)))}%` : toDecimal(v)})`;
      if (!v) report('KP2015', a.from.span, `an anchor must be a constant, but ${text} depends on the data`);
      else if (previous && compare(previous.v, v) >= 0) {
        report('KP2015', a.from.span, `anchors must ascend, but ${text} follows ${previous.text}`);
      }
      if (v) previous = { v, text };
      results.push(a.to);
    }
    return unifyArms(results, ctx, '`interpolate`');
  }

  // ── Declarations ──
  function checkField(f: FieldDecl): void {
    if (f.valueType.type === 'NamedType' && policy.records.has(f.valueType.name.text)) {
      report('KP2021', f.valueType.span, `\`${f.valueType.name.text}\` is a record; a field holds a list of them: \`[${f.valueType.name.text}]\``);
    }
    if (f.missing?.kind !== 'default') return;
    const expected = typeOfTypeExpr(f.valueType, policy);
    const value = f.missing.value;
    const t = typeOf(value, { kind: null, inRecord: false });
    if (expected.t === 'unknown' || t.t === 'unknown') return;
    if (expected.t === 'enum' && t.t === 'member') return checkMember(expected, t.name, value.span);
    const fits = isNumeric(expected) && isNumeric(t) ? sameDimension(expected, t) !== null
      : expected.t === t.t && expected.t !== 'list';
    if (!fits) {
      report('KP2019', value.span, `the default of \`${f.name.text}\` must be ${describeType(expected)}, but \`${source(value.span)}\` is ${describeType(t)}`);
    }
  }
  function checkPoints(e: Expr, ctx: Context, code: 'KP2005' | 'KP2006', what: string, help?: string): void {
    const t = typeOf(e, ctx);
    if (t.t === 'plain' || t.t === 'unknown' || (t.t === 'num' && t.dim === 'points')) return;
    report(code, e.span, `${what} is ${describeType(t)}, but ${code === 'KP2005' ? 'a score' : 'it'} must be points`, help);
  }
  function checkAdjust(a: AdjustItem, ctx: Context): void {
    let inner = ctx;
    if (a.per) {
      const t = typeOf(a.per, ctx);
      if (t.t !== 'list' && t.t !== 'unknown') {
        report('KP2012', a.per.span, `\`per\` walks a list of records, but \`${source(a.per.span)}\` is ${describeType(t)}`,
          `for a single condition write \`${a.direction} … when …\``);
      }
      inner = { ...ctx, inRecord: true };
      if (a.where) expectBool(a.where, inner, 'the `where` condition');
    }
    checkPoints(a.amount, inner, 'KP2006', `the amount ${a.direction === 'deduct' ? 'deducted' : 'added'} (\`${source(a.amount.span)}\`)`);
    if (a.when) expectBool(a.when, ctx, 'the `when` condition');
    if (a.cap) checkPoints(a.cap, ctx, 'KP2006', `the cap \`${source(a.cap.span)}\``);
  }

  for (const p of policy.decls.params) paramType(p);
  for (const input of policy.decls.inputs) input.fields.forEach(checkField);
  for (const r of policy.decls.records) r.fields.forEach(checkField);
  for (const s of policy.decls.sections) {
    const ctx: Context = { kind: policy.appliesTo.get(s) ?? null, inRecord: false };
    if (s.when) expectBool(s.when, ctx, `the \`when\` condition of section \`${s.name.text}\``);
    for (const info of policy.lets.get(s)?.values() ?? []) letType(info);
    for (const ind of s.items) {
      if (ind.type !== 'Indicator') continue;
      for (const info of policy.lets.get(ind)?.values() ?? []) letType(info);
      for (const item of ind.items) {
        if (item.type === 'Score') {
          const t = typeOf(item.value, ctx);
          const text = source(item.value.span);
          const points = source(ind.points.span).replace(/分$|pt$/, '');
          const help = t.t === 'num' && t.dim === 'percent' ? `did you mean \`${text} * ${points}分\`?`
            : t.t === 'num' ? `divide by a value of the same dimension and multiply by the points, e.g. \`${text} / … * ${points}分\``
            : undefined;
          checkPoints(item.value, ctx, 'KP2005', `the score of indicator \`${ind.name.text}\``, help);
        } else if (item.type === 'Adjust') checkAdjust(item, ctx);
        else if (item.type === 'Exempt') expectBool(item.when, ctx, 'the `exempt when` condition');
      }
    }
  }
  for (const b of policy.decls.bonuses) {
    const ctx: Context = { kind: policy.appliesTo.get(b) ?? null, inRecord: false };
    for (const info of policy.lets.get(b)?.values() ?? []) letType(info);
    for (const item of b.items) if (item.type === 'Adjust') checkAdjust(item, ctx);
  }
  for (const l of policy.decls.links) {
    const ctx: Context = { kind: l.source.text, inRecord: l.list !== null };
    if (l.where) expectBool(l.where, ctx, 'the `where` condition of a link');
    checkPoints(l.amount, ctx, 'KP2006', `the amount of link \`${l.name.text}\``);
  }
  for (const ind of policy.decls.individuals) {
    const t = typeOf(ind.share, { kind: ind.entity.text, inRecord: false });
    if (t.t !== 'unknown' && !isDimensionless(t)) {
      report('KP2020', ind.share.span, `the share of \`${ind.entity.text}\`'s total taken from \`${ind.relation.text}\` must be a percent, but it is ${describeType(t)}`);
    }
  }
  for (const t of policy.decls.tiers) {
    const ctx: Context = { kind: policy.appliesTo.get(t) ?? null, inRecord: false };
    expectNumber(t.by, ctx, 'the ranking key (`by`)');
    if (t.ties?.mode === 'by') for (const k of t.ties.keys) expectNumber(k, ctx, 'a tie-breaker');
    for (const rule of t.tiers) {
      if (rule.quota) checkShare(rule.quota.share, `tier \`${rule.name.text}\``);
      if (rule.when) expectBool(rule.when, ctx, `the condition of tier \`${rule.name.text}\``);
    }
    for (const g of t.gates) expectBool(g.when, ctx, 'a gate condition');
    for (const v of t.vetoes) expectBool(v.when, ctx, 'a veto condition');
  }

  // Symbols learn their types (for hover and completion).
  const symbols = policy.symbols.symbols.map((s) => ({ ...s }));
  for (const [decl, id] of policy.symbolOf) {
    const symbol = symbols[id]!;
    const t = symbol.kind === 'let' ? letTypes.get(decl as LetItem)
      : symbol.kind === 'param' ? paramTypes.get(decl as ParamDecl)
      : (symbol.kind === 'input' || symbol.kind === 'record-field') ? typeOfTypeExpr((decl as FieldDecl).valueType, policy)
      : ['indicator', 'section', 'bonus'].includes(symbol.kind) ? POINTS : undefined;
    if (t && t.t !== 'unknown') symbol.type = t.t === 'plain' ? 'number' : describeType(t);
  }

  return {
    value: { ...policy, symbols: { ...policy.symbols, symbols }, types, letTypes, paramTypes, constants },
    diagnostics,
  };
}
