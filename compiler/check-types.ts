// Pass: resolved policy → typed policy. Gives every expression a type with its dimension (docs/language.md,
// "Types and dimensions") and reports what does not fit, saying what would.
import { checkAmongGuards } from './check-among-guards.js';
import type { AdjustItem, BuiltinTypeName, Expr, FieldDecl, LetItem, ParamDecl, Span, TypeExpr } from '../dsl/ast.js';
import type { AnalysisThresholds, Dimension } from '../graph/graph.js';
import { analysisThresholds, checkWarning, periodCallType } from './check-warnings.js';
import { constantValue, type ConstantContext } from './constant-value.js';
import { diagnostic, type Diagnostic, type DiagnosticExtras } from '../dsl/diagnostics.js';
import { elseArmFix } from './else-arm-fix.js';
import { commonMessage, message, type MessageRef } from '../messages/index.js';
import type { ArgumentShape, Construct, Subject } from '../messages/kp-types.js';
import { didYouMean } from './did-you-mean.js';
import { compare, isInteger, mul, rational, toDecimal, type Rational } from './exact-number.js';
import { FUNCTIONS } from './functions.js';
import type { BuiltinName } from '../builtins/index.js';
import type { PassResult } from './pass.js';
import type { Binding, LetInfo, ResolvedPolicy } from './resolve-names.js';
import { RANK_ORDERS, STEP_MODES } from './value-words.js';
import { describeType, type Type } from './types.js';

