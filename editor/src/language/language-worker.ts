// The language worker: runs the real compiler on the open policy's sources, the real runtime on the chosen
// data, and answers the editor's questions (hover, completion, definition, rename, explanations, formatting,
// review). A message loop only; the work is in the compiler, the runtime, symbol-queries and preview-model.
import { formatSource } from '../../../dsl/format.js';
import { localizeDiagnostics } from '../../../dsl/localize-diagnostics.js';
import { compile } from '../../../compiler/index.js';
import type { SymbolTable } from '../../../compiler/symbol-table.js';
import type { RuleGraph } from '../../../graph/graph.js';
import type { Analysis, DatasetFile, PreviewModel, SourceText, WorkerEnvelope, WorkerReply, WorkerRequest, WorkerResponses } from './protocol.js';
import { completionsAt, definitionAt, hoverAt, renameAt } from './symbol-queries.js';
import { foldingSpans, toEditorDiagnostic } from './compile-view.js';
import { evaluatePreview, explainUnit, policyCoverage, reviewVersions, runPolicyTests, whatIfAgainst, type LoadedData } from './preview-model.js';
import { editorMessage, render, type EditorArgs, type EditorKey, type Lang } from '../../../messages/index.js';

/** The language of the request being answered (each envelope carries the page's). */
let lang: Lang = 'zh';
const say = <K extends EditorKey>(key: K, ...params: EditorArgs<K>): string => render(editorMessage(key, ...params), lang);

interface LastGood {
  graph: RuleGraph;
  data: LoadedData | null;
  model: PreviewModel | null;
}

let symbols: SymbolTable | null = null;
let lastGood: LastGood | null = null;
let lastAnalysis: Analysis | null = null;
interface ChosenData {
  label: string;
  files: DatasetFile[];
}
let dataset: ChosenData | null = null;
/** The folder of the policy analysed last: another policy starts without the previous one's preview. */
let policyFolder: string | null = null;
/** The saved version, compiled, and evaluated on the dataset it was last evaluated on (kept while only edits change). */
let savedVersion: { key: string; graph: RuleGraph | null; dataset: ChosenData | null; model: PreviewModel | null; issue: string | null } | null = null;

/** The saved version's preview on the current data, compiled and evaluated again only when it or the data changed. */
function savedPreview(saved: SourceText[]): NonNullable<typeof savedVersion> {
  const key = JSON.stringify(saved);
  if (savedVersion?.key !== key) savedVersion = { key, graph: compile(saved, { preview: true, lang }).graph, dataset: null, model: null, issue: null };
  if (savedVersion.graph && dataset && savedVersion.dataset !== dataset) {
    const outcome = evaluatePreview(savedVersion.graph, dataset.label, dataset.files, lang);
    savedVersion = { ...savedVersion, dataset, model: outcome.model, issue: outcome.issues[0] ?? null };
  }
  return savedVersion;
}

function analyze(version: number, sources: SourceText[], saved: SourceText[] | null): Analysis {
  const started = performance.now();
  const folder = sources[0]?.path.slice(0, sources[0].path.lastIndexOf('/')) ?? null;
  if (folder !== policyFolder) {
    policyFolder = folder;
    lastGood = null;
    dataset = null;
  }
  // The preview runs on a section whose points do not add up, with the points it states (still an error).
  const compiled = compile(sources, { preview: true, lang });
  if (compiled.symbols) symbols = compiled.symbols;
  const diagnostics = compiled.diagnostics.map(toEditorDiagnostic);
  const folding = foldingSpans(compiled.files);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const first = errors[0];
  const firstError = first ? `${first.code} ${first.message}` : null;
  let preview: Analysis['preview'];
  if (!compiled.graph) {
    preview = {
      model: lastGood?.model ?? null,
      stale: lastGood?.model != null,
      reason: say('previewNotUpdated', { errors: errors.length, first: firstError }),
      dataIssues: [],
      pointsMismatch: [],
      whatIf: null,
    };
  } else {
    preview = refreshPreview(compiled.graph);
    preview.pointsMismatch = compiled.diagnostics.filter((d) => d.code === 'KP3001').map((d) => String(d.text.params['section']));
    if (saved && preview.model && !preview.stale) preview.whatIf = whatIfAgainst(savedPreview(saved), preview.model);
  }
  lastAnalysis = {
    version,
    diagnostics,
    compiled: compiled.graph !== null,
    preview,
    tests: [], // filled in by the client from the test worker
    testsPending: compiled.graph !== null,
    testsBlocked: errors.length === 0 ? null : say('testsBlocked', { errors: errors.length, first: firstError }),
    folding,
    millis: Math.round(performance.now() - started),
  };
  return lastAnalysis;
}

