// The runtime's results shaped for the preview: data files loaded and checked by the runtime, the graph
// evaluated, and each kind's units with their sections, indicators, rank and tier; explanations rendered by
// the runtime; the policy's tests run; two versions compiled, diffed and compared on data for the review.
import { compile } from '../../../compiler/index.js';
import { compareResults } from '../../../compiler/diff-impact.js';
import { semanticDiff } from '../../../compiler/semantic-diff.js';
import type { IndicatorNode, RuleGraph, SectionNode, SourceRef, TiersNode } from '../../../runtime/graph.js';
import {
  checkDataset,
  evaluate,
  explain,
  readJsonDataset,
  readTables,
  renderTrace,
  runTests,
  type Dataset,
  type Results,
} from '../../../runtime/index.js';
import { decodeText } from '../../../runtime/tables.js';
import type { DatasetFile, ExplainResult, PreviewKind, PreviewModel, ReviewResult, SourceText, SpanRef, TestOutcome } from './protocol.js';

export interface LoadedData {
  dataset: Dataset;
  period: string | null;
}

/** Reads data files (one JSON file, or CSV/XLSX tables) into a checked dataset for this graph. */
export function loadData(graph: RuleGraph, files: DatasetFile[]): { data: LoadedData | null; issues: string[] } {
  const json = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  if (json.length > 1 || (json.length === 1 && files.length > 1)) {
    return { data: null, issues: ['一次只能使用一个 JSON 数据文件，或一组 CSV/XLSX 表格'] };
  }
  const unknown = files.find((f) => !/\.(json|csv|xlsx)$/i.test(f.name));
  if (unknown) return { data: null, issues: [`不支持的数据文件：${unknown.name}（支持 .json、.csv、.xlsx）`] };
  const raw = json.length === 1 ? readJsonDataset(decodeText(json[0]!.bytes)) : readTables(graph, files);
  const dataset = checkDataset(graph, raw);
  const errors = dataset.issues.filter((i) => i.severity === 'error').map((i) => i.message);
  if (errors.length) return { data: null, issues: errors };
  return { data: { dataset, period: evaluationPeriod(graph, dataset) }, issues: dataset.issues.map((i) => i.message) };
}

/** A dataset with period parts is evaluated for the policy's declared period (e.g. 2021 from its quarters). */
function evaluationPeriod(graph: RuleGraph, dataset: Dataset): string | null {
  const declared = graph.periods[0]?.period;
  return declared !== undefined && dataset.periods.includes(declared) ? declared : (declared ?? null);
}

export function evaluatePreview(graph: RuleGraph, label: string, files: DatasetFile[]): { model: PreviewModel | null; data: LoadedData | null; issues: string[] } {
  const loaded = loadData(graph, files);
  if (!loaded.data) return { model: null, data: null, issues: loaded.issues };
  const evaluated = evaluate(graph, loaded.data.dataset, { period: loaded.data.period ?? undefined });
  const issues = [...loaded.issues, ...evaluated.issues.map((i) => i.message)];
  if (!evaluated.results) return { model: null, data: null, issues };
  return { model: previewModel(graph, label, evaluated.results), data: loaded.data, issues };
}

function previewModel(graph: RuleGraph, label: string, results: Results): PreviewModel {
  const sectionName = new Map(graph.nodes.filter((n): n is SectionNode => n.role === 'section').map((n) => [n.id, n.name]));
  const indicatorSection = new Map(
    graph.nodes.filter((n): n is IndicatorNode => n.role === 'indicator').map((n) => [`${n.kind}\u0000${n.name}`, sectionName.get(n.section) ?? '']),
  );
  const kinds: PreviewKind[] = graph.kinds.map((k) => ({
    name: k.name,
    label: k.label,
    sections: graph.nodes.filter((n): n is SectionNode => n.role === 'section' && n.kind === k.name).map((n) => ({ name: n.name, points: n.points })),
    tiers: graph.nodes.filter((n): n is TiersNode => n.role === 'tiers' && n.kind === k.name).flatMap((n) => n.tiers.map((t) => t.name)),
    units: results.units
      .filter((u) => u.kind === k.name)
      .map((u) => ({
        id: u.id,
        name: u.name ?? u.id,
        kind: u.kind,
        total: u.total,
        rank: u.rank,
        tier: u.tier ?? null,
        sections: Object.fromEntries(Object.entries(u.sections).map(([name, s]) => [name, s.score])),
        indicators: Object.entries(u.indicators).map(([name, i]) => ({
          name,
          section: indicatorSection.get(`${u.kind}\u0000${name}`) ?? '',
          score: i.score,
          points: i.points,
          exempt: i.exempt ?? false,
        })),
      })),
  }));
  return { policy: graph.policy.name, version: graph.policy.version, period: results.period ?? null, dataLabel: label, kinds };
}

export function explainUnit(graph: RuleGraph, data: LoadedData, unit: string, indicator: string | null): ExplainResult {
  const trace = explain(graph, data.dataset, unit, { indicator: indicator ?? undefined, period: data.period ?? undefined });
  const who = trace.name ?? unit;
  return { title: `${who} · ${indicator ?? '总分、名次与分段'}的得分说明`, lines: renderTrace(trace), error: null };
}

function spanRef(span: SourceRef | null | undefined): SpanRef | null {
  return span ? { path: span.file, start: span.start, end: span.end } : null;
}

export function runPolicyTests(graph: RuleGraph): TestOutcome[] {
  const specs = new Map(graph.tests.map((t) => [t.title, t]));
  return runTests(graph).results.map((r) => ({
    title: r.title,
    passed: r.passed,
    span: spanRef(specs.get(r.title)?.span),
    failures: r.failures.map((f) => ({
      text: f.text,
      expected: String(f.expected),
      actual: String(f.actual),
      span: spanRef(f.span),
    })),
  }));
}

/** Compiles both versions, diffs them, and evaluates both on the data to measure the impact. */
export function reviewVersions(before: SourceText[], after: SourceText[], data: DatasetFile[]): ReviewResult {
  const old = compile(before);
  const next = compile(after);
  if (!old.graph || !next.graph) {
    const which = !old.graph ? '旧版本' : '新版本';
    return { diff: null, impact: null, error: `${which}有编译错误，无法比较（请先在编辑视图中修正）` };
  }
  const diff = semanticDiff(old.graph, next.graph);
  if (!data.length) return { diff, impact: null, error: '没有样本数据，只显示规则变化' };
  const results: Results[] = [];
  for (const graph of [old.graph, next.graph]) {
    const loaded = loadData(graph, data);
    const evaluated = loaded.data ? evaluate(graph, loaded.data.dataset, { period: loaded.data.period ?? undefined }) : null;
    if (!evaluated?.results) {
      const issues = [...loaded.issues, ...(evaluated?.issues.map((i) => i.message) ?? [])];
      return { diff, impact: null, error: `样本数据不能按${graph === old.graph ? '旧' : '新'}版本评估：${issues[0] ?? ''}` };
    }
    results.push(evaluated.results);
  }
  return { diff, impact: compareResults(results[0]!, results[1]!, diff), error: null };
}
