// Plain-text tables whose columns line up with Chinese text (CJK characters are two columns wide).
import stringWidth from 'string-width';

export type Align = 'left' | 'right';

export function renderTable(header: string[], rows: string[][], align: Align[] = []): string {
  const widths = header.map((h, i) => Math.max(stringWidth(oneLine(h)), ...rows.map((r) => stringWidth(oneLine(r[i] ?? '')))));
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

function pad(cell: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - stringWidth(cell)));
  return align === 'right' ? fill + cell : cell + fill;
}
