// The fast backend: a policy's rule graph compiled once into one generated function per node (see
// codegen.ts), plugged into the evaluator where it evaluates one node over all units. Units a kernel gives
// up, nodes without a kernel and period-aggregated indicators are evaluated by the reference evaluator,
// so results are the reference's, byte for byte.
import type { GExpr, GraphNode, RecordSpec, RuleGraph, TiersNode } from '../../../graph/graph.js';
import * as Bounds from './error-bounds.js';
import { generateCondition, generateKernel, type GeneratedKernel, type Slot } from './codegen.js';
import { referencedNodes } from '../../../graph/graph-schema.js';
import { recordColumnsOf, type RecordColumns } from './kernels-lists.js';
import { fillPeerMeans } from '../node-eval.js';
import { referenceBackend, type Backend } from '../backend.js';
import { populationStat } from '../population.js';
import { kindUnits, type Column, type EvalState } from '../state.js';
import { evaluateTiers, type TierConditions } from '../tiers.js';

type KernelFn = (
  C: unknown[],
  H: KernelHelpers,
  n: number,
  out: Float64Array,
  flags: Uint8Array,
  bails: Int32Array,
  errs: Float64Array,
) => number;

type KernelHelpers = typeof Bounds & { progress: number; progressError: number; rounding: string };

export interface NodeKernel {
  source: string;
  slots: Slot[];
  run: KernelFn;
}

export interface Kernels {
  graph: RuleGraph;
  byId: Map<string, NodeKernel>;
  /** nodes left to the reference evaluator, with the reason (inputs, relations and tiers always are) */
  reference: Map<string, string>;
  /** kernels of each tiers node's conditions (null where the reference evaluator decides them) */
  conditions: Map<string, TierKernels>;
}

interface TierKernels {
  vetoes: (NodeKernel | null)[];
  gates: (NodeKernel | null)[];
  tiers: (NodeKernel | null)[];
}

function compiled(g: GeneratedKernel | { unsupported: string }): NodeKernel | null {
  if ('unsupported' in g) return null;
  return { source: g.source, slots: g.slots, run: new Function('C', 'H', 'n', 'out', 'flags', 'bails', 'errs', g.source) as KernelFn };
}

/** Compile every node of the graph that the kernels cover. Pure: no state, reusable across evaluations. */
export function compileKernels(graph: RuleGraph): Kernels {
  const byId = new Map<string, NodeKernel>();
  const reference = new Map<string, string>();
  const conditions: Kernels['conditions'] = new Map();
  for (const node of graph.nodes) {
    if (node.role === 'tiers') {
      const of = (when: GExpr) => compiled(generateCondition(graph, when));
      conditions.set(node.id, {
        vetoes: node.vetoes.map((v) => of(v.when)),
        gates: node.gates.map((g) => of(g.when)),
        tiers: node.tiers.map((t) => (t.when ? of(t.when) : null)),
      });
    }
    const g = generateKernel(graph, node);
    if ('unsupported' in g) reference.set(node.id, g.unsupported);
    else byId.set(node.id, compiled(g)!);
  }
  return { graph, byId, reference, conditions };
}

/** Kernels compiled once per graph (a graph is not changed once loaded). */
const compiledGraphs = new WeakMap<RuleGraph, Kernels>();

export function kernelsOf(graph: RuleGraph): Kernels {
  let k = compiledGraphs.get(graph);
  if (!k) compiledGraphs.set(graph, (k = compileKernels(graph)));
  return k;
}

/** A record list's columns: given by columnar data, or made from the rows once per evaluation state. */
export function recordColumns(state: EvalState, listId: string): RecordColumns {
  const cached = state.records.get(listId);
  if (cached) return cached;
  const node = state.nodes.get(listId)!;
  const spec = state.graph.records.find((r) => node.type.t === 'list' && r.name === node.type.record) as RecordSpec;
  const col = state.columns.get(listId);
  const cols = recordColumnsOf(spec, col?.t === 'list' ? col.v : []);
  state.records.set(listId, cols);
  return cols;
}

function resolve(state: EvalState, slot: Slot): unknown {
  switch (slot.s) {
    case 'errors':
      return state.bounds.get(slot.id) ?? null;
    case 'values': {
      const c = state.columns.get(slot.id);
      return c && (c.t === 'num' || c.t === 'enum') ? c.v : new Float64Array(0);
    }
    case 'flags':
      return state.flags.get(slot.id) ?? new Uint8Array(0);
    case 'ref': {
      const c = state.columns.get(slot.id);
      return c?.t === 'ref' ? c.v : new Int32Array(0);
    }
    case 'pop':
      return populationStat(state, slot.fn, slot.of, slot.share, slot.among);
    case 'start':
      return recordColumns(state, slot.list).start;
    case 'field':
      return recordColumns(state, slot.list).fields.get(slot.field);
  }
}

