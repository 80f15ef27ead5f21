// Running a policy's `test` blocks through the same evaluation as real data.
import type { CompareOp, DataValue, Dimension, ExpectSpec, RuleGraph, SourceRef, TestSpec } from '../../graph/graph.js';
import { run } from '../evaluation/evaluate.js';
import { evalExpr, newScope, traceValue } from '../evaluation/expr-eval.js';
import { buildResults, type Results } from '../results/results.js';
import type { EvalState } from '../evaluation/state.js';

export interface TestFailure {
  text: string; // the expectation as written
  expected: DataValue;
  actual: DataValue;
  /** how the compared numbers read: their dimension and the decimal places of what is compared */
  dim: Dimension | null;
  places: number;
  span: SourceRef;
}

export interface TestResult {
  title: string;
  passed: boolean;
  failures: TestFailure[];
}

/** A test's units as the JSON dataset form: relations and inputs told apart by the graph. */
function testDataset(graph: RuleGraph, test: TestSpec): unknown {
  const relations = new Set(graph.nodes.filter((n) => n.role === 'relation').map((n) => `${n.kind}\u0000${n.name}`));
  return {
    units: test.units.map((u) => {
      const rel: Record<string, DataValue> = {};
      const inputs: Record<string, DataValue> = {};
      for (const [k, v] of Object.entries(u.values)) (relations.has(`${u.kind}\u0000${k}`) ? rel : inputs)[k] = v;
      return { id: u.id, kind: u.kind, relations: rel, inputs };
    }),
  };
}

function holds(op: CompareOp, actual: DataValue, expected: DataValue): boolean {
  if (typeof actual === 'number' && typeof expected === 'number') {
    // Both are doubles standing for decimals (a result, a literal): their order is the decimals' order.
    const c = actual < expected ? -1 : actual > expected ? 1 : 0;
    return op === '==' ? c === 0 : op === '!=' ? c !== 0 : op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
  }
  if (op === '==') return actual === expected;
  if (op === '!=') return actual !== expected;
  return false;
}

/** The dimension and decimal places of what an expectation compares: a score's own places, else the policy's. */
function shape(graph: RuleGraph, e: ExpectSpec): { dim: Dimension | null; places: number } {
  const target = e.target;
  const places = graph.policy.precision;
  if ('rank' in target || 'tier' in target) return { dim: null, places };
  const node = graph.nodes.find((n) => n.id === ('exempt' in target ? target.exempt : target.node));
  if (!node) return { dim: null, places };
  const own = 'precision' in node ? node.precision : places;
  if (node.role === 'indicator' || node.role === 'section' || node.role === 'bonus' || node.role === 'total') return { dim: 'points', places: own };
  return { dim: node.type.t === 'num' ? node.type.dim : null, places };
}

/** An input's or a let's value for one unit, in the form test data is written in (booleans, dates as text). */
function nodeValue(state: EvalState, id: string, unit: string): DataValue {
  const node = state.nodes.get(id);
  const i = node ? state.kinds.get(node.kind)?.index.get(unit) : undefined;
  if (!node || i === undefined) return null;
  const scope = newScope(state, node.kind);
  scope.i = i;
  return traceValue(evalExpr({ k: 'node', id }, scope), node.type).v;
}

function actualValue(graph: RuleGraph, state: EvalState, results: Results, e: ExpectSpec): DataValue {
  const unit = results.units.find((u) => u.id === e.unit);
  if (!unit) return null;
  const target = e.target;
  if ('rank' in target) return unit.rank;
  if ('tier' in target) {
    const tiers = graph.nodes.find((n) => n.id === target.tier);
    return tiers ? (unit.tiers[tiers.name] ?? null) : null;
  }
  const id = 'exempt' in target ? target.exempt : target.node;
  const node = graph.nodes.find((n) => n.id === id);
  if (!node) return null;
  if ('exempt' in target) {
    // true when exempt; otherwise the score, so a failure shows what was scored instead
    const r = node.role === 'indicator' ? unit.indicators[node.name] : unit.sections[node.name];
    return r?.exempt ? true : (r?.score ?? null);
  }
  switch (node.role) {
    case 'indicator':
      return unit.indicators[node.name]?.score ?? null;
    case 'section':
      return unit.sections[node.name]?.score ?? null;
    case 'bonus':
      return unit.bonuses[node.name] ?? null;
    case 'total':
      return unit.total;
    default:
      return nodeValue(state, id, e.unit); // inputs and lets
  }
}

/** Told of each test whose data evaluated, with the finished evaluation (test coverage reads it). */
export type OnTestEvaluated = (test: TestSpec, state: EvalState) => void;

export function runTests(graph: RuleGraph, onEvaluated?: OnTestEvaluated): { results: TestResult[] } {
  return {
    results: graph.tests.map((test) => {
      const r = run(graph, testDataset(graph, test));
      if (r.state) onEvaluated?.(test, r.state);
      if (!r.state) {
        const failures = r.issues
          .filter((i) => i.severity === 'error')
          .map((i) => ({ text: i.message, expected: null, actual: null, dim: null, places: graph.policy.precision, span: i.span ?? test.span }));
        return { title: test.title, passed: false, failures };
      }
      const results = buildResults(r.state, r.label, r.skipped, r.issues, false);
      const failures: TestFailure[] = [];
      for (const e of test.expects) {
        const actual = actualValue(graph, r.state, results, e);
        if (!holds(e.op, actual, e.value)) failures.push({ text: e.text, expected: e.value, actual, ...shape(graph, e), span: e.span });
      }
      return { title: test.title, passed: failures.length === 0, failures };
    }),
  };
}
