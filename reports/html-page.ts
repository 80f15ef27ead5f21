// One self-contained HTML page for people (the bulletin, a unit's feedback): inline CSS laid out for A4 so that
// Chromium prints it to PDF, CJK fonts named first, no script and nothing fetched. Every text from the policy
// or the data goes through escapeHtml: the page shows names, it never interprets them.
import type { Lang } from '../messages/catalogue.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; color: #1b2430; margin: 0 auto; max-width: 1000px; padding: 16px; font-size: 13px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; border-bottom: 2px solid #1f5fa8; padding-bottom: 4px; margin-top: 28px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.meta { color: #4d5b6b; margin: 0 0 12px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border: 1px solid #c8d3e0; padding: 3px 6px; text-align: left; vertical-align: top; white-space: nowrap; }
td.wrap { white-space: normal; min-width: 14em; }
th { background: #dce6f1; font-weight: bold; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.up { color: #1c7c3c; } td.down { color: #b3261e; } td.new { color: #6b4fa8; }
tr.flagged td { background: #fff4e5; }
svg { display: block; margin: 6px 0 12px; }
.chart text { font-size: 11px; fill: #1b2430; }
`;

/** The page in `lang`: `body` is HTML already escaped; `css` adds the page's own rules. */
export function htmlPage(title: string, body: string, css: string, lang: Lang): string {
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}${css}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** A cell of long text (a reason, a list of units), escaped, that may wrap. */
export function wrapCell(text: string): string {
  return `<td class="wrap">${escapeHtml(text)}</td>`;
}

/** A cell already escaped and marked as a number, right-aligned. */
export function numberCell(text: string): string {
  return `<td class="num">${text}</td>`;
}

/** A table of cells already escaped (plain text, or a `<td>` made by wrapCell/numberCell); rows `flagged` are shaded. */
export function htmlTable(header: string[], rows: string[][], flagged: boolean[] = []): string {
  const td = (c: string) => (c.startsWith('<td') ? c : `<td>${c}</td>`);
  const body = rows.map((r, i) => `<tr${flagged[i] ? ' class="flagged"' : ''}>${r.map(td).join('')}</tr>`).join('\n');
  return `<table>\n<thead><tr>${header.map((h) => `<th>${h}</th>`).join('')}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}
