// One evaluation request's work, from the bytes sent to the answer's results text: run on a worker thread of
// the service's pool (evaluation-worker.ts) or, without a pool, on the event loop. Plain data in and out, so
// it crosses between threads; a refusal comes back as the ServiceError's parts.
import type { Results, RuleGraph, TableFile } from '../../runtime/index.js';
import { readJsonDataset, type RawDataset } from '../../runtime/data/dataset.js';
import { dataFilesOf, rawData } from '../load-data.js';
import { evaluateRaw } from '../evaluate-data.js';
import { sortedResultsJson } from '../decision-log.js';
import { HINTS } from '../../messages/serve.js';
import { ServiceError } from './messages.js';

export interface EvaluationTask {
  graphSha256: string;
  /**
   * the graph as UTF-8 JSON, as the service compiled it (so not checked again), in shared memory for the pool's
   * threads (given to a thread without a copy): parsed once per thread and graph
   */
  graphJson: Uint8Array;
  /** the JSON body's bytes, or the uploaded files */
  data: { json: Uint8Array } | { files: TableFile[] };
  period: string | null;
  skipBadUnits: boolean;
  maxUnits: number;
  evaluationMs: number;
  /** also give the results as an object (for the decision log) */
  withResults: boolean;
}

export type EvaluationAnswer =
  | {
      ok: true;
      resultsSha256: string;
      /**
       * the results as compact JSON with sorted keys, UTF-8 bytes of their own (TextEncoder's, never a slice of Buffer's shared pool):
       * the answer's bytes, made on the thread that evaluated and moved, not copied, from it
       */
      resultsJson: Uint8Array;
      results: Results | null;
    }
  | { ok: false; error: { code: ServiceError['code']; params: ServiceError['params']; location: string | null; extra: ServiceError['extra'] } };

/** Graphs parsed in this thread, by SHA-256 (a few: the policies a service offers). */
const graphs = new Map<string, RuleGraph>();
const MAX_GRAPHS = 16;

function graphOf(task: EvaluationTask): RuleGraph {
  let graph = graphs.get(task.graphSha256);
  if (!graph) {
    graph = JSON.parse(utf8Text(task.graphJson)) as RuleGraph;
    graphs.set(task.graphSha256, graph);
    if (graphs.size > MAX_GRAPHS) graphs.delete(graphs.keys().next().value!);
  }
  return graph;
}

function utf8Text(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** A JSON body read as the runtime reads it: malformed JSON is a bad request, not a data problem. */
export function jsonBodyData(bytes: Uint8Array): RawDataset {
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8Text(bytes));
  } catch (e) {
    throw new ServiceError('KS408', { detail: (e as Error).message }, 'body');
  }
  return readJsonDataset(parsed);
}

/** The data, refused when it has more units than one request may. */
export function withinUnits(raw: RawDataset, maxUnits: number): RawDataset {
  if (raw.units.length > maxUnits) throw new ServiceError('KS414', { units: raw.units.length, limit: maxUnits }, 'body');
  return raw;
}

async function requestData(graph: RuleGraph, data: EvaluationTask['data'], maxUnits: number): Promise<RawDataset> {
  return withinUnits('json' in data ? jsonBodyData(data.json) : rawData(graph, await dataFilesOf(data.files)), maxUnits);
}

/** Stops an evaluation past the time limit, between two nodes of the graph. */
export function deadline(evaluationMs: number): () => void {
  const end = performance.now() + evaluationMs;
  return () => {
    if (performance.now() > end) throw new ServiceError('KS503', { limit: evaluationMs });
  };
}

export function evaluationFailure(outcome: Extract<ReturnType<typeof evaluateRaw>, { evaluated: null }>, side: string | null): ServiceError {
  const location = side === null ? 'body' : `query.${side}`;
  if (outcome.failure === 'all-skipped') return new ServiceError('KS422', { count: outcome.skipped }, location, { issues: outcome.issues });
  return new ServiceError('KS421', { count: outcome.issues.length, hint: outcome.skippable ? HINTS.skippable : '' }, location, { issues: outcome.issues });
}

export async function evaluateRequest(task: EvaluationTask): Promise<EvaluationAnswer> {
  try {
    const graph = graphOf(task);
    const raw = await requestData(graph, task.data, task.maxUnits);
    const outcome = evaluateRaw(graph, raw, { period: task.period, skipBadUnits: task.skipBadUnits, onProgress: deadline(task.evaluationMs) });
    if (!outcome.evaluated) throw evaluationFailure(outcome, null);
    const { results } = outcome.evaluated;
    // Compact in the answer: the indented form the hash is of is 2.5 times the bytes for a client to read.
    const { json, sha256 } = sortedResultsJson(results);
    return { ok: true, resultsSha256: sha256, resultsJson: json, results: task.withResults ? results : null };
  } catch (e) {
    if (!(e instanceof ServiceError)) throw e;
    return { ok: false, error: { code: e.code, params: e.params, location: e.location, extra: e.extra } };
  }
}
