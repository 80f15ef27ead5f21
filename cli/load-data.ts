// DATA argument → the runtime's checked dataset: a JSON file, an .xlsx workbook, one CSV file or a
// folder of CSV files (one per entity kind and per record-list input).
import path from 'node:path';
import type { RuleGraph } from '../graph/graph.js';
import {
  MAX_WHOLE_JSON_FILE_BYTES,
  XLSX_WEIGHT,
  checkDataset,
  readJsonDataset,
  tooLargeToReadWhole,
  type Dataset,
  type RawDataset,
} from '../runtime/data/dataset.js';
import type { TableFile } from '../runtime/data/tables.js';
import { isWorkbookName } from '../runtime/data/workbook-zip.js';
import { cliMessage } from '../messages/index.js';
import { issueMessage, type RuntimeIssue } from '../runtime/issues.js';
import { InputError, UsageError, displayPath, langOf, tell, type CliContext } from './context.js';
import { fileSize, listDir, pathKind, readBytes } from './files.js';

/**
 * The data files as read from disk, not yet read against a policy. JSON does not depend on the policy, so it
 * is read once; tables do (a column is read as the input of that name), so each version of a diff reads them
 * against its own graph.
 */
export type DataFiles = { json: RawDataset } | { tables: TableFile[]; readTables: ReadTables } | { refused: RuntimeIssue };

/**
 * The reader of CSV files and workbooks (runtime/data/tables.ts). It is imported when data comes as tables: with
 * SheetJS and Papa Parse it is most of a command's code, and loading it took longer than evaluating a JSON file.
 */
type ReadTables = typeof import('../runtime/data/tables.js').readTables;

/** `--data -`: the data comes on standard input. */
export const STDIN = '-';

/** The data files DATA names: the file itself, or a folder's .csv and .xlsx files by name. */
export async function dataPaths(ctx: CliContext, spec: string): Promise<string[]> {
  if (spec === STDIN) throw new UsageError(cliMessage('stdinStream'));
  const full = path.resolve(ctx.cwd, spec);
  const kind = await pathKind(full);
  if (kind === null) throw new InputError(cliMessage('noSuchPath', { path: spec }));
  if (kind === 'dir') {
    const names = (await listDir(full)).filter((e) => e.isFile && /\.(csv|xlsx)$/i.test(e.name)).map((e) => e.name).sort();
    if (names.length === 0) throw new InputError(cliMessage('noDataFiles', { path: spec }));
    return names.map((name) => path.join(full, name));
  }
  if (/\.(json|csv|xlsx)$/i.test(full)) return [full];
  throw new InputError(cliMessage('unknownDataFormat', { path: displayPath(ctx, full) }));
}

/** A data file's bytes with its name (which says its format) and where it came from (`-` for standard input). */
export type DataBytes = TableFile & { path: string };

/**
 * The bytes of the data files DATA names (or of standard input), after their sizes are checked: data too large
 * to read whole is not read at all.
 */
export async function readDataBytes(ctx: CliContext, spec: string): Promise<{ files: DataBytes[] } | { refused: RuntimeIssue }> {
  if (spec === STDIN) return readStdin(ctx);
  const paths = await dataPaths(ctx, spec);
  const name = paths.length === 1 ? path.basename(paths[0]!) : displayPath(ctx, path.resolve(ctx.cwd, spec));
  let refused: RuntimeIssue | null;
  if (/\.json$/i.test(paths[0]!)) {
    refused = tooLargeToReadWhole(await fileSize(paths[0]!), name, MAX_WHOLE_JSON_FILE_BYTES);
  } else {
    let weight = 0;
    for (const file of paths) weight += (await fileSize(file)) * (isWorkbookName(file) ? XLSX_WEIGHT : 1);
    refused = tooLargeToReadWhole(weight, name);
  }
  if (refused) return { refused };
  const files: DataBytes[] = [];
  for (const file of paths) files.push({ name: path.basename(file), path: file, bytes: await readBytes(file) });
  return { files };
}

