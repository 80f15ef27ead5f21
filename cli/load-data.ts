// DATA argument → the runtime's checked dataset: a JSON file, an .xlsx workbook, one CSV file or a
// folder of CSV files (one per entity kind and per record-list input).
import path from 'node:path';
import type { RuleGraph } from '../runtime/graph.js';
import { checkDataset, readJsonDataset, type Dataset, type RawDataset } from '../runtime/dataset.js';
import { readTables, type TableFile } from '../runtime/tables.js';
import { cliMessage } from '../messages/index.js';
import { issueMessage, type RuntimeIssue } from '../runtime/issues.js';
import { InputError, displayPath, langOf, tell, type CliContext } from './context.js';
import { listDir, pathKind, readBytes, readText } from './files.js';

/**
 * The data files as read from disk, not yet read against a policy. JSON does not depend on the policy, so it
 * is read once; tables do (a column is read as the input of that name), so each version of a diff reads them
 * against its own graph.
 */
export type DataFiles = { json: RawDataset } | { tables: TableFile[] };

/** The data files DATA names: the file itself, or a folder's .csv and .xlsx files by name. */
export async function dataPaths(ctx: CliContext, spec: string): Promise<string[]> {
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

export async function readDataFiles(ctx: CliContext, spec: string): Promise<DataFiles> {
  const files = await dataPaths(ctx, spec);
  if (/\.json$/i.test(files[0]!)) return { json: readJsonDataset(await readText(files[0]!)) };
  const tables: TableFile[] = [];
  for (const file of files) tables.push({ name: path.basename(file), bytes: await readBytes(file) });
  return { tables };
}

/** The raw data as `graph` reads it. */
export function rawData(graph: RuleGraph, files: DataFiles): RawDataset {
  return 'json' in files ? files.json : readTables(graph, files.tables);
}

export async function readData(ctx: CliContext, graph: RuleGraph, spec: string): Promise<RawDataset> {
  return rawData(graph, await readDataFiles(ctx, spec));
}

export function checkData(graph: RuleGraph, raw: RawDataset): Dataset {
  return checkDataset(graph, raw);
}

/** A terminal screenful: beyond this many problems only their count is printed. */
const SHOWN_ISSUES = 30;

/** `severity code: message` lines for the terminal (each message names its unit, field and place). */
export function renderIssues(ctx: CliContext, issues: readonly RuntimeIssue[]): string {
  const shown = issues.slice(0, SHOWN_ISSUES).map((i) => `${i.severity} ${i.code}: ${issueMessage(i, langOf(ctx))}\n`);
  if (issues.length > SHOWN_ISSUES) shown.push(`${tell(ctx, 'moreIssues', { count: issues.length - SHOWN_ISSUES })}\n`);
  return shown.join('');
}