export interface TypedPolicy extends ResolvedPolicy {
  types: Map<Expr, Type>;
  letTypes: Map<LetItem, Type>;
  paramTypes: Map<ParamDecl, Type>;
  constants: ConstantContext;
  /** the analysis thresholds the policy sets */
  analysis: Partial<AnalysisThresholds>;
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

const isNumeric = (t: Type) => t.t === 'num' || t.t === 'plain';
const isDimensionless = (t: Type) => t.t === 'plain' || (t.t === 'num' && (t.dim === 'number' || t.dim === 'percent'));

/** `5分 * 安全事故`, `0.1分 * 逾期天数`: points per item (or per day) times a count (or days) is points. */
function isPointsTimesTally(a: Type, b: Type): boolean {
  const tally = (t: Type) => t.t === 'num' && (t.dim === 'count' || t.dim === 'days');
  const points = (t: Type) => t.t === 'num' && t.dim === 'points';
  return (points(a) && tally(b)) || (tally(a) && points(b));
}

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
  periodCalls?: 'condition' | 'nested'; // inside a warning's condition, or inside a period function's value
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
  const report = (span: Span, text: MessageRef, help?: MessageRef, fixes?: DiagnosticExtras['fixes']) =>
    diagnostics.push(diagnostic(span, text, { ...(help === undefined ? {} : { help }), ...(fixes === undefined ? {} : { fixes }) }));

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
      const cycle = [...paramStack.slice(at), p].map((q) => q.name.text);
      report(paramStack[at]!.name.span, message('KP3015', 'params', { cycle }));
      paramTypes.set(p, UNKNOWN);
      return UNKNOWN;
    }
    paramStack.push(p);
    const t = typeOf(p.value, { kind: null, inRecord: false });
    paramStack.pop();
    if (!paramTypes.has(p)) paramTypes.set(p, t);
    if (t.t !== 'unknown' && isNumeric(t) && !constantValue(p.value, constants)) {
      report(p.value.span, message('KP2018', 'param', { name: p.name.text }));
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

  function expectBool(e: Expr, ctx: Context, what: Subject): void {
    const t = typeOf(e, ctx);
    if (t.t !== 'bool' && t.t !== 'unknown') {
      report(e.span, message('KP2004', 'notBool', { what, source: source(e.span), type: t }),
        isNumeric(t) ? message('KP2004', 'compareHelp') : undefined);
    }
  }
  function expectNumber(e: Expr, ctx: Context, what: Subject): Type {
    const t = typeOf(e, ctx);
    if (isNumeric(t) || t.t === 'unknown') return t;
    report(e.span, message('KP2016', 'notNumber', { what, source: source(e.span), type: t }));
    return UNKNOWN;
  }
  function expectConstant(e: Expr, what: Subject) {
    const v = constantValue(e, constants);
    if (!v) report(e.span, message('KP2018', 'notConstant', { what, source: source(e.span) }));
    return v;
  }

  function compareTypes(a: Type, b: Type, span: Span, left: Expr, right: Expr, op: string): void {
    if (a.t === 'unknown' || b.t === 'unknown') return;
    if (isNumeric(a) && isNumeric(b)) {
      if (!sameDimension(a, b)) {
        report(span, message('KP2003', 'compare', { source: source(span), left: a, right: b }));
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
      report(span, ordered && a.t === b.t
        ? message('KP2003', 'order', { op, type: a })
        : message('KP2003', 'compare', { source: source(span), left: a, right: b }));
    }
  }
  function checkMember(e: Extract<Type, { t: 'enum' }>, member: string, span: Span): void {
    if (!e.values.includes(member)) {
      report(span, message('KP2009', 'notMember', { member, type: e, values: e.values }),
        didYouMean(member, e.values).help);
    }
  }

  /** The common type of arms (if/band/match), reporting the first that differs. */
  function unifyArms(arms: Expr[], ctx: Context, construct: Construct): Type {
    let result: Type = UNKNOWN;
    for (const arm of arms) {
      const t = typeOf(arm, ctx);
      if (t.t === 'unknown') continue;
      if (result.t === 'unknown') { result = t; continue; }
      const merged = isNumeric(result) && isNumeric(t) ? sameDimension(result, t)
        : JSON.stringify(result) === JSON.stringify(t) ? result : null;
      if (merged) result = merged;
      else {
        report(arm.span, message('KP2008', 'differ', { construct, first: result, other: t, source: source(arm.span) }));
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
        if (e.op === 'not') { expectBool(e.operand, ctx, { s: 'notOperand' }); return BOOL; }
        return expectNumber(e.operand, ctx, { s: 'minusOperand' });
      }
      case 'Binary': return inferBinary(e, ctx);
      case 'InRank': {
        if (ctx.inRecord) report(e.span, message('KP2013', 'inRank'));
        // (X where C) in top P: among the units where C holds
        if (e.subject.type === 'Where') expectBool(e.subject.cond, { ...ctx, inRecord: false }, { s: 'eligibleCondition' });
        expectNumber(e.subject.type === 'Where' ? e.subject.list : e.subject, { ...ctx, inRecord: false }, { s: 'ranked' });
        checkInRankShare(e.share, { s: 'inRankShare', position: e.position });
        return BOOL;
      }
      case 'Call': return inferCall(e, ctx);
      case 'Where':
        report(e.span, message('KP2017', 'where'));
        return UNKNOWN;
      case 'Anchor':
        report(e.span, message('KP2017', 'anchor'));
        return UNKNOWN;
      case 'ListLit': case 'RecordLit':
        report(e.span, message('KP2017', 'literal'));
        return UNKNOWN;
      case 'If': {
        expectBool(e.cond, ctx, { s: 'ifCondition' });
        return unifyArms([e.then, e.else], ctx, { kw: 'if' });
      }
      case 'Band': {
        const subject = expectNumber(e.subject, ctx, { s: 'bandSubject' });
        for (const arm of e.arms) {
          const bound = expectNumber(arm.bound, ctx, { s: 'bandBound' });
          if (!sameDimension(subject, bound) && subject.t !== 'unknown' && bound.t !== 'unknown') {
            report(arm.bound.span, message('KP2003', 'bandBound', { subject, bound: source(arm.bound.span), type: bound }));
          }
        }
        const type = unifyArms([...e.arms.map((a) => a.value), ...(e.otherwise ? [e.otherwise] : [])], ctx, { kw: 'band' });
        if (!e.otherwise) report(e.span, message('KP2007', 'band'), message('KP2007', 'bandHelp'), elseArmFix(e, type, texts.get(e.span.file) ?? ''));
        return type;
      }
      case 'Match': {
        const subject = typeOf(e.subject, ctx);
        if (subject.t !== 'enum' && subject.t !== 'unknown') {
          report(e.subject.span, message('KP2010', 'notEnum', { source: source(e.subject.span), type: subject }),
            isNumeric(subject) ? message('KP2010', 'bandHelp') : undefined);
        }
        const covered = new Set<string>();
        for (const arm of e.arms) {
          for (const label of arm.labels) {
            covered.add(label.text);
            if (subject.t === 'enum') checkMember(subject, label.text, label.span);
          }
        }
        const type = unifyArms([...e.arms.map((a) => a.value), ...(e.otherwise ? [e.otherwise] : [])], ctx, { kw: 'match' });
        if (!e.otherwise && subject.t === 'enum' && subject.values.some((v) => !covered.has(v))) {
          const left = subject.values.filter((v) => !covered.has(v));
          report(e.span, message('KP2007', 'match', { values: left }), message('KP2007', 'matchHelp'), elseArmFix(e, type, texts.get(e.span.file) ?? ''));
        }
        return type;
      }
    }
  }

  function inferBinary(e: Extract<Expr, { type: 'Binary' }>, ctx: Context): Type {
    if (e.op === 'and' || e.op === 'or') {
      expectBool(e.left, ctx, { s: 'eachSideOf', op: e.op });
      expectBool(e.right, ctx, { s: 'eachSideOf', op: e.op });
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
        report(side.span, message('KP2016', 'operator', { op: e.op, source: source(side.span), type: t }));
        return UNKNOWN;
      }
    }
    if (e.op === '+' || e.op === '-') {
      const merged = sameDimension(a, b);
      if (merged) return merged;
      report(e.span, message('KP2001', 'addSubtract', { op: e.op, left: a, right: b, source: source(e.span) }),
        message('KP2001', 'sameDimensionHelp'));
      return UNKNOWN;
    }
    if (e.op === '*') {
      if (isDimensionless(a) && isDimensionless(b)) {
        return a.t === 'plain' ? b : b.t === 'plain' ? a : a.t === 'num' && a.dim === 'percent' ? a : b;
      }
      if (isDimensionless(b)) return a;
      if (isDimensionless(a)) return b;
      if (isPointsTimesTally(a, b)) return POINTS;
      report(e.span, message('KP2002', 'multiply', { source: source(e.span), left: a, right: b }), message('KP2002', 'multiplyHelp'));
      return UNKNOWN;
    }
    // '/'
    if (a.t === 'plain' && b.t === 'plain') return a;
    if (a.t === 'num' && b.t === 'num' && a.dim === b.dim) return num('percent');
    if (isDimensionless(b)) return a.t === 'plain' ? b : a;
    report(e.span, message('KP2002', 'divide', { source: source(e.span), left: a, right: b }), message('KP2002', 'divideHelp'));
    return UNKNOWN;
  }

  function checkShare(e: Expr, what: Subject): void {
    const t = typeOf(e, { kind: null, inRecord: false });
    if (t.t !== 'unknown' && !(t.t === 'num' && t.dim === 'percent')) {
      report(e.span, message('KP2020', 'share', { what, source: source(e.span), type: t }));
      return;
    }
    if (t.t === 'num') expectConstant(e, what);
  }

  /** `in top 10%` (a share, as a tier quota) or `in top 3名` (a count of places: a whole number above 0). */
  function checkInRankShare(e: Expr, what: Subject): void {
    const t = typeOf(e, { kind: null, inRecord: false });
    if (t.t === 'num' && t.dim === 'count') {
      const v = expectConstant(e, what);
      if (v && (!isInteger(v) || compare(v, rational(0n)) <= 0)) report(e.span, message('KP2020', 'places', { source: source(e.span) }));
      return;
    }
    if (t.t !== 'unknown' && !(t.t === 'num' && t.dim === 'percent')) {
      report(e.span, message('KP2020', 'inRank', { what, source: source(e.span), type: t }));
      return;
    }
    if (t.t === 'num') expectConstant(e, what);
  }

  /** The record list of an aggregate (`L` or `L where C`); types the condition in the record's scope. */
  function listArgument(arg: Expr, ctx: Context, fn: string): boolean {
    const list = arg.type === 'Where' ? arg.list : arg;
    const t = typeOf(list, ctx);
    types.set(arg, t);
    if (t.t !== 'list' && t.t !== 'unknown') {
      report(list.span, message('KP2012', 'aggregate', { fn, source: source(list.span), type: t }));
      return false;
    }
    if (arg.type === 'Where') expectBool(arg.cond, { ...ctx, inRecord: true }, { s: 'whereCondition' });
    return t.t === 'list';
  }

  function arity(call: Extract<Expr, { type: 'Call' }>, min: number, max: number, shape: ArgumentShape): boolean {
    const n = call.args.length;
    if (n >= min && n <= max) return true;
    report(call.span, message('KP2011', 'count', { fn: call.callee.text, shape, given: n }));
    return false;
  }

  /** What a built-in's type rule is given: the call, its context, and whether its first argument is a list. */
  interface CallSite {
    call: Extract<Expr, { type: 'Call' }>;
    ctx: Context;
    args: Expr[];
    first: Expr | undefined;
    /** the context of a record's fields, for the value of an aggregate */
    inner: Context;
    listFirst: boolean;
  }

  function inferCall(call: Extract<Expr, { type: 'Call' }>, ctx: Context): Type {
    const spec = FUNCTIONS.get(call.callee.text);
    if (!spec) {
      for (const a of call.args) typeOf(a, ctx);
      return UNKNOWN;
    }
    if (spec.category === 'period') return TYPE_RULES[spec.name]({ call, ctx, args: call.args, first: call.args[0], inner: ctx, listFirst: false });
    const first = call.args[0];
    const listFirst = first !== undefined && (first.type === 'Where' || typeOf(first, ctx).t === 'list');
    return TYPE_RULES[spec.name]({ call, ctx, args: call.args, first, inner: { ...ctx, inRecord: true }, listFirst });
  }

  // ── The type rule of each built-in (the registry's compile-time part, with lowering in lower-to-graph.ts) ──
  const periodCall = ({ call, ctx }: CallSite): Type => periodCallType(call, ctx.periodCalls ?? 'elsewhere', {
    value: (e) => expectNumber(e, { ...ctx, periodCalls: 'nested' }, { s: 'argumentOf', fn: call.callee.text }),
    constant: (e) => constantValue(e, constants),
    report: (span, text) => report(span, text),
  });
  const listAndValue = ({ call, ctx, args, inner }: CallSite, name: BuiltinName): Type => {
    if (!arity(call, 2, 2, { shape: 'listAndValue', fn: call.callee.text })) return UNKNOWN;
    listArgument(args[0]!, ctx, name);
    return expectNumber(args[1]!, inner, { s: 'valueOf', fn: call.callee.text });
  };
  const anyAll = ({ call, ctx, first }: CallSite, name: BuiltinName): Type => {
    if (!arity(call, 1, 1, { shape: 'filteredList', fn: call.callee.text }) || !first) return BOOL;
    if (first.type !== 'Where') report(call.span, message('KP2011', 'needsCondition', { fn: call.callee.text, list: source(first.span) }));
    listArgument(first, ctx, name);
    return BOOL;
  };
  const minMax = (site: CallSite, name: BuiltinName): Type => {
    if (site.listFirst) return listAndValue(site, name);
    if (!arity(site.call, 2, Infinity, { shape: 'twoOrMore' })) return UNKNOWN;
    return sameDimensions(site.args, site.ctx, site.call);
  };
  /** A statistic of a unit's value among its peers; `among` says what it gives for the value's type. */
  const population = ({ call, ctx, args, first }: CallSite, name: BuiltinName, result: (of: Type) => Type): Type => {
    if (!arity(call, 1, name === 'rank' ? 2 : 1, { shape: name === 'rank' ? 'rankValue' : 'oneValue' })) return UNKNOWN;
    if (ctx.inRecord) {
      report(call.span, message('KP2013', 'call', { fn: call.callee.text }));
    }
    const unit = { ...ctx, inRecord: false };
    // rank(X where C): among the units where C holds, a condition on the unit itself
    if (first!.type === 'Where') expectBool(first!.cond, unit, { s: 'eligibleCondition' });
    const of = expectNumber(first!.type === 'Where' ? first!.list : first!, unit, { s: 'argumentOf', fn: call.callee.text });
    const order = args[1];
    if (order && !(order.type === 'Ref' && RANK_ORDERS.has(order.name.text))) {
      report(order.span, message('KP2011', 'rankOrder', { spellings: [...RANK_ORDERS.keys()] }));
    }
    return result(of);
  };
  const TYPE_RULES: { [N in BuiltinName]: (site: CallSite) => Type } = {
    min: (site) => minMax(site, 'min'),
    max: (site) => minMax(site, 'max'),
    abs: ({ call, ctx, first }) =>
      arity(call, 1, 1, { shape: 'oneValue' }) ? expectNumber(first!, ctx, { s: 'argumentOf', fn: call.callee.text }) : UNKNOWN,
    clamp: ({ call, ctx, args }) => (arity(call, 3, 3, { shape: 'clampBounds' }) ? sameDimensions(args, ctx, call) : UNKNOWN),
    round: ({ call, ctx, args, first }) => {
      if (!arity(call, 2, 2, { shape: 'roundPlaces' })) return UNKNOWN;
      const v = expectConstant(args[1]!, { s: 'decimalPlaces' });
      if (v && (!isInteger(v) || v.num < 0n)) report(args[1]!.span, message('KP2011', 'wholeNumber', { what: { s: 'decimalPlaces' } }));
      return expectNumber(first!, ctx, { s: 'valueRounded' });
    },
    steps: ({ call, ctx, args }) => {
      if (!arity(call, 3, 3, { shape: 'steps' })) return num('number');
      sameDimensions(args.slice(0, 2), ctx, call);
      const mode = args[2]!;
      if (!(mode.type === 'Ref' && STEP_MODES.has(mode.name.text))) {
        report(mode.span, message('KP2014', 'mode', { fn: call.callee.text, spellings: [...STEP_MODES.keys()] }),
          mode.type === 'Ref' ? didYouMean(mode.name.text, STEP_MODES.keys()).help : undefined);
      }
      return num('number');
    },
    interpolate: ({ call, ctx }) => inferInterpolate(call, ctx),
    progress: ({ call }) => {
      arity(call, 0, 0, { shape: 'none' });
      return num('percent');
    },
    count: ({ call, ctx, first }) => {
      if (arity(call, 1, 1, { shape: 'countList' }) && first) listArgument(first, ctx, 'count');
      return num('count');
    },
    sum: (site) => listAndValue(site, 'sum'),
    mean: (site) => listAndValue(site, 'mean'),
    any: (site) => anyAll(site, 'any'),
    all: (site) => anyAll(site, 'all'),
    trimmed_mean: ({ call, ctx, args, inner }) => {
      if (!arity(call, 4, 4, { shape: 'trimmedMean' })) return UNKNOWN;
      listArgument(args[0]!, ctx, 'trimmed_mean');
      const value = expectNumber(args[1]!, inner, { s: 'valueAveraged' });
      for (const [arg, what] of [[args[2]!, { s: 'droppedAtEachEnd' }], [args[3]!, { s: 'leastCount' }]] as const) {
        const v = expectConstant(arg, what);
        if (v && (!isInteger(v) || v.num < 0n)) report(arg.span, message('KP2011', 'wholeNumber', { what }));
      }
      return value;
    },
    rank: (site) => population(site, 'rank', () => num('number')),
    peer_max: (site) => population(site, 'peer_max', (of) => of),
    peer_min: (site) => population(site, 'peer_min', (of) => of),
    peer_mean: (site) => population(site, 'peer_mean', (of) => of),
    percentile: (site) => population(site, 'percentile', () => num('percent')),
    prior: periodCall,
    falling: periodCall,
  };

  function sameDimensions(args: Expr[], ctx: Context, call: Extract<Expr, { type: 'Call' }>): Type {
    let result: Type = { t: 'plain' };
    for (const a of args) {
      const t = expectNumber(a, ctx, { s: 'eachArgumentOf', fn: call.callee.text });
      if (t.t === 'unknown' || result.t === 'unknown') { result = UNKNOWN; continue; }
      const merged = sameDimension(result, t);
      if (!merged) {
        report(a.span, message('KP2001', 'arguments', { fn: call.callee.text, source: source(a.span), type: t, others: result }));
        return UNKNOWN;
      }
      result = merged;
    }
    return result;
  }

  function inferInterpolate(call: Extract<Expr, { type: 'Call' }>, ctx: Context): Type {
    const [x, ...anchors] = call.args;
    if (!x || anchors.length < 2) {
      report(call.span, message('KP2011', 'interpolateAnchors'));
      for (const a of call.args) if (a.type !== 'Anchor') typeOf(a, ctx);
      return UNKNOWN;
    }
    const subject = expectNumber(x, ctx, { s: 'valueInterpolated' });
    let previous: { v: Rational; anchor: string; value: string | null } | null = null;
    const results: Expr[] = [];
    for (const a of anchors) {
      if (a.type !== 'Anchor') {
        report(a.span, message('KP2011', 'anchorForm', { fn: call.callee.text, source: source(a.span) }));
        return UNKNOWN;
      }
      types.set(a, UNKNOWN);
      const from = expectNumber(a.from, ctx, { s: 'anchor' });
      if (!sameDimension(subject, from) && from.t !== 'unknown' && subject.t !== 'unknown') {
        report(a.from.span, message('KP2003', 'anchor', { anchor: source(a.from.span), type: from, subject }));
      }
      const v = constantValue(a.from, constants);
      // Anchors are shown as written; a parameter also with its value, in percent when it is one.
      const literal = a.from.type === 'Number' || (a.from.type === 'Unary' && a.from.operand.type === 'Number');
      const anchor = source(a.from.span);
      const value = !v || literal ? null : from.t === 'num' && from.dim === 'percent' ? `${toDecimal(mul(v, rational(100n)))}%` : toDecimal(v);
      if (!v) report(a.from.span, message('KP2015', 'notConstant', { anchor, value }));
      else if (previous && compare(previous.v, v) >= 0) {
        report(a.from.span, message('KP2015', 'notAscending', { anchor, value, previous: previous.anchor, previousValue: previous.value }));
      }
      if (v) previous = { v, anchor, value };
      results.push(a.to);
    }
    return unifyArms(results, ctx, { fn: call.callee.text });
  }

  // ── Declarations ──
  function checkField(f: FieldDecl): void {
    if (f.valueType.type === 'NamedType' && policy.records.has(f.valueType.name.text)) {
      report(f.valueType.span, message('KP2021', 'record', { name: f.valueType.name.text }));
    }
    if (f.missing?.kind === 'fill_peer_mean') {
      const t = typeOfTypeExpr(f.valueType, policy);
      if (t.t !== 'num' && t.t !== 'unknown') report(f.missing.span, message('KP2019', 'fillNotNumber', { name: f.name.text, type: t }));
      return;
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
      report(value.span, message('KP2019', 'wrongType', { name: f.name.text, expected, source: source(value.span), type: t }));
    }
  }
  function checkPoints(e: Expr, ctx: Context, code: 'KP2005' | 'KP2006', what: Subject, help?: MessageRef): void {
    const t = typeOf(e, ctx);
    if (t.t === 'plain' || t.t === 'unknown' || (t.t === 'num' && t.dim === 'points')) return;
    report(e.span, message(code, 'notPoints', { what, type: t }), help);
  }
  function checkAdjust(a: AdjustItem, ctx: Context): void {
    let inner = ctx;
    if (a.per) {
      const t = typeOf(a.per, ctx);
      if (t.t !== 'list' && t.t !== 'unknown') {
        report(a.per.span, message('KP2012', 'per', { source: source(a.per.span), type: t }),
          message('KP2012', 'perHelp', { direction: a.direction }));
      }
      inner = { ...ctx, inRecord: true };
      if (a.where) expectBool(a.where, inner, { s: 'whereCondition' });
    }
    checkPoints(a.amount, inner, 'KP2006', { s: 'amount', direction: a.direction, source: source(a.amount.span) });
    if (a.when) expectBool(a.when, ctx, { s: 'whenCondition' });
    if (a.cap) checkPoints(a.cap, ctx, 'KP2006', { s: 'cap', source: source(a.cap.span) });
  }

  for (const p of policy.decls.params) paramType(p);
  for (const input of policy.decls.inputs) input.fields.forEach(checkField);
  for (const r of policy.decls.records) r.fields.forEach(checkField);
  for (const s of policy.decls.sections) {
    const ctx: Context = { kind: policy.appliesTo.get(s) ?? null, inRecord: false };
    if (s.when) expectBool(s.when, ctx, { s: 'sectionWhen', name: s.name.text });
    for (const info of policy.lets.get(s)?.values() ?? []) letType(info);
    for (const ind of s.items) {
      if (ind.type !== 'Indicator') continue;
      for (const info of policy.lets.get(ind)?.values() ?? []) letType(info);
      for (const item of ind.items) {
        if (item.type === 'Score') {
          const t = typeOf(item.value, ctx);
          // Written as a factor of the suggested product: a sum, say, goes in parentheses.
          const value = item.value;
          const factor = value.paren || ['Number', 'Ref', 'Member', 'Call', 'Total'].includes(value.type)
            || (value.type === 'Binary' && (value.op === '*' || value.op === '/'));
          const text = factor && !value.paren ? source(value.span) : `(${source(value.span)})`;
          const points = source(ind.points.span).replace(/分$|pt$/, '');
          const help = t.t === 'num' && t.dim === 'percent' ? commonMessage('didYouMean', { name: `${text} * ${points}分` })
            : t.t === 'num' ? message('KP2005', 'dimensionHelp', { text, points })
            : undefined;
          checkPoints(item.value, ctx, 'KP2005', { s: 'indicatorScore', name: ind.name.text }, help);
        } else if (item.type === 'Adjust') checkAdjust(item, ctx);
        else if (item.type === 'Exempt') expectBool(item.when, ctx, { s: 'exemptWhen' });
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
    if (l.where) expectBool(l.where, ctx, { s: 'linkWhere' });
    checkPoints(l.amount, ctx, 'KP2006', { s: 'linkAmount', name: l.name.text });
  }
  for (const ind of policy.decls.individuals) {
    const t = typeOf(ind.share, { kind: ind.entity.text, inRecord: false });
    if (t.t !== 'unknown' && !isDimensionless(t)) {
      report(ind.share.span, message('KP2020', 'individual', { entity: ind.entity.text, relation: ind.relation.text, type: t }));
    }
  }
  for (const t of policy.decls.tiers) {
    const ctx: Context = { kind: policy.appliesTo.get(t) ?? null, inRecord: false };
    expectNumber(t.by, ctx, { s: 'rankingKey' });
    if (t.ties?.mode === 'by') for (const k of t.ties.keys) expectNumber(k, ctx, { s: 'tieBreaker' });
    for (const rule of t.tiers) {
      if (rule.quota) checkShare(rule.quota.share, { s: 'tierShare', name: rule.name.text });
      if (rule.when) expectBool(rule.when, ctx, { s: 'tierCondition', name: rule.name.text });
    }
    for (const g of t.gates) expectBool(g.when, ctx, { s: 'gateCondition' });
    for (const v of t.vetoes) expectBool(v.when, ctx, { s: 'vetoCondition' });
  }

  for (const w of policy.decls.warnings) {
    const ctx: Context = { kind: policy.appliesTo.get(w) ?? null, inRecord: false };
    for (const info of policy.lets.get(w)?.values() ?? []) letType(info);
    checkWarning(w, {
      typeOf: (e) => typeOf(e, ctx),
      condition: (e) => expectBool(e, { ...ctx, periodCalls: 'condition' }, { s: 'whenCondition' }),
      report: (span, text) => report(span, text),
    });
  }
  const analysis = analysisThresholds(policy.decls.analysis, {
    typeOf: (e) => typeOf(e, { kind: null, inRecord: false }),
    constant: (e) => constantValue(e, constants),
    report: (span, text) => report(span, text),
  });

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

  diagnostics.push(...checkAmongGuards(policy, source));
  return {
    value: { ...policy, symbols: { ...policy.symbols, symbols }, types, letTypes, paramTypes, constants, analysis },
    diagnostics,
  };
}