/** Whether a node reads a node the period leaves out: a section's kernel scores it over all its indicators. */
function readsLeftOut(state: EvalState, node: GraphNode): boolean {
  const left = state.scope?.notInPeriod;
  return left !== undefined && referencedNodes(node).some((id) => left.has(id));
}

/**
 * The compiled backend: kernels where the graph has them, `fallback` (the reference) for the nodes without one,
 * period-aggregated indicators, and each unit a kernel gives up (a missing value, an exact tie).
 */
export function kernelsBackend(fallback: Backend = referenceBackend): Backend {
  let bails = new Int32Array(0);
  // The progress is a whole number of twelfths; quarters and halves are exact doubles.
  const helpers = (state: EvalState): KernelHelpers => ({
    ...Bounds,
    progress: state.progress,
    progressError: Number.isInteger(state.progress * 4) ? 0 : Math.abs(state.progress) * Bounds.U,
    rounding: state.rounding,
  });
  const none = new Float64Array(0);
  /** A condition over all units: 1, 0, or NaN where the kernel gave the unit up. */
  const condition = (state: EvalState, k: NodeKernel | null, n: number): Float64Array | null => {
    if (!k) return null;
    const out = new Float64Array(n);
    if (bails.length < n) bails = new Int32Array(n);
    const given = k.run(k.slots.map((s) => resolve(state, s)), helpers(state), n, out, new Uint8Array(n), bails, none);
    for (let b = 0; b < given; b++) out[bails[b]!] = NaN;
    return out;
  };
  const tiers = (state: EvalState, node: TiersNode, c: TierKernels): void => {
    const n = kindUnits(state, node.kind).ids.length;
    const col: Column = { t: 'enum', v: new Float64Array(n).fill(NaN), values: node.type.t === 'enum' ? node.type.values : [] };
    const flags = new Uint8Array(n);
    state.columns.set(node.id, col);
    state.flags.set(node.id, flags);
    const known: TierConditions = {
      vetoes: c.vetoes.map((k) => condition(state, k, n)),
      gates: c.gates.map((k) => condition(state, k, n)),
      tiers: c.tiers.map((k) => condition(state, k, n)),
    };
    evaluateTiers(state, node, col, flags, known);
  };
  const evaluateNode = (state: EvalState, node: GraphNode): void => {
    const kernels = kernelsOf(state.graph);
    const conditions = node.role === 'tiers' ? kernels.conditions.get(node.id) : undefined;
    if (node.role === 'tiers' && conditions) return tiers(state, node, conditions);
    const k = kernels.byId.get(node.id);
    if (!k || state.partScores.has(node.id) || readsLeftOut(state, node)) return fallback.evaluateNode(state, node);
    const n = kindUnits(state, node.kind).ids.length;
    const out = new Float64Array(n);
    const flags = new Uint8Array(n);
    const col: Column = node.type.t === 'enum' ? { t: 'enum', v: out, values: node.type.values } : { t: 'num', v: out };
    state.columns.set(node.id, col);
    state.flags.set(node.id, flags);
    const C = k.slots.map((s) => resolve(state, s));
    const H = helpers(state);
    const errs = node.role === 'value' || node.role === 'link' ? new Float64Array(n) : none;
    if (errs !== none) state.bounds.set(node.id, errs);
    if (node.role === 'link') {
      const source = kindUnits(state, (node as { sourceKind: string }).sourceKind).ids.length;
      if (k.run(C, H, source, out, flags, bails, errs) < 0) {
        state.bounds.delete(node.id); // the reference's column: nearest doubles
        fallback.evaluateNode(state, node);
      }
      return;
    }
    if (bails.length < n) bails = new Int32Array(n);
    const given = k.run(C, H, n, out, flags, bails, errs);
    if (given > 0) {
      fallback.evaluateUnits(state, node, bails, given);
      // the double nearest to the exact value
      if (errs !== none) for (let b = 0; b < given; b++) errs[bails[b]!] = Math.abs(out[bails[b]!]!) * Bounds.U;
    }
    if (node.role === 'indicator') fillPeerMeans(state, node, col as Extract<Column, { t: 'num' }>, flags);
  };
  return { name: 'kernels', unsupported: () => null, evaluateNode, evaluateUnits: fallback.evaluateUnits };
}
