// DATA argument → the runtime's checked dataset: a JSON file, an .xlsx workbook, one CSV file or a
// folder of CSV files (one per entity kind and per record-list input).
import path from 'node:path';
import type { RuleGraph } from '../runtime/graph.js';
import {
  MAX_WHOLE_JSON_FILE_BYTES,
  XLSX_WEIGHT,
  checkDataset,
  readJsonDataset,
  tooLargeToReadWhole,
  type Dataset,
  type RawDataset,
} from '../runtime/dataset.js';
import { isWorkbookName, readTables, type TableFile } from '../runtime/tables.js';
import type { RuntimeIssue } from '../runtime/issues.js';
import { InputError, counted, displayPath, type CliContext } from './context.js';
import { fileSize, listDir, pathKind, readBytes, readText } from './files.js';

/**
 * The data files as read from disk, not yet read against a policy. JSON does not depend on the policy, so it
 * is read once; tables do (a column is read as the input of that name), so each version of a diff reads them
 * against its own graph.
 */
export type DataFiles = { json: RawDataset } | { tables: TableFile[] } | { refused: RuntimeIssue };

/** The data files DATA names: the file itself, or a folder's .csv and .xlsx files by name. */
export async function dataPaths(ctx: CliContext, spec: string): Promise<string[]> {
  const full = path.resolve(ctx.cwd, spec);
  const kind = await pathKind(full);
  if (kind === null) throw new InputError(`${spec}: no such file or directory`);
  if (kind === 'dir') {
    const names = (await listDir(full)).filter((e) => e.isFile && /\.(csv|xlsx)$/i.test(e.name)).map((e) => e.name).sort();
    if (names.length === 0) throw new InputError(`${spec}: no .csv or .xlsx files in this folder`);
    return names.map((name) => path.join(full, name));
  }
  if (/\.(json|csv|xlsx)$/i.test(full)) return [full];
  throw new InputError(`${displayPath(ctx, full)}: unknown data format (expected .json, .xlsx, .csv or a folder of CSV files)`);
}

/** The data files read, each after its size on disk is checked: data too large to read whole is not read at all. */
export async function readDataFiles(ctx: CliContext, spec: string): Promise<DataFiles> {
  const files = await dataPaths(ctx, spec);
  const name = files.length === 1 ? path.basename(files[0]!) : displayPath(ctx, path.resolve(ctx.cwd, spec));
  if (/\.json$/i.test(files[0]!)) {
    const refused = tooLargeToReadWhole(await fileSize(files[0]!), name, MAX_WHOLE_JSON_FILE_BYTES);
    return refused ? { refused } : { json: readJsonDataset(await readText(files[0]!)) };
  }
  let weight = 0;
  for (const file of files) weight += (await fileSize(file)) * (isWorkbookName(file) ? XLSX_WEIGHT : 1);
  const refused = tooLargeToReadWhole(weight, name);
  if (refused) return { refused };
  const tables: TableFile[] = [];
  for (const file of files) tables.push({ name: path.basename(file), bytes: await readBytes(file) });
  return { tables };
}

/** The raw data as `graph` reads it. */
export function rawData(graph: RuleGraph, files: DataFiles): RawDataset {
  if ('refused' in files) return { units: [], issues: [files.refused] };
  return 'json' in files ? files.json : readTables(graph, files.tables);
}

export async function readData(ctx: CliContext, graph: RuleGraph, spec: string): Promise<RawDataset> {
  return rawData(graph, await readDataFiles(ctx, spec));
}

export function checkData(graph: RuleGraph, raw: RawDataset): Dataset {
  return checkDataset(graph, raw);
}

/** How many errors `issues` hold, for a closing line: beyond the listed ones only a count is kept (KR242). */
export function errorsText(issues: readonly RuntimeIssue[]): string {
  const listed = issues.filter((i) => i.severity === 'error' && i.code !== 'KR242').length;
  const more = issues.some((i) => i.severity === 'error' && i.code === 'KR242');
  return `${more ? 'more than ' : ''}${counted(listed, 'error')}`;
}

/** A terminal screenful: beyond this many problems only their count is printed. */
const SHOWN_ISSUES = 30;

/** `severity code: message` lines for the terminal (each message names its unit, field and place). */
export function renderIssues(issues: readonly RuntimeIssue[]): string {
  const shown = issues.slice(0, SHOWN_ISSUES).map((i) => `${i.severity} ${i.code}: ${i.message}\n`);
  if (issues.length > SHOWN_ISSUES) shown.push(`… and ${issues.length - SHOWN_ISSUES} more\n`);
  return shown.join('');
}
