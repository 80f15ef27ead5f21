// What a rule-graph expression reads: the nodes it depends on, and whether each read crosses to other units
// (a population statistic over the peers, or a value of the unit reached by a relation).
import type { Adjustment, GExpr, GraphNode } from '../graph/graph.js';
import { totalId } from './node-ids.js';

export interface Read {
  id: string;
  crossing: boolean;
}

export function readsOf(e: GExpr, into: Read[] = []): Read[] {
  switch (e.k) {
    case 'num': case 'str': case 'bool': case 'date': case 'enum': case 'field':
      break;
    case 'node': into.push({ id: e.id, crossing: false }); break;
    case 'rel':
      into.push({ id: e.rel, crossing: false }, { id: e.id, crossing: true });
      break;
    case 'pop':
      into.push({ id: e.of, crossing: true });
      if (e.among !== undefined) into.push({ id: e.among, crossing: true }); // the other units' eligibility is read too
      break;
    case 'neg': case 'not': readsOf(e.a, into); break;
    case 'arith': case 'cmp': case 'logic': readsOf(e.a, into); readsOf(e.b, into); break;
    case 'if': readsOf(e.c, into); readsOf(e.t, into); readsOf(e.e, into); break;
    case 'band':
      readsOf(e.x, into);
      for (const arm of e.arms) { readsOf(arm.bound, into); readsOf(arm.v, into); }
      readsOf(e.else, into);
      break;
    case 'match':
      readsOf(e.x, into);
      for (const arm of e.arms) readsOf(arm.v, into);
      if (e.else) readsOf(e.else, into);
      break;
    case 'fn': for (const a of e.args) readsOf(a, into); break;
    case 'agg':
      readsOf(e.list, into);
      if (e.where) readsOf(e.where, into);
      if (e.value) readsOf(e.value, into);
      break;
  }
  return into;
}

function adjustmentReads(a: Adjustment, into: Read[]): void {
  for (const e of [a.amount, a.per, a.where, a.when, a.cap]) if (e) readsOf(e, into);
}

/** The kind a relation node points to, so a shared total can be read on the related unit. */
export type RelationTarget = (relationId: string) => string | null;

/** Every read of a node, in the order its rule mentions them. Links and rankings cross by nature. */
export function nodeReads(node: GraphNode, relationTarget: RelationTarget): Read[] {
  const reads: Read[] = [];
  const ids = (list: string[], crossing = false) => { for (const id of list) reads.push({ id, crossing }); };
  switch (node.role) {
    case 'input': case 'relation': break;
    case 'value': readsOf(node.expr, reads); break;
    case 'indicator':
      if (node.base) readsOf(node.base, reads);
      for (const a of node.adjustments) adjustmentReads(a, reads);
      if (node.exemptWhen) readsOf(node.exemptWhen, reads);
      ids(node.links);
      break;
    case 'section':
      if (node.when) readsOf(node.when, reads);
      ids(node.indicators);
      break;
    case 'bonus': for (const a of node.adjustments) adjustmentReads(a, reads); break;
    case 'link': {
      // Computed for the target unit from the source units related to it: every read crosses units.
      const own: Read[] = [];
      if (node.list) own.push({ id: node.list, crossing: true });
      if (node.where) readsOf(node.where, own);
      readsOf(node.amount, own);
      own.push({ id: node.relation, crossing: true });
      for (const r of own) reads.push({ id: r.id, crossing: true });
      break;
    }
    case 'total':
      ids(node.sections);
      ids(node.bonuses);
      if (node.individual) {
        reads.push({ id: node.individual.relation, crossing: false });
        const target = relationTarget(node.individual.relation);
        if (target !== null) reads.push({ id: totalId(target), crossing: true });
        readsOf(node.individual.share, reads);
      }
      break;
    case 'tiers':
      ids([node.by], true); // ranking compares the peers
      if (node.ties.mode === 'by') ids(node.ties.keys, true);
      for (const t of node.tiers) if (t.when) readsOf(t.when, reads);
      for (const g of node.gates) readsOf(g.when, reads);
      for (const v of node.vetoes) readsOf(v.when, reads);
      break;
  }
  return reads;
}

/** The distinct node ids read, in first-mention order. */
export function dependencies(node: GraphNode, relationTarget: RelationTarget): string[] {
  return [...new Set(nodeReads(node, relationTarget).map((r) => r.id))];
}
