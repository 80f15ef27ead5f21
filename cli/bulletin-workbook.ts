// The 通报 as a styled workbook: per entity kind a ranking sheet (with movement, sections, tiers, reasons) and an
// indicator sheet (best and worst units); one sheet of the tier counts and one of the gated and vetoed units.
import type { Bulletin } from './bulletin.js';
import { someUnits } from './bulletin.js';
import { styledWorkbook, type Cell, type ColumnFormat, type SheetSpec } from './workbook.js';

const TEXT: ColumnFormat = { t: 'text' };
const COUNT: ColumnFormat = { t: 'count' };
const score = (precision: number): ColumnFormat => ({ t: 'score', precision });
const texts = (...headers: string[]) => headers.map((header) => ({ header, format: TEXT }));

export function bulletinWorkbook(b: Bulletin): Promise<Uint8Array> {
  const title = `${b.policy} 考评通报${b.period ? `（${b.period}）` : ''}${b.previous ? `，名次变动与 ${b.previous} 比较` : ''}${b.notes.map((n) => `；${n}`).join('')}`;
  const sheets: SheetSpec[] = [];
  for (const k of b.kinds) {
    const moves = b.previous !== null;
    sheets.push({
      name: `${k.kind}排名`,
      title: `${title} · ${k.kind}（${k.ranking.length}）`,
      columns: [
        { header: '名次', format: COUNT },
        ...(moves ? [{ header: '变动', format: TEXT }] : []),
        { header: '单位编号', format: TEXT },
        { header: '单位名称', format: TEXT },
        { header: '总分', format: score(k.totalPrecision) },
        ...k.sections.map((s) => ({ header: s.name, format: score(s.precision) })),
        ...k.tiers.map((t) => ({ header: t, format: TEXT })),
        { header: '说明', format: TEXT },
      ],
      rows: k.ranking.map((r): Cell[] => [r.rank, ...(moves ? [r.movement] : []), r.id, r.name, r.total, ...r.sections, ...r.tiers, r.reason]),
      frozenColumns: moves ? 4 : 3,
    });
    // Each indicator has its own precision: its scores are numbers shown at it.
    const indicatorScores: ColumnFormat = { t: 'score', precision: k.indicators.map((i) => i.precision) };
    sheets.push({
      name: `${k.kind}指标`,
      title: `${title} · ${k.kind} 各指标最高与最低`,
      columns: [
        ...texts('指标', '板块'),
        { header: '分值', format: { t: 'score', precision: 0 } },
        { header: '参评单位数', format: COUNT },
        { header: '平均', format: indicatorScores },
        { header: '最高', format: indicatorScores },
        ...texts('最高单位'),
        { header: '最低', format: indicatorScores },
        ...texts('最低单位'),
      ],
      rows: k.indicators.map((i): Cell[] => [
        i.name,
        i.section,
        i.points,
        i.scored,
        i.mean,
        i.best?.score ?? null,
        i.best ? someUnits(i.best.units) : null,
        i.worst?.score ?? null,
        i.worst ? someUnits(i.worst.units) : null,
      ]),
      frozenColumns: 1,
    });
  }
  const counts = b.kinds.flatMap((k) => k.tierCounts.flatMap((t) => t.counts.map((c): Cell[] => [k.kind, t.tiers, c.tier, c.units])));
  if (counts.length > 0)
    sheets.push({
      name: '分段统计',
      title: `${title} · 分段统计`,
      columns: [...texts('类别', '分段', '段'), { header: '单位数', format: COUNT }],
      rows: counts,
    });
  sheets.push({
    name: '受限与否决',
    title: `${title} · 受限与一票否决的单位`,
    columns: [...texts('类别'), { header: '名次', format: COUNT }, ...texts('单位编号', '单位名称', '段', '原因')],
    rows: b.kinds.flatMap((k) => k.flagged.map((r): Cell[] => [k.kind, r.rank, r.id, r.name, r.tiers.filter((t) => t !== null).join('、'), r.reason])),
  });
  return styledWorkbook(sheets);
}
