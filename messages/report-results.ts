// The words of `kaoping eval`'s terminal view (the ranking tables, the tier counts of `--stream`) and of the lines
// under the ranking of a run for part of the year. Names of kinds, sections, indicators and tiers come from the
// policy as written.
import { say } from './catalogue.js';
import { PERIOD_WORDS } from './explain.js';

type Cadence = keyof typeof PERIOD_WORDS;

export const REPORT_RESULTS = {
  /** a kind's ranking: its units (the first `shown` listed when fewer), the period */
  rankingHeading: say(
    (p: { kind: string; units: number; shown: number | null; period: string | null }) =>
      `${p.kind}（${p.units}${p.shown === null ? '' : `，列出前 ${p.shown}`}）${p.period ? ` ${p.period}` : ''}`,
    (p) => `${p.kind} (${p.units}${p.shown === null ? '' : `, the first ${p.shown} listed`})${p.period ? ` ${p.period}` : ''}`,
  ),
  /** how many units each tier holds: 年度分段：第一段 11，第二段 22，未分段 3 */
  tierCounts: say(
    (p: { tiers: string; counts: { tier: string; units: number }[]; untiered: number }) =>
      `${p.tiers}：${[...p.counts.map((c) => `${c.tier} ${c.units}`), ...(p.untiered > 0 ? [`未分段 ${p.untiered}`] : [])].join('，')}`,
    (p) => `${p.tiers}: ${[...p.counts.map((c) => `${c.tier} ${c.units}`), ...(p.untiered > 0 ? [`no tier ${p.untiered}`] : [])].join(', ')}`,
  ),
  periodScope: say(
    (p: { period: string; cadence: Cadence; evaluates: Cadence[] }) =>
      `考评期间 ${p.period}（${PERIOD_WORDS[p.cadence].zh}）：只考评${p.evaluates.map((c) => PERIOD_WORDS[c].zh).join('、')}指标，板块分和总分只合计本期考评的指标`,
    (p) =>
      `period ${p.period} (${PERIOD_WORDS[p.cadence].en}): only ${p.evaluates.map((c) => PERIOD_WORDS[c].en).join(', ')} indicators are evaluated; section scores and totals add up those alone`,
  ),
  periodLeft: say(
    (p: { period: string; kinds: { kind: string; indicators: number; left: number; bonuses: string[] }[] }) =>
      `${p.period} 不考评：${p.kinds.map((k) => `${k.kind} ${k.indicators} 个指标中的 ${k.left} 个${k.bonuses.length > 0 ? `，加分项 ${k.bonuses.join('、')}` : ''}`).join('；')}`,
    (p) =>
      `not evaluated in ${p.period}: ${p.kinds.map((k) => `${k.left} of the ${k.indicators} indicators of ${k.kind}${k.bonuses.length > 0 ? `, the bonuses ${k.bonuses.join(', ')}` : ''}`).join('; ')}`,
  ),
  periodNoTiers: say(
    (p: { period: string; tiers: string[] }) => `${p.period} 不分段（分段按年度考评结果）：${p.tiers.join('、')}`,
    (p) => `no tiers in ${p.period} (tiers follow the year's result): ${p.tiers.join(', ')}`,
  ),
} as const;
