// The words of `kaoping bulletin` (通报), its HTML page and its workbook (and the editor's download of it): the
// title, headings, column headers, sheet names, the marks of a score cell without a score and of a unit new to
// the ranking. Names of kinds, units, sections, indicators and tiers come from the policy and the data as written.
import { say } from './catalogue.js';

/** A column of the bulletin's tables and sheets. */
export type BulletinColumn =
  | 'rank' | 'movement' | 'unit' | 'id' | 'name' | 'total' | 'reason' | 'note' | 'tier' | 'units' | 'kind' | 'tiers'
  | 'indicator' | 'section' | 'points' | 'scored' | 'scoredUnits' | 'mean' | 'best' | 'bestUnits' | 'worst' | 'worstUnits';

const COLUMNS: Record<BulletinColumn, { zh: string; en: string }> = {
  rank: { zh: '名次', en: 'rank' },
  movement: { zh: '变动', en: 'movement' },
  unit: { zh: '单位', en: 'unit' },
  id: { zh: '单位编号', en: 'id' },
  name: { zh: '单位名称', en: 'name' },
  total: { zh: '总分', en: 'total' },
  reason: { zh: '原因', en: 'reason' },
  note: { zh: '说明', en: 'note' },
  tier: { zh: '段', en: 'tier' },
  units: { zh: '单位数', en: 'units' },
  kind: { zh: '类别', en: 'kind' },
  tiers: { zh: '分段', en: 'tiers' },
  indicator: { zh: '指标', en: 'indicator' },
  section: { zh: '板块', en: 'section' },
  points: { zh: '分值', en: 'points' },
  scored: { zh: '参评', en: 'scored' },
  scoredUnits: { zh: '参评单位数', en: 'units scored' },
  mean: { zh: '平均', en: 'mean' },
  best: { zh: '最高', en: 'best' },
  bestUnits: { zh: '最高单位', en: 'best units' },
  worst: { zh: '最低', en: 'worst' },
  worstUnits: { zh: '最低单位', en: 'worst units' },
};

/** The parts of a bulletin, as headings of the page and names of the sheets. */
export type BulletinPart = 'ranking' | 'tierCounts' | 'flagged' | 'extremes';

const PARTS: Record<BulletinPart, { zh: string; en: string }> = {
  ranking: { zh: '总分排名', en: 'Ranking by total' },
  tierCounts: { zh: '分段统计', en: 'Units per tier' },
  flagged: { zh: '受限与一票否决的单位', en: 'Units gated or vetoed' },
  extremes: { zh: '各指标最高与最低', en: 'Best and worst per indicator' },
};

export const REPORT_BULLETIN = {
  column: say((p: { column: BulletinColumn }) => COLUMNS[p.column].zh, (p) => COLUMNS[p.column].en),
  part: say((p: { part: BulletinPart }) => PARTS[p.part].zh, (p) => PARTS[p.part].en),
  title: say((p: { policy: string; period: string | null }) => `${p.policy} 考评通报${p.period ? `（${p.period}）` : ''}`, (p) => `${p.policy}: bulletin${p.period ? ` (${p.period})` : ''}`),
  /** the workbook's title line: the title, the period compared with, the kinds left out */
  bookTitle: say(
    (p: { title: string; previous: string | null; notes: string[] }) => `${p.title}${p.previous ? `，名次变动与 ${p.previous} 比较` : ''}${p.notes.map((n) => `；${n}`).join('')}`,
    (p) => `${p.title}${p.previous ? `, movement since ${p.previous}` : ''}${p.notes.map((n) => `; ${n}`).join('')}`,
  ),
  /** the page's line under the title */
  periodLine: say(
    (p: { period: string | null; previous: string | null }) =>
      `考评期间：${p.period ?? '全部数据'}${p.previous ? `，名次变动与 ${p.previous} 比较（↑ 上升，↓ 下降，新 为上期未排名）` : ''}`,
    (p) => `Period: ${p.period ?? 'all the data'}${p.previous ? `; movement since ${p.previous} (↑ up, ↓ down, new: not ranked then)` : ''}`,
  ),
  kindLeftOut: say(
    (p: { kind: string; period: string | null }) => `${p.kind}：${p.period ?? ''}没有考评的指标，不列入本期通报`,
    (p) => `${p.kind}: no indicator is evaluated in ${p.period ?? 'the period'}, so it is left out of the bulletin`,
  ),
  /** a kind's heading with its number of units */
  kindHeading: say((p: { kind: string; units: number }) => `${p.kind}（${p.units}）`, (p) => `${p.kind} (${p.units})`),
  /** a sheet: the kind's ranking or its indicators */
  rankingSheet: say((p: { kind: string }) => `${p.kind}排名`, (p) => `${p.kind} ranking`),
  indicatorSheet: say((p: { kind: string }) => `${p.kind}指标`, (p) => `${p.kind} indicators`),
  flaggedSheet: say(() => '受限与否决', () => 'gated and vetoed'),
  /** the line above a sheet: the book's title and what the sheet holds */
  sheetTitle: say((p: { title: string; what: string }) => `${p.title} · ${p.what}`, (p) => `${p.title} · ${p.what}`),
  kindPart: say((p: { kind: string; part: BulletinPart }) => `${p.kind} ${PARTS[p.part].zh}`, (p) => `${p.kind}: ${PARTS[p.part].en}`),
  none: say(() => '无。', () => 'None.'),
  noTotals: say(() => '本期没有总分。', () => 'No totals in this period.'),
  /** the chart of a kind's totals, for readers of the page who cannot see it */
  totalsChart: say((p: { kind: string }) => `${p.kind}总分`, (p) => `${p.kind}: totals`),
  /** a unit ranked now and not in the previous period */
  newlyRanked: say(() => '新', () => 'new'),
  /** a score cell without a score */
  mark: say(
    (p: { mark: 'exempt' | 'notApplicable' | 'notInPeriod' }) => ({ exempt: '免考', notApplicable: '不适用', notInPeriod: '本期不考评' })[p.mark],
    (p) => ({ exempt: 'exempt', notApplicable: 'not applicable', notInPeriod: 'not in this period' })[p.mark],
  ),
  /** units named in a cell: the first few, then how many in all */
  someUnits: say(
    (p: { units: string[]; all: number }) => (p.units.length === p.all ? p.units.join('、') : `${p.units.join('、')}等${p.all}个单位`),
    (p) => (p.units.length === p.all ? p.units.join(', ') : `${p.units.join(', ')} and ${p.all - p.units.length} more`),
  ),
  /** the editor's download: the bulletin's file name after the policy and period */
  list: say((p: { items: string[] }) => p.items.join('、'), (p) => p.items.join(', ')),
} as const;
