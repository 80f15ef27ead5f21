// The checks of warnings (预警) and analysis thresholds, called by check-types with its typing functions: a warning
// has a known level, periods that are periods, one `when` that is true/false and one message whose placeholders
// can be shown; `prior`/`falling` stand only in that condition. The words tables are shared with lowering.
import type { AnalysisDecl, Expr, Span, WarningDecl } from '../dsl/ast.js';
import { message, type MessageRef } from '../messages/index.js';
import type { AnalysisThresholds, WarningLevel } from '../graph/graph.js';
import { describeType, type Type } from './types.js';
import { compare, isInteger, rational, toNumber, type Rational } from './exact-number.js';
import { FUNCTIONS } from './functions.js';
import { PERIOD_KINDS } from './value-words.js';

function table<T extends string>(pairs: [T, string][]): ReadonlyMap<string, T> {
  return new Map(pairs.flatMap(([en, zh]) => [[en, en], [zh, en]] as [string, T][]));
}

export const WARNING_LEVELS = table<WarningLevel>([['notice', '提示'], ['warning', '预警'], ['severe', '严重']]);

/** The cadences a warning may be scoped to (a realtime indicator has no period of its own). */
const CADENCES = new Map([...PERIOD_KINDS].filter(([, c]) => c !== 'realtime'));
const PERIOD_NAME = /^\d{4}(?:Q[1-4]|M(?:0[1-9]|1[0-2])|H[12])?$/;

/** A warning's period word as the graph keeps it: a period name or year as written, a cadence in English. */
export function warningPeriod(word: string): string | null {
  return PERIOD_NAME.test(word) ? word : (CADENCES.get(word) ?? null);
}

/** Periods back a period function reaches at most (a year of months). */
export const MAX_PERIODS_BACK = 12;

interface Checks {
  /** the type of an expression in the warning's scope */
  typeOf(e: Expr): Type;
  /** checks the condition is true/false, with period functions allowed in it */
  condition(e: Expr): void;
  report(span: Span, text: MessageRef): void;
}

export function checkWarning(w: WarningDecl, c: Checks): void {
  if (!WARNING_LEVELS.has(w.level.text)) {
    c.report(w.level.span, message('KP5001', 'level', { word: w.level.text, spellings: [...WARNING_LEVELS.keys()] }));
  }
  for (const p of w.periods) {
    if (warningPeriod(p.text) === null) c.report(p.span, message('KP5001', 'period', { word: p.text, spellings: [...CADENCES.keys()] }));
  }
  for (const item of ['when', 'message'] as const) {
    const found = w.items.filter((i) => i.type === (item === 'when' ? 'WarningWhen' : 'WarningMessage'));
    if (found.length === 0) c.report(w.name.span, message('KP5001', 'missing', { name: w.name.text, item }));
    for (const extra of found.slice(1)) c.report(extra.span, message('KP5001', 'twice', { name: w.name.text, item }));
  }
  for (const item of w.items) {
    if (item.type === 'WarningWhen') c.condition(item.cond);
    if (item.type !== 'WarningMessage') continue;
    for (const p of item.placeholders) {
      const t = c.typeOf(p);
      if (t.t === 'list' || t.t === 'ref') {
        c.report(p.span, message('KP5001', 'placeholder', { name: p.type === 'Ref' ? p.name.text : '', type: describeType(t) }));
      }
    }
  }
}

/** `prior(X, k)` has X's type, `falling(X, n)` is true/false; both only directly in a warning's condition. */
export function periodCallType(
  call: Extract<Expr, { type: 'Call' }>,
  where: 'condition' | 'nested' | 'elsewhere',
  c: { value(e: Expr): Type; constant(e: Expr): Rational | null; report(span: Span, text: MessageRef): void },
): Type {
  const fn = call.callee.text;
  if (where !== 'condition') c.report(call.span, message('KP5002', where === 'nested' ? 'nested' : 'outside', { fn }));
  const falling = FUNCTIONS.get(fn)?.name === 'falling';
  const [value, count] = call.args;
  const n = count ? c.constant(count) : falling ? null : rational(1n);
  const fits = value !== undefined && call.args.length <= 2 && n !== null && isInteger(n)
    && compare(n, rational(1n)) >= 0 && compare(n, rational(BigInt(MAX_PERIODS_BACK))) <= 0;
  if (!fits) c.report(call.span, message('KP5002', 'count', { fn }));
  const t = value ? c.value(value) : ({ t: 'unknown' } as Type);
  return falling ? { t: 'bool' } : t;
}

/** The periods back a period call reaches (its count, 1 when not given); null when it is not a constant. */
export function periodsBack(call: Extract<Expr, { type: 'Call' }>, constant: (e: Expr) => Rational | null): number | null {
  const count = call.args[1];
  const n = count ? constant(count) : rational(1n);
  return n === null ? null : toNumber(n);
}

/** The names an author writes (`uniform_full`, …) for the thresholds. */
const THRESHOLD_WORDS = new Map<string, keyof AnalysisThresholds>([
  ['uniform_full', 'fullShare'], ['绩效趋同', 'fullShare'], ['too_harsh', 'zeroShare'], ['过于严苛', 'zeroShare'],
  ['min_scored', 'minScored'], ['最少参评', 'minScored'],
]);
/** The thresholds an `analysis` declaration sets (only those it sets), reporting what is ill-formed. */
export function analysisThresholds(
  decls: readonly AnalysisDecl[],
  c: { typeOf(e: Expr): Type; constant(e: Expr): Rational | null; report(span: Span, text: MessageRef): void },
): Partial<AnalysisThresholds> {
  const out: Partial<AnalysisThresholds> = {};
  for (const extra of decls.slice(1)) c.report(extra.span, message('KP5003', 'declTwice'));
  for (const f of decls[0]?.fields ?? []) {
    const key = THRESHOLD_WORDS.get(f.name.text);
    if (!key) {
      c.report(f.name.span, message('KP5003', 'unknown', { name: f.name.text, spellings: [...THRESHOLD_WORDS.keys()] }));
      continue;
    }
    if (out[key] !== undefined) {
      c.report(f.name.span, message('KP5003', 'twice', { name: f.name.text }));
      continue;
    }
    const t = c.typeOf(f.value);
    const v = c.constant(f.value);
    if (key === 'minScored') {
      const whole = v !== null && (t.t === 'plain' || (t.t === 'num' && t.dim === 'count')) && isInteger(v) && compare(v, rational(1n)) >= 0;
      if (whole) out[key] = toNumber(v);
      else c.report(f.value.span, message('KP5003', 'count', { name: f.name.text }));
    } else {
      const share = v !== null && t.t === 'num' && t.dim === 'percent' && compare(v, rational(0n)) >= 0 && compare(v, rational(1n)) <= 0;
      if (share) out[key] = toNumber(v);
      else c.report(f.value.span, message('KP5003', 'share', { name: f.name.text }));
    }
  }
  return out;
}
