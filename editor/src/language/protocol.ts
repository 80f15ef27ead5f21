// Messages between the editor and its language worker. Everything here is plain data (structured-clone safe):
// the worker runs the real compiler and runtime; the page only renders what they report.
import type { DiffImpact, UnitImpact } from '../../../review/diff-impact.js';
import type { SemanticDiff } from '../../../review/semantic-diff.js';
import type { Lang } from '../../../messages/index.js';
import type { CoverageCount, CoverageElement, CoverageGroup } from '../../../runtime/policy-tests/test-coverage.js';
import type { AnalysisFlag } from '../../../runtime/results/analysis-flags.js';
import type { TierReason } from '../../../runtime/results/results.js';
import type { WarningLevel } from '../../../graph/graph.js';
import type { MessageRef } from '../../../messages/index.js';

export interface SourceText {
  path: string;
  text: string;
}

/** A half-open character range in one source file (offsets as in the compiler's spans). */
export interface SpanRef {
  path: string;
  start: number;
  end: number;
}

export interface EditorDiagnostic {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  help: string | null;
  span: SpanRef;
  related: { message: string; span: SpanRef }[];
  /** Quick fixes (dsl/diagnostics.ts), offered as Monaco code actions; an unambiguous one is preferred. */
  fixes: { title: string; unambiguous: boolean; edits: { span: SpanRef; text: string }[] }[];
}

/**
 * The preview against the saved version, while there are unsaved edits: the units whose total, rank or tier
 * differ (review/diff-impact.ts), or why there is no comparison.
 */
export interface WhatIf {
  changed: UnitImpact[];
  /** Why the saved version could not be compared: it does not compile (`savedBroken`), or the data says why. */
  error: { savedBroken: true } | { data: string } | null;
}

export interface DatasetFile {
  name: string;
  bytes: Uint8Array;
}

/** One unit's scores in the preview. */
export interface PreviewUnit {
  id: string;
  name: string;
  kind: string;
  total: number | null;
  rank: number | null;
  tier: string | null;
  /** the gates and vetoes that held for the unit in the kind's first tiers (the tier's reason); empty when none held */
  tierReasons: TierReason[];
  sections: Record<string, number | null>;
  indicators: { name: string; section: string; score: number | null; points: number; exempt: boolean }[];
}

export interface PreviewKind {
  name: string;
  label: string | null;
  sections: { name: string; points: number }[];
  tiers: string[];
  units: PreviewUnit[];
  /** the kind's indicators the 绩效分析 flags on the preview data (runtime/results/indicator-analysis.ts) */
  indicatorFlags: PreviewIndicatorFlags[];
}

/** One indicator's 绩效分析 flags, with the figures behind them, for marks beside it (source and breakdown). */
export interface PreviewIndicatorFlags {
  kind: string;
  indicator: string;
  section: string;
  /** the indicator's declaration */
  span: SpanRef;
  /** units scored on it (not exempt) */
  scored: number;
  flags: {
    flag: AnalysisFlag;
    /** units at full points (绩效趋同), at zero (过于严苛), or all scored (不区分, 从未扣分) */
    count: number;
    /** the one score all have (不区分), at the indicator's precision */
    score: string | null;
    /** the deduction lines that never fired (从未扣分), as written */
    lines: string[];
  }[];
}

export interface PreviewModel {
  policy: string;
  version: string;
  period: string | null;
  dataLabel: string;
  kinds: PreviewKind[];
  /** the 预警 tab; null when the policy declares no warnings */
  warnings: PreviewWarnings | null;
}

/** The warnings raised on the preview data, in the latest period of it that a warning applies to. */
export interface PreviewWarnings {
  period: string | null;
  declared: number;
  /** the warnings checked in the period */
  checked: string[];
  rows: { unit: string; name: string; level: WarningLevel; levelText: string; warning: string; message: string; grounds: string }[];
  /** why nothing could be checked, or what was left unchecked, in the page's language */
  note: string | null;
}

/** The preview as the page shows it: the last good result, and whether it is behind the source. */
export interface PreviewState {
  model: PreviewModel | null;
  stale: boolean;
  /** Why the preview is stale or empty (source errors, data problems), in Chinese. */
  reason: string | null;
  /** Data problems reported by the runtime, located by unit/field/row. */
  dataIssues: string[];
  /** Sections whose points do not add up: the preview runs with the points they state (compile's `preview`). */
  pointsMismatch: string[];
  /** Against the saved version; null when nothing is unsaved or there is no preview. */
  whatIf: WhatIf | null;
}

