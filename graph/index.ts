// The public surface of graph/.
export { exprReferences, forwardAllowed, nodeReferences, referencedNodes, ruleGraphSchema } from './graph-schema.js';
export { GRAPH_FORMAT, IN_RANK_FNS } from './graph.js';
export type { Adjustment, AggregateFn, AnalysisThresholds, BonusNode, CompareOp, CoverageMinimum, DataRecord, DataValue, Dimension, ExpectSpec, GExpr, GraphNode, IndicatorMeta, IndicatorNode, InputNode, LinkNode, MissingTreatment, PeriodAggregate, PeriodKind, PopulationFn, RecordSpec, RelationNode, Rounding, RuleGraph, ScalarFn, SectionNode, SourceRef, TestSpec, TestUnitSpec, TiersNode, TotalNode, ValueNode, ValueType, WarningLevel, WarningRule, WarningValue } from './graph.js';
