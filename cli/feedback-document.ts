// A unit's 绩效改进建议书 as a self-contained HTML page (prints to PDF through Chromium) and as a styled workbook.
import type { UnitFeedback } from './feedback.js';
import { escapeHtml, htmlPage, htmlTable, numberCell } from './html-page.js';
import { styledWorkbook, type Cell, type SheetColumn } from './workbook.js';

const fixed = (v: number | null, precision: number) => (v === null ? '—' : v.toFixed(precision));
const signed = (v: number | null, precision: number) => (v === null ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(precision)}`);
/** How many of the indicators where points were lost the document explains, most first. */
export const EXPLAINED_LOSSES = 5;

function title(f: UnitFeedback): string {
  return `${f.name} 绩效改进建议书（${f.policy}${f.period ? ` · ${f.period}` : ''}）`;
}

/** The standing in sentences: total, rank, tier and why, distance to the median and to the tier above. */
export function standingLines(f: UnitFeedback): string[] {
  const p = f.precision;
  const lines = [`总分 ${fixed(f.total, p)} 分，${f.rank === null ? '未排名' : `在 ${f.of} 个${f.kind}中列第 ${f.rank} 名`}。`];
  if (f.tiers) lines.push(`${f.tiers.name}：${f.tiers.tier ?? '未分段'}${f.tiers.reason ? `（${f.tiers.reason}）` : ''}。`);
  if (f.median !== null) lines.push(`同类单位总分中位数 ${fixed(f.median, p)} 分，本单位${f.toMedian! >= 0 ? '高出' : '低于'}中位数 ${Math.abs(f.toMedian!).toFixed(p)} 分。`);
  if (f.tierAbove) {
    const a = f.tierAbove;
    lines.push(
      a.gap > 0
        ? `距${a.tier}最低总分（${fixed(a.lowest, p)} 分）还差 ${a.gap.toFixed(p)} 分。`
        : `总分已不低于${a.tier}最低总分（${fixed(a.lowest, p)} 分），未进入${a.tier}是因为${f.tiers?.reason ? '上述限制或否决' : '名额与并列规则'}。`,
    );
  } else if (f.tiers?.tier) lines.push(`已在最高一段。`);
  return lines;
}

export function feedbackHtml(f: UnitFeedback): string {
  const p = f.precision;
  const body = [
    `<h1>${escapeHtml(title(f))}</h1>`,
    `<p class="meta">${escapeHtml(`${f.kind} ${f.id}`)}</p>`,
    `<h2>考评结果</h2>`,
    ...standingLines(f).map((l) => `<p>${escapeHtml(l)}</p>`),
    distanceChart(f),
    `<h3>各板块得分</h3>`,
    htmlTable(
      ['板块', '分值', '得分', '失分'],
      f.sections.map((s) => [
        escapeHtml(s.name),
        numberCell(String(s.points)),
        numberCell(s.exempt ? '免考' : fixed(s.score, p)),
        numberCell(s.exempt || s.score === null ? '—' : (s.points - s.score).toFixed(p)),
      ]),
    ),
    `<h2>失分最多的指标</h2>`,
    f.lost.length === 0
      ? '<p>没有失分。</p>'
      : htmlTable(
          ['指标', '板块', '分值', '得分', '失分'],
          f.lost.map((x) => [escapeHtml(x.indicator), escapeHtml(x.section), numberCell(String(x.points)), numberCell(x.score.toFixed(x.precision)), numberCell(x.lost.toFixed(x.precision))]),
        ),
    ...f.lost.slice(0, EXPLAINED_LOSSES).flatMap((x) => [`<h3>${escapeHtml(`${x.indicator}：失${x.lost.toFixed(x.precision)}分`)}</h3>`, `<pre>${escapeHtml(x.explanation.join('\n'))}</pre>`]),
    ...(f.tiers && f.tiers.explanation.length > 0 ? [`<h2>分段说明</h2>`, `<pre>${escapeHtml(f.tiers.explanation.join('\n'))}</pre>`] : []),
    ...(f.warnings === null
      ? []
      : [`<h2>预警</h2>`, f.warnings.length === 0 ? '<p>本期没有预警。</p>' : htmlTable(['级别', '预警', '消息'], f.warnings.map((w) => [escapeHtml(w.level), escapeHtml(w.warning), escapeHtml(w.message)]))]),
  ];
  return htmlPage(title(f), body.join('\n'), 'pre { white-space: pre-wrap; font-family: inherit; background: #f5f7fa; padding: 8px; border-left: 3px solid #1f5fa8; }');
}

/** The unit's total beside the median and the lowest total of the tier above, as bars. */
function distanceChart(f: UnitFeedback): string {
  const bars: [string, number][] = [];
  if (f.total !== null) bars.push(['本单位', f.total]);
  if (f.median !== null) bars.push(['中位数', f.median]);
  if (f.tierAbove) bars.push([`${f.tierAbove.tier}最低`, f.tierAbove.lowest]);
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
  return `<svg class="chart" role="img" aria-label="总分比较" width="600" height="${bars.length * 24 + 4}">${rows.join('')}</svg>`;
}

export function feedbackWorkbook(f: UnitFeedback): Promise<Uint8Array> {
  const p = f.precision;
  return styledWorkbook([
    {
      name: '考评结果',
      title: title(f),
      columns: [
        { header: '项目', format: { t: 'text' } },
        { header: '内容', format: { t: 'text' } },
      ],
      rows: [
        ['单位', `${f.name}（${f.id}）`],
        ['总分', fixed(f.total, p)],
        ['名次', f.rank === null ? '—' : `${f.rank} / ${f.of}`],
        ...(f.tiers ? [[f.tiers.name, f.tiers.tier ?? '—'] as Cell[], [`${f.tiers.name}说明`, f.tiers.reason] as Cell[]] : []),
        ['中位数', fixed(f.median, p)],
        ['与中位数之差', signed(f.toMedian, p)],
        ...(f.tierAbove ? [[`距${f.tierAbove.tier}最低总分`, signed(-f.tierAbove.gap, p)] as Cell[]] : []),
        ['说明', standingLines(f).join('')],
      ],
    },
    {
      name: '失分',
      title: `${title(f)} · 失分最多的指标`,
      columns: [
        { header: '指标', format: { t: 'text' } },
        { header: '板块', format: { t: 'text' } },
        { header: '分值', format: { t: 'score', precision: 0 } },
        // each indicator's scores at its own precision
        { header: '得分', format: { t: 'score', precision: f.lost.map((x) => x.precision) } },
        { header: '失分', format: { t: 'score', precision: f.lost.map((x) => x.precision) } },
        { header: '说明', format: { t: 'text' } },
      ],
      rows: f.lost.map((x) => [x.indicator, x.section, x.points, x.score, x.lost, x.explanation.join('\n')]),
      frozenColumns: 1,
    },
    ...(f.warnings === null
      ? []
      : [{
          name: '预警',
          title: `${title(f)} · 预警`,
          columns: [{ header: '级别', format: { t: 'text' } }, { header: '预警', format: { t: 'text' } }, { header: '消息', format: { t: 'text' } }] as SheetColumn[],
          rows: f.warnings.map((w) => [w.level, w.warning, w.message]),
        }]),
  ]);
}

/** A file name for the unit: its id, with the characters file systems refuse replaced. */
export function fileNameOf(id: string): string {
  const safe = id.replace(/[\\/:*?"<>|\x00-\x1f]/g, '_').replace(/^\.+/, '_');
  return safe.slice(0, 120) || '_';
}
