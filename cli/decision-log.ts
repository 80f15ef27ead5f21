// The decision log: one JSON line per evaluation (policy, version, the SHA-256 of its graph, of the data and of
// the results), appended to DIR/decisions-YYYY-MM-DD.jsonl (UTC), so that a published ranking can be reproduced
// and audited (`kaoping replay`). With `keepData`, a copy of each data file is kept in DIR/data/<sha256>.
import { createHash } from 'node:crypto';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Results } from '../runtime/index.js';
import type { TableFile } from '../runtime/data/tables.js';
import { InputError } from './context.js';
import { indentJsonBytes, sortKeys, stableJson } from '../reports/stable-json.js';
import { cliMessage } from '../messages/index.js';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export const decisionSchema = z.object({
  time: z.string(),
  by: z.enum(['eval', 'serve']),
  /** how the policy was read: a spec (folder, file or REV:path) relative to `cwd` */
  policy: z.object({ spec: z.string(), cwd: z.string(), name: z.string(), version: z.string() }),
  graphSha256: z.string(),
  data: z.object({
    sha256: z.string(),
    files: z.array(z.object({ name: z.string(), sha256: z.string(), path: z.string().optional(), kept: z.boolean().optional() })),
  }),
  period: z.string().nullable(),
  skipBadUnits: z.boolean(),
  counts: z.object({ units: z.number().int(), skipped: z.number().int(), issues: z.number().int() }),
  /** SHA-256 of the results as `kaoping eval --out results.json` writes them */
  resultsSha256: z.string(),
});
export type Decision = z.infer<typeof decisionSchema>;

/**
 * The data's SHA-256: of the file's bytes for one file; for several, of the lines `<sha256>  <name>` sorted by
 * name (what `sha256sum` prints for them, in that order), so an auditor can check either with sha256sum.
 */
export function dataSha256(files: readonly { name: string; sha256: string }[]): string {
  if (files.length === 1) return files[0]!.sha256;
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return sha256Hex(sorted.map((f) => `${f.sha256}  ${f.name}\n`).join(''));
}

export interface DecisionInput {
  by: Decision['by'];
  policy: Decision['policy'];
  graphSha256: string;
  files: readonly (TableFile & { path?: string })[];
  period: string | null;
  skipBadUnits: boolean;
  results: Results;
  /** see resultsSha256() */
  resultsSha256: string;
}

/** The line for one evaluation; `keepData` marks the files as kept in the log's data folder. */
export function decisionOf(input: DecisionInput, keepData: boolean): Decision {
  const files = input.files.map((f) => ({
    name: f.name,
    sha256: sha256Hex(f.bytes),
    ...(f.path !== undefined ? { path: f.path } : {}),
    ...(keepData ? { kept: true } : {}),
  }));
  return {
    time: new Date().toISOString(),
    by: input.by,
    policy: input.policy,
    graphSha256: input.graphSha256,
    data: { sha256: dataSha256(files), files },
    period: input.period,
    skipBadUnits: input.skipBadUnits,
    counts: {
      units: input.results.units.length,
      skipped: input.results.skipped.length,
      // the warnings, and the errors for which units were skipped
      issues: input.results.warnings.length + input.results.skipped.reduce((n, s) => n + s.reasons.length, 0),
    },
    resultsSha256: input.resultsSha256,
  };
}

export function resultsSha256(results: Results): string {
  return sha256Hex(stableJson(results));
}

/**
 * The results as compact JSON with sorted keys (UTF-8) and their resultsSha256, from one serialization: the
 * hash is of the indented form, made from the compact bytes (a second serialization and the encoding of its
 * string took longer than the evaluation of the 2021 sample).
 */
export function sortedResultsJson(results: Results): { json: Uint8Array; sha256: string } {
  const json = new TextEncoder().encode(JSON.stringify(sortKeys(results)));
  const hash = createHash('sha256');
  indentJsonBytes(json, (piece) => hash.update(piece));
  return { json, sha256: hash.update('\n').digest('hex') };
}

/** Appends the line (one write, so concurrent writers do not interleave lines) and keeps the data when asked. */
export async function appendDecision(dir: string, decision: Decision, keep: readonly TableFile[] = []): Promise<void> {
  try {
    await mkdir(keep.length > 0 ? path.join(dir, 'data') : dir, { recursive: true });
    for (const f of keep) {
      // Content-addressed: a file already kept is the same bytes, so an existing copy is left as it is.
      await writeFile(path.join(dir, 'data', sha256Hex(f.bytes)), f.bytes, { flag: 'wx' }).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'EEXIST') throw e;
      });
    }
    await appendFile(path.join(dir, `decisions-${decision.time.slice(0, 10)}.jsonl`), JSON.stringify(decision) + '\n');
  } catch (e) {
    throw new InputError(cliMessage('decisionLogUnwritable', { dir, why: e instanceof Error ? e.message : String(e) }));
  }
}
