// The runtime's results shaped for the preview: data files loaded and checked by the runtime, the graph
// evaluated, and each kind's units with their sections, indicators, rank and tier; explanations rendered by
// the runtime; the policy's tests run; two versions compiled, diffed and compared on data for the review.
import { armSites, compile } from '../../../compiler/index.js';
import { cliMessage, render } from '../../../messages/index.js';
import { compareResults, type ResultsLike, type UnitImpact } from '../../../review/diff-impact.js';
import { semanticDiff } from '../../../review/semantic-diff.js';
import { dataPeriod, reviewData } from '../../../review/review-data.js';
import type { IndicatorNode, RuleGraph, SectionNode, SourceRef, TiersNode } from '../../../graph/graph.js';
import { renderTraceItem, type TraceStyle } from '../../../runtime/explanation/render-trace.js';
import type { Trace, TraceItem } from '../../../runtime/explanation/trace.js';
import { expectedAndActual } from '../../../messages/numbers.js';
import {
  checkDataset,
  evaluate,
  explain,
  decodeText,
  readJsonDataset,
  readTables,
  renderTraceLines,
  runTests,
  runTestsWithCoverage,
  meetsMinimum,
  coveragePercent,
  type CoverageGroup,
  type Dataset,
  type RawDataset,
  type Results,
} from '../../../runtime/index.js';
import { previewWarnings } from './preview-warnings.js';
import type { CoverageGroupView, CoverageView, DatasetFile, ExplainGroup, ExplainResult, PreviewKind, PreviewModel, ReviewResult, SourceText, SpanRef, TestOutcome, WhatIf } from './protocol.js';

export interface LoadedData {
  dataset: Dataset;
  /** The period evaluated, when the data holds several. */
  period: string | null;
}

/** The data files last read, and the last check of them: re-used while only the rules change. */
let lastRead: { files: DatasetFile[]; shape: string; raw: RawDataset } | null = null;
let lastChecked: { raw: RawDataset; shape: string; dataset: Dataset } | null = null;

/**
 * What a dataset is checked against: the kinds, records, inputs and relations of the graph. Edits to the
 * scoring rules leave it unchanged, so the checked data can be re-used on every keystroke.
 */
function inputShape(graph: RuleGraph): string {
  const nodes = graph.nodes
    .filter((n) => n.role === 'input' || n.role === 'relation')
    .map((n) => [n.id, n.kind, n.name, n.type, n.role === 'input' ? n.missing : n.target]);
  return JSON.stringify([graph.kinds, graph.records, nodes]);
}

function readRaw(graph: RuleGraph, files: DatasetFile[], json: DatasetFile | undefined, shape: string): RawDataset {
  // JSON reads the same whatever the graph; tables are matched to the graph's kinds and inputs.
  if (lastRead && lastRead.files === files && (json || lastRead.shape === shape)) return lastRead.raw;
  const raw = json ? readJsonDataset(decodeText(json.bytes)) : readTables(graph, files);
  lastRead = { files, shape, raw };
  return raw;
}

/** Reads data files (one JSON file, or CSV/XLSX tables) into a checked dataset for this graph. */
export function loadData(graph: RuleGraph, files: DatasetFile[]): { data: LoadedData | null; issues: string[] } {
  const json = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  if (json.length > 1 || (json.length === 1 && files.length > 1)) {
    return { data: null, issues: ['一次只能使用一个 JSON 数据文件，或一组 CSV/XLSX 表格'] };
  }
  const unknown = files.find((f) => !/\.(json|csv|xlsx)$/i.test(f.name));
  if (unknown) return { data: null, issues: [`不支持的数据文件：${unknown.name}（支持 .json、.csv、.xlsx）`] };
  const shape = inputShape(graph);
  const raw = readRaw(graph, files, json[0], shape);
  const dataset =
    lastChecked && lastChecked.raw === raw && lastChecked.shape === shape
      ? { ...lastChecked.dataset, graph }
      : checkDataset(graph, raw);
  lastChecked = { raw, shape, dataset };
  const errors = dataset.issues.filter((i) => i.severity === 'error').map((i) => i.message);
  if (errors.length) return { data: null, issues: errors };
  return { data: { dataset, period: dataPeriod([graph], raw) }, issues: dataset.issues.map((i) => i.message) };
}

