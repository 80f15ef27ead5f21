// Pass: rule graph in declaration order → planned rule graph. Orders the nodes so every node follows what it
// reads (ties broken by declaration order) and numbers the stages: 0 for inputs, +1 whenever a read crosses to
// other units (a population statistic, a relation, a link, a ranking). A cycle is an error naming the cycle.
import type { GraphNode, RuleGraph } from '../graph/graph.js';
import { diagnostic, type Diagnostic } from '../dsl/diagnostics.js';
import { message } from '../messages/index.js';
import { nodeReads } from './graph-reads.js';
import type { PassResult } from './pass.js';

/** A min-heap of declaration indices: the ready node declared first comes out first. */
class ReadyQueue {
  private items: number[] = [];
  get size(): number { return this.items.length; }
  push(x: number): void {
    const a = this.items;
    a.push(x);
    for (let i = a.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (a[parent]! <= a[i]!) break;
      [a[parent], a[i]] = [a[i]!, a[parent]!];
      i = parent;
    }
  }
  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]! < a[m]!) m = l;
        if (r < a.length && a[r]! < a[m]!) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

export function planStages(graph: RuleGraph): PassResult<RuleGraph> {
  const diagnostics: Diagnostic[] = [];
  const nodes = graph.nodes;
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const relationTargets = new Map(nodes.flatMap((n) => (n.role === 'relation' ? [[n.id, n.target] as const] : [])));
  const relationTarget = (id: string) => relationTargets.get(id) ?? null;

  const deps: number[][] = nodes.map((n) => {
    const known: number[] = [];
    for (const d of n.deps) {
      const i = index.get(d);
      if (i === undefined) {
        const { file, start, end } = n.span;
        diagnostics.push(diagnostic({ file, start, end }, message('KP9999', 'missingNode', { node: n.id, dep: d })));
      } else known.push(i);
    }
    return known;
  });
  const dependents: number[][] = nodes.map(() => []);
  const waiting = deps.map((d) => d.length);
  deps.forEach((ds, i) => { for (const d of ds) dependents[d]!.push(i); });

  const ready = new ReadyQueue();
  waiting.forEach((w, i) => { if (w === 0) ready.push(i); });
  const order: number[] = [];
  while (ready.size > 0) {
    const i = ready.pop();
    order.push(i);
    for (const j of dependents[i]!) if (--waiting[j]! === 0) ready.push(j);
  }
  if (order.length < nodes.length) reportCycles(nodes, deps, new Set(order), diagnostics);

  const stage = new Map<string, number>();
  const planned: GraphNode[] = order.map((i) => {
    const node = nodes[i]!;
    let s = 0;
    for (const r of nodeReads(node, relationTarget)) s = Math.max(s, (stage.get(r.id) ?? 0) + (r.crossing ? 1 : 0));
    stage.set(node.id, s);
    return { ...node, stage: s };
  });
  return { value: { ...graph, nodes: planned }, diagnostics };
}

/** Names each cycle once, starting from its first-declared member, at that member's definition. */
function reportCycles(nodes: GraphNode[], deps: number[][], placed: Set<number>, diagnostics: Diagnostic[]): void {
  const reported = new Set<number>();
  for (let start = 0; start < nodes.length; start++) {
    if (placed.has(start) || reported.has(start)) continue;
    const cycle = findCycleThrough(start, deps, placed);
    if (!cycle || cycle.some((i) => reported.has(i))) continue;
    // The member defined first in the source (files in the order given), where the author will look.
    const fileRank = (i: number) => nodes.findIndex((n) => n.span.file === nodes[i]!.span.file);
    const first = cycle.reduce((a, b) => (fileRank(b) - fileRank(a) || nodes[b]!.span.start - nodes[a]!.span.start) < 0 ? b : a);
    const from = cycle.indexOf(first);
    const rotated = [...cycle.slice(from), ...cycle.slice(0, from), first];
    for (const i of cycle) reported.add(i);
    const node = nodes[first]!;
    const { file, start: s, end } = node.span;
    const name = cycleNames(cycle.map((i) => nodes[i]!));
    diagnostics.push(diagnostic({ file, start: s, end },
      message('KP3015', 'values', { name: name(node), cycle: rotated.map((i) => name(nodes[i]!)) }),
      { help: message('KP3015', 'help') }));
  }
}

/**
 * How the members of a cycle are named: by name, or, when its lets belong to several indicators, sections or
 * bonuses (one reads another's as `收入完成.校正`), each let with its owner.
 */
function cycleNames(members: GraphNode[]): (n: GraphNode) => string {
  const ownerOf = (n: GraphNode) => n.id.slice(n.kind.length + 1, n.id.length - n.name.length - 1);
  const owners = new Set(members.filter((n) => n.role === 'value').map(ownerOf));
  return (n) => (owners.size > 1 && n.role === 'value' && ownerOf(n) !== '' ? `${ownerOf(n)}.${n.name}` : n.name);
}

/** A cycle that returns to `start` through unplaced nodes, if there is one (iterative depth-first search). */
function findCycleThrough(start: number, deps: number[][], placed: Set<number>): number[] | null {
  const path: number[] = [start];
  const next: number[] = [0];
  const visited = new Set<number>([start]);
  while (path.length > 0) {
    const top = path[path.length - 1]!;
    const ds = deps[top]!;
    const k = next[next.length - 1]!;
    if (k >= ds.length) { path.pop(); next.pop(); continue; }
    next[next.length - 1] = k + 1;
    const d = ds[k]!;
    if (d === start) return [...path];
    if (placed.has(d) || visited.has(d)) continue;
    visited.add(d);
    path.push(d);
    next.push(0);
  }
  return null;
}
