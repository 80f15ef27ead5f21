// Lowering of warnings (预警): each becomes a rule of the graph's `warnings` list, with its lets and the values it
// reads from earlier periods (`prior`, `falling`) as values of its own, read by id like any node.
import { diagnostic, type Diagnostic } from '../dsl/diagnostics.js';
import type { Expr, LetItem, Span, WarningDecl } from '../dsl/ast.js';
import { message } from '../messages/index.js';
import type { GExpr, SourceRef, ValueType, WarningRule, WarningValue } from '../graph/graph.js';
import { exprReferences } from '../graph/graph-schema.js';
import type { CheckedPolicy } from './check-structure.js';
import type { Type } from './types.js';
import { periodsBack, WARNING_LEVELS, warningPeriod } from './check-warnings.js';
import { constantValue } from './constant-value.js';
import { FUNCTIONS } from './functions.js';
import { letId, resultId } from './node-ids.js';

/** Where an expression is lowered: its kind, the prefix of lifted nodes, and what a period function becomes. */
export interface Owner {
  kind: string;
  id: string;
  periodCall?: (call: Extract<Expr, { type: 'Call' }>) => GExpr;
}

interface Lowering {
  lower(e: Expr, owner: Owner): GExpr;
  source(span: Span): string;
  ref(span: Span): SourceRef;
  valueType(t: Type | undefined): ValueType;
  diagnostics: Diagnostic[];
}

export function lowerWarnings(policy: CheckedPolicy, l: Lowering): WarningRule[] {
  return policy.decls.warnings.map((w) => lowerWarning(policy, w, l));
}

function lowerWarning(policy: CheckedPolicy, w: WarningDecl, l: Lowering): WarningRule {
  const kind = policy.appliesTo.get(w)!;
  const id = resultId(kind, w.name.text);
  const plain: Owner = { kind, id };
  const values: WarningValue[] = [];
  const lets = policy.lets.get(w)!;
  for (const item of w.items) {
    if (item.type !== 'Let') continue;
    const info = lets.get(item.name.text);
    if (info?.decl !== item) continue;
    values.push({ id: letId(info), name: item.name.text, type: l.valueType(policy.letTypes.get(item as LetItem)), expr: l.lower(item.value, plain), text: l.source(item.value.span) });
  }
  reportLetCycles(w, values, l);

  const priors = new Map<string, string>(); // lowered value and periods back → the value's id
  const prior = (value: Expr, back: number): GExpr => {
    const expr = l.lower(value, plain);
    const key = `${back} ${JSON.stringify(expr)}`;
    let vid = priors.get(key);
    if (!vid) {
      vid = `${id}.prior#${priors.size + 1}`;
      priors.set(key, vid);
      values.push({ id: vid, name: l.source(value.span), type: l.valueType(policy.types.get(value)), expr, text: l.source(value.span), back });
    }
    return { k: 'node', id: vid };
  };
  const periodCall = (call: Extract<Expr, { type: 'Call' }>): GExpr => {
    const back = periodsBack(call, (e) => constantValue(e, policy.constants)) ?? 1;
    const value = call.args[0]!;
    if (FUNCTIONS.get(call.callee.text)?.name === 'prior') return prior(value, back);
    // falling(X, n): X below the period before, that one below the one before it, … n times
    let chain: GExpr | null = null;
    let later = l.lower(value, plain);
    for (let k = 1; k <= back; k++) {
      const earlier = prior(value, k);
      const step: GExpr = { k: 'cmp', op: '<', a: later, b: earlier };
      chain = chain ? { k: 'logic', op: 'and', a: chain, b: step } : step;
      later = earlier;
    }
    return chain!;
  };
  const inCondition: Owner = { kind, id, periodCall };

  const when = w.items.find((i) => i.type === 'WarningWhen');
  const text = w.items.find((i) => i.type === 'WarningMessage');
  return {
    id, kind, name: w.name.text,
    level: WARNING_LEVELS.get(w.level.text)!,
    periods: w.periods.map((p) => warningPeriod(p.text)!),
    values,
    when: l.lower(when!.cond, inCondition),
    text: l.source(when!.cond.span),
    message: {
      template: text!.template,
      values: text!.placeholders.map((p) => ({ name: l.source(p.span), type: l.valueType(policy.types.get(p)), expr: l.lower(p, plain) })),
    },
    span: l.ref(w.span),
  };
}

/** A warning's lets are evaluated on demand from one another, so one that reads itself would never end. */
function reportLetCycles(w: WarningDecl, values: WarningValue[], l: Lowering): void {
  const byId = new Map(values.map((v) => [v.id, v]));
  const reads = (e: GExpr) => [...exprReferences(e, '')].map(([id]) => id).filter((id) => byId.has(id));
  const done = new Set<string>();
  const visit = (v: WarningValue, path: WarningValue[]): void => {
    if (done.has(v.id)) return;
    const at = path.indexOf(v);
    if (at >= 0) {
      const cycle = [...path.slice(at), v].map((x) => x.name);
      const decl = w.items.find((i) => i.type === 'Let' && i.name.text === v.name);
      l.diagnostics.push(diagnostic(decl?.span ?? w.name.span, message('KP3015', 'values', { name: v.name, cycle }), { help: message('KP3015', 'help') }));
      done.add(v.id);
      return;
    }
    for (const r of reads(v.expr)) visit(byId.get(r)!, [...path, v]);
    done.add(v.id);
  };
  for (const v of values) visit(v, []);
}
