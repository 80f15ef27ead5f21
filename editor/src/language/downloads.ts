// The editor's downloads, made in the language worker from the last good preview: the results as the CLI's styled
// workbook (`eval --out x.xlsx`, ExcelJS's browser build) and the bulletin as the CLI's self-contained HTML page
// (`bulletin --out x.html`) in the page's language. Loaded on the first download, so the worker starts without ExcelJS.
import { bulletinHtml } from '../../../reports/bulletin-html.js';
import { buildBulletin } from '../../../reports/bulletin.js';
import { individualsOf } from '../../../reports/individual-shares.js';
import { resultsFile } from '../../../reports/results-file.js';
import { run } from '../../../runtime/evaluation/evaluate.js';
import type { RuleGraph } from '../../../graph/graph.js';
import { buildResults } from '../../../runtime/results/results.js';
import { editorMessage, render, type Lang } from '../../../messages/index.js';
import type { LoadedData } from './preview-model.js';
import type { DownloadFile } from './protocol.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function evaluated(graph: RuleGraph, data: LoadedData) {
  const outcome = run(graph, data.dataset, data.period === null ? {} : { period: data.period });
  if (!outcome.state) return null;
  return { results: buildResults(outcome.state, outcome.label, outcome.skipped, outcome.issues, false), individuals: individualsOf(outcome.state), state: outcome.state };
}

export async function download(graph: RuleGraph, data: LoadedData, what: 'results' | 'bulletin', lang: Lang): Promise<DownloadFile | null> {
  const done = evaluated(graph, data);
  if (!done) return null;
  const name = render(editorMessage('downloadName', { base: `${graph.policy.name}-${done.results.period ?? graph.policy.version}`, what }), lang);
  if (what === 'bulletin') {
    const page = bulletinHtml(buildBulletin(graph, done, null, lang));
    return { name, type: 'text/html;charset=utf-8', bytes: new TextEncoder().encode(page) };
  }
  const bytes = await resultsFile(graph, done, 'results.xlsx', lang, { raw: false });
  return { name, type: XLSX_TYPE, bytes: bytes as Uint8Array };
}
