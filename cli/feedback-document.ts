// A unit's 绩效改进建议书 as a self-contained HTML page (prints to PDF through Chromium) and as a styled workbook.
import type { UnitFeedback } from './feedback.js';
import { escapeHtml, htmlPage, htmlTable, numberCell } from '../reports/html-page.js';
import { styledWorkbook, type Cell, type SheetColumn } from '../reports/workbook.js';
import { phrasebook } from '../messages/catalogue.js';
import { REPORT_FEEDBACK, type FeedbackColumn, type FeedbackPart } from '../messages/report-feedback.js';
import { tierReasonHeader } from '../messages/results-words.js';

const fixed = (v: number | null, precision: number) => (v === null ? '—' : v.toFixed(precision));
const signed = (v: number | null, precision: number) => (v === null ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(precision)}`);
/** How many of the indicators where points were lost the document explains, most first. */
export const EXPLAINED_LOSSES = 5;

type Words = ReturnType<typeof phrasebook<typeof REPORT_FEEDBACK>>;

const title = (f: UnitFeedback, words: Words) => words('title', { name: f.name, policy: f.policy, period: f.period });

/** The standing in sentences: total, rank, tier and why, distance to the median and to the tier above. */
export function standingLines(f: UnitFeedback): string[] {
  const words = phrasebook(REPORT_FEEDBACK, f.lang);
  const p = f.precision;
  const lines = [words('standingTotal', { total: fixed(f.total, p), rank: f.rank, of: f.of, kind: f.kind })];
  if (f.tiers) lines.push(words('standingTier', { tiers: f.tiers.name, tier: f.tiers.tier, reason: f.tiers.reason }));
  if (f.median !== null) lines.push(words('standingMedian', { median: fixed(f.median, p), above: f.toMedian! >= 0, distance: Math.abs(f.toMedian!).toFixed(p) }));
  if (f.tierAbove) {
    const a = f.tierAbove;
    lines.push(
      a.gap > 0
        ? words('standingBelowTier', { tier: a.tier, lowest: fixed(a.lowest, p), gap: a.gap.toFixed(p) })
        : words('standingKeptOut', { tier: a.tier, lowest: fixed(a.lowest, p), gated: Boolean(f.tiers?.reason) }),
    );
  } else if (f.tiers?.tier) lines.push(words('standingTop'));
  return lines;
}

export function feedbackHtml(f: UnitFeedback): string {
  const words = phrasebook(REPORT_FEEDBACK, f.lang);
  const part = (p: FeedbackPart) => words('part', { part: p });
  const headers = (...columns: FeedbackColumn[]) => columns.map((column) => words('column', { column }));
  const p = f.precision;
  const body = [
    `<h1>${escapeHtml(title(f, words))}</h1>`,
    `<p class="meta">${escapeHtml(`${f.kind} ${f.id}`)}</p>`,
    `<h2>${part('result')}</h2>`,
    ...standingLines(f).map((l) => `<p>${escapeHtml(l)}</p>`),
    distanceChart(f, words),
    `<h3>${part('sections')}</h3>`,
    htmlTable(
      headers('section', 'points', 'score', 'lost'),
      f.sections.map((s) => [
        escapeHtml(s.name),
        numberCell(String(s.points)),
        numberCell(s.exempt ? words('exempt') : fixed(s.score, p)),
        numberCell(s.exempt || s.score === null ? '—' : (s.points - s.score).toFixed(p)),
      ]),
    ),
    `<h2>${part('lost')}</h2>`,
    f.lost.length === 0
      ? `<p>${words('noLoss')}</p>`
      : htmlTable(
          headers('indicator', 'section', 'points', 'score', 'lost'),
          f.lost.map((x) => [escapeHtml(x.indicator), escapeHtml(x.section), numberCell(String(x.points)), numberCell(x.score.toFixed(x.precision)), numberCell(x.lost.toFixed(x.precision))]),
        ),
    ...f.lost.slice(0, EXPLAINED_LOSSES).flatMap((x) => [`<h3>${escapeHtml(words('lostHeading', { indicator: x.indicator, lost: x.lost.toFixed(x.precision) }))}</h3>`, `<pre>${escapeHtml(x.explanation.join('\n'))}</pre>`]),
    ...(f.tiers && f.tiers.explanation.length > 0 ? [`<h2>${part('tierExplanation')}</h2>`, `<pre>${escapeHtml(f.tiers.explanation.join('\n'))}</pre>`] : []),
    ...(f.warnings === null
      ? []
      : [`<h2>${part('warnings')}</h2>`, f.warnings.length === 0 ? `<p>${words('noWarnings')}</p>` : htmlTable(headers('level', 'warning', 'message'), f.warnings.map((w) => [escapeHtml(w.level), escapeHtml(w.warning), escapeHtml(w.message)]))]),
  ];
  return htmlPage(title(f, words), body.join('\n'), 'pre { white-space: pre-wrap; font-family: inherit; background: #f5f7fa; padding: 8px; border-left: 3px solid #1f5fa8; }', f.lang);
}

/** The unit's total beside the median and the lowest total of the tier above, as bars. */
function distanceChart(f: UnitFeedback, words: Words): string {
  const bars: [string, number][] = [];
  if (f.total !== null) bars.push([words('chartUnit'), f.total]);
  if (f.median !== null) bars.push([words('chartMedian'), f.median]);
  if (f.tierAbove) bars.push([words('chartTierLowest', { tier: f.tierAbove.tier }), f.tierAbove.lowest]);
  if (bars.length < 2) return '';
  const max = Math.max(...bars.map(([, v]) => v), 1);
  const rows = bars.map(([label, v], k) => {
    const w = (v / max) * 420;
    const y = k * 24;
    return (
      `<text x="96" y="${y + 15}" text-anchor="end">${escapeHtml(label)}</text>` +
      `<rect x="104" y="${y + 4}" width="${w.toFixed(1)}" height="16" fill="${k === 0 ? '#1f5fa8' : '#a9c4e8'}"></rect>` +
      `<text x="${(110 + w).toFixed(1)}" y="${y + 15}">${v.toFixed(f.precision)}</text>`
    );
  });
  return `<svg class="chart" role="img" aria-label="${escapeHtml(words('chartLabel'))}" width="600" height="${bars.length * 24 + 4}">${rows.join('')}</svg>`;
}

export function feedbackWorkbook(f: UnitFeedback): Promise<Uint8Array> {
  const words = phrasebook(REPORT_FEEDBACK, f.lang);
  const column = (c: FeedbackColumn) => words('column', { column: c });
  const text = (...columns: FeedbackColumn[]): SheetColumn[] => columns.map((c) => ({ header: column(c), format: { t: 'text' } }));
  const p = f.precision;
  return styledWorkbook([
    {
      name: words('part', { part: 'result' }),
      title: title(f, words),
      columns: text('item', 'value'),
      rows: [
        [column('unit'), words('unitId', { name: f.name, id: f.id })],
        [column('total'), fixed(f.total, p)],
        [column('rank'), f.rank === null ? '—' : `${f.rank} / ${f.of}`],
        ...(f.tiers ? [[f.tiers.name, f.tiers.tier ?? '—'] as Cell[], [tierReasonHeader(f.tiers.name, f.lang), f.tiers.reason] as Cell[]] : []),
        [column('median'), fixed(f.median, p)],
        [column('toMedian'), signed(f.toMedian, p)],
        ...(f.tierAbove ? [[words('toTierAbove', { tier: f.tierAbove.tier }), signed(-f.tierAbove.gap, p)] as Cell[]] : []),
        [column('note'), words('standingText', { lines: standingLines(f) })],
      ],
    },
    {
      name: words('part', { part: 'lostSheet' }),
      title: words('sheetTitle', { title: title(f, words), what: words('part', { part: 'lost' }) }),
      columns: [
        ...text('indicator', 'section'),
        { header: column('points'), format: { t: 'score', precision: 0 } },
        // each indicator's scores at its own precision
        { header: column('score'), format: { t: 'score', precision: f.lost.map((x) => x.precision) } },
        { header: column('lost'), format: { t: 'score', precision: f.lost.map((x) => x.precision) } },
        ...text('note'),
      ],
      rows: f.lost.map((x) => [x.indicator, x.section, x.points, x.score, x.lost, x.explanation.join('\n')]),
      frozenColumns: 1,
    },
    ...(f.warnings === null
      ? []
      : [{
          name: words('part', { part: 'warnings' }),
          title: words('sheetTitle', { title: title(f, words), what: words('part', { part: 'warnings' }) }),
          columns: text('level', 'warning', 'message'),
          rows: f.warnings.map((w) => [w.level, w.warning, w.message]),
        }]),
  ]);
}

/** A file name for the unit: its id, with the characters file systems refuse replaced. */
export function fileNameOf(id: string): string {
  const safe = id.replace(/[\\/:*?"<>|\x00-\x1f]/g, '_').replace(/^\.+/, '_');
  return safe.slice(0, 120) || '_';
}
