// Words that are values, not keywords (docs/language.md): each English and Chinese spelling → canonical form.
import type { KeywordLanguage } from '../dsl/keywords.js';

function table<T extends string>(pairs: [T, string][]): ReadonlyMap<string, T> {
  const m = new Map<string, T>();
  for (const [english, chinese] of pairs) {
    m.set(english, english);
    m.set(chinese, english);
  }
  return m;
}

export const ROUNDING_MODES = table<'half_up' | 'half_even' | 'down' | 'up'>([
  ['half_up', '四舍五入'], ['half_even', '银行家舍入'], ['down', '舍去'], ['up', '进一'],
]);
export const QUOTA_ROUNDINGS = table<'half_up' | 'floor' | 'ceil'>([
  ['half_up', '四舍五入'], ['floor', '向下'], ['ceil', '向上'],
]);
export const STEP_MODES = table<'whole' | 'pro_rata' | 'round_up'>([['whole', '整步'], ['pro_rata', '按比例'], ['round_up', '进位']]);
export const METHODS = table<'machine' | 'rating' | 'third_party' | 'manual'>([
  ['machine', '机考'], ['rating', '系统测评'], ['third_party', '第三方'], ['manual', '人工'],
]);
export const INDICATOR_TYPES = table<'quantitative' | 'qualitative'>([['quantitative', '定量'], ['qualitative', '定性']]);
export const PERIOD_KINDS = table<'monthly' | 'quarterly' | 'half_yearly' | 'annual' | 'realtime'>([
  ['monthly', '月度'], ['quarterly', '季度'], ['half_yearly', '半年'], ['annual', '年度'], ['realtime', '实时'],
]);
export const GATED_MODES = table<'passes_on' | 'stays_empty'>([['passes_on', '顺延'], ['stays_empty', '空缺']]);
export const PERIOD_AGGREGATES = table<'mean' | 'sum' | 'last'>([['mean', '均值'], ['sum', '合计'], ['last', '末期']]);
/** The second argument of rank(): ascending order (lowest value is best). */
export const RANK_ORDERS = table<'asc'>([['asc', '升序']]);
/** Result names a test may read from a unit besides its inputs and results (member names, not keywords). */
export const UNIT_RESULTS = table<'rank' | 'tier'>([['rank', '名次'], ['tier', '段']]);

/** A value word as a file in `language` spells it (`machine` → 机考): the review quotes a policy in its own words. */
export function spellValue<T extends string>(words: ReadonlyMap<string, T>, english: T, language: KeywordLanguage): string {
  if (language === 'english') return english;
  for (const [spelling, canonical] of words) if (canonical === english && spelling !== english) return spelling;
  return english;
}

/** The spellings of one table, for "expected one of …" messages. */
export function spellings(words: ReadonlyMap<string, string>): string {
  return [...words.keys()].map((w) => `\`${w}\``).join(', ');
}
