// A folder of CSV (or Parquet) tables read by DuckDB itself (no row of it goes through JavaScript): each file
// read once, its cells typed by SQL with the runtime's reading rules (percent with "%" or a fraction in [-1, 1],
// counts whole and not negative, booleans true/false/是/否, dates YYYY-MM-DD, enum members by name). A
// value that does not read is located by table, unit and column (KR212). GB18030 files are converted to
// UTF-8 first (DuckDB reads UTF-8). File names go in as parameters.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open as openFile, rm } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import { TextDecoderStream } from 'node:stream/web';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RuleGraph, ValueType } from '../graph/graph.js';
import { commonMessage, message, type MessageRef } from '../messages/index.js';
import { dataIssue, type RuntimeIssue } from '../runtime/issues.js';
import { isRefused, tableCellReader } from '../runtime/data/value-parse.js';
import { tableName, unknownColumnWarning } from '../runtime/data/table-layout.js';
import { kindShapes } from '../runtime/data/dataset.js';
import type { Database } from './database.js';
import { quoteIdent, quoteText } from './dialect.js';
import { ID, NAME, PERIOD, UNIT, policyTables } from './tables.js';

const SHOWN = 20;
const BAD = quoteIdent('kp_bad');
const PARQUET = /\.parquet$/i;

/** The rows of a file, every column as text: a CSV file read by DuckDB, or a Parquet file's columns as text. */
function sourceOf(file: string): string {
  if (PARQUET.test(file)) return `(SELECT COLUMNS(*)::VARCHAR FROM read_parquet($1))`;
  return `read_csv($1, all_varchar = true, header = true, delim = ',', quote = '"', escape = '"', null_padding = true)`;
}

/** Whether the file starts as UTF-8 (the first MiB is checked; a cut character at its end is fine). */
async function isUtf8(file: string): Promise<boolean> {
  const h = await openFile(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    const { bytesRead } = await h.read(buf, 0, buf.length, 0);
    new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, bytesRead), { stream: true });
    return true;
  } catch {
    return false;
  } finally {
    await h.close();
  }
}

/** A GB18030 file rewritten as UTF-8, streamed (a file of a gigabyte is never held whole). */
async function toUtf8(file: string, out: string): Promise<void> {
  const text = Readable.toWeb(createReadStream(file)).pipeThrough(new TextDecoderStream('gb18030'));
  await text.pipeTo(Writable.toWeb(createWriteStream(out)));
}

/** The cell trimmed, NULL when empty; the cell read as a plain decimal (NULL when it does not read). */
const trimmed = (c: string) => `NULLIF(TRIM(${c}), '')`;
const plainNumber = (t: string, decimal: string) => readDecimal(t, decimal);

/**
 * Text read as a decimal of the type `decimal`. DuckDB reads text into a 128-bit DECIMAL(38,s) ten times
 * slower than into a 64-bit DECIMAL(18,s), so the narrow read comes first and the wide one only for the
 * cells it cannot hold (the same digits: both round the text at the type's places alike).
 */
function readDecimal(t: string, decimal: string): string {
  const m = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(decimal);
  if (!m || Number(m[1]) <= 18 || Number(m[2]) >= 18) return `TRY_CAST(${t} AS ${decimal})`;
  return `COALESCE(CAST(TRY_CAST(${t} AS DECIMAL(18,${m[2]})) AS ${decimal}), TRY_CAST(${t} AS ${decimal}))`;
}

/**
 * SQL reading a text cell `c` as a value of `type`; NULL for an empty cell and for one that does not read.
 * `t` and `plain` are the cell trimmed and read as a plain decimal (`trimmed`, `plainNumber`): columns worked
 * out once in the file's read, since the CASEs read them several times and DuckDB works each out again.
 */
