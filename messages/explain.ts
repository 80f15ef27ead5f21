// The sentences of explanations (runtime/explanation/render-trace.ts): one per step of a score, one block per indicator,
// section, bonus, total, rank and tier. Values arrive already shown (numbers at the policy's places, with their
// units, messages/numbers.ts), so a sentence only places them. Rule texts are quoted as the policy wrote them.
import { say } from './catalogue.js';

type Period = 'monthly' | 'quarterly' | 'half_yearly' | 'annual' | 'realtime';
type Rounding = 'half_up' | 'half_even' | 'down' | 'up';
export type Aggregate = 'mean' | 'sum' | 'last';

/** Indicator periods (and the cadences of a run) as a policy names them. */
export const PERIOD_WORDS: Record<Period, { zh: string; en: string }> = {
  monthly: { zh: '月度', en: 'monthly' },
  quarterly: { zh: '季度', en: 'quarterly' },
  half_yearly: { zh: '半年', en: 'half-yearly' },
  annual: { zh: '年度', en: 'annual' },
  realtime: { zh: '实时', en: 'real-time' },
};
const ROUNDING_WORDS: Record<Rounding, { zh: string; en: string }> = {
  half_up: { zh: '四舍五入', en: 'half up' },
  half_even: { zh: '银行家舍入', en: 'half to even' },
  down: { zh: '舍去', en: 'down' },
  up: { zh: '进一', en: 'up' },
};
export const AGGREGATE_WORDS: Record<Aggregate, { zh: string; en: string }> = {
  mean: { zh: '取平均', en: 'their mean' },
  sum: { zh: '求和', en: 'their sum' },
  last: { zh: '取末期', en: 'the last' },
};

