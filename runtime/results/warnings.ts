// Warnings (预警): the policy's warning rules checked on a period's data. The period is evaluated as `evaluate`
// does (with the nodes the warnings read), each earlier period a `prior`/`falling` reaches likewise, and every
// rule that applies to the period is tested unit by unit; a raised warning carries its message, rendered at
// the policy's precision, and the explanation of its condition (the values read and the branches taken).
import type { RuleGraph, ValueNode, ValueType, WarningLevel, WarningRule, WarningValue } from '../../graph/graph.js';
import { exprReferences } from '../../graph/graph-schema.js';
import { cadenceOf, run, toDataset, type DataInput, type EvaluateOptions } from '../evaluation/evaluate.js';
import { evalExpr, INVALID, isNum, newScope, truthy, traceValue, type Recorder, type Val } from '../evaluation/expr-eval.js';
import { boundedIssues, dataIssue, type RuntimeIssue } from '../issues.js';
import { message, type Lang } from '../../messages/index.js';
import * as Q from '../evaluation/rational.js';
import type { EvalState } from '../evaluation/state.js';
import type { Step, TraceValue } from '../explanation/trace.js';
import { show } from '../explanation/render-trace.js';

/** Levels from the most serious down: the order warnings are listed in within a unit. */
export const WARNING_LEVEL_ORDER: readonly WarningLevel[] = ['severe', 'warning', 'notice'];
export const WARNING_LEVEL_WORDS: Record<WarningLevel, { zh: string; en: string }> = {
  severe: { zh: '严重', en: 'severe' },
  warning: { zh: '预警', en: 'warning' },
  notice: { zh: '提示', en: 'notice' },
};

export interface RaisedWarning {
  warning: string;
  level: WarningLevel;
  kind: string;
  unit: string;
  unitName: string | null;
  /** the message with its placeholders filled in */
  message: string;
  /** the condition as written */
  rule: string;
  /** what the condition read and decided, in order */
  steps: Step[];
  /** the placeholders' values */
  values: { name: string; value: TraceValue }[];
}

export interface Monitoring {
  period: string;
  /** the rules that apply to the period, with the units they were checked on */
  checked: { warning: string; kind: string; level: WarningLevel; units: number }[];
  warnings: RaisedWarning[];
  /** false when the period could not be evaluated (the issues say why; nothing is listed) */
  ok: boolean;
  issues: RuntimeIssue[];
}

/** Whether a rule is checked in `period`: a period it names, a year or cadence it names, or any when it names none. */
export function appliesIn(rule: WarningRule, period: string): boolean {
  if (rule.periods.length === 0) return true;
  const cadence = cadenceOf(period) ?? (/^\d{4}$/.test(period) ? 'annual' : null);
  return rule.periods.some((p) => p === period || p === cadence);
}

/** The month a period ends in, counted from year 0 (2021Q2 → 2021 × 12 + 6); null for a name of another form. */
function endMonth(period: string): number | null {
  const m = /^(\d{4})(?:([QMH])(\d\d?))?$/.exec(period);
  if (!m) return null;
  const steps = { Q: 3, M: 1, H: 6 };
  return Number(m[1]) * 12 + (m[2] ? Number(m[3]) * steps[m[2] as 'Q' | 'M' | 'H'] : 12);
}

/** The latest of `periods` that some warning applies to (the finer of two ending together); null when none does. */
export function latestWarningPeriod(graph: RuleGraph, periods: readonly string[]): string | null {
  const applicable = periods.filter((p) => endMonth(p) !== null && (graph.warnings ?? []).some((r) => appliesIn(r, p)));
  const order = (p: string) => endMonth(p)! * 10 + (cadenceOf(p) === 'monthly' ? 3 : cadenceOf(p) === 'quarterly' ? 2 : cadenceOf(p) ? 1 : 0);
  return applicable.sort((a, b) => order(a) - order(b)).pop() ?? null;
}

/** What a warning was raised on: the values its lets and condition read, in order. */
export function warningGrounds(w: RaisedWarning, separator: string, lang: Lang, places: number): string {
  return w.steps.flatMap((s) => (s.step === 'read' ? [`${s.name} ${show(s.value, lang, places)}`] : [])).join(separator);
}

/** The period `back` periods of the same cadence before `period` (2021M02 back 3 → 2020M11); null for other forms. */
export function earlierPeriod(period: string, back: number): string | null {
  const m = /^(\d{4})(?:([QMH])(\d\d?))?$/.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  if (!m[2]) return String(year - back);
  const per = { Q: 4, M: 12, H: 2 }[m[2] as 'Q' | 'M' | 'H'];
  const index = year * per + Number(m[3]) - 1 - back;
  const y = Math.floor(index / per);
  const part = (index % per) + 1;
  return `${y}${m[2]}${m[2] === 'M' ? String(part).padStart(2, '0') : part}`;
}