function evaluateLoaded(graph: RuleGraph, data: LoadedData): ReturnType<typeof evaluate> {
  return evaluate(graph, data.dataset, data.period === null ? {} : { period: data.period });
}

export function evaluatePreview(graph: RuleGraph, label: string, files: DatasetFile[]): { model: PreviewModel | null; data: LoadedData | null; issues: string[] } {
  const loaded = loadData(graph, files);
  if (!loaded.data) return { model: null, data: null, issues: loaded.issues };
  const evaluated = evaluateLoaded(graph, loaded.data);
  const issues = [...loaded.issues, ...evaluated.issues.map((i) => i.message)];
  if (!evaluated.results) return { model: null, data: null, issues };
  return { model: previewModel(graph, label, evaluated.results, loaded.data.dataset), data: loaded.data, issues };
}

function previewModel(graph: RuleGraph, label: string, results: Results, dataset: Dataset): PreviewModel {
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
        tier: u.tier,
        sections: Object.fromEntries(Object.entries(u.sections).map(([name, s]) => [name, s.score])),
        indicators: Object.entries(u.indicators).map(([name, i]) => ({
          name,
          section: indicatorSection.get(`${u.kind}\u0000${name}`) ?? '',
          score: i.score,
          points: i.points,
          exempt: i.exempt === true,
        })),
      })),
  }));
  return {
    policy: graph.policy.name, version: graph.policy.version, period: results.period ?? null, dataLabel: label, kinds,
    warnings: previewWarnings(graph, dataset),
  };
}

/** The preview's units as the impact comparison reads results. */
function previewResults(model: PreviewModel): ResultsLike {
  return {
    units: model.kinds.flatMap((k) => k.units.map((u) => ({
      id: u.id, kind: u.kind, name: u.name, total: u.total, rank: u.rank, tier: u.tier,
      indicators: Object.fromEntries(u.indicators.map((i) => [i.name, { score: i.score, exempt: i.exempt }])),
    }))),
  };
}

function moved(u: UnitImpact): boolean {
  return (u.change !== null && u.change !== 0) || u.before?.rank !== u.after?.rank || u.before?.tier !== u.after?.tier
    || (u.before?.total ?? null) !== (u.after?.total ?? null);
}

/**
 * What the unsaved edits change: the saved version evaluated on the same data as the edited one, compared unit
 * by unit with the review's impact comparison (review/diff-impact.ts).
 */
export function whatIfAgainst(saved: { graph: RuleGraph | null; model: PreviewModel | null; issue: string | null }, current: PreviewModel): WhatIf {
  if (!saved.graph) return { changed: [], error: { savedBroken: true } };
  if (!saved.model) return { changed: [], error: { data: saved.issue ?? '' } };
  const impact = compareResults(previewResults(saved.model), previewResults(current), { renames: {} });
  return { changed: impact.units.filter(moved), error: null };
}

export function explainUnit(graph: RuleGraph, data: LoadedData, unit: string, indicator: string | null): ExplainResult {
  const { trace, issues } = explain(graph, data.dataset, unit, {
    ...(indicator === null ? {} : { indicator }),
    ...(data.period === null ? {} : { period: data.period }),
  });
  const what = indicator ?? '总分、名次与分段';
  if (!trace) return { title: `${unit} · ${what}`, groups: [], error: issues[0]?.message ?? '无法生成说明' };
  const style: TraceStyle = { places: graph.policy.precision };
  // The first line names the unit, policy and period: it becomes the title; a note on the period's scope follows it.
  const [heading, ...notes] = renderTraceLines({ ...trace, items: [] }, style);
  return { title: `${heading ?? unit} · ${what}`, groups: explanationGroups(trace, notes, style), error: null };
}

const STANDING_ORDER: Partial<Record<TraceItem['item'], number>> = { tier: 0, rank: 1, total: 2 };

