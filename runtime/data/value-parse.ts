// Reading one data value (a JSON value or a table cell) as a typed value, with a reader built once per
// declared type (a dataset holds millions of values: no schema, closure or object is made per value unless
// it is refused). Nothing is coerced silently: a value that does not clearly mean one thing of the declared
// type is rejected with the reason.
//
// Numbers: in the JSON form a number is a JSON number; a string that holds one ("0.95", " 0.95 ", "2") is
// refused, as is "95%" where the field is not a percent. In a table every cell is text, so there it is read.
//
// Percent: "98.6%" reads 0.986 everywhere (in JSON too: the one string a number may be written as). In the JSON form (and in compiled test data) a bare number is
// an explicit fraction, so any finite number is fine (1.2 = 120%). In a table cell (CSV or spreadsheet) a
// bare number must lie in [-1, 1]: people type percentages into tables as 98.6 or 1.2, which could mean
// 98.6 / 120% or 9860% / 1.2%, so beyond that range it must be written with "%"; a spreadsheet cell
// formatted as a percentage is read as the fraction it holds.
import { commonMessage, type MessageRef } from '../../messages/index.js';
import type { RecordSpec, ValueType } from '../../graph/graph.js';

/** A raw value: JSON value, CSV string, or spreadsheet value with its display hints. */
export interface RawCell {
  v: unknown;
  /** the spreadsheet cell is formatted as a percentage */
  percentFormat?: boolean;
  /** the spreadsheet cell is a date serial number */
  dateSerial?: boolean;
  /** the value was typed into a table (CSV or spreadsheet), where a bare percent number is ambiguous */
  tableCell?: boolean;
}

export type RecordValue = number | string | boolean;
/** Record fields by name: numbers (dates as days since 1970-01-01), booleans, enum members and text. */
export type DataRow = Record<string, RecordValue>;
/** Typed input values: numbers (bools 1/0, dates as days), strings (enum member, text), record lists. */
export type TypedValue = number | string | DataRow[];

/** Longest accepted text in one cell or JSON string, in UTF-16 code units; longer values are refused. */
export const MAX_CELL_LENGTH = 100_000;

export function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

const NUMBER_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const PERCENT_TEXT = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*%$/;
const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
/** Spreadsheet day 25569 is 1970-01-01. */
const SERIAL_EPOCH = 25_569;

/** Why a value was refused (the only object a reader makes, and only for a bad value). */
class Refusal {
  constructor(readonly text: MessageRef) {}
}

const fail = (text: MessageRef): Refusal => new Refusal(text);

/** Longest rendering of a bad value in a message; the rest is cut off. */
const SHOWN_LENGTH = 200;