export interface TestOutcome {
  title: string;
  passed: boolean;
  span: SpanRef | null;
  failures: { text: string; expected: string; actual: string; span: SpanRef | null }[];
}

/** The tests' coverage of the indicator tree (runtime/policy-tests/test-coverage.ts), with spans the editor can jump to. */
export type CoverageElementView = Omit<CoverageElement, 'span'> & { span: SpanRef };
export type CoverageGroupView = Omit<CoverageGroup, 'span' | 'elements' | 'indicators'> & {
  span: SpanRef;
  elements: CoverageElementView[];
  indicators?: CoverageGroupView[];
};
export interface CoverageView {
  tests: number;
  /** with the percent as `kaoping test --coverage` shows it (cut to one decimal) */
  indicators: CoverageCount & { percent: number };
  branches: CoverageCount & { percent: number };
  groups: CoverageGroupView[];
  /** the policy's declared minimums not met, as sentences (Chinese) */
  below: string[];
}

export interface Analysis {
  version: number;
  diagnostics: EditorDiagnostic[];
  compiled: boolean;
  preview: PreviewState;
  tests: TestOutcome[];
  /** The tests above are from an earlier compile; fresh ones follow (they run beside the preview). */
  testsPending: boolean;
  /** Why the tests could not be run (the sources do not compile, or the run failed), in Chinese; else null. */
  testsBlocked: string | null;
  folding: SpanRef[];
  millis: number;
}

export interface HoverInfo {
  span: SpanRef;
  /** Markdown lines (names are escaped by the worker). */
  lines: string[];
}

export interface CompletionEntry {
  label: string;
  kind: 'keyword' | 'input' | 'indicator' | 'section' | 'entity' | 'field' | 'param' | 'enum' | 'let' | 'other';
  detail: string;
}

export interface RenameResult {
  edits: { span: SpanRef; text: string }[];
  error: string | null;
}

/**
 * An explanation's lines in groups: first the unit's standing (tier with its reason, rank, total), then one group
 * per section (its indicators, then the section's sum), then the rest (bonuses); one group for one indicator.
 */
export interface ExplainGroup {
  kind: 'standing' | 'section' | 'other';
  /** The section's name, for a section's group. */
  section: string | null;
  lines: string[];
}

export interface ExplainResult {
  title: string;
  groups: ExplainGroup[];
  error: string | null;
}

export interface FormatResult {
  text: string | null;
  diagnostics: EditorDiagnostic[];
}

/** A file made for the user to save (the results workbook, the bulletin page). */
export interface DownloadFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/** The review view's data: the semantic diff of two versions and its impact on the sample data. */
export interface ReviewResult {
  diff: SemanticDiff | null;
  impact: DiffImpact | null;
  /** What the comparison left out (inputs a version does not read), in Chinese. */
  notes: string[];
  /** Why the diff or the impact is missing (compile errors in a version, data problems), in Chinese. */
  error: string | null;
}

export type WorkerRequest =
  | { type: 'analyze'; version: number; sources: SourceText[]; saved: SourceText[] | null }
  | { type: 'dataset'; label: string; files: DatasetFile[] }
  | { type: 'hover'; path: string; offset: number }
  | { type: 'complete'; path: string; offset: number; afterDot: boolean }
  | { type: 'definition'; path: string; offset: number }
  | { type: 'rename'; path: string; offset: number; newName: string }
  | { type: 'tests'; sources: SourceText[] }
  | { type: 'coverage' }
  | { type: 'explain'; unit: string; indicator: string | null }
  | { type: 'format'; path: string; text: string }
  | { type: 'review'; before: SourceText[]; after: SourceText[]; data: DatasetFile[] }
  | { type: 'download'; what: 'results' | 'bulletin' };

export interface WorkerResponses {
  analyze: Analysis;
  dataset: Analysis | null;
  hover: HoverInfo | null;
  complete: CompletionEntry[];
  definition: SpanRef | null;
  rename: RenameResult;
  /** null when the sources do not compile (the last outcomes stay shown). */
  tests: TestOutcome[] | null;
  /** null when no policy has compiled yet */
  coverage: CoverageView | null;
  explain: ExplainResult;
  format: FormatResult;
  review: ReviewResult;
  /** null when there is no good result to download. */
  download: DownloadFile | null;
}

export interface WorkerEnvelope {
  id: number;
  /** The language of the answer's words: the compiler's and runtime's messages, hovers, the review (the page's `?lang=`). */
  lang: Lang;
  request: WorkerRequest;
}

export type WorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