/** The runtime's lines of a trace, grouped: the standing first (the tier's reason on top), then by section. */
function explanationGroups(trace: Trace, notes: string[], style: TraceStyle): ExplainGroup[] {
  const standing = trace.items.filter((t) => t.item in STANDING_ORDER).sort((a, b) => STANDING_ORDER[a.item]! - STANDING_ORDER[b.item]!);
  const groups: ExplainGroup[] = standing.length ? [{ kind: 'standing', section: null, lines: standing.flatMap((t) => renderTraceItem(t, trace, style)) }] : [];
  const bySection = new Map<string, ExplainGroup>();
  const other: ExplainGroup = { kind: 'other', section: null, lines: [] };
  for (const t of trace.items) {
    if (t.item in STANDING_ORDER) continue;
    const section = t.item === 'indicator' ? t.section : t.item === 'section' ? t.name : null;
    let group = other;
    if (section !== null) {
      group = bySection.get(section) ?? { kind: 'section', section, lines: [] };
      if (!bySection.has(section)) {
        bySection.set(section, group);
        groups.push(group);
      }
    }
    group.lines.push(...renderTraceItem(t, trace, style));
  }
  if (other.lines.length) groups.push(other);
  // A note on the period's scope follows the standing, before the sections it concerns.
  if (notes.length) groups.splice(standing.length ? 1 : 0, 0, { kind: 'other', section: null, lines: notes });
  return groups;
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
      ...expectedAndActual(f, 'zh'),
      span: spanRef(f.span),
    })),
  }));
}

/** What the policy's tests reach of its indicator tree, and the declared minimums they miss. */
export function policyCoverage(graph: RuleGraph): CoverageView {
  const { coverage } = runTestsWithCoverage(graph, armSites);
  const view = ({ indicators, ...g }: CoverageGroup): CoverageGroupView => ({
    ...g,
    span: spanRef(g.span)!,
    elements: g.elements.map((e) => ({ ...e, span: spanRef(e.span)! })),
    ...(indicators ? { indicators: indicators.map(view) } : {}),
  });
  const below = (graph.testCoverage ?? [])
    .filter((m) => !meetsMinimum(coverage[m.measure], m.minimum))
    .map((m) => render(cliMessage('coverageBelow', {
      measure: m.measure, percent: coveragePercent(coverage[m.measure]), minimum: +(m.minimum * 100).toPrecision(12),
      at: `${m.span.file}:${m.span.line}:${m.span.column}`,
    }), 'zh'));
  const count = (measure: 'indicators' | 'branches') => ({ ...coverage[measure], percent: coveragePercent(coverage[measure]) });
  return { tests: coverage.tests, indicators: count('indicators'), branches: count('branches'), groups: coverage.groups.map(view), below };
}

/** Compiles both versions, diffs them, and evaluates both on the same data to measure the impact. */
export function reviewVersions(before: SourceText[], after: SourceText[], data: DatasetFile[]): ReviewResult {
  const old = compile(before);
  const next = compile(after);
  if (!old.graph || !next.graph) {
    const which = !old.graph ? '旧版本' : '新版本';
    return { diff: null, impact: null, notes: [], error: `${which}有编译错误，无法比较（请先在编辑视图中修正）` };
  }
  const diff = semanticDiff(old.graph, next.graph);
  const file = data[0];
  if (!file) return { diff, impact: null, notes: [], error: '没有样本数据，只显示规则变化' };
  const review = reviewData(old.graph, next.graph, readJsonDataset(decodeText(file.bytes)), null);
  const results: Results[] = [];
  const notes = review.notes.map((n) => render(n, 'zh'));
  for (const [version, label] of [[review.before, '旧版本'], [review.after, '新版本']] as const) {
    const dataset = checkDataset(version.graph, version.raw!);
    // A unit whose data does not fit one version is left out of the comparison, and listed.
    const evaluated = evaluate(version.graph, dataset, { skipBadUnits: true, ...(review.period === null ? {} : { period: review.period }) });
    const skipped = evaluated.results?.skipped ?? [];
    if (skipped.length) {
      notes.push(`${label}未能评估 ${skipped.length} 个单位，未参与比较：${skipped.map((u) => `${u.unit}（${u.reasons[0] ?? ''}）`).join('；')}`);
    }
    if (!evaluated.results) {
      const first = evaluated.issues.find((i) => i.severity === 'error')?.message ?? '';
      return { diff, impact: null, notes, error: `样本数据不能按${label}评估：${first}` };
    }
    results.push(evaluated.results);
  }
  return { diff, impact: compareResults(results[0]!, results[1]!, diff), notes, error: null };
}
