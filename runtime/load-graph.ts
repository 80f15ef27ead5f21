// `loadGraph`: checks a rule graph from JSON (format, shape, references) before the runtime trusts it.
import { GRAPH_FORMAT, type GExpr, type RuleGraph } from '../graph/graph.js';
import { exprReferences, forwardAllowed, nodeReferences, ruleGraphSchema } from '../graph/graph-schema.js';
import { message, type MessageRef } from '../messages/index.js';
import { runtimeIssue, schemaProblem, type RuntimeIssue } from './issues.js';

export interface LoadedGraph {
  graph: RuleGraph | null;
  issues: RuntimeIssue[];
}

function graphIssue(path: string, text: MessageRef, code = 'KR101'): RuntimeIssue {
  return runtimeIssue(code, text, { path });
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/**
 * Deepest accepted nesting of a graph's JSON. The checks below recurse over expressions, so a tampered graph
 * nested deeper would exhaust the stack; a compiled one stays far below (the compiler's trees are at most
 * 1000 deep, and a few levels of nodes and lists hold them).
 */
export const MAX_GRAPH_DEPTH = 1100;

/** The path of the first value nested deeper than MAX_GRAPH_DEPTH, found without recursion; null if none is. */
function deepestPlace(data: unknown): string | null {
  const pending: { value: unknown; path: PropertyKey[] }[] = [{ value: data, path: [] }];
  while (pending.length > 0) {
    const { value, path } = pending.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (path.length > MAX_GRAPH_DEPTH) return pathText(path.slice(0, 8)) + '…';
    for (const [key, child] of Object.entries(value)) pending.push({ value: child, path: [...path, Array.isArray(value) ? Number(key) : key] });
  }
  return null;
}

/** Check a rule graph given as parsed JSON or as JSON text. A graph with any issue is not returned. */
export function loadGraph(json: unknown): LoadedGraph {
  let data = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch (e) {
      return { graph: null, issues: [graphIssue('', message('KR101', 'json', { detail: (e as Error).message }))] };
    }
  }
  if (typeof data === 'object' && data !== null && 'format' in data && (data as { format: unknown }).format !== GRAPH_FORMAT) {
    const found = JSON.stringify((data as { format: unknown }).format);
    return {
      graph: null,
      issues: [graphIssue('format', message('KR100', 'format', { found, format: GRAPH_FORMAT }), 'KR100')],
    };
  }
  const tooDeep = deepestPlace(data);
  if (tooDeep !== null) return { graph: null, issues: [graphIssue(tooDeep, message('KR101', 'tooDeep', { limit: MAX_GRAPH_DEPTH }))] };
  let parsed: ReturnType<typeof ruleGraphSchema.safeParse>;
  try {
    parsed = ruleGraphSchema.safeParse(data, { reportInput: true });
  } catch (e) {
    // The depth limit keeps the checks inside the stack; this is the last line of defence.
    if (!(e instanceof RangeError)) throw e;
    return { graph: null, issues: [graphIssue('', message('KR101', 'unreadable'))] };
  }
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 20).map((i) => graphIssue(pathText(i.path), message('KR101', 'schema', { detail: schemaProblem(i) })));
    return { graph: null, issues };
  }
  const issues = checkReferences(parsed.data);
  return { graph: issues.length === 0 ? parsed.data : null, issues };
}


/**
 * Referential checks: ids unique, kinds and records declared, and every referenced node exists and comes
 * earlier in `nodes` (an indicator's back-reference to its section excepted).
 */
function checkReferences(g: RuleGraph): RuntimeIssue[] {
  const issues: RuntimeIssue[] = [];
  const kinds = new Set(g.kinds.map((k) => k.name));
  const records = new Set(g.records.map((r) => r.name));
  const position = new Map<string, number>();
  g.nodes.forEach((n, i) => {
    if (position.has(n.id)) issues.push(graphIssue(`nodes[${i}].id`, message('KR101', 'duplicateNode', { id: n.id })));
    else position.set(n.id, i);
  });
  g.nodes.forEach((n, i) => {
    const at = `nodes[${i}]`;
    if (!kinds.has(n.kind)) issues.push(graphIssue(`${at}.kind`, message('KR101', 'unknownKind', { kind: n.kind })));
    if (n.type.t === 'list' && !records.has(n.type.record))
      issues.push(graphIssue(`${at}.type.record`, message('KR101', 'unknownRecord', { record: n.type.record })));
    for (const [id, path] of nodeReferences(n)) {
      const p = position.get(id);
      if (p === undefined) issues.push(graphIssue(`${at}.${path}`, message('KR101', 'missingNode', { id })));
      else if (p >= i && !forwardAllowed(n, path))
        issues.push(graphIssue(`${at}.${path}`, message('KR101', 'laterNode', { id, position: p })));
    }
  });
  // A warning reads nodes of the graph and values of its own.
  (g.warnings ?? []).forEach((w, i) => {
    const own = new Set(w.values.map((v) => v.id));
    const exprs: [GExpr, string][] = [
      [w.when, 'when'], ...w.values.map((v, j): [GExpr, string] => [v.expr, `values[${j}].expr`]),
      ...w.message.values.map((v, j): [GExpr, string] => [v.expr, `message.values[${j}].expr`]),
    ];
    if (!kinds.has(w.kind)) issues.push(graphIssue(`warnings[${i}].kind`, message('KR101', 'unknownKind', { kind: w.kind })));
    for (const [e, path] of exprs) {
      for (const [id, at] of exprReferences(e, path)) {
        if (!position.has(id) && !own.has(id)) issues.push(graphIssue(`warnings[${i}].${at}`, message('KR101', 'missingNode', { id })));
      }
    }
  });
  return issues;
}

