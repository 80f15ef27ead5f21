// The words of `kaoping feedback` (绩效改进建议书), its HTML page and its workbook: the title, the sentences of a
// unit's standing, headings, column headers, sheet names. Names of kinds, units, sections, indicators and tiers,
// and the warnings' messages, come from the policy and the data as written.
import { say } from './catalogue.js';

/** A heading of the page (and the name of the sheet that holds the same). */
export type FeedbackPart = 'result' | 'sections' | 'lost' | 'lostSheet' | 'tierExplanation' | 'warnings';

const PARTS: Record<FeedbackPart, { zh: string; en: string }> = {
  result: { zh: '考评结果', en: 'Result' },
  sections: { zh: '各板块得分', en: 'Section scores' },
  lost: { zh: '失分最多的指标', en: 'Where most points were lost' },
  lostSheet: { zh: '失分', en: 'Points lost' },
  tierExplanation: { zh: '分段说明', en: 'How the tier was decided' },
  warnings: { zh: '预警', en: 'Warnings' },
};

/** A column of the tables, or a line of the workbook's result sheet. */
export type FeedbackColumn =
  | 'item' | 'value' | 'unit' | 'total' | 'rank' | 'median' | 'toMedian' | 'note'
  | 'indicator' | 'section' | 'points' | 'score' | 'lost' | 'level' | 'warning' | 'message';

const COLUMNS: Record<FeedbackColumn, { zh: string; en: string }> = {
  item: { zh: '项目', en: 'item' },
  value: { zh: '内容', en: 'value' },
  unit: { zh: '单位', en: 'unit' },
  total: { zh: '总分', en: 'total' },
  rank: { zh: '名次', en: 'rank' },
  median: { zh: '中位数', en: 'median' },
  toMedian: { zh: '与中位数之差', en: 'difference from the median' },
  note: { zh: '说明', en: 'note' },
  indicator: { zh: '指标', en: 'indicator' },
  section: { zh: '板块', en: 'section' },
  points: { zh: '分值', en: 'points' },
  score: { zh: '得分', en: 'score' },
  lost: { zh: '失分', en: 'lost' },
  level: { zh: '级别', en: 'level' },
  warning: { zh: '预警', en: 'warning' },
  message: { zh: '消息', en: 'message' },
};

export const REPORT_FEEDBACK = {
  part: say((p: { part: FeedbackPart }) => PARTS[p.part].zh, (p) => PARTS[p.part].en),
  column: say((p: { column: FeedbackColumn }) => COLUMNS[p.column].zh, (p) => COLUMNS[p.column].en),
  title: say(
    (p: { name: string; policy: string; period: string | null }) => `${p.name} 绩效改进建议书（${p.policy}${p.period ? ` · ${p.period}` : ''}）`,
    (p) => `${p.name}: performance improvement advice (${p.policy}${p.period ? ` · ${p.period}` : ''})`,
  ),
  sheetTitle: say((p: { title: string; what: string }) => `${p.title} · ${p.what}`, (p) => `${p.title} · ${p.what}`),
  standingTotal: say(
    (p: { total: string; rank: number | null; of: number; kind: string }) => `总分 ${p.total} 分，${p.rank === null ? '未排名' : `在 ${p.of} 个${p.kind}中列第 ${p.rank} 名`}。`,
    (p) => `Total ${p.total} points, ${p.rank === null ? 'not ranked' : `ranked ${p.rank} of ${p.of} (${p.kind})`}.`,
  ),
  standingTier: say(
    (p: { tiers: string; tier: string | null; reason: string }) => `${p.tiers}：${p.tier ?? '未分段'}${p.reason ? `（${p.reason}）` : ''}。`,
    (p) => `${p.tiers}: ${p.tier ?? 'no tier'}${p.reason ? ` (${p.reason})` : ''}.`,
  ),
  standingMedian: say(
    (p: { median: string; above: boolean; distance: string }) => `同类单位总分中位数 ${p.median} 分，本单位${p.above ? '高出' : '低于'}中位数 ${p.distance} 分。`,
    (p) => `The median total of the kind is ${p.median} points; this unit is ${p.distance} points ${p.above ? 'above' : 'below'} it.`,
  ),
  standingBelowTier: say(
    (p: { tier: string; lowest: string; gap: string }) => `距${p.tier}最低总分（${p.lowest} 分）还差 ${p.gap} 分。`,
    (p) => `It is ${p.gap} points short of the lowest total in ${p.tier} (${p.lowest} points).`,
  ),
  standingKeptOut: say(
    (p: { tier: string; lowest: string; gated: boolean }) =>
      `总分已不低于${p.tier}最低总分（${p.lowest} 分），未进入${p.tier}是因为${p.gated ? '上述限制或否决' : '名额与并列规则'}。`,
    (p) => `Its total is not below the lowest total in ${p.tier} (${p.lowest} points); it is not in ${p.tier} because of ${p.gated ? 'the gate or veto above' : 'the quota and the rule for ties'}.`,
  ),
  standingTop: say(() => '已在最高一段。', () => 'It is in the highest tier.'),
  /** the sentences of the standing as one text (a cell of the workbook) */
  standingText: say((p: { lines: string[] }) => p.lines.join(''), (p) => p.lines.join(' ')),
  /** a lost indicator's heading above its explanation */
  lostHeading: say((p: { indicator: string; lost: string }) => `${p.indicator}：失${p.lost}分`, (p) => `${p.indicator}: ${p.lost} points lost`),
  exempt: say(() => '免考', () => 'exempt'),
  noLoss: say(() => '没有失分。', () => 'No points lost.'),
  noWarnings: say(() => '本期没有预警。', () => 'No warnings in this period.'),
  /** the unit and its id, in the workbook */
  unitId: say((p: { name: string; id: string }) => `${p.name}（${p.id}）`, (p) => `${p.name} (${p.id})`),
  /** how far the unit's total is from the lowest total of the tier above (a line of the workbook) */
  toTierAbove: say((p: { tier: string }) => `距${p.tier}最低总分`, (p) => `to the lowest total in ${p.tier}`),
  /** the bars of the chart: the unit, the median, the lowest total of the tier above */
  chartUnit: say(() => '本单位', () => 'this unit'),
  chartMedian: say(() => '中位数', () => 'median'),
  chartTierLowest: say((p: { tier: string }) => `${p.tier}最低`, (p) => `lowest in ${p.tier}`),
  chartLabel: say(() => '总分比较', () => 'Totals compared'),
} as const;
