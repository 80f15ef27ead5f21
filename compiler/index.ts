// The compiler: policy sources → checked, planned rule graph, through a table of named stages that the CLI,
// the editor and the tests can stop after, dump or time. Never throws: problems come back as diagnostics.
import type { SourceFile } from '../dsl/ast.js';
import { diagnostic, type Diagnostic } from '../dsl/diagnostics.js';
import { localizeDiagnostics } from '../dsl/localize-diagnostics.js';
import { parse } from '../dsl/parse.js';
import type { RuleGraph } from '../graph/graph.js';
import { checkStructure, type CheckedPolicy } from './check-structure.js';
import { checkTypes, type TypedPolicy } from './check-types.js';
import { ALL_CODES, CODES, message, type Lang } from '../messages/index.js';
import { lowerToGraph } from './lower-to-graph.js';
import type { PassResult } from './pass.js';
import { planStages } from './plan-stages.js';
import { withoutRepeats } from './section-kinds.js';
import { resolveNames, type ResolvedPolicy } from './resolve-names.js';
import type { SymbolTable } from './symbol-table.js';

export interface PolicySource {
  path: string;
  text: string;
}

export interface StageOutputs {
  parse: SourceFile[];
  'resolve-names': ResolvedPolicy;
  'check-types': TypedPolicy;
  'check-structure': CheckedPolicy;
  'lower-to-graph': RuleGraph;
  'plan-stages': RuleGraph;
}
export type StageName = keyof StageOutputs;

/** What each stage takes: the sources, then the output of the stage before it (so the table below only type-checks when each pass fits the next). */
export interface StageInputs {
  parse: readonly PolicySource[];
  'resolve-names': StageOutputs['parse'];
  'check-types': StageOutputs['resolve-names'];
  'check-structure': StageOutputs['check-types'];
  'lower-to-graph': StageOutputs['check-structure'];
  'plan-stages': StageOutputs['lower-to-graph'];
}

function parseSources(sources: readonly PolicySource[]): PassResult<SourceFile[]> {
  const results = sources.map((s) => parse(s.path, s.text));
  return { value: results.map((r) => r.file), diagnostics: results.flatMap((r) => r.diagnostics) };
}

/** The stages in order, each a function from the previous stage's output to its own. */
/** A stage: a pass from what the stage before gives to its own output. */
export interface Stage<S extends StageName> {
  describe: string;
  run: (input: StageInputs[S]) => PassResult<StageOutputs[S]>;
}

export const STAGES: { [S in StageName]: Stage<S> } = {
  parse: { describe: 'source text → syntax tree per file', run: parseSources },
  'resolve-names': { describe: 'symbol table; every name bound', run: resolveNames },
  'check-types': { describe: 'types and dimensions of every expression', run: checkTypes },
  'check-structure': { describe: 'points, metadata, tiers, assertions, tests', run: checkStructure },
  'lower-to-graph': { describe: 'checked policy → rule graph', run: lowerToGraph },
  'plan-stages': { describe: 'evaluation order and stage numbers', run: planStages },
};
export const STAGE_ORDER = Object.keys(STAGES) as StageName[];

export interface CompileOptions {
  /** Stop after this stage (its output is in `outputs`). */
  stopAfter?: StageName;
  /** The language of the messages; Chinese unless asked (every diagnostic carries its parameters for either). */
  lang?: Lang;
  /**
   * For an editor's preview, so an author can try things: a section whose indicators' points do not add up to
   * its own (KP3001, still reported as an error) does not stop the graph, and is evaluated with its stated
   * points (capped at them). Never for a graph that is built, tested or published.
   */
  preview?: boolean;
}

/** The error that `preview` lets through. */
const PREVIEW_TOLERATED = 'KP3001';

export interface CompileResult {
  /** The planned rule graph; null whenever there is an error (or the run stopped early). */
  graph: RuleGraph | null;
  diagnostics: Diagnostic[];
  files: SourceFile[];
  /** Declarations and references, for the editor; null only if name resolution did not run. */
  symbols: SymbolTable | null;
  /** Milliseconds spent in each stage that ran. */
  timings: Partial<Record<StageName, number>>;
  outputs: Partial<StageOutputs>;
}