export async function readDataFiles(ctx: CliContext, spec: string): Promise<DataFiles> {
  const read = await readDataBytes(ctx, spec);
  return 'refused' in read ? read : dataFilesOf(read.files);
}

/** Data files given as bytes (read from disk, an upload, a kept copy): one JSON file, or CSV files and workbooks. */
export async function dataFilesOf(files: readonly TableFile[]): Promise<DataFiles> {
  if (files.length === 1 && /\.json$/i.test(files[0]!.name)) return { json: readJsonDataset(new TextDecoder('utf-8').decode(files[0]!.bytes)) };
  const { readTables } = await import('../runtime/data/tables.js');
  return { tables: [...files], readTables };
}

/**
 * Data on standard input: an .xlsx workbook when it starts as a ZIP archive does, otherwise JSON. CSV cannot
 * come this way (a CSV table is named by its file: one file per kind and per record list). The whole-data limit is
 * checked while reading (JSON by its characters, a workbook by XLSX_WEIGHT times its bytes), and reading stops at it.
 */
async function readStdin(ctx: CliContext): Promise<{ files: DataBytes[] } | { refused: RuntimeIssue }> {
  if (!ctx.stdin) throw new UsageError(cliMessage('stdinNone'));
  const chunks: Uint8Array[] = [];
  const decoder = new TextDecoder('utf-8');
  let workbook: boolean | null = null;
  let size = 0; // characters of JSON, or weighted bytes of a workbook
  for await (const chunk of ctx.stdin) {
    workbook ??= chunk[0] === 0x50 && chunk[1] === 0x4b; // "PK"
    chunks.push(chunk);
    size += workbook ? chunk.length * XLSX_WEIGHT : decoder.decode(chunk, { stream: true }).length;
    const refused = tooLargeToReadWhole(size, STDIN_NAME);
    if (refused) return { refused };
  }
  const bytes = Buffer.concat(chunks);
  if (workbook) return { files: [{ name: `${STDIN_NAME}.xlsx`, path: STDIN, bytes }] };
  const json = new TextDecoder('utf-8').decode(bytes);
  if (json.trim() === '') throw new InputError(cliMessage('stdinEmpty'));
  if (!/^\s*[{[]/.test(json)) {
    throw new InputError(cliMessage('stdinUnknown'));
  }
  return { files: [{ name: `${STDIN_NAME}.json`, path: STDIN, bytes }] };
}

/** What standard input is called in messages (a workbook's sheets are named after the kinds, as in a file). */
const STDIN_NAME = '标准输入';

/** The raw data as `graph` reads it. */
export function rawData(graph: RuleGraph, files: DataFiles): RawDataset {
  if ('refused' in files) return { units: [], issues: [files.refused] };
  return 'json' in files ? files.json : files.readTables(graph, files.tables);
}

export async function readData(ctx: CliContext, graph: RuleGraph, spec: string): Promise<RawDataset> {
  return rawData(graph, await readDataFiles(ctx, spec));
}

export function checkData(graph: RuleGraph, raw: RawDataset): Dataset {
  return checkDataset(graph, raw);
}

/** How many errors `issues` hold, for a closing line: beyond the listed ones only a count is kept (KR242). */
export function errorCount(issues: readonly RuntimeIssue[]): { errors: number; more: boolean } {
  const errors = issues.filter((i) => i.severity === 'error' && i.code !== 'KR242').length;
  const more = issues.some((i) => i.severity === 'error' && i.code === 'KR242');
  return { errors, more };
}

/** A terminal screenful: beyond this many problems only their count is printed. */
const SHOWN_ISSUES = 30;

/** `severity code: message` lines for the terminal (each message names its unit, field and place). */
export function renderIssues(ctx: CliContext, issues: readonly RuntimeIssue[]): string {
  const shown = issues.slice(0, SHOWN_ISSUES).map((i) => `${i.severity} ${i.code}: ${issueMessage(i, langOf(ctx))}\n`);
  if (issues.length > SHOWN_ISSUES) shown.push(`${tell(ctx, 'moreIssues', { count: issues.length - SHOWN_ISSUES })}\n`);
  return shown.join('');
}
