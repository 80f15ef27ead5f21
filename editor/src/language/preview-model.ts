// The runtime's results shaped for the preview: data files loaded and checked by the runtime, the graph
// evaluated, and each kind's units with their sections, indicators, rank and tier; explanations rendered by
// the runtime; the policy's tests run; two versions compiled, diffed and compared on data for the review.
import { armSites, compile } from '../../../compiler/index.js';
import { cliMessage, editorMessage, render, type EditorArgs, type EditorKey, type Lang } from '../../../messages/index.js';
import { keywordLanguageOf } from '../../../dsl/format.js';
import { localizeIssues } from '../../../runtime/issues.js';
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
import { previewIndicatorFlags } from './preview-analysis.js';
import { run } from '../../../runtime/evaluation/evaluate.js';
import { buildResults } from '../../../runtime/results/results.js';
import type { CoverageGroupView, CoverageView, DatasetFile, ExplainGroup, ExplainResult, PreviewIndicatorFlags, PreviewKind, PreviewModel, ReviewResult, SourceText, SpanRef, TestOutcome, WhatIf } from './protocol.js';

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
export function loadData(graph: RuleGraph, files: DatasetFile[], lang: Lang): { data: LoadedData | null; issues: string[] } {
  const json = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  if (json.length > 1 || (json.length === 1 && files.length > 1)) {
    return { data: null, issues: [say(lang, 'oneJsonFile')] };
  }
  const unknown = files.find((f) => !/\.(json|csv|xlsx)$/i.test(f.name));
  if (unknown) return { data: null, issues: [say(lang, 'unsupportedDataFile', { name: unknown.name })] };
  const shape = inputShape(graph);
  const raw = readRaw(graph, files, json[0], shape);
  const dataset =
    lastChecked && lastChecked.raw === raw && lastChecked.shape === shape
      ? { ...lastChecked.dataset, graph }
      : checkDataset(graph, raw);
  lastChecked = { raw, shape, dataset };
  const issues = localizeIssues(dataset.issues, lang);
  const errors = issues.filter((i) => i.severity === 'error').map((i) => i.message);
  if (errors.length) return { data: null, issues: errors };
  return { data: { dataset, period: dataPeriod([graph], raw) }, issues: issues.map((i) => i.message) };
}

/** One of the editor's sentences in `lang`. */
function say<K extends EditorKey>(lang: Lang, key: K, ...params: EditorArgs<K>): string {
  return render(editorMessage(key, ...params), lang);
}

export function evaluatePreview(graph: RuleGraph, label: string, files: DatasetFile[], lang: Lang): { model: PreviewModel | null; data: LoadedData | null; issues: string[] } {
  const loaded = loadData(graph, files, lang);
  if (!loaded.data) return { model: null, data: null, issues: loaded.issues };
  const { period } = loaded.data;
  // As `evaluate` does, keeping the evaluation's state: the indicator analysis reads it rather than evaluating again.
  const evaluated = run(graph, loaded.data.dataset, period === null ? {} : { period });
  const issues = [...loaded.issues, ...localizeIssues(evaluated.issues, lang).map((i) => i.message)];
  if (!evaluated.state) return { model: null, data: null, issues };
  const results = buildResults(evaluated.state, evaluated.label, evaluated.skipped, evaluated.issues, false);
  const flags = previewIndicatorFlags(graph, loaded.data.dataset, evaluated.state, period);
  return { model: previewModel(graph, label, results, loaded.data.dataset, flags, lang), data: loaded.data, issues };
}