export function compile(sources: readonly PolicySource[], options: CompileOptions = {}): CompileResult {
  const result: CompileResult = { graph: null, diagnostics: [], files: [], symbols: null, timings: {}, outputs: {} };
  try {
    runStages(sources, options, result);
  } catch (error) {
    // A bug, not bad input: report it as data so an editor or CLI keeps running.
    const file = sources[0]?.path ?? '';
    const detail = error instanceof Error ? error.message : String(error);
    result.diagnostics.push(diagnostic({ file, start: 0, end: 0 }, message('KP9999', 'crash', { detail })));
    result.graph = null;
  }
  const texts = new Map(sources.map((s) => [s.path, s.text]));
  result.diagnostics = localizeDiagnostics(sortDiagnostics(result.diagnostics, sources), options.lang ?? 'zh', (file) => texts.get(file));
  return result;
}

function runStages(sources: readonly PolicySource[], options: CompileOptions, result: CompileResult): void {
  const hasErrors = () => result.diagnostics.some((d) => d.severity === 'error' && !(options.preview && d.code === PREVIEW_TOLERATED));
  let stopped = false;
  function step<S extends StageName>(name: S, input: StageInputs[S], report = true): StageOutputs[S] {
    const started = performance.now();
    const stage: Stage<S> = STAGES[name];
    const { value, diagnostics } = stage.run(input);
    result.timings[name] = performance.now() - started;
    result.outputs[name] = value;
    if (report) result.diagnostics.push(...withoutRepeats(diagnostics, result.diagnostics));
    stopped = options.stopAfter === name;
    return value;
  }

  const files = step('parse', sources);
  result.files = files;
  if (stopped) return;
  // With syntax errors the tree is partial, so name errors would mostly be echoes; the symbols still serve the editor.
  const syntaxOk = !hasErrors();
  const resolved = step('resolve-names', files, syntaxOk);
  result.symbols = resolved.symbols;
  if (stopped || !syntaxOk) return;
  const typed = step('check-types', resolved);
  result.symbols = typed.symbols;
  if (stopped) return;
  const checked = step('check-structure', typed);
  result.symbols = checked.symbols;
  if (stopped || hasErrors()) return;
  const lowered = step('lower-to-graph', checked);
  if (stopped || hasErrors()) return;
  const planned = step('plan-stages', lowered);
  if (!hasErrors()) result.graph = options.preview ? cappedAtStatedPoints(planned, result.diagnostics) : planned;
}

/** The graph with every section whose points do not add up (KP3001) capped at the points it states. */
function cappedAtStatedPoints(graph: RuleGraph, diagnostics: readonly Diagnostic[]): RuleGraph {
  const sections = new Set(diagnostics.filter((d) => d.code === PREVIEW_TOLERATED).map((d) => String(d.text.params['section'])));
  if (sections.size === 0) return graph;
  return { ...graph, nodes: graph.nodes.map((n) => (n.role === 'section' && sections.has(n.name) ? { ...n, cap: true } : n)) };
}

/** By file (in the order given), then place; stable, so the same sources always list the same way. */
function sortDiagnostics(diagnostics: Diagnostic[], sources: readonly PolicySource[]): Diagnostic[] {
  const fileIndex = new Map(sources.map((s, i) => [s.path, i]));
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (fileIndex.get(a.d.span.file) ?? -1) - (fileIndex.get(b.d.span.file) ?? -1)
      || a.d.span.start - b.d.span.start || a.i - b.i)
    .map((x) => x.d);
}

export type { SymbolTable, PolicySymbol, SymbolReference } from './symbol-table.js';
export { symbolAt, occurrences } from './symbol-table.js';
export { armSites, type ArmSite } from './branch-sites.js';

/** Every diagnostic code of the language and the compiler, with its title in English (the catalogue, messages/, has both). */
export const COMPILER_CODES: Readonly<Record<string, string>> = Object.fromEntries(
  ALL_CODES.filter((code) => code.startsWith('KP')).map((code) => [code, CODES[code]!.title.en]),
);