const reads = (rule: WarningRule): string[] => {
  const own = new Set(rule.values.map((v) => v.id));
  const exprs = [rule.when, ...rule.values.map((v) => v.expr), ...rule.message.values.map((v) => v.expr)];
  return exprs.flatMap((e) => [...exprReferences(e, '')].map(([id]) => id)).filter((id) => !own.has(id));
};

/**
 * The warnings raised in `period`. Never throws on bad data: problems come back as issues. `onProgress` is
 * called between the nodes of each period's evaluation (a service stops one past its time limit there).
 */
export function monitor(graph: RuleGraph, data: DataInput, period: string, onProgress?: EvaluateOptions['onProgress']): Monitoring {
  const ds = toDataset(graph, data);
  const rules = (graph.warnings ?? []).filter((r) => appliesIn(r, period));
  const alsoEvaluate = [...new Set(rules.flatMap(reads))];
  const progress = onProgress ? { onProgress } : {};
  const now = run(graph, ds, { period, alsoEvaluate, ...progress });
  // Tiers are the year's result: that a part of the year allots none says nothing about warnings.
  const issues = now.issues.filter((i) => i.code !== 'KR303');
  const out: Monitoring = { period, checked: [], warnings: [], ok: false, issues };
  if (!now.state) return out;
  const earlier = new Map<number, EvalState | null>();
  const stateBack = (back: number): EvalState | null => {
    if (!earlier.has(back)) {
      const p = earlierPeriod(period, back);
      const r = p !== null && ds.periods.includes(p) ? run(graph, ds, { period: p, alsoEvaluate, ...progress }) : null;
      if (r) issues.push(...r.issues.filter((i) => i.severity === 'error'));
      earlier.set(back, r?.state ?? null);
    }
    return earlier.get(back)!;
  };
  for (const rule of rules) {
    const missing = rule.values.filter((v) => v.back !== undefined && stateBack(v.back) === null);
    if (missing.length > 0) {
      const lacking = earlierPeriod(period, missing[0]!.back!) ?? period;
      issues.push(dataIssue('KR260', message('KR260', 'earlier', { warning: rule.name, period, earlier: lacking }), { path: 'units' }, { severity: 'warning' }));
      continue;
    }
    const units = now.state.kinds.get(rule.kind)!;
    out.checked.push({ warning: rule.name, kind: rule.kind, level: rule.level, units: units.ids.length });
    installValues(now.state, rule, period, stateBack);
    for (let i = 0; i < units.ids.length; i++) {
      const raised = check(now.state, rule, i);
      if (raised) out.warnings.push(raised);
    }
  }
  if (issues.some((i) => i.severity === 'error')) return { ...out, warnings: [], checked: [], issues: boundedIssues(issues) };
  const unitOrder = new Map(graph.kinds.flatMap((k) => now.state!.kinds.get(k.name)!.ids.map((id, i) => [`${k.name}\u0000${id}`, i] as const)));
  const kindOrder = new Map(graph.kinds.map((k, i) => [k.name, i]));
  const ruleOrder = new Map(rules.map((r, i) => [r.name, i]));
  out.warnings.sort((a, b) =>
    kindOrder.get(a.kind)! - kindOrder.get(b.kind)!
    || unitOrder.get(`${a.kind}\u0000${a.unit}`)! - unitOrder.get(`${b.kind}\u0000${b.unit}`)!
    || WARNING_LEVEL_ORDER.indexOf(a.level) - WARNING_LEVEL_ORDER.indexOf(b.level)
    || ruleOrder.get(a.warning)! - ruleOrder.get(b.warning)!);
  return { ...out, ok: true, issues: boundedIssues(issues) };
}

function valueNode(rule: WarningRule, v: WarningValue, name: string): ValueNode {
  return { role: 'value', id: v.id, kind: rule.kind, name, type: v.type, deps: [], stage: 0, span: rule.span, expr: v.expr, text: v.text };
}

/**
 * A rule's lets become value nodes of the state, computed on demand (their column only says "computed
 * elsewhere"; the exact value is kept as the evaluator keeps any value's); an earlier period's value is
 * computed in that period's state and kept the same way.
 */