function previewModel(graph: RuleGraph, label: string, results: Results, dataset: Dataset, flags: PreviewIndicatorFlags[], lang: Lang): PreviewModel {
  const sectionName = new Map(graph.nodes.filter((n): n is SectionNode => n.role === 'section').map((n) => [n.id, n.name]));
  const indicatorSection = new Map(
    graph.nodes.filter((n): n is IndicatorNode => n.role === 'indicator').map((n) => [`${n.kind}\u0000${n.name}`, sectionName.get(n.section) ?? '']),
  );
  const kinds: PreviewKind[] = graph.kinds.map((k) => {
    const tiers = graph.nodes.filter((n): n is TiersNode => n.role === 'tiers' && n.kind === k.name);
    // A unit's tier is in its kind's first tiers: the reasons shown beside it are those of that tiers.
    const firstTiers = tiers[0]?.name;
    return {
      name: k.name,
      label: k.label,
      sections: graph.nodes.filter((n): n is SectionNode => n.role === 'section' && n.kind === k.name).map((n) => ({ name: n.name, points: n.points })),
      tiers: tiers.flatMap((n) => n.tiers.map((t) => t.name)),
      indicatorFlags: flags.filter((f) => f.kind === k.name),
      units: results.units
        .filter((u) => u.kind === k.name)
        .map((u) => ({
          id: u.id,
          name: u.name ?? u.id,
          kind: u.kind,
          total: u.total,
          rank: u.rank,
          tier: u.tier,
          tierReasons: (firstTiers !== undefined ? u.tierReasons?.[firstTiers] : undefined) ?? [],
          sections: Object.fromEntries(Object.entries(u.sections).map(([name, s]) => [name, s.score])),
          indicators: Object.entries(u.indicators).map(([name, i]) => ({
            name,
            section: indicatorSection.get(`${u.kind}\u0000${name}`) ?? '',
            score: i.score,
            points: i.points,
            exempt: i.exempt === true,
          })),
        })),
    };
  });
  return {
    policy: graph.policy.name, version: graph.policy.version, period: results.period ?? null, dataLabel: label, kinds,
    warnings: previewWarnings(graph, dataset, lang),
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

export function explainUnit(graph: RuleGraph, data: LoadedData, unit: string, indicator: string | null, lang: Lang): ExplainResult {
  const { trace, issues } = explain(graph, data.dataset, unit, {
    ...(indicator === null ? {} : { indicator }),
    ...(data.period === null ? {} : { period: data.period }),
  });
  const what = indicator ?? say(lang, 'explainStanding');
  if (!trace) return { title: `${unit} · ${what}`, groups: [], error: localizeIssues(issues, lang)[0]?.message ?? say(lang, 'cannotExplain') };
  const style: TraceStyle = { places: graph.policy.precision, lang };
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

export function runPolicyTests(graph: RuleGraph, lang: Lang): TestOutcome[] {
  const specs = new Map(graph.tests.map((t) => [t.title, t]));
  return runTests(graph).results.map((r) => ({
    title: r.title,
    passed: r.passed,
    span: spanRef(specs.get(r.title)?.span),
    failures: r.failures.map((f) => ({
      text: f.text,
      ...expectedAndActual(f, lang),
      span: spanRef(f.span),
    })),
  }));
}

/** What the policy's tests reach of its indicator tree, and the declared minimums they miss. */
export function policyCoverage(graph: RuleGraph, lang: Lang): CoverageView {
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
    }), lang));
  const count = (measure: 'indicators' | 'branches') => ({ ...coverage[measure], percent: coveragePercent(coverage[measure]) });
  return { tests: coverage.tests, indicators: count('indicators'), branches: count('branches'), groups: coverage.groups.map(view), below };
}

/** Compiles both versions, diffs them, and evaluates both on the same data to measure the impact. */
export function reviewVersions(before: SourceText[], after: SourceText[], data: DatasetFile[], lang: Lang): ReviewResult {
  const old = compile(before, { lang });
  const next = compile(after, { lang });
  if (!old.graph || !next.graph) {
    return { diff: null, impact: null, notes: [], error: say(lang, 'reviewNotCompiled', { side: !old.graph ? 'old' : 'new' }) };
  }
  // In the reader's language, each version's rules in its own keywords (review/semantic-diff.ts).
  const spelling = (sources: SourceText[]) => keywordLanguageOf(sources.map((s) => s.text));
  const diff = semanticDiff(old.graph, next.graph, { lang, before: spelling(before), after: spelling(after) });
  const file = data[0];
  if (!file) return { diff, impact: null, notes: [], error: say(lang, 'reviewNoData') };
  const review = reviewData(old.graph, next.graph, readJsonDataset(decodeText(file.bytes)), null);
  const results: Results[] = [];
  const notes = review.notes.map((n) => render(n, lang));
  for (const [version, side] of [[review.before, 'old'], [review.after, 'new']] as const) {
    const dataset = checkDataset(version.graph, version.raw);
    // A unit whose data does not fit one version is left out of the comparison, and listed.
    const evaluated = evaluate(version.graph, dataset, { skipBadUnits: true, ...(review.period === null ? {} : { period: review.period }) });
    const skipped = evaluated.results?.skipped ?? [];
    if (skipped.length) notes.push(say(lang, 'reviewUnitsSkipped', { side, units: skipped.map((u) => ({ unit: u.unit, reason: u.reasons[0] ?? '' })) }));
    if (!evaluated.results) {
      const first = localizeIssues(evaluated.issues, lang).find((i) => i.severity === 'error')?.message ?? '';
      return { diff, impact: null, notes, error: say(lang, 'reviewDataDoesNotFit', { side, reason: first }) };
    }
    results.push(evaluated.results);
  }
  return { diff, impact: compareResults(results[0]!, results[1]!, diff), notes, error: null };
}
