// An .xlsx workbook is a zip archive of XML parts. Before the workbook is inflated, its central directory
// (a short index at the end of the archive) says how many parts it has and how large each inflates to:
// a "zip bomb" of a few megabytes that inflates to gigabytes is refused from that index alone, in
// microseconds. The index is small and fully specified (APPNOTE.TXT §4.3.12, §4.3.16), so it is read here
// directly rather than through a zip library, which would have to be told not to inflate.
import { MAX_WHOLE_DATA_BYTES } from './dataset.js';

/** A workbook by its file name (anything else is read as CSV). */
export const isWorkbookName = (name: string) => /\.xlsx?$/i.test(name);

/** Most parts one workbook may have (a workbook of a few sheets has a dozen or two). */
export const MAX_WORKBOOK_ENTRIES = 10_000;
/** Most bytes a workbook's parts may inflate to, all together: its XML is a few times the size of the same table as CSV. */
export const MAX_WORKBOOK_INFLATED_BYTES = 4 * MAX_WHOLE_DATA_BYTES;

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** The end record is 22 bytes and may be followed by a comment of up to 65 535 bytes. */
const END_RECORD = 22;

export type WorkbookProblem =
  | { problem: 'not-a-workbook'; detail: 'empty' | 'not-zip' | 'damaged' | 'zip64' }
  | { problem: 'too-many-entries'; entries: number }
  | { problem: 'inflates-too-large'; bytes: number };

/** Why these bytes cannot be read as an .xlsx workbook within the limits; null when they can be. */
export function workbookProblem(bytes: Uint8Array): WorkbookProblem | null {
  if (bytes.length === 0) return { problem: 'not-a-workbook', detail: 'empty' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < END_RECORD || view.getUint32(0, true) !== LOCAL_HEADER) return { problem: 'not-a-workbook', detail: 'not-zip' };
  let end = -1;
  for (let at = bytes.length - END_RECORD; at >= Math.max(0, bytes.length - END_RECORD - 0xffff); at--)
    if (view.getUint32(at, true) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  if (end < 0) return { problem: 'not-a-workbook', detail: 'damaged' };
  const declaredEntries = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  // ZIP64 marks these fields as "see the ZIP64 record"; a workbook within the limits never needs it.
  if (declaredEntries === 0xffff || size === 0xffffffff || offset === 0xffffffff) return { problem: 'not-a-workbook', detail: 'zip64' };
  if (declaredEntries > MAX_WORKBOOK_ENTRIES) return { problem: 'too-many-entries', entries: declaredEntries };
  if (offset + size > end) return { problem: 'not-a-workbook', detail: 'damaged' };
  let entries = 0;
  let inflated = 0;
  for (let at = offset; at < offset + size; ) {
    if (at + 46 > end || view.getUint32(at, true) !== DIRECTORY_ENTRY) return { problem: 'not-a-workbook', detail: 'damaged' };
    const entrySize = view.getUint32(at + 24, true);
    if (entrySize === 0xffffffff) return { problem: 'not-a-workbook', detail: 'zip64' };
    inflated += entrySize;
    if (++entries > MAX_WORKBOOK_ENTRIES) return { problem: 'too-many-entries', entries };
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  if (entries !== declaredEntries) return { problem: 'not-a-workbook', detail: 'damaged' };
  if (inflated > MAX_WORKBOOK_INFLATED_BYTES) return { problem: 'inflates-too-large', bytes: inflated };
  return null;
}
