// `kaoping eval --stream` (and `explain --stream`): CSV tables read in chunks straight into columns and
// evaluated by the compiled kernels, for populations too large to hold as one object per unit (a million
// units). Per-unit results are made only for what is shown: the head of each ranking on the terminal, and,
// for --out, every unit a batch at a time while the file is written.
import path from 'node:path';
import type { RuleGraph, TiersNode } from '../graph/graph.js';
import type { EvalState } from '../runtime/evaluation/state.js';
import type { UnitResults } from '../runtime/index.js';
import { ColumnarCsvReader, type StreamedDataset } from '../runtime/data/columnar-csv.js';
import { run } from '../runtime/evaluation/evaluate.js';
import { unitOrder, unitResults } from '../runtime/results/results.js';
import { individualPart } from '../runtime/explanation/explain.js';
import { InputError, displayPath, langOf, tell, type CliContext } from './context.js';
import { phrasebook, type Lang } from '../messages/catalogue.js';
import { REPORT_RESULTS } from '../messages/report-results.js';
import { cliMessage } from '../messages/index.js';
import type { IndividualPart } from '../reports/individual-shares.js';
import { fileSize, readChunks, writeAtomic } from './files.js';
import { withReadProgress } from './progress.js';
import { dataPaths, errorCount, renderIssues } from './load-data.js';
import { kindTable } from './ranking-tables.js';
import { CSV_BOM, csvLayout, csvLines, type Cell, type CsvOptions } from '../reports/results-file.js';
import type { HeaderLanguage } from '../messages/results-words.js';

/** Bytes read at a time: large enough to keep parsing cheap, small beside a million units' columns. */
const CHUNK_BYTES = 1 << 20;
/** Units turned into results rows at a time while writing --out (rows of larger batches lived long enough to be promoted to the old generation, and the heap doubled). */
const ROWS_PER_BATCH = 100;

export interface StreamOptions {
  period: string | null;
  out: string | null;
  /** units of each kind shown on the terminal */
  top: number;
  csv: CsvOptions;
  headers: HeaderLanguage;
}

/** Streamed data, evaluated: the state, the period of its rows, and how long reading and evaluating took. */
export interface StreamedEvaluation {
  state: EvalState;
  period: string | null;
  files: number;
  readMs: number;
  evaluateMs: number;
}

/** Reads and evaluates the CSV files DATA names; the data's problems are printed, and nothing is evaluated if any is an error. */
export async function evaluateStreamed(ctx: CliContext, graph: RuleGraph, spec: string, period: string | null): Promise<StreamedEvaluation> {
  const files = await dataPaths(ctx, spec);
  const other = files.find((f) => !/\.csv$/i.test(f));
  if (other) throw new InputError(cliMessage('streamCsvOnly', { file: displayPath(ctx, other) }));
  const started = performance.now();
  let bytes = 0;
  for (const f of files) bytes += await fileSize(f);
  const streamed = await withReadProgress(ctx, bytes, (onProgress) => readStreamed(graph, files, period, onProgress && ((done) => onProgress(done, bytes))));
  const read = performance.now();
  const evaluation = streamed.data ? run(graph, streamed.data, { backend: 'kernels', ...(streamed.period ? { period: streamed.period } : {}) }) : null;
  const issues = [...streamed.issues, ...(evaluation?.issues ?? [])];
  if (issues.length > 0) ctx.err(renderIssues(ctx, issues));
  const state = evaluation?.state;
  if (!state) {
    throw new InputError(cliMessage('dataErrors', { where: null, ...errorCount(issues), skippable: false }));
  }
  return { state, period: streamed.period, files: files.length, readMs: read - started, evaluateMs: performance.now() - read };
}

