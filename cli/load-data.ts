// DATA argument → the runtime's checked dataset: a JSON file, an .xlsx workbook, one CSV file or a
// folder of CSV files (one per entity kind and per record-list input).
import path from 'node:path';
import type { RuleGraph } from '../runtime/graph.js';
import { checkDataset, readJsonDataset, type Dataset, type RawDataset } from '../runtime/dataset.js';
import { readTables } from '../runtime/tables.js';
import type { RuntimeIssue } from '../runtime/issues.js';
import { InputError, displayPath, type CliContext } from './context.js';
import { listDir, pathKind, readBytes, readText } from './files.js';

/** The raw data, read once; it can then be checked against several graphs (OLD and NEW in a diff). */
export async function readData(ctx: CliContext, graph: RuleGraph, spec: string): Promise<RawDataset> {
  const full = path.resolve(ctx.cwd, spec);
  const kind = await pathKind(full);
  if (kind === null) throw new InputError(`${spec}: no such file or directory`);
  if (kind === 'dir') {
    const names = (await listDir(full)).filter((e) => e.isFile && /\.(csv|xlsx)$/i.test(e.name)).map((e) => e.name).sort();
    if (names.length === 0) throw new InputError(`${spec}: no .csv or .xlsx files in this folder`);
    const files = [];
    for (const name of names) files.push({ name, bytes: await readBytes(path.join(full, name)) });
    return readTables(graph, files);
  }
  if (/\.json$/i.test(full)) return readJsonDataset(await readText(full));
  if (/\.(csv|xlsx)$/i.test(full)) return readTables(graph, [{ name: path.basename(full), bytes: await readBytes(full) }]);
  throw new InputError(`${displayPath(ctx, full)}: unknown data format (expected .json, .xlsx, .csv or a folder of CSV files)`);
}

export function checkData(graph: RuleGraph, raw: RawDataset): Dataset {
  return checkDataset(graph, raw);
}

/** A terminal screenful: beyond this many problems only their count is printed. */
const SHOWN_ISSUES = 30;

/** `severity code: message` lines for the terminal (each message names its unit, field and place). */
export function renderIssues(issues: readonly RuntimeIssue[]): string {
  const shown = issues.slice(0, SHOWN_ISSUES).map((i) => `${i.severity} ${i.code}: ${i.message}\n`);
  if (issues.length > SHOWN_ISSUES) shown.push(`… and ${issues.length - SHOWN_ISSUES} more\n`);
  return shown.join('');
}