/** A data value as quoted in a message: bounded in length, and safe for values nested beyond the stack. */
export function show(v: unknown): string {
  if (typeof v === 'object' && v !== null && 'error' in v) return `公式错误 ${String((v as { error: unknown }).error)}`;
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v); // JSON would print null
  let text: string;
  try {
    text = typeof v === 'string' ? `"${v}"` : (JSON.stringify(v) ?? String(v));
  } catch {
    text = Array.isArray(v) ? '[…]' : '{…}'; // nested too deeply to print
  }
  return text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH)}…` : text;
}

/** Beyond 2^53 a float no longer holds every integer, so the value read would differ from the one written. */
function exactMagnitude(x: number, v: unknown): number | Refusal {
  if (Math.abs(x) > Number.MAX_SAFE_INTEGER) return fail(commonMessage('outOfRange', { value: show(v), max: Number.MAX_SAFE_INTEGER }));
  return x;
}

function readNumber(cell: RawCell, dim: string): number | Refusal {
  const { v } = cell;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return fail(commonMessage('notFinite', { value: show(v) }));
    return exactMagnitude(v, v);
  }
  if (typeof v === 'string') {
    const t = v.trim();
    // JSON has numbers of its own: a number in quotes is a string where the contract says number.
    if (!cell.tableCell && (NUMBER_TEXT.test(t) || PERCENT_TEXT.test(t))) return fail(commonMessage('numberInQuotes', { value: show(v) }));
    if (NUMBER_TEXT.test(t)) return exactMagnitude(Number(t), v);
    if (dim !== 'percent' && PERCENT_TEXT.test(t)) return fail(commonMessage('notPercentField', { value: show(v) }));
    if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return fail(commonMessage('thousands', { value: show(v) }));
  }
  return fail(commonMessage('notNumber', { value: show(v) }));
}

function readPercent(cell: RawCell): number | Refusal {
  const { v } = cell;
  if (typeof v === 'string') {
    const m = PERCENT_TEXT.exec(v.trim());
    if (m) return Number(`${m[1]}e-2`);
  }
  const x = readNumber(cell, 'percent');
  if (x instanceof Refusal) return x;
  // A numeric string was typed by someone, as in a table: "95" is as ambiguous there as in a cell.
  if (cell.percentFormat || (!cell.tableCell && typeof v === 'number')) return x;
  if (x < -1 || x > 1)
    return fail(commonMessage('ambiguousPercent', { value: show(v), percent: x, fraction: x / 100 }));
  return x;
}

function readBool(cell: RawCell): number | Refusal {
  const { v } = cell;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (t === 'true' || t === '是') return 1;
    if (t === 'false' || t === '否') return 0;
  }
  return fail(commonMessage('notBool', { value: show(v) }));
}

function readDate(cell: RawCell): number | Refusal {
  const { v } = cell;
  if (typeof v === 'number' && cell.dateSerial && Number.isInteger(v)) return v - SERIAL_EPOCH;
  if (typeof v === 'string') {
    const m = DATE_TEXT.exec(v.trim());
    if (m) {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const ms = Date.UTC(y, mo - 1, d);
      const back = new Date(ms);
      if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) return ms / DAY_MS;
      return fail(commonMessage('noSuchDate', { value: show(v) }));
    }
  }
  return fail(commonMessage('notDate', { value: show(v) }));
}

function readEnum(cell: RawCell, values: readonly string[]): string | Refusal {
  const { v } = cell;
  const t = typeof v === 'string' ? v.trim() : v;
  if (typeof t === 'string' && values.includes(t)) return t;
  return fail(commonMessage('notEnumValue', { value: show(v), values: [...values] }));
}

function readText(cell: RawCell): string | Refusal {
  const { v } = cell;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return fail(commonMessage('notText', { value: show(v) }));
}

type Reader = (cell: RawCell) => number | string | Refusal;

function readerFor(type: ValueType): Reader {
  switch (type.t) {
    case 'num':
      if (type.dim === 'percent') return readPercent;
      if (type.dim === 'count')
        return (cell) => {
          const x = readNumber(cell, 'count');
          if (typeof x === 'number' && Number.isInteger(x) && x >= 0) return x;
          // A value that is not a number is also reported as not a count, as the messages have always said.
          return fail(commonMessage('notCount', { value: show(cell.v), because: x instanceof Refusal ? x.text : null }));
        };
      return (cell) => readNumber(cell, type.dim);
    case 'bool':
      return readBool;
    case 'date':
      return readDate;
    case 'enum':
      return (cell) => readEnum(cell, type.values);
    case 'text':
    case 'ref':
      return readText;
    case 'list':
      return () => fail(commonMessage('listInCell'));
  }
}

/** Readers by type object: a graph's types are built once, so each input or field gets its reader once. */
const readers = new WeakMap<ValueType, Reader>();

/** Read a present (non-missing) scalar cell of `type`. */
function readScalar(type: ValueType, cell: RawCell): number | string | Refusal {
  if (typeof cell.v === 'string' && cell.v.length > MAX_CELL_LENGTH) return fail(commonMessage('cellTooLong', { length: cell.v.length, max: MAX_CELL_LENGTH }));
  let read = readers.get(type);
  if (!read) readers.set(type, (read = readerFor(type)));
  return read(cell);
}

/** A value refused by a table-cell reader: why. */
export interface Refused {
  readonly text: MessageRef;
}

export const isRefused = (x: unknown): x is Refused => x instanceof Refusal;

/**
 * The reader of present (non-missing) CSV cells of `type`, for a caller typing millions of them: it makes no
 * object per cell unless the cell is refused. One reader is used by one caller at a time.
 */
export function tableCellReader(type: ValueType): (text: string) => number | string | Refused {
  const cell: RawCell = { v: '', tableCell: true };
  return (text) => {
    cell.v = text;
    return readScalar(type, cell);
  };
}

/** A record field's typed value as kept in a record (booleans stay booleans for display). */
export function fieldValue(type: ValueType, v: number | string): RecordValue {
  return type.t === 'bool' ? v === 1 : v;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; text: MessageRef };

export function parseScalar(type: ValueType, cell: RawCell): ParseResult<number | string> {
  const r = readScalar(type, cell);
  return r instanceof Refusal ? { ok: false, text: r.text } : { ok: true, value: r };
}

/** Record fields checked one by one so each problem names its field. */
export function recordFieldTypes(spec: RecordSpec): Map<string, ValueType> {
  return new Map(spec.fields.map((f) => [f.name, f.type]));
}