function reader(c: string, t: string, plain: string, type: ValueType, decimal: string): string {
  switch (type.t) {
    case 'num': {
      if (type.dim === 'percent') {
        // Read at two places fewer, then a product by 0.01 that needs no rounding step (a cast to fewer
        // places is a long division in DuckDB): the same digits as reading the fraction at full precision.
        const pct = `${readDecimal(`NULLIF(TRIM(RTRIM(${t}, '%')), '')`, fewerPlaces(decimal, 2))} * CAST(0.01 AS DECIMAL(38,2))`;
        return `CASE WHEN ${t} LIKE '%\\%' ESCAPE '\\' THEN CAST(${pct} AS ${decimal}) WHEN ${plain} BETWEEN -1 AND 1 THEN ${plain} END`;
      }
      // Whole when written without a point or an exponent; TRUNC (a long division) only otherwise.
      if (type.dim === 'count') return `CASE WHEN ${plain} >= 0 AND ((${t} NOT LIKE '%.%' AND ${t} NOT ILIKE '%e%') OR ${plain} = TRUNC(${plain})) THEN ${plain} END`;
      return `CASE WHEN ${t} SIMILAR TO '[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?' THEN ${plain} END`;
    }
    case 'bool':
      return `CASE WHEN LOWER(${t}) IN ('true', '是') THEN TRUE WHEN LOWER(${t}) IN ('false', '否') THEN FALSE END`;
    case 'date':
      return `CASE WHEN ${t} SIMILAR TO '[0-9]{4}-[0-9]{2}-[0-9]{2}' THEN TRY_CAST(${t} AS DATE) END`;
    case 'enum':
      return `CASE WHEN ${t} IN (${type.values.map(quoteText).join(', ')}) THEN ${t} END`;
    default:
      return `CASE WHEN ${t} IS NOT NULL THEN ${c} END`;
  }
}

/** DECIMAL(w,s) as DECIMAL(w,s-k); another type (PostgreSQL's NUMERIC) as it is. */
function fewerPlaces(decimal: string, k: number): string {
  const m = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(decimal);
  return m ? `DECIMAL(${m[1]},${Math.max(0, Number(m[2]) - k)})` : decimal;
}

/** Why a cell DuckDB could not read is refused: the runtime's own reader of table cells says it, as for files. */
function refusal(type: ValueType, value: string): MessageRef {
  const read = tableCellReader(type)(value);
  // DuckDB and the runtime read cells alike (tested), so the runtime refuses it too; `notText` only if they ever differ.
  return isRefused(read) ? read.text : commonMessage('notText', { value });
}

