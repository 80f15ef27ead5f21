// The words of `kaoping analyze` (绩效分析) and `analyze --periods` (its trend): the headings of each kind's
// table, the columns of the terminal and of the files, the flags with what they name, the sheets' names.
import { en, q, say, zq } from './catalogue.js';

/** A column of the analysis (one period) and of the trend (`figure` of a period, and the changes). */
export type AnalysisColumn =
  | 'indicator' | 'section' | 'points' | 'scored' | 'distribution' | 'mean' | 'sd' | 'cv' | 'fullShare' | 'zeroShare'
  | 'correlation' | 'tierChanges' | 'flags' | 'kind' | 'meanChange' | 'fullShareChange';

const COLUMNS: Record<AnalysisColumn, { zh: string; en: string }> = {
  indicator: { zh: '指标', en: 'indicator' },
  section: { zh: '板块', en: 'section' },
  points: { zh: '分值', en: 'points' },
  scored: { zh: '参评', en: 'scored' },
  distribution: { zh: '分布（最低/下四分位/中位/上四分位/最高）', en: 'distribution (min / Q1 / median / Q3 / max)' },
  mean: { zh: '平均', en: 'mean' },
  sd: { zh: '标准差', en: 'SD' },
  cv: { zh: '变异系数', en: 'CV' },
  fullShare: { zh: '满分率', en: 'at full points' },
  zeroShare: { zh: '零分率', en: 'at zero' },
  correlation: { zh: '与总分相关', en: 'correlation with the total' },
  tierChanges: { zh: '去掉后换段', en: 'tier changes without it' },
  flags: { zh: '提示', en: 'flags' },
  kind: { zh: '类别', en: 'kind' },
  meanChange: { zh: '平均变化', en: 'change of mean' },
  fullShareChange: { zh: '满分率变化', en: 'change at full points' },
};

export const REPORT_ANALYSIS = {
  column: say((p: { column: AnalysisColumn }) => COLUMNS[p.column].zh, (p) => COLUMNS[p.column].en),
  /** a figure of one period in the trend: 2021Q1 平均 */
  periodColumn: say((p: { period: string; column: AnalysisColumn }) => `${p.period} ${COLUMNS[p.column].zh}`, (p) => `${p.period} ${COLUMNS[p.column].en}`),
  /** the terminal's cell of one period in the trend: its mean and its share at full points */
  periodMeanFull: say((p: { period: string }) => `${p.period} 平均/满分率`, (p) => `${p.period} mean / at full points`),
  kindHeading: say(
    (p: { kind: string; indicators: number; flagged: number; period: string | null }) => `${p.kind}（${p.indicators} 个指标，${p.flagged} 个有提示）${p.period ? ` ${p.period}` : ''}`,
    (p) => `${p.kind} (${en(p.indicators, 'indicator')}, ${p.flagged} flagged)${p.period ? ` ${p.period}` : ''}`,
  ),
  trendHeading: say(
    (p: { kind: string; indicators: number; flagged: number; periods: string[] }) => `${p.kind}（${p.indicators} 个指标，${p.flagged} 个有提示）趋势 ${p.periods.join('、')}`,
    (p) => `${p.kind} (${en(p.indicators, 'indicator')}, ${p.flagged} flagged), trend over ${p.periods.join(', ')}`,
  ),
  /** 从未扣分 with the deduction lines that never fired */
  flagLines: say((p: { flag: string; lines: string[] }) => `${p.flag}：${p.lines.map((l) => zq(l)).join('、')}`, (p) => `${p.flag}: ${p.lines.map((l) => q(l)).join(', ')}`),
  /** a flag with the periods it was raised in (every period scoring the indicator, or some) */
  flagPeriods: say(
    (p: { flag: string; periods: string[] | 'all' }) => `${p.flag}（${p.periods === 'all' ? '每期' : p.periods.join('、')}）`,
    (p) => `${p.flag} (${p.periods === 'all' ? 'every period' : p.periods.join(', ')})`,
  ),
  flags: say((p: { flags: string[] }) => p.flags.join('；'), (p) => p.flags.join('; ')),
  analysisSheet: say((p: { kind: string }) => `${p.kind}指标分析`, (p) => `${p.kind} analysis`),
  trendSheet: say((p: { kind: string }) => `${p.kind}指标趋势`, (p) => `${p.kind} trend`),
  trendTitle: say((p: { policy: string; periods: string[] }) => `${p.policy} ${p.periods.join('、')}`, (p) => `${p.policy} ${p.periods.join(', ')}`),
} as const;