function installValues(state: EvalState, rule: WarningRule, period: string, stateBack: (back: number) => EvalState | null): void {
  const lets = rule.values.filter((v) => v.back === undefined);
  const install = (s: EvalState) => {
    const n = s.kinds.get(rule.kind)!.ids.length;
    for (const v of lets) {
      s.nodes.set(v.id, valueNode(rule, v, v.name));
      s.columns.set(v.id, { t: 'num', v: new Float64Array(n) });
      s.flags.set(v.id, new Uint8Array(n));
      s.exact.set(v.id, []);
    }
  };
  install(state);
  const units = state.kinds.get(rule.kind)!;
  for (const v of rule.values) {
    if (v.back === undefined) continue;
    const then = stateBack(v.back)!;
    install(then);
    const thenUnits = then.kinds.get(rule.kind)!;
    const scope = newScope(then, rule.kind);
    const column = new Float64Array(units.ids.length).fill(NaN);
    const exact: (Q.Rational | null)[] = [];
    units.ids.forEach((id, i) => {
      const j = thenUnits.index.get(id);
      if (j === undefined) return;
      scope.i = j;
      const x = evalExpr(v.expr, scope);
      exact[i] = isNum(x) ? x : null;
      if (isNum(x)) column[i] = Q.toNumber(x);
    });
    state.nodes.set(v.id, valueNode(rule, v, `${v.name}（${earlierPeriod(period, v.back)}）`));
    state.columns.set(v.id, { t: 'num', v: column });
    state.flags.set(v.id, new Uint8Array(units.ids.length));
    state.exact.set(v.id, exact);
  }
}

function check(state: EvalState, rule: WarningRule, i: number): RaisedWarning | null {
  const rec: Recorder = { steps: [], seen: new Set(), own: [rule.id] };
  const scope = newScope(state, rule.kind, rec);
  scope.i = i;
  // The lets first, so the explanation shows what they are made of before the condition reads them.
  for (const v of rule.values) {
    if (v.back !== undefined) continue;
    const x = evalExpr(v.expr, scope);
    state.exact.get(v.id)![i] = isNum(x) ? x : null;
  }
  if (truthy(evalExpr(rule.when, scope)) !== true) return null;
  const quiet = newScope(state, rule.kind);
  quiet.i = i;
  const values = rule.message.values.map((p): { name: string; val: Val; type: ValueType } => ({ name: p.name, val: evalExpr(p.expr, quiet), type: p.type }));
  let k = 0;
  const text = rule.message.template.replace(/\{([\p{L}_][\p{L}\p{N}_]*)\}/gu, () => {
    const p = values[k++]!;
    return shown(p.val, p.type, state.graph.policy.precision, state.rounding);
  });
  const units = state.kinds.get(rule.kind)!;
  return {
    warning: rule.name, level: rule.level, kind: rule.kind, unit: units.ids[i]!, unitName: units.names[i] ?? null,
    message: text, rule: rule.text, steps: rec.steps, values: values.map((p) => ({ name: p.name, value: traceValue(p.val, p.type) })),
  };
}

/** A value as people read it: at the policy's precision, percent as 百分数, money in 万元 or 亿元 when large. */
export function shown(v: Val, type: ValueType, precision: number, rounding: EvalState['rounding']): string {
  if (v === null || v === INVALID) return '—';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return String(v.length);
  if (type.t === 'bool') return v.num !== 0n ? '是' : '否';
  if (type.t === 'date') return new Date(Q.toNumber(v) * 86_400_000).toISOString().slice(0, 10);
  const dim = type.t === 'num' ? type.dim : 'number';
  const fixed = (x: Q.Rational) => fixedDecimal(Q.roundTo(x, precision, rounding), precision);
  switch (dim) {
    case 'percent': return `${fixed(Q.mul(v, Q.rational(100n)))}%`;
    case 'money': {
      const size = Q.abs(v);
      if (Q.compare(size, Q.rational(100_000_000n)) >= 0) return `${fixed(Q.div(v, Q.rational(100_000_000n))!)}亿元`;
      if (Q.compare(size, Q.rational(10_000n)) >= 0) return `${fixed(Q.div(v, Q.rational(10_000n))!)}万元`;
      return `${fixed(v)}元`;
    }
    case 'points': return `${fixed(v)}分`;
    case 'days': return `${fixed(v)}天`;
    case 'count': return Q.isInteger(v) ? Q.toDecimal(v) : fixed(v);
    default: return fixed(v);
  }
}

/** A rounded value with exactly `places` decimals (the value has no more). */
function fixedDecimal(r: Q.Rational, places: number): string {
  const scaled = Q.roundTo(Q.mul(r, Q.rational(10n ** BigInt(places))), 0, 'half_up');
  const n = scaled.num / scaled.den;
  const digits = (n < 0n ? -n : n).toString().padStart(places + 1, '0');
  const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return n < 0n ? `-${text}` : text;
}
