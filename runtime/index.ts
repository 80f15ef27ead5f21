// The runtime's embedding API: load a compiled rule graph, read and check result data, evaluate it,
// explain a unit's scores, and run a policy's tests. No Node APIs: bytes and strings in, data out.
export type { RuleGraph, GraphNode, DataValue } from '../graph/graph.js';
export { GRAPH_FORMAT } from '../graph/graph.js';
export { ruleGraphSchema } from '../graph/graph-schema.js';
export { loadGraph, type LoadedGraph } from './load-graph.js';
export { issueMessage, localizeIssues, type RuntimeIssue } from './issues.js';
export { readJsonDataset, checkDataset, kindShapes, type Dataset, type RawDataset } from './data/dataset.js';
export { readTables, decodeText, type TableFile } from './data/tables.js';
export { evaluate, BACKENDS, type BackendName, type EvaluateOptions, type Evaluation, type DataInput } from './evaluation/evaluate.js';
export { referenceBackend, type Backend } from './evaluation/backend.js';
export { kernelsBackend } from './evaluation/kernels/kernels.js';
export { isColumnar, type ColumnarDataset, type ColumnarKind, type ColumnarRecords } from './evaluation/columnar-dataset.js';
export { explain, type ExplainOptions } from './explanation/explain-unit.js';
export type { Explanation } from './explanation/explain.js';
export type { Trace, TraceItem, Step } from './explanation/trace.js';
export { renderTrace, renderTraceLines } from './explanation/render-trace.js';
export { resultsSchema, resultsJsonSchema, type Results, type TierReason, type UnitResults } from './results/results-schema.js';
export { runTests, type TestResult, type TestFailure } from './policy-tests/run-tests.js';
export {
  runTestsWithCoverage, CoverageCollector, meetsMinimum, coveragePercent,
  type CoverageReport, type CoverageGroup, type CoverageElement, type CoverageCount, type CoverageWhat, type BranchLocator,
} from './policy-tests/test-coverage.js';
export { roundTo, snap } from './evaluation/exact.js';
