// CSV bytes in chunks → rows, with memory bounded by the chunk size: the file is never held whole.
// Encoding as for whole files: UTF-8 (with or without BOM), else GB18030. A file is ASCII until its
// first byte ≥ 0x80, and the chunk holding that byte decides; a file that turns invalid later is refused
// at the row where it does. Rows are numbered as whole-file reading numbers them (the header is row 1,
// blank rows count), so a message names the same row either way.
import Papa from 'papaparse';
import { message, type MessageRef } from '../../messages/index.js';

/** The encoding a byte-order mark names: UTF-16 (little or big endian), else null (UTF-8's BOM is read as UTF-8). */
export function utf16ByBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** Every line end (CRLF, LF, or a lone CR as old Mac files and some exports have) as LF, so mixed ends split alike. */
export function unifyLineEnds(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Papa's report that a quoted field runs to the end of the text. */
export const isUnclosedQuote = (e: Papa.ParseError) => e.code === 'MissingQuotes';

export interface CsvRowSink {
  /** one row's cells, and its row number */
  row(cells: string[], row: number): void;
  /** the bytes cannot be read as text (KR226), or a quote is never closed (KR229); no rows follow */
  unreadable(text: MessageRef, row: number, code?: 'KR226' | 'KR229'): void;
}

function hasHighByte(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

export class CsvRows {
  private decoder: TextDecoder | null = null; // chosen at the first non-ASCII chunk
  private readonly ascii = new TextDecoder('utf-8');
  private pending = ''; // text after the last complete record
  private rows = 0;
  private failed = false;
  private started = false; // a chunk has been read (a byte-order mark is looked for in the first)

  constructor(private readonly sink: CsvRowSink) {}

  push(bytes: Uint8Array): void {
    if (this.failed) return;
    let text: string;
    try {
      if (!this.started) {
        this.started = true;
        const utf16 = utf16ByBom(bytes);
        if (utf16) this.decoder = new TextDecoder(utf16);
      }
      if (!this.decoder && hasHighByte(bytes)) this.decoder = this.chooseDecoder(bytes);
      text = this.decoder ? this.decoder.decode(bytes, { stream: true }) : this.ascii.decode(bytes, { stream: true });
    } catch {
      return this.fail(message('KR226', 'encoding'));
    }
    this.take(text, false);
  }

  end(): void {
    if (this.failed) return;
    try {
      this.take((this.decoder ?? this.ascii).decode(), true);
    } catch {
      this.fail(message('KR226', 'incomplete'));
    }
  }

  private chooseDecoder(bytes: Uint8Array): TextDecoder {
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
      return utf8;
    } catch {
      return new TextDecoder('gb18030');
    }
  }

  private fail(text: MessageRef, code: 'KR226' | 'KR229' = 'KR226'): void {
    this.failed = true;
    this.sink.unreadable(text, this.rows + 1, code);
  }

  /** Parse the complete records of `pending + text`; keep the rest (all of it at the end of the file). */
  private take(text: string, last: boolean): void {
    let s = this.pending + text;
    // A CR at the end of a chunk may be the first half of a CRLF: it waits for the next chunk.
    const held = !last && s.endsWith('\r') ? '\r' : '';
    s = unifyLineEnds(held ? s.slice(0, -1) : s);
    if (last) {
      this.pending = '';
      if (s !== '') this.parse(s); // a newline at the very end starts no row
      return;
    }
    // A newline ends a record when an even number of quote characters precede it.
    let cut = -1;
    for (let from = 0, open = false; ; open = !open) {
      const q = s.indexOf('"', from);
      if (!open) {
        const nl = s.lastIndexOf('\n', q < 0 ? s.length : q);
        if (nl >= from) cut = nl;
      }
      if (q < 0) break;
      from = q + 1;
    }
    if (cut < 0) this.pending = s + held;
    else {
      this.parse(s.slice(0, cut));
      this.pending = s.slice(cut + 1) + held;
    }
  }

  /** Records separated by newlines, the last without its newline. */
  private parse(records: string): void {
    if (records === '') return this.sink.row([''], ++this.rows);
    const parsed = Papa.parse<string[]>(records, { delimiter: ',', newline: '\n', skipEmptyLines: false });
    const unclosed = parsed.errors.find(isUnclosedQuote);
    const good = unclosed ? (unclosed.row ?? 0) : parsed.data.length;
    for (let i = 0; i < good; i++) this.sink.row(parsed.data[i]!, ++this.rows);
    if (unclosed) this.fail(message('KR229', 'unclosed'), 'KR229');
  }
}
