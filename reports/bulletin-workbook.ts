// The 通报 as a styled workbook: per entity kind a ranking sheet (with movement, sections, tiers, reasons) and an
// indicator sheet (best and worst units); one sheet of the tier counts and one of the gated and vetoed units.
import type { Bulletin } from './bulletin.js';
import { someUnits } from './bulletin.js';
import { styledWorkbook, type Cell, type ColumnFormat, type SheetSpec } from './workbook.js';
import { phrasebook } from '../messages/catalogue.js';
import { REPORT_BULLETIN, type BulletinColumn } from '../messages/report-bulletin.js';

const TEXT: ColumnFormat = { t: 'text' };
const COUNT: ColumnFormat = { t: 'count' };
const score = (precision: number): ColumnFormat => ({ t: 'score', precision });

export function bulletinWorkbook(b: Bulletin): Promise<Uint8Array> {
  const words = phrasebook(REPORT_BULLETIN, b.lang);
  const header = (column: BulletinColumn) => words('column', { column });
  const texts = (...columns: BulletinColumn[]) => columns.map((column) => ({ header: header(column), format: TEXT }));
  const title = words('bookTitle', { title: words('title', { policy: b.policy, period: b.period }), previous: b.previous, notes: b.notes });
  const sheets: SheetSpec[] = [];
  for (const k of b.kinds) {
    const moves = b.previous !== null;
    sheets.push({
      name: words('rankingSheet', { kind: k.kind }),
      title: words('sheetTitle', { title, what: words('kindHeading', { kind: k.kind, units: k.ranking.length }) }),
      columns: [
        { header: header('rank'), format: COUNT },
        ...(moves ? texts('movement') : []),
        ...texts('id', 'name'),
        { header: header('total'), format: score(k.totalPrecision) },
        ...k.sections.map((s) => ({ header: s.name, format: score(s.precision) })),
        ...k.tiers.map((t) => ({ header: t, format: TEXT })),
        ...texts('note'),
      ],
      rows: k.ranking.map((r): Cell[] => [r.rank, ...(moves ? [r.movement] : []), r.id, r.name, r.total, ...r.sections, ...r.tiers, r.reason]),
      frozenColumns: moves ? 4 : 3,
    });
    // Each indicator has its own precision: its scores are numbers shown at it.
    const indicatorScores: ColumnFormat = { t: 'score', precision: k.indicators.map((i) => i.precision) };
    sheets.push({
      name: words('indicatorSheet', { kind: k.kind }),
      title: words('sheetTitle', { title, what: words('kindPart', { kind: k.kind, part: 'extremes' }) }),
      columns: [
        ...texts('indicator', 'section'),
        { header: header('points'), format: { t: 'score', precision: 0 } },
        { header: header('scoredUnits'), format: COUNT },
        { header: header('mean'), format: indicatorScores },
        { header: header('best'), format: indicatorScores },
        ...texts('bestUnits'),
        { header: header('worst'), format: indicatorScores },
        ...texts('worstUnits'),
      ],
      rows: k.indicators.map((i): Cell[] => [
        i.name,
        i.section,
        i.points,
        i.scored,
        i.mean,
        i.best?.score ?? null,
        i.best ? someUnits(i.best.units, b.lang) : null,
        i.worst?.score ?? null,
        i.worst ? someUnits(i.worst.units, b.lang) : null,
      ]),
      frozenColumns: 1,
    });
  }
  const counts = b.kinds.flatMap((k) => k.tierCounts.flatMap((t) => t.counts.map((c): Cell[] => [k.kind, t.tiers, c.tier, c.units])));
  if (counts.length > 0)
    sheets.push({
      name: words('part', { part: 'tierCounts' }),
      title: words('sheetTitle', { title, what: words('part', { part: 'tierCounts' }) }),
      columns: [...texts('kind', 'tiers', 'tier'), { header: header('units'), format: COUNT }],
      rows: counts,
    });
  sheets.push({
    name: words('flaggedSheet'),
    title: words('sheetTitle', { title, what: words('part', { part: 'flagged' }) }),
    columns: [...texts('kind'), { header: header('rank'), format: COUNT }, ...texts('id', 'name', 'tier', 'reason')],
    rows: b.kinds.flatMap((k) => k.flagged.map((r): Cell[] => [k.kind, r.rank, r.id, r.name, words('list', { items: r.tiers.filter((t) => t !== null) }), r.reason])),
  });
  return styledWorkbook(sheets);
}
