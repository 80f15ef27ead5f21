// The 通报 as one self-contained HTML page: inline CSS and SVG charts drawn here (no script, no network, no
// font files), laid out for A4 so that Chromium prints it to PDF. Every text from the policy or the data is
// escaped: the page shows names, it never interprets them.
import type { Bulletin, BulletinRow, KindBulletin, ScoreCell } from './bulletin.js';
import { someUnits } from './bulletin.js';
import { escapeHtml, htmlPage, htmlTable, numberCell, wrapCell } from './html-page.js';
import { phrasebook, type Lang } from '../messages/catalogue.js';
import { REPORT_BULLETIN, type BulletinColumn } from '../messages/report-bulletin.js';

type Words = ReturnType<typeof phrasebook<typeof REPORT_BULLETIN>>;

const fixed = (v: number | null, precision: number) => (v === null ? '—' : v.toFixed(precision));
const cell = (v: ScoreCell, precision: number) => (typeof v === 'number' ? v.toFixed(precision) : v === null ? '—' : v);

/** Fill of a unit's bar by its tier (first tier darkest); one colour when the kind has no tiers in the period. */
const TIER_COLOURS = ['#1f5fa8', '#5b8fd0', '#a9c4e8', '#d6e2f3'];
const PLAIN = '#4a7bbd';


