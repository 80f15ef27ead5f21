// Part of check-types: a statistic among the eligible (`排名(X 其中 C)`, `百分位`, `同级均值`… with `其中`) has no
// value for a unit outside C, so a rule reading it without testing C first fails for that unit at run time
// (KR301). Warn where the read is not guarded: inside `如果 C 则 …`, the `否则` of `如果 非 C`, beside `C 且 …`
// (a false side makes `且` false), after `非 C 或 …`, in the amount of `扣 … 当 C`, or in an indicator
// `免考 当 非 C`. C is recognised as written (spaces aside) or through a let whose value it is.
import type { Expr, IndicatorDecl, Span } from '../dsl/ast.js';
import { diagnostic, type Diagnostic } from '../dsl/diagnostics.js';
import { message } from '../messages/index.js';
import { FUNCTIONS } from './functions.js';
import type { ResolvedPolicy } from './resolve-names.js';

type Facts = ReadonlySet<string>;
const NONE: Facts = new Set();

export function checkAmongGuards(policy: ResolvedPolicy, source: (span: Span) => string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];

  /** The ways C may be written: its text without spaces, and a let's value for the let's name. */
  const keys = (e: Expr, seen = new Set<Expr>()): string[] => {
    if (seen.has(e)) return [];
    seen.add(e);
    const b = policy.bindings.get(e);
    const own = source(e.span).replace(/\s+/g, '');
    return b?.to === 'let' ? [own, ...keys(b.let.decl.value, seen)] : [own];
  };
  const union = (a: Facts, b: Iterable<string>): Facts => new Set([...a, ...b]);
  /** What holds when C is true: its conjuncts. */
  const whenTrue = (c: Expr): string[] =>
    c.type === 'Binary' && c.op === 'and' ? [...whenTrue(c.left), ...whenTrue(c.right)]
      : c.type === 'Unary' && c.op === 'not' ? whenFalse(c.operand) : keys(c);
  /** What holds when C is false. */
  const whenFalse = (c: Expr): string[] =>
    c.type === 'Binary' && c.op === 'or' ? [...whenFalse(c.left), ...whenFalse(c.right)]
      : c.type === 'Unary' && c.op === 'not' ? whenTrue(c.operand) : [];

  const walk = (e: Expr | null, facts: Facts): void => {
    if (!e) return;
    switch (e.type) {
      case 'If':
        walk(e.cond, facts);
        walk(e.then, union(facts, whenTrue(e.cond)));
        walk(e.else, union(facts, whenFalse(e.cond)));
        return;
      case 'Binary':
        if (e.op === 'and') {
          walk(e.left, union(facts, whenTrue(e.right)));
          walk(e.right, union(facts, whenTrue(e.left)));
        } else if (e.op === 'or') {
          walk(e.left, union(facts, whenFalse(e.right)));
          walk(e.right, union(facts, whenFalse(e.left)));
        } else children(e).forEach((c) => walk(c, facts));
        return;
      case 'Call': {
        const first = e.args[0];
        if (FUNCTIONS.get(e.callee.text)?.category === 'population' && first?.type === 'Where' && !keys(first.cond).some((k) => facts.has(k))) {
          const condition = source(first.cond.span);
          diagnostics.push(diagnostic(e.span, message('KP2022', 'unguarded', { read: source(e.span), condition }),
            { help: message('KP2022', 'help', { condition }) }));
        }
        children(e).forEach((c) => walk(c, facts));
        return;
      }
      default:
        children(e).forEach((c) => walk(c, facts));
    }
  };

  /** The items of an indicator or bonus; an indicator exempt when C is not scored where C holds. */
  const items = (list: readonly (IndicatorDecl['items'][number])[]) => {
    const exempt = list.flatMap((i) => (i.type === 'Exempt' ? whenFalse(i.when) : []));
    const facts: Facts = new Set(exempt);
    for (const item of list) {
      if (item.type === 'Score') walk(item.value, facts);
      else if (item.type === 'Exempt') walk(item.when, NONE);
      else if (item.type === 'Adjust') {
        walk(item.when, facts);
        walk(item.per, facts);
        walk(item.where, facts);
        walk(item.cap, facts);
        walk(item.amount, item.when ? union(facts, whenTrue(item.when)) : facts);
      }
    }
  };
  // Lets are left out: a let without a value is no error until a rule needs it, and that rule is checked.
  for (const s of policy.decls.sections) {
    walk(s.when, NONE);
    for (const i of s.items) if (i.type === 'Indicator') items(i.items);
  }
  for (const b of policy.decls.bonuses) items(b.items);
  for (const t of policy.decls.tiers) {
    walk(t.by, NONE);
    if (t.ties?.mode === 'by') t.ties.keys.forEach((k) => walk(k, NONE));
    for (const r of t.tiers) walk(r.when, NONE);
    for (const g of [...t.gates, ...t.vetoes]) walk(g.when, NONE);
  }
  for (const l of policy.decls.links) {
    walk(l.where, NONE);
    walk(l.amount, l.where ? union(NONE, whenTrue(l.where)) : NONE);
  }
  return diagnostics;
}

/** The expressions directly inside one. */
function children(e: Expr): Expr[] {
  switch (e.type) {
    case 'Member': return [e.object];
    case 'Unary': return [e.operand];
    case 'Binary': return [e.left, e.right];
    case 'InRank': return [e.subject, e.share];
    case 'Call': return e.args;
    case 'Where': return [e.list, e.cond];
    case 'Anchor': return [e.from, e.to];
    case 'If': return [e.cond, e.then, e.else];
    case 'Band': return [e.subject, ...e.arms.flatMap((a) => [a.bound, a.value]), ...(e.otherwise ? [e.otherwise] : [])];
    case 'Match': return [e.subject, ...e.arms.map((a) => a.value), ...(e.otherwise ? [e.otherwise] : [])];
    case 'ListLit': return e.items;
    case 'RecordLit': return e.fields.map((f) => f.value);
    default: return [];
  }
}