/** 1st, 2nd, 3rd, 4th, 11th, 21st. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

const enList = (xs: readonly string[]) => xs.join(', ');
const zhList = (xs: readonly string[]) => xs.join('、');

export const EXPLAIN = {
  // ── values ──
  yes: say(() => '是', () => 'yes'),
  no: say(() => '否', () => 'no'),
  missing: say(() => '（缺失）', () => '(missing)'),
  field: say((p: { name: string; value: string }) => `${p.name}=${p.value}`, (p) => `${p.name}=${p.value}`),
  fields: say((p: { fields: string[] }) => p.fields.join('，'), (p) => p.fields.join(', ')),

  // ── steps ──
  read: say(
    (p: { name: string; value: string; approx: boolean; relation: string | null; unit: string | null; missing: 'defaulted' | 'filled' | null }) =>
      `${p.relation !== null ? `${p.relation}「${p.unit}」的` : ''}${p.name}${p.approx ? '约为' : '为'}${p.value}${p.missing === null ? '' : p.missing === 'filled' ? '（数据缺失，按同级均值填补）' : '（数据缺失，按默认值）'}`,
    (p) => `${p.name}${p.relation !== null ? ` of ${p.relation} ${p.unit}` : ''} is ${p.approx ? 'about ' : ''}${p.value}${p.missing === null ? '' : p.missing === 'filled' ? " (no data: filled with the peers' mean)" : ' (no data: the default)'}`,
  ),
  ifBranch: say(
    (p: { holds: boolean; value: string }) => `条件${p.holds ? '成立' : '不成立'}，取${p.value}`,
    (p) => `the condition ${p.holds ? 'holds' : 'does not hold'}, giving ${p.value}`,
  ),
  armBranch: say(
    (p: { subject: string; arm: string | null; value: string }) => `${p.subject}${p.arm === null ? '不满足以上各档' : `满足「${p.arm}」`}，取${p.value}`,
    (p) => `${p.subject} ${p.arm === null ? 'meets none of the arms above' : `meets 「${p.arm}」`}, giving ${p.value}`,
  ),
  taken: say((p: { value: string }) => `取${p.value}`, (p) => `giving ${p.value}`),
  noGap: say((p: { gap: string }) => `差距${p.gap}，未低于标准，计0步`, (p) => `the gap is ${p.gap}: not below the standard, 0 steps`),
  steps: say(
    (p: { gap: string; per: string; percentPoints: boolean; mode: 'whole' | 'pro_rata' | 'round_up'; count: string }) =>
      `差距${p.gap}，每${p.per}${p.percentPoints ? '个百分点' : ''}为一步，${{ whole: `按整步计${p.count}步`, pro_rata: `按比例计${p.count}步`, round_up: `不足一步按一步计，计${p.count}步` }[p.mode]}`,
    (p) => `the gap is ${p.gap}, a step is ${p.per}${p.percentPoints ? ' percentage points' : ''}: ${{ whole: `${p.count} whole steps`, pro_rata: `${p.count} steps pro rata`, round_up: `${p.count} steps, a part step counting as one` }[p.mode]}`,
  ),
  outsideRange: say(
    (p: { x: string; from: string; result: string }) => `${p.x}在插值区间之外，取端点${p.from}对应的${p.result}`,
    (p) => `${p.x} is outside the interpolation range: the end point ${p.from} gives ${p.result}`,
  ),
  interpolate: say(
    (p: { x: string; from: string; to: string; result: string }) => `${p.x}在${p.from}与${p.to}之间按线性插值，得${p.result}`,
    (p) => `${p.x} lies between ${p.from} and ${p.to}: linear interpolation gives ${p.result}`,
  ),
  ranked: say(
    (p: { subject: string; value: string; of: number; among: string | null; rank: number; ascending: boolean }) =>
      `${p.subject}为${p.value}，在${zhAmong(p.among)}${p.of}个单位中${p.ascending ? '从低到高' : '从高到低'}排第${p.rank}名`,
    (p) => `${p.subject} is ${p.value}: ${ordinal(p.rank)} of ${p.of} units${enAmong(p.among)} from the ${p.ascending ? 'lowest' : 'highest'}`,
  ),
  percentile: say(
    (p: { subject: string; value: string; of: number; among: string | null; result: string }) => `${p.subject}为${p.value}，在${zhAmong(p.among)}${p.of}个单位中位于百分位${p.result}`,
    (p) => `${p.subject} is ${p.value}: at percentile ${p.result} of ${p.of} units${enAmong(p.among)}`,
  ),
  peerStatistic: say(
    (p: { subject: string; statistic: 'peer_mean' | 'peer_max' | 'peer_min'; of: number; among: string | null; result: string }) =>
      `${zhAmong(p.among)}${p.of}个单位的${p.subject}${{ peer_mean: '平均', peer_max: '最高', peer_min: '最低' }[p.statistic]}为${p.result}`,
    (p) => `the ${{ peer_mean: 'mean', peer_max: 'highest', peer_min: 'lowest' }[p.statistic]} ${p.subject} of ${p.of} units${enAmong(p.among)} is ${p.result}`,
  ),
  notEligible: say(
    (p: { subject: string; value: string; among: string; of: number }) =>
      `${p.subject}为${p.value}，不满足「${p.among}」，不参加排名和同级统计（满足的单位${p.of}个），无值`,
    (p) => `${p.subject} is ${p.value}: 「${p.among}」 does not hold, so the unit is not ranked (${p.of} ${p.of === 1 ? 'unit meets' : 'units meet'} it): no value`,
  ),
  formula: say((p: { text: string; value: string }) => `按「${p.text}」计得${p.value}`, (p) => `by 「${p.text}」: ${p.value}`),
  baseScore: say((p: { value: string }) => `基础分${p.value}`, (p) => `base score ${p.value}`),
  capped: say((p: { before: string; limit: string }) => `（原为${p.before}，封顶${p.limit}）`, (p) => ` (${p.before} before the cap of ${p.limit})`),
  adjusted: say(
    (p: { text: string; deduct: boolean; amount: string; capped: string }) => `「${p.text}」：${p.deduct ? '扣' : '加'}${p.amount}${p.capped}`,
    (p) => `「${p.text}」: ${p.deduct ? 'minus' : 'plus'} ${p.amount}${p.capped}`,
  ),
  adjustedPer: say(
    (p: { text: string; deduct: boolean; count: number; records: string[]; each: string | null; amount: string; capped: string }) =>
      `「${p.text}」共${p.count}起${p.records.length > 0 ? `（${p.records.join('；')}）` : ''}${p.each !== null ? `，每起${p.deduct ? '扣' : '加'}${p.each}` : ''}，${p.deduct ? '扣' : '加'}${p.amount}${p.capped}`,
    (p) => `「${p.text}」: ${p.count} ${p.count === 1 ? 'record' : 'records'}${p.records.length > 0 ? ` (${p.records.join('; ')})` : ''}${p.each !== null ? `, ${p.each} each` : ''}, ${p.deduct ? 'minus' : 'plus'} ${p.amount}${p.capped}`,
  ),
  recordAmount: say(
    (p: { record: string; deduct: boolean; amount: string }) => `${p.record}：${p.deduct ? '扣' : '加'}${p.amount}`,
    (p) => `${p.record}: ${p.deduct ? 'minus' : 'plus'} ${p.amount}`,
  ),
  recordSuperseded: say(
    (p: { record: string }) => `${p.record}：不计（同一项已按较高者计）`,
    (p) => `${p.record}: not counted (the same item counts once, at its highest)`,
  ),
  linked: say(
    (p: { text: string; source: string; sourceName: string | null; record: string | null; amount: string }) =>
      `关联扣分「${p.text}」：${p.sourceName !== null ? `${p.sourceName}（${p.source}）` : p.source}${p.record !== null ? `的记录（${p.record}）` : ''}，扣${p.amount}`,
    (p) => `linked deduction 「${p.text}」: ${p.sourceName !== null ? `${p.sourceName} (${p.source})` : p.source}${p.record !== null ? ` record (${p.record})` : ''}, minus ${p.amount}`,
  ),
  exemptMissing: say(
    (p: { inputs: string[] }) => `${zhList(p.inputs)}无数据，此项免考，分值由板块内其他指标分摊`,
    (p) => `no data for ${enList(p.inputs)}: exempt, its points shared among the section's other indicators`,
  ),
  exemptWhen: say(
    () => '符合免考条件，此项免考，分值由板块内其他指标分摊',
    () => "the exemption condition holds: exempt, its points shared among the section's other indicators",
  ),
  peerMean: say(
    (p: { inputs: string[]; peers: number; value: string }) => `${zhList(p.inputs)}无数据，按${p.peers}个同级单位的平均得分计${p.value}`,
    (p) => `no data for ${enList(p.inputs)}: ${p.value}, the mean score of ${p.peers} peer units`,
  ),
  periodPart: say((p: { period: string; score: string | null }) => `${p.period} ${p.score ?? '免考'}`, (p) => `${p.period} ${p.score ?? 'exempt'}`),
  periodParts: say(
    (p: { parts: string[]; aggregate: Aggregate; own: boolean; value: string | null }) =>
      `各期得分：${p.parts.join('，')}；${p.own ? '按本项的汇总方式' : ''}${AGGREGATE_WORDS[p.aggregate].zh}得${p.value ?? '（免考）'}`,
    (p) => `scores by period: ${p.parts.join(', ')}; ${p.own ? 'by its own aggregation, ' : ''}${AGGREGATE_WORDS[p.aggregate].en}: ${p.value ?? '(exempt)'}`,
  ),
  notInPeriod: say(
    (p: { declared: Period | null; cadence: Period; period: string }) =>
      `${p.declared === null ? '未声明考评周期，按年度计分' : p.declared === 'realtime' ? '考评周期为实时，按全年记录计分' : `考评周期为${PERIOD_WORDS[p.declared].zh}`}，不在${PERIOD_WORDS[p.cadence].zh}考评（${p.period}）之列`,
    (p) => `${p.declared === null ? 'no period declared: scored by the year' : p.declared === 'realtime' ? "real-time: scored on the whole year's records" : `the period is ${PERIOD_WORDS[p.declared].en}`}; not part of the ${PERIOD_WORDS[p.cadence].en} evaluation (${p.period})`,
  ),
  clampZero: say((p: { from: string }) => `计得${p.from}，扣完为止，计0分`, (p) => `${p.from}: deductions stop at zero, 0 points`),
  clampCap: say((p: { from: string; to: string }) => `计得${p.from}，超过上限，计${p.to}`, (p) => `${p.from}: above the limit, ${p.to}`),
  rounded: say(
    (p: { from: string; mode: Rounding; places: number; to: string }) => `${p.from}按${ROUNDING_WORDS[p.mode].zh}保留${p.places}位小数为${p.to}`,
    (p) => `${p.from} rounded ${ROUNDING_WORDS[p.mode].en} to ${p.places} decimal places: ${p.to}`,
  ),

  // ── items ──
  heading: say(
    (p: { unit: string; name: string | null; policy: string; period: string | null }) =>
      `${p.name !== null && p.name !== p.unit ? `${p.name}（${p.unit}）` : p.unit} · ${p.policy}${p.period ? ` · ${p.period}` : ''}`,
    (p) => `${p.name !== null && p.name !== p.unit ? `${p.name} (${p.unit})` : p.unit} · ${p.policy}${p.period ? ` · ${p.period}` : ''}`,
  ),
  scope: say(
    (p: { cadence: Period; evaluates: Period[] }) =>
      `${PERIOD_WORDS[p.cadence].zh}考评：只考评周期为${zhList(p.evaluates.map((c) => PERIOD_WORDS[c].zh))}的指标和加分项；其余指标、加分项和分段按年度考评，本期不考评`,
    (p) => `${PERIOD_WORDS[p.cadence].en} evaluation: only ${enList(p.evaluates.map((c) => PERIOD_WORDS[c].en))} indicators and bonuses are evaluated; the other indicators, bonuses and tiers are evaluated by the year, not in this period`,
  ),
  notInThisPeriod: say(() => '本期不考评', () => 'not evaluated this period'),
  indicator: say(
    (p: { name: string; section: string; points: string; outcome: 'left' | 'none' | 'scored'; score: string }) =>
      `【${p.name}】（${p.section}，${p.points}）${{ left: '本期不考评', none: '不计分', scored: `得${p.score}` }[p.outcome]}`,
    (p) => `[${p.name}] (${p.section}, ${p.points}) ${{ left: 'not evaluated this period', none: 'no score', scored: `scores ${p.score}` }[p.outcome]}`,
  ),
  sectionLeft: say(
    (p: { name: string; points: string }) => `【板块 ${p.name}】（${p.points}）本期不考评：所含指标均不在本期考评之列`,
    (p) => `[section ${p.name}] (${p.points}) not evaluated this period: none of its indicators is`,
  ),
  sectionNotApplicable: say((p: { name: string }) => `【板块 ${p.name}】不适用于本单位`, (p) => `[section ${p.name}] does not apply to this unit`),
  sectionPart: say(
    (p: { name: string; score: string | null }) => `${p.name}${p.score ?? '免考'}`,
    (p) => `${p.name} ${p.score ?? 'exempt'}`,
  ),
  section: say(
    (p: { name: string; points: string; periodPoints: string | null; score: string | null; parts: string[]; left: number }) =>
      `【板块 ${p.name}】（${p.points}${p.periodPoints !== null ? `，本期参评${p.periodPoints}` : ''}）${p.score === null ? '不计分' : `得${p.score}`}：${p.parts.join('，')}${p.left > 0 ? `；另${p.left}项指标本期不考评` : ''}`,
    (p) => `[section ${p.name}] (${p.points}${p.periodPoints !== null ? `, ${p.periodPoints} this period` : ''}) ${p.score === null ? 'no score' : `scores ${p.score}`}: ${p.parts.join(', ')}${p.left > 0 ? `; ${p.left} more ${p.left === 1 ? 'indicator' : 'indicators'} not evaluated this period` : ''}`,
  ),
  redistributed: say(
    (p: { sum: string; evaluatedPoints: string; points: string; inPeriod: boolean }) =>
      `参评指标合计${p.sum} ÷ 参评分值${p.evaluatedPoints} × ${p.inPeriod ? '本期' : ''}板块分值${p.points}`,
    (p) => `the indicators evaluated ${p.sum} ÷ their points ${p.evaluatedPoints} × the section's ${p.inPeriod ? "this period's " : ''}points ${p.points}`,
  ),
  bonusLeft: say(
    (p: { name: string; declared: Period | null }) =>
      `【加分 ${p.name}】本期不考评：${p.declared === null ? '未声明考评周期的加分项按年度计分' : `考评周期为${PERIOD_WORDS[p.declared].zh}`}`,
    (p) => `[bonus ${p.name}] not evaluated this period: ${p.declared === null ? 'a bonus without a period is scored by the year' : `its period is ${PERIOD_WORDS[p.declared].en}`}`,
  ),
  bonus: say(
    (p: { name: string; score: string; tiebreak: boolean }) => `【加分 ${p.name}】得${p.score}${p.tiebreak ? '（仅用于排名并列时）' : ''}`,
    (p) => `[bonus ${p.name}] scores ${p.score}${p.tiebreak ? ' (used only to break ties)' : ''}`,
  ),
  totalDeduction: say((p: { name: string; amount: string }) => `【扣分 ${p.name}】从总分中扣${p.amount}`, (p) => `[deduction ${p.name}] takes ${p.amount} off the total`),
  totalLeft: say(() => '【总分】本期不考评：本期没有考评的板块', () => '[total] not evaluated this period: no section is'),
  totalPart: say(
    (p: { name: string; outcome: 'left' | 'none' | 'scored'; score: string }) => `${p.name}${{ left: '本期不考评', none: '不计', scored: p.score }[p.outcome]}`,
    (p) => `${p.name} ${{ left: 'not evaluated this period', none: 'not counted', scored: p.score }[p.outcome]}`,
  ),
  total: say(
    (p: { score: string; parts: { text: string; minus: boolean }[] }) => `【总分】${p.score} = ${signed(p.parts)}`,
    (p) => `[total] ${p.score} = ${signed(p.parts)}`,
  ),
  totalInPeriod: say(
    (p: { period: string | null }) => `本期（${p.period}）总分只合计本期考评的板块与指标`,
    (p) => `the total of this period (${p.period}) adds only the sections and indicators evaluated in it`,
  ),
  individual: say(
    (p: { share: string; rest: string; relation: string; unit: string; relatedTotal: string; own: string }) =>
      `个人总分 = ${p.share} × ${p.relation}「${p.unit}」总分${p.relatedTotal} + ${p.rest} × 本人得分${p.own}`,
    (p) => `individual total = ${p.share} × the total of ${p.relation} ${p.unit}, ${p.relatedTotal} + ${p.rest} × own score ${p.own}`,
  ),
  totalWord: say(() => '总分', () => 'total'),
  rank: say(
    (p: { rank: number; of: number; keys: string[]; tiedWith: string[] }) =>
      `【名次】共${p.of}个单位中列第${p.rank}名${p.keys.length > 1 ? `（依次比较${zhList(p.keys)}）` : ''}${p.tiedWith.length > 0 ? `，与${zhList(p.tiedWith)}并列` : ''}`,
    (p) => `[rank] ${ordinal(p.rank)} of ${p.of} units${p.keys.length > 1 ? ` (comparing ${enList(p.keys)} in turn)` : ''}${p.tiedWith.length > 0 ? `, tied with ${enList(p.tiedWith)}` : ''}`,
  ),
  tier: say(
    (p: { name: string; position: number; of: number; tier: string | null }) =>
      `【${p.name}】按排序位列第${p.position}（共${p.of}个），${p.tier === null ? '未归入任何一段' : `归入${p.tier}`}`,
    (p) => `[${p.name}] ${ordinal(p.position)} of ${p.of} in order: ${p.tier === null ? 'in no tier' : `in ${p.tier}`}`,
  ),
  tierPlaces: say(
    (p: { tier: string; places: number; filledBefore: number }) => `${p.tier}名额${p.places}个，此前已占${p.filledBefore}个`,
    (p) => `${p.tier} has ${p.places} places, ${p.filledBefore} taken before`,
  ),
  gate: say((p: { text: string; tier: string }) => `限制「${p.text}」成立，不得进入${p.tier}`, (p) => `the limit 「${p.text}」 holds: may not enter ${p.tier}`),
  placeUsedUp: say((p: { tier: string }) => `受限单位仍占用${p.tier}的名额（空缺）`, (p) => `the limited unit still takes a place of ${p.tier} (left empty)`),
  veto: say((p: { text: string }) => `一票否决「${p.text}」成立，归入最后一段`, (p) => `the veto 「${p.text}」 holds: the last tier`),
  tiedTier: say((p: { tiedWith: string[] }) => `与${zhList(p.tiedWith)}并列，一同归段`, (p) => `tied with ${enList(p.tiedWith)}, placed together`),
  rankPlace: say(
    (p: { subject: string; value: string; top: boolean; position: number; of: number; among: string | null; share: string | null; places: number }) =>
      `${p.subject}为${p.value}，${p.among === null ? '' : `在${zhAmong(p.among)}单位中`}${p.top ? '前' : '后'}数第${p.position}名（共${p.of}个；${p.share === null ? `取${p.top ? '前' : '后'}${p.places}名` : `${p.top ? '前' : '后'}${p.share}为${p.places}个`}）`,
    (p) => `${p.subject} is ${p.value}: ${ordinal(p.position)} from the ${p.top ? 'top' : 'bottom'}${p.among === null ? '' : ` among the units${enAmong(p.among)}`} (of ${p.of}; ${p.share === null ? `the ${p.top ? 'top' : 'bottom'} ${p.places} places count` : `the ${p.top ? 'top' : 'bottom'} ${p.share} are ${p.places}`})`,
  ),
  notAmong: say(
    (p: { subject: string; value: string; among: string; of: number }) => `${p.subject}为${p.value}，不满足「${p.among}」，不在满足的${p.of}个单位之列`,
    (p) => `${p.subject} is ${p.value}: 「${p.among}」 does not hold, so the unit is not among the ${p.of} ${p.of === 1 ? 'unit' : 'units'} that meet it`,
  ),
} as const;

/** Ranked among the units that meet a condition: 「在满足「C」的」 before the count. */
function zhAmong(among: string | null): string {
  return among === null ? '' : `满足「${among}」的`;
}
function enAmong(among: string | null): string {
  return among === null ? '' : ` meeting 「${among}」`;
}

/** A sum's parts: `a + b − c` (a deduction on the total is a part taken off). */
function signed(parts: { text: string; minus: boolean }[]): string {
  return parts.map((p, k) => `${p.minus ? (k > 0 ? ' − ' : '− ') : k > 0 ? ' + ' : ''}${p.text}`).join('');
}