export function bulletinHtml(b: Bulletin): string {
  const words = phrasebook(REPORT_BULLETIN, b.lang);
  const title = words('title', { policy: b.policy, period: b.period });
  const body = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="meta">${escapeHtml(words('periodLine', { period: b.period, previous: b.previous }))}</p>`,
    ...b.notes.map((n) => `<p class="meta">${escapeHtml(n)}</p>`),
    ...b.kinds.map((k) => kindSection(k, b.previous !== null, b.lang)),
  ];
  return htmlPage(title, body.join('\n'), 'section.kind + section.kind { break-before: page; }', b.lang);
}

function kindSection(k: KindBulletin, moves: boolean, lang: Lang): string {
  const words = phrasebook(REPORT_BULLETIN, lang);
  const headers = (...columns: BulletinColumn[]) => columns.map((column) => words('column', { column }));
  const parts = [`<section class="kind">`, `<h2>${escapeHtml(words('kindHeading', { kind: k.kind, units: k.ranking.length }))}</h2>`];
  parts.push(`<h3>${words('part', { part: 'ranking' })}</h3>`, totalsChart(k, words));
  parts.push(rankingTable(k, moves, words));
  if (k.tierCounts.length > 0) {
    parts.push(`<h3>${words('part', { part: 'tierCounts' })}</h3>`);
    for (const t of k.tierCounts) parts.push(tierChart(t), htmlTable(headers('tier', 'units'), t.counts.map((c) => [escapeHtml(c.tier), numberCell(String(c.units))])));
  }
  parts.push(`<h3>${words('part', { part: 'flagged' })}</h3>`);
  parts.push(
    k.flagged.length === 0
      ? `<p>${words('none')}</p>`
      : htmlTable(
          [...headers('rank', 'unit'), ...k.tiers.map(escapeHtml), ...headers('reason')],
          k.flagged.map((r) => [numberCell(r.rank === null ? '—' : String(r.rank)), escapeHtml(r.name), ...r.tiers.map((t) => escapeHtml(t ?? '—')), wrapCell(r.reason)]),
        ),
  );
  parts.push(`<h3>${words('part', { part: 'extremes' })}</h3>`);
  parts.push(
    htmlTable(
      headers('indicator', 'section', 'points', 'scored', 'mean', 'best', 'bestUnits', 'worst', 'worstUnits'),
      k.indicators.map((i) => [
        escapeHtml(i.name),
        escapeHtml(i.section),
        numberCell(String(i.points)),
        numberCell(String(i.scored)),
        numberCell(fixed(i.mean, i.precision)),
        numberCell(i.best ? i.best.score.toFixed(i.precision) : '—'),
        wrapCell(i.best ? someUnits(i.best.units, lang) : '—'),
        numberCell(i.worst ? i.worst.score.toFixed(i.precision) : '—'),
        wrapCell(i.worst ? someUnits(i.worst.units, lang) : '—'),
      ]),
    ),
  );
  parts.push('</section>');
  return parts.join('\n');
}

function rankingTable(k: KindBulletin, moves: boolean, words: Words): string {
  const column = (c: BulletinColumn) => words('column', { column: c });
  const header = [column('rank'), ...(moves ? [column('movement')] : []), column('unit'), column('total'), ...k.sections.map((s) => escapeHtml(s.name)), ...k.tiers.map(escapeHtml), column('note')];
  const rows = k.ranking.map((r) => {
    const cells = [
      numberCell(r.rank === null ? '—' : String(r.rank)),
      ...(moves ? [`<td class="${moveClass(r)}">${escapeHtml(r.movement)}</td>`] : []),
      escapeHtml(r.name),
      numberCell(fixed(r.total, k.totalPrecision)),
      ...r.sections.map((v, i) => numberCell(escapeHtml(cell(v, k.sections[i]!.precision)))),
      ...r.tiers.map((t) => escapeHtml(t ?? '')),
      wrapCell(r.reason),
    ];
    return { cells, flagged: r.reason !== '' };
  });
  return htmlTable(header, rows.map((r) => r.cells), rows.map((r) => r.flagged));
}

/** ↑ up, ↓ down, the same place (—) or none, else new to the ranking (新, new). */
function moveClass(r: BulletinRow): string {
  return r.movement.startsWith('↑') ? 'up' : r.movement.startsWith('↓') ? 'down' : r.movement === '—' || r.movement === '' ? '' : 'new';
}




/** One horizontal bar per ranked unit, best first, coloured by its first tier. */
function totalsChart(k: KindBulletin, words: Words): string {
  const ranked = k.ranking.filter((r) => r.total !== null);
  if (ranked.length === 0) return `<p>${words('noTotals')}</p>`;
  const tierNames = k.tierCounts[0]?.counts.map((c) => c.tier) ?? [];
  const labelWidth = 230;
  const barArea = 440;
  const rowHeight = 16;
  const max = Math.max(...ranked.map((r) => r.total!), 0) || 1;
  const bars = ranked.map((r, i) => {
    const y = i * rowHeight;
    const w = Math.max(1, (r.total! / max) * barArea);
    const t = r.tiers[0] ? tierNames.indexOf(r.tiers[0]) : -1;
    const fill = t >= 0 ? TIER_COLOURS[Math.min(t, TIER_COLOURS.length - 1)]! : PLAIN;
    const name = `${r.rank ?? '—'}. ${r.name}`;
    return (
      `<text x="${labelWidth - 6}" y="${y + 12}" text-anchor="end">${escapeHtml(name)}</text>` +
      `<rect x="${labelWidth}" y="${y + 2}" width="${w.toFixed(1)}" height="${rowHeight - 4}" fill="${fill}"><title>${escapeHtml(`${r.name} ${fixed(r.total, k.totalPrecision)}`)}</title></rect>` +
      `<text x="${(labelWidth + w + 4).toFixed(1)}" y="${y + 12}">${fixed(r.total, k.totalPrecision)}${r.movement ? ` ${escapeHtml(r.movement)}` : ''}</text>`
    );
  });
  const height = ranked.length * rowHeight + 4;
  return `<svg class="chart" role="img" aria-label="${escapeHtml(words('totalsChart', { kind: k.kind }))}" width="${labelWidth + barArea + 90}" height="${height}" viewBox="0 0 ${labelWidth + barArea + 90} ${height}">${bars.join('')}</svg>`;
}

/** The units of each tier as vertical bars. */
function tierChart(t: KindBulletin['tierCounts'][number]): string {
  const max = Math.max(...t.counts.map((c) => c.units), 1);
  const barWidth = 70;
  const height = 140;
  const bars = t.counts.map((c, i) => {
    const h = (c.units / max) * (height - 40);
    const x = 10 + i * (barWidth + 20);
    const fill = TIER_COLOURS[Math.min(i, TIER_COLOURS.length - 1)]!;
    return (
      `<rect x="${x}" y="${(height - 20 - h).toFixed(1)}" width="${barWidth}" height="${h.toFixed(1)}" fill="${fill}"></rect>` +
      `<text x="${x + barWidth / 2}" y="${(height - 24 - h).toFixed(1)}" text-anchor="middle">${c.units}</text>` +
      `<text x="${x + barWidth / 2}" y="${height - 5}" text-anchor="middle">${escapeHtml(c.tier)}</text>`
    );
  });
  const width = 20 + t.counts.length * (barWidth + 20);
  return `<svg class="chart" role="img" aria-label="${escapeHtml(t.tiers)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${bars.join('')}</svg>`;
}
