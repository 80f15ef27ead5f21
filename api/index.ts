// The package's front door (`import { compile, evaluate, explain, diff } from 'kaoping'`): policy sources in,
// a rule graph out; the graph and result data in, scores, ranks, tiers and explanations out; two versions in,
// what changed and whom it moves. Node-free like the runtime. The full surfaces are `kaoping/compiler` and
// `kaoping/runtime` (docs/embedding.md).
import { compile as compileStages, type PolicySource } from '../compiler/index.js';
import { compareResults, type DiffImpact } from '../review/diff-impact.js';
import { reviewData } from '../review/review-data.js';
import { ENGLISH_DIFF, semanticDiff, type DiffWords, type SemanticDiff } from '../review/semantic-diff.js';
import type { Diagnostic } from '../dsl/diagnostics.js';
import { checkDataset, evaluate, isColumnar, readJsonDataset, type DataInput, type RuntimeIssue } from '../runtime/index.js';
import { render } from '../messages/index.js';
import type { RuleGraph } from '../graph/graph.js';

export { evaluate, explain, renderTrace } from '../runtime/index.js';
export type { DataInput, EvaluateOptions, Evaluation, ExplainOptions, Explanation, Results, RuleGraph, RuntimeIssue, UnitResults } from '../runtime/index.js';
export type { PolicySource } from '../compiler/index.js';
export type { Diagnostic } from '../dsl/diagnostics.js';
export type { DiffWords, SemanticDiff } from '../review/semantic-diff.js';
export type { DiffImpact } from '../review/diff-impact.js';

export interface Compiled {
  /** The checked, planned rule graph; null when there is an error. */
  graph: RuleGraph | null;
  /** Errors and warnings, each with its file and character offsets (`span`), a code and a Chinese message. */
  diagnostics: Diagnostic[];
}

/** Compiles a policy's `.kp` sources (every file of its folder, each `{ path, text }`) to its rule graph. */
export function compile(sources: readonly PolicySource[]): Compiled {
  const { graph, diagnostics } = compileStages(sources);
  return { graph, diagnostics };
}

export interface PolicyDiff {
  /** What changed between the two versions: items added, removed, renamed, moved, changed; points by section and method. */
  diff: SemanticDiff;
  /** With data: both versions evaluated on it, and whose totals, ranks and tiers move; null without data or when either evaluation failed. */
  impact: DiffImpact | null;
  /** Problems of the data under either version (`issues` of each evaluation). */
  issues: RuntimeIssue[];
  /** What was adapted to evaluate both versions on the same data (a period borrowed from the other version,
   *  inputs a version does not read), in Chinese. */
  notes: string[];
}

/** The semantic diff of two versions of a policy and, given data, its impact on the units in it. */
export function diff(before: RuleGraph, after: RuleGraph, data?: DataInput, options: { period?: string; words?: DiffWords } = {}): PolicyDiff {
  const words = options.words ?? ENGLISH_DIFF;
  const changes = semanticDiff(before, after, words);
  if (data === undefined) return { diff: changes, impact: null, issues: [], notes: [] };
  const review = reviewData(before, after, isColumnar(data) ? null : readJsonDataset(data), options.period ?? null);
  const run = (v: (typeof review)['before']) => evaluate(v.graph, v.raw ? checkDataset(v.graph, v.raw) : data, review.period === null ? {} : { period: review.period });
  const oldRun = run(review.before);
  const newRun = run(review.after);
  const impact = oldRun.results && newRun.results ? compareResults(oldRun.results, newRun.results, changes) : null;
  return { diff: changes, impact, issues: [...oldRun.issues, ...newRun.issues], notes: review.notes.map((n) => render(n, words.lang)) };
}
