// Running a policy's `test` blocks through the same evaluation as real data.
import type { CompareOp, DataValue, ExpectSpec, RuleGraph, SourceRef, TestSpec } from './graph.js';
import { compareExact } from './exact.js';
import { evaluate } from './evaluate.js';
import type { Results } from './results-schema.js';

export interface TestFailure {
  text: string; // the expectation as written
  expected: DataValue;
  actual: DataValue;
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
    const c = compareExact(actual, expected);
    return op === '==' ? c === 0 : op === '!=' ? c !== 0 : op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
  }
  if (op === '==') return actual === expected;
  if (op === '!=') return actual !== expected;
  return false;
}

function actualValue(graph: RuleGraph, results: Results, e: ExpectSpec): DataValue {
  const unit = results.units.find((u) => u.id === e.unit);
  if (!unit) return null;
  if ('rank' in e.target) return unit.rank;
  if ('tier' in e.target) {
    const tiers = graph.nodes.find((n) => n.id === (e.target as { tier: string }).tier);
    return tiers ? (unit.tiers[tiers.name] ?? null) : null;
  }
  const node = graph.nodes.find((n) => n.id === (e.target as { node: string }).node);
  if (!node) return null;
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
      return null;
  }
}

export function runTests(graph: RuleGraph): { results: TestResult[] } {
  return {
    results: graph.tests.map((test) => {
      const { results, issues } = evaluate(graph, testDataset(graph, test));
      if (!results) {
        const failures = issues
          .filter((i) => i.severity === 'error')
          .map((i) => ({ text: i.message, expected: null, actual: null, span: i.span ?? test.span }));
        return { title: test.title, passed: false, failures };
      }
      const failures: TestFailure[] = [];
      for (const e of test.expects) {
        const actual = actualValue(graph, results, e);
        if (!holds(e.op, actual, e.value)) failures.push({ text: e.text, expected: e.value, actual, span: e.span });
      }
      return { title: test.title, passed: failures.length === 0, failures };
    }),
  };
}
