// The words of results files and tables, Chinese and English side by side (part of the message catalogue): headers of the fixed columns,
// the marks of a cell without a score, and why a unit was gated or vetoed.
import type { TierReason } from '../runtime/results/results.js';

/** The language of results files' headers and marks: Chinese for people (the default), English for machines. */
export type HeaderLanguage = 'zh' | 'en';

export const HEADER_LANGUAGES: readonly HeaderLanguage[] = ['zh', 'en'];

export const RESULT_WORDS = {
  kind: { zh: '单位类别', en: 'kind' },
  id: { zh: '单位编号', en: 'id' },
  name: { zh: '单位名称', en: 'name' },
  rank: { zh: '名次', en: 'rank' },
  total: { zh: '总分', en: 'total' },
  exempt: { zh: '免考', en: 'exempt' },
  notApplicable: { zh: '不适用', en: 'not_applicable' },
  notInPeriod: { zh: '本期不考评', en: 'not_in_period' },
} as const satisfies Record<string, Record<HeaderLanguage, string>>;

/** The column that says why a unit's tier under `tiers` is what it is (年度分段说明). */
export function tierReasonHeader(tiers: string, lang: HeaderLanguage): string {
  return lang === 'zh' ? `${tiers}说明` : `${tiers} reason`;
}

const REASON_TEXTS: Record<TierReason['rule'], Record<HeaderLanguage, (r: TierReason) => string>> = {
  veto: { zh: (r) => `一票否决（${r.text}）`, en: (r) => `vetoed (${r.text})` },
  gate: { zh: (r) => `不得进入${r.tier}（${r.text}）`, en: (r) => `may not enter ${r.tier} (${r.text})` },
};

/** The gates and vetoes that held for a unit, as one sentence ('' when none held). */
export function tierReasonText(reasons: readonly TierReason[] | undefined, lang: HeaderLanguage = 'zh'): string {
  return (reasons ?? []).map((r) => REASON_TEXTS[r.rule][lang](r)).join(lang === 'zh' ? '；' : '; ');
}
