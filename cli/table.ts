// Plain-text tables whose columns line up with Chinese text (CJK characters are two columns wide).
import stringWidth from 'string-width';

export type Align = 'left' | 'right';

export function renderTable(header: string[], rows: string[][], align: Align[] = []): string {
  const widths = header.map((h, i) => Math.max(displayWidth(oneLine(h)), ...rows.map((r) => displayWidth(oneLine(r[i] ?? '')))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => pad(oneLine(cell), widths[i]!, align[i] ?? 'left'))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n') + '\n';
}

/** A cell on one line: a line break inside a name or value is shown escaped, so no row can be forged. */
function oneLine(cell: string): string {
  return cell.replace(/[\n\r\u2028\u2029]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

/**
 * Text whose width is plain to count: printable ASCII (one column each), and the ideographs, CJK punctuation
 * and fullwidth forms Chinese names are written in (two columns each, East Asian Wide or Fullwidth).
 */
const PLAIN = /^[\x20-\x7e\u3000-\u3029\u302e-\u303e\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60]*$/;
const WIDE = /[\u3000-\u3029\u302e-\u303e\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60]/g;

/**
 * Columns a cell takes on a terminal, as string-width counts them. string-width's first call compiles an emoji
 * regular expression and loads the grapheme segmenter, which took half the default evaluation's time; the
 * cells of a ranking are nearly always plain text, counted here directly, and anything else goes to it.
 */
export function displayWidth(cell: string): number {
  return PLAIN.test(cell) ? cell.length + (cell.match(WIDE)?.length ?? 0) : stringWidth(cell);
}

function pad(cell: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(cell)));
  return align === 'right' ? fill + cell : cell + fill;
}