export async function streamEval(ctx: CliContext, graph: RuleGraph, spec: string, opts: StreamOptions): Promise<void> {
  const { state, period, files, readMs, evaluateMs } = await evaluateStreamed(ctx, graph, spec, opts.period);
  const kinds = graph.kinds.map((k) => k.name).filter((k) => state.kinds.get(k)!.ids.length > 0);
  ctx.out(kinds.map((kind) => kindSummary(graph, state, kind, period, opts.top, langOf(ctx))).join('\n'));
  const units = kinds.reduce((n, k) => n + state.kinds.get(k)!.ids.length, 0);
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  ctx.err(`${tell(ctx, 'streamed', { units, files, read: seconds(readMs), evaluated: seconds(evaluateMs) })}\n`);
  if (opts.out) {
    await writeAtomic(path.resolve(ctx.cwd, opts.out), resultsCsv(graph, state, kinds, opts.headers, opts.csv));
    ctx.err(`${tell(ctx, 'wrote', { file: opts.out })}
`);
  }
}

/** The CSV files read in chunks into a columnar dataset. */
export async function readStreamed(graph: RuleGraph, files: string[], period: string | null, onRead?: (bytes: number) => void): Promise<StreamedDataset> {
  const reader = new ColumnarCsvReader(graph, period);
  let read = 0;
  for (const file of files) {
    const sink = reader.file(path.basename(file));
    for await (const chunk of readChunks(file, CHUNK_BYTES)) {
      sink.push(chunk);
      onRead?.((read += chunk.length));
    }
    sink.end();
  }
  return reader.finish();
}

/** A kind's results in their order, one unit at a time, with the unit's share of a related unit's total. */
function* kindResults(state: EvalState, kind: string, count = Infinity): Generator<[UnitResults, IndividualPart | undefined]> {
  const unit = unitResults(state, kind);
  const total = state.totals.get(kind);
  const order = unitOrder(state, kind);
  for (let k = 0; k < order.length && k < count; k++) {
    const i = order[k]!;
    yield [unit(i), (total && individualPart(state, total, i)) ?? undefined];
  }
}

/** The head of the kind's ranking, and how many units each tier holds. */
function kindSummary(graph: RuleGraph, state: EvalState, kind: string, period: string | null, top: number, lang: Lang): string {
  const words = phrasebook(REPORT_RESULTS, lang);
  const n = state.kinds.get(kind)!.ids.length;
  const shown = [...kindResults(state, kind, top)];
  const parts = new Map(shown);
  const heading = words('rankingHeading', { kind, units: n, shown: shown.length < n ? shown.length : null, period });
  const lines = [kindTable(graph, kind, heading, shown.map(([u]) => u), (u) => parts.get(u), lang)];
  for (const t of graph.nodes) if (t.role === 'tiers' && t.kind === kind) lines.push(`${tierCounts(state, t, n, words)}\n`);
  return lines.join('');
}

function tierCounts(state: EvalState, t: TiersNode, n: number, words: ReturnType<typeof phrasebook<typeof REPORT_RESULTS>>): string {
  const tier = state.tierOutcomes.get(t.id)?.tier;
  const counts = new Array<number>(t.tiers.length + 1).fill(0); // the last: units given no tier
  for (let i = 0; i < n; i++) counts[tier && tier[i]! >= 0 ? tier[i]! : t.tiers.length]!++;
  return words('tierCounts', { tiers: t.name, counts: t.tiers.map((rule, k) => ({ tier: rule.name, units: counts[k]! })), untiered: counts[t.tiers.length]! });
}

/** The results CSV of whole-file evaluation, made and written a batch of units at a time. */
function* resultsCsv(graph: RuleGraph, state: EvalState, kinds: string[], lang: HeaderLanguage, csv: CsvOptions): Generator<string> {
  const layout = csvLayout(graph, kinds, lang);
  yield CSV_BOM + csvLines([layout.header], csv);
  for (const kind of kinds) {
    let rows: Cell[][] = [];
    for (const [u, part] of kindResults(state, kind)) {
      rows.push(layout.cells(kind, u, part));
      if (rows.length === ROWS_PER_BATCH) {
        yield csvLines(rows, csv);
        rows = [];
      }
    }
    yield csvLines(rows, csv);
  }
}