/** Load the CSV files of a folder as the policy's tables. Returns the problems found (nothing loaded is used then). */
export async function loadCsvFolder(db: Database, graph: RuleGraph, files: string[]): Promise<RuntimeIssue[]> {
  const tables = policyTables(graph);
  const kindByTable = new Map([...tables.kinds.values()].map((k) => [k.table, k]));
  // A record table is named after its input, or `Kind.input` (always accepted); it is loaded under the first.
  const listByTable = new Map([...tables.lists.values()].flatMap((l) => [[l.table, l], [`${l.kind}.${l.input.name}`, l]] as const));
  const shapes = kindShapes(graph);
  const issues: RuntimeIssue[] = [];
  const decimal = db.dialect.decimal;
  let scratch: string | null = null;
  try {
    for (const file of files) {
      const name = tableName(file);
      const shown = path.basename(file);
      const kind = kindByTable.get(name);
      const list = listByTable.get(name);
      if (!kind && !list) {
        issues.push(dataIssue('KR216', message('KR216', 'unknown', { table: name, known: [...kindByTable.keys(), ...listByTable.keys()] }), { file: shown }));
        continue;
      }
      let readable = file;
      if (!PARQUET.test(file) && !(await isUtf8(file))) {
        scratch ??= await mkdtemp(path.join(tmpdir(), 'kaoping-csv-'));
        readable = path.join(scratch, `${Math.random().toString(36).slice(2)}.csv`);
        await toUtf8(file, readable);
      }
      const source = sourceOf(readable);
      const header = (await db.query(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${source})`, [readable])).map((r) => r[0]!);
      const key = kind ? ID : UNIT;
      if (!header.includes(key)) {
        issues.push(dataIssue('KR222', message('KR222', kind ? 'id' : 'unit'), { file: shown, row: 1 }));
        continue;
      }
      const typedCols: { name: string; type: ValueType }[] = kind
        ? [
            ...kind.relations.map((r) => ({ name: r.name, type: { t: 'text' } as ValueType })),
            ...kind.inputs.filter((i) => i.type.t !== 'list').map((i) => ({ name: i.name, type: i.type })),
          ]
        : list!.record.fields.map((x) => ({ name: x.name, type: x.type }));
      const known = new Set([key, ...(kind ? [NAME] : []), PERIOD, ...typedCols.map((c) => c.name)]);
      // Unknown columns: a kind's are ignored with a warning naming the likely input, a record list's are errors.
      for (const h of header) {
        if (known.has(h)) continue;
        if (kind) issues.push(unknownColumnWarning(kind.kind, shapes.get(kind.kind)!, h, shown));
        else {
          const known = list!.record.fields.map((x) => x.name);
          issues.push(dataIssue('KR214', message('KR214', 'recordColumn', { column: h, record: list!.record.name, known }), { file: shown, row: 1, column: h }));
        }
      }
      const present = typedCols.filter((c) => header.includes(c.name));
      const k = `r.${quoteIdent(key)}`;
      const cell = (c: { name: string }) => `r.${quoteIdent(c.name)}`;
      const given = (c: { name: string }) => quoteIdent(`kp_given:${c.name}`);
      const text = (c: { name: string }) => quoteIdent(`kp_text:${c.name}`);
      const plain = (c: { name: string }) => quoteIdent(`kp_plain:${c.name}`);
      const numbers = present.filter((c) => c.type.t === 'num');
      // One read of the file: each cell trimmed, read as a decimal, typed, and whether it was given (so that
      // one that does not read shows).
      const trim = `SELECT ${['r.*', ...present.map((c) => `${trimmed(cell(c))} AS ${text(c)}`)].join(', ')} FROM ${source} r WHERE ${trimmed(k)} IS NOT NULL`;
      const read = numbers.length ? `SELECT r.*, ${numbers.map((c) => `${plainNumber(`r.${text(c)}`, decimal)} AS ${plain(c)}`).join(', ')} FROM (${trim}) r` : trim;
      const inner = [
        `TRIM(${k}) AS ${quoteIdent(key)}`,
        ...(kind && header.includes(NAME) ? [`r.${quoteIdent(NAME)} AS ${quoteIdent(NAME)}`] : []),
        ...(header.includes(PERIOD) ? [`TRIM(r.${quoteIdent(PERIOD)}) AS ${quoteIdent(PERIOD)}`] : []),
        ...present.flatMap((c) => [
          `${reader(cell(c), `r.${text(c)}`, c.type.t === 'num' ? `r.${plain(c)}` : 'NULL', c.type, decimal)} AS ${quoteIdent(c.name)}`,
          `r.${text(c)} IS NOT NULL AS ${given(c)}`,
        ]),
      ];
      const outer = [
        quoteIdent(key),
        ...(kind && header.includes(NAME) ? [quoteIdent(NAME)] : []),
        ...(header.includes(PERIOD) ? [quoteIdent(PERIOD)] : []),
        ...present.map((c) => quoteIdent(c.name)),
        `${present.length ? present.map((c) => `(${given(c)} AND ${quoteIdent(c.name)} IS NULL)`).join(' OR ') : 'FALSE'} AS ${BAD}`,
      ];
      const table = quoteIdent(kind ? kind.table : list!.table);
      await db.run(`CREATE TABLE ${table} AS SELECT ${outer.join(', ')} FROM (SELECT ${inner.join(', ')} FROM (${read}) r) t`, [readable]);
      // Only when some cell did not read is the file read again, to say which and where.
      const bad = Number((await db.query(`SELECT COUNT(*) FROM ${table} WHERE ${BAD}`))[0]![0]);
      if (bad > 0) {
        for (const c of present) {
          const t = trimmed(cell(c));
          const badCell = `${t} IS NOT NULL AND (${reader(cell(c), t, plainNumber(t, decimal), c.type, decimal)}) IS NULL`;
          const rows = await db.query(`SELECT TRIM(${k}), ${cell(c)} FROM ${source} r WHERE ${badCell} LIMIT ${SHOWN}`, [readable]);
          for (const [unit, value] of rows)
            issues.push(dataIssue('KR212', refusal(c.type, value ?? ''), { file: shown, column: c.name }, { unit: unit!, field: c.name }));
        }
      }
      await db.run(`ALTER TABLE ${table} DROP COLUMN ${BAD}`);
    }
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
  return issues;
}
