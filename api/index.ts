// The package's front door (`import { compile, evaluate, explain, diff } from 'kaoping'`): policy sources in,
// a rule graph out; the graph and result data in, scores, ranks, tiers and explanations out; two versions in,
// what changed and whom it moves. Node-free like the runtime. The full surfaces are `kaoping/compiler` and
// `kaoping/runtime` (docs/embedding.md).
import { compile as compileStages, type PolicySource } from '../compiler/index.js';
import { compareResults, versionsForPeriod, type DiffImpact } from '../review/diff-impact.js';
import { ENGLISH_DIFF, semanticDiff, type DiffWords, type SemanticDiff } from '../review/semantic-diff.js';
import type { Diagnostic } from '../dsl/diagnostics.js';
import { evaluate, type DataInput, type RuntimeIssue } from '../runtime/index.js';
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
  /** When a version does not declare the period asked and was evaluated as the other declares it: saying so. */
  notes: string[];
}

/** The semantic diff of two versions of a policy and, given data, its impact on the units in it. */
export function diff(before: RuleGraph, after: RuleGraph, data?: DataInput, options: { period?: string; words?: DiffWords } = {}): PolicyDiff {
  const words = options.words ?? ENGLISH_DIFF;
  const changes = semanticDiff(before, after, words);
  if (data === undefined) return { diff: changes, impact: null, issues: [], notes: [] };
  const versions = versionsForPeriod(before, after, options.period ?? null, words.lang);
  const oldRun = evaluate(versions.before, data, options);
  const newRun = evaluate(versions.after, data, options);
  const impact = oldRun.results && newRun.results ? compareResults(oldRun.results, newRun.results, changes) : null;
  return { diff: changes, impact, issues: [...oldRun.issues, ...newRun.issues], notes: versions.notes };
}
