// The runtime's embedding API: load a compiled rule graph, read and check result data, evaluate it,
// explain a unit's scores, and run a policy's tests. No Node APIs: bytes and strings in, data out.
export type { RuleGraph, GraphNode, DataValue } from './graph.js';
export { GRAPH_FORMAT } from './graph.js';
export { loadGraph, ruleGraphSchema, type LoadedGraph } from './graph-schema.js';
export { issueMessage, localizeIssues, type RuntimeIssue } from './issues.js';
export { readJsonDataset, checkDataset, type Dataset, type RawDataset } from './dataset.js';
export { readTables, decodeText, type TableFile } from './tables.js';
export { evaluate, type EvaluateOptions, type Evaluation, type DataInput } from './evaluate.js';
export { explain, type ExplainOptions, type Explanation } from './explain.js';
export type { Trace, TraceItem, Step } from './trace.js';
export { renderTrace, renderTraceLines } from './render-trace.js';
export { resultsSchema, resultsJsonSchema, type Results, type TierReason, type UnitResults } from './results-schema.js';
export { runTests, type TestResult, type TestFailure } from './run-tests.js';
export { roundTo, snap } from './exact.js';