/** Evaluates the graph on the current data; on data problems keeps the last good result, marked stale. */
function refreshPreview(graph: RuleGraph): Analysis['preview'] {
  if (!dataset) {
    lastGood = { graph, data: null, model: null };
    return { model: null, stale: false, reason: say('noData'), dataIssues: [], pointsMismatch: [], whatIf: null };
  }
  const outcome = evaluatePreview(graph, dataset.label, dataset.files, lang);
  if (outcome.model) {
    lastGood = { graph, data: outcome.data, model: outcome.model };
    return { model: outcome.model, stale: false, reason: null, dataIssues: outcome.issues, pointsMismatch: [], whatIf: null };
  }
  return {
    model: lastGood?.model ?? null,
    stale: lastGood?.model != null,
    reason: say('dataDoesNotFit', { first: outcome.issues[0] ?? say('unknownReason'), count: outcome.issues.length }),
    dataIssues: outcome.issues,
    pointsMismatch: [],
    whatIf: null,
  };
}

function handle(request: WorkerRequest): WorkerResponses[WorkerRequest['type']] | Promise<WorkerResponses[WorkerRequest['type']]> {
  switch (request.type) {
    case 'analyze':
      return analyze(request.version, request.sources, request.saved);
    case 'dataset': {
      dataset = { label: request.label, files: request.files };
      if (!lastAnalysis || !lastGood) return null;
      lastAnalysis = { ...lastAnalysis, preview: refreshPreview(lastGood.graph) };
      return lastAnalysis;
    }
    case 'tests': {
      // Runs in the second worker: its own compile, so the tests never wait for or hold up the preview.
      const { graph } = compile(request.sources, { lang });
      return graph ? runPolicyTests(graph, lang) : null;
    }
    case 'coverage':
      // On demand, of the last policy that compiled (its tests run again with a recorder).
      return lastGood ? policyCoverage(lastGood.graph, lang) : null;
    case 'hover':
      return symbols ? hoverAt(symbols, request.path, request.offset, lang) : null;
    case 'complete':
      return completionsAt(symbols, request.afterDot, lang);
    case 'definition':
      return symbols ? definitionAt(symbols, request.path, request.offset) : null;
    case 'rename':
      return symbols ? renameAt(symbols, request.path, request.offset, request.newName, lang) : { edits: [], error: say('notCompiledRename') };
    case 'explain':
      if (!lastGood?.data) return { title: say('cannotExplain'), groups: [], error: say('noResultsToExplain') };
      return explainUnit(lastGood.graph, lastGood.data, request.unit, request.indicator, lang);
    case 'format': {
      const formatted = formatSource(request.path, request.text);
      return { text: formatted.text, diagnostics: localizeDiagnostics(formatted.diagnostics, lang, () => request.text).map(toEditorDiagnostic) };
    }
    case 'review':
      return reviewVersions(request.before, request.after, request.data, lang);
    case 'download': {
      const good = lastGood;
      if (!good?.data) return null;
      return import('./downloads.js').then((m) => m.download(good.graph, good.data!, request.what, lang));
    }
  }
}

self.addEventListener('message', async (event: MessageEvent<WorkerEnvelope>) => {
  const { id, request } = event.data;
  lang = event.data.lang;
  let reply: WorkerReply;
  try {
    reply = { id, ok: true, value: await handle(request) };
  } catch (error) {
    // A defect in the toolchain must not take the editor down: report it and keep serving.
    reply = { id, ok: false, error: say('internalError', { reason: error instanceof Error ? error.message : String(error) }) };
  }
  self.postMessage(reply);
});
