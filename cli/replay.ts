// Replaying a decision log line: the policy read again as logged (or from another folder), its graph's and the
// data's SHA-256 checked against the line, the data evaluated again, and the results' SHA-256 compared.
import path from 'node:path';
import type { TableFile } from '../runtime/data/tables.js';
import type { CliContext } from './context.js';
import { compileSources } from './compile-policy.js';
import { readPolicy } from './policy-source.js';
import { readBytes, pathKind } from './files.js';
import { dataFilesOf, rawData, readDataBytes } from './load-data.js';
import { evaluateRaw } from './evaluate-data.js';
import { dataSha256, resultsSha256, sha256Hex, type Decision } from './decision-log.js';
import { stableJson } from '../reports/stable-json.js';
import { InputError, errorText } from './context.js';
import type { ReplayFailure } from '../messages/index.js';

export interface ReplayOptions {
  /** the folder the policy spec is read in, instead of the one logged */
  policies: string | null;
  /** the log folder, whose data/ holds kept data */
  logDir: string | null;
  /** data to use instead of the logged files (checked against the logged SHA-256) */
  data: string | null;
}

/** Null when the decision is reproduced; otherwise why not. */
export async function replayDecision(ctx: CliContext, decision: Decision, opts: ReplayOptions): Promise<ReplayFailure | null> {
  const cwd = opts.policies ?? decision.policy.cwd;
  const { spec } = decision.policy;
  let sources;
  try {
    sources = (await readPolicy({ ...ctx, cwd }, spec)).sources;
  } catch (e) {
    if (e instanceof InputError) return { why: 'policyUnreadable', detail: errorText(ctx, e) };
    throw e;
  }
  const { graph } = compileSources(ctx, spec, sources);
  if (!graph) return { why: 'policyNotCompiling', spec, cwd };
  const graphSha = sha256Hex(stableJson(graph));
  if (graphSha !== decision.graphSha256) {
    return { why: 'policyChanged', spec, cwd, now: short(graphSha), logged: short(decision.graphSha256) };
  }
  const read = opts.data ? await readDataBytes(ctx, opts.data) : await loggedData(decision, opts.logDir);
  if (!Array.isArray(read) && 'why' in read) return read;
  const files = Array.isArray(read) ? read : 'refused' in read ? null : read.files;
  if (files === null) return { why: 'dataUnreadable', detail: (read as { refused: { message: string } }).refused.message };
  const dataSha = dataSha256(files.map((f) => ({ name: f.name, sha256: sha256Hex(f.bytes) })));
  if (dataSha !== decision.data.sha256) return { why: 'dataNotLogged', now: short(dataSha), logged: short(decision.data.sha256) };
  const outcome = evaluateRaw(graph, rawData(graph, await dataFilesOf(files)), { period: decision.period, skipBadUnits: decision.skipBadUnits });
  if (!outcome.evaluated) return { why: 'dataNotEvaluating', issues: outcome.issues.length, first: outcome.issues[0]?.message ?? '?' };
  const hash = resultsSha256(outcome.evaluated.results);
  if (hash !== decision.resultsSha256) return { why: 'resultsDiffer', now: short(hash), logged: short(decision.resultsSha256) };
  return null;
}

/** The logged data files: each from the log's kept copy, or else from its logged path; checked by SHA-256. */
async function loggedData(decision: Decision, logDir: string | null): Promise<TableFile[] | ReplayFailure> {
  const files: TableFile[] = [];
  for (const f of decision.data.files) {
    const kept = logDir === null ? null : path.join(logDir, 'data', f.sha256);
    const where = [kept, f.path ?? null].filter((p): p is string => p !== null);
    let found = false;
    for (const file of where) {
      if ((await pathKind(file)) !== 'file') continue;
      const bytes = await readBytes(file);
      if (sha256Hex(bytes) !== f.sha256) return { why: 'fileChanged', name: f.name, file, now: short(sha256Hex(bytes)), logged: short(f.sha256) };
      files.push({ name: f.name, bytes });
      found = true;
      break;
    }
    if (!found) return { why: 'fileMissing', name: f.name, tried: where };
  }
  return files;
}

function short(sha: string): string {
  return `${sha.slice(0, 12)}…`;
}
