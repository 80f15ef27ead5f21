// Test coverage over the indicator tree: which arms of a band, branches of an if or match, deduction and
// addition lines (and whether their caps bound), missing-data treatments, linked deductions, section
// conditions, tiers, gates, vetoes and tie rules a policy's tests reached. It is read from the finished
// evaluation of each test: the per-unit rules are run again with a recorder whose `reach` hears each branch
// taken (as explanations are made), so evaluation without coverage pays nothing for it.
//
// An element counts for a test only if the test checks it: one of its expectations reads the element's
// node, directly or through what is computed from it (its section, the total, a rank or a tier).
import type { Adjustment, GExpr, GraphNode, IndicatorNode, RuleGraph, SourceRef, TestSpec, TiersNode } from '../../graph/graph.js';
import { evalExpr, newScope, type Reach } from '../evaluation/expr-eval.js';
import * as Q from '../evaluation/rational.js';
import { explainUnit } from '../evaluation/node-eval.js';
import { usableValues } from '../evaluation/population.js';
import { runTests, type TestResult } from './run-tests.js';
import { DEFAULTED, EXEMPT, FAILED, MISSING, NOT_APPLICABLE, PEER_MEAN, type EvalState } from '../evaluation/state.js';
import { tieBreakers } from '../evaluation/tiers.js';

export type CoverageWhat =
  | 'then' | 'else' // an if's two branches
  | 'band_arm' | 'band_else'
  | 'match_arm' | 'match_else'
  | 'deduct' | 'add' // a line that deducted or added something
  | 'cap' // a line's cap bound
  | 'exempt_when' // the indicator's exemption condition held
  | 'missing_exempt' | 'missing_peer_mean' | 'missing_default' // an input missing, and its declared treatment applied
  | 'link' // a linked deduction reached the indicator
  | 'section_applies' | 'section_not_applicable'
  | 'tier' // a unit was placed in the tier
  | 'gate_fired' | 'gate_not_fired' | 'veto_fired' | 'veto_not_fired'
  | 'tie_by' // a tie on the ranking key broken by this key
  | 'tie_shared'; // units tied on every key shared a place

export interface CoverageElement {
  what: CoverageWhat;
  /** the rule as written (an arm, a line, a gate), or a name (an input, a tier, a tie-breaking key) */
  text: string;
  span: SourceRef;
  /** how many tests reached it */
  tests: number;
}

export interface CoverageGroup {
  role: 'section' | 'indicator' | 'bonus' | 'total' | 'tiers' | 'policy';
  name: string;
  span: SourceRef;
  /** how many tests evaluated it (an indicator counts as covered when this is not 0) */
  tests: number;
  elements: CoverageElement[];
  /** a section's indicators */
  indicators?: CoverageGroup[];
}

export interface CoverageCount {
  reached: number;
  total: number;
}

export interface CoverageReport {
  policy: string;
  tests: number;
  /** sections (with their indicators), bonuses, totals, tiers, and the lets outside them, in graph order */
  groups: CoverageGroup[];
  indicators: CoverageCount;
  /** every element of every group */
  branches: CoverageCount;
}

/** Where the arms of an if, band or match were written, in arm order (if: then, else; band and match: the arms, then else). */
export type BranchLocator = (site: GExpr) => readonly { span: SourceRef; text: string }[] | undefined;

type Element = Omit<CoverageElement, 'tests'> & { hit: Set<number> };
type Group = Omit<CoverageGroup, 'tests' | 'elements' | 'indicators'> & { hit: Set<number>; elements: Element[]; indicators?: Group[] };

const BRANCHING = new Set(['if', 'band', 'match']);

/** The if, band and match expressions inside an expression (or a list or object of them), outermost first. */
function branchPoints(value: unknown, out: GExpr[]): GExpr[] {
  if (Array.isArray(value)) for (const v of value) branchPoints(v, out);
  else if (value !== null && typeof value === 'object') {
    if ('k' in value && BRANCHING.has((value as GExpr).k)) out.push(value as GExpr);
    for (const v of Object.values(value)) branchPoints(v, out);
  }
  return out;
}

/** The expressions a node's own per-unit rule evaluates (not its lets: they are nodes of their own). */
function ruleExpressions(node: GraphNode): unknown[] {
  const lines = (adjs: Adjustment[]) => adjs.map((a) => [a.amount, a.per, a.where, a.when, a.cap]);
  switch (node.role) {
    case 'value': return [node.expr];
    case 'indicator': return [node.base, node.exemptWhen, lines(node.adjustments)];
    case 'section': return [node.when];
    case 'bonus': return [lines(node.adjustments)];
    case 'total': return [node.individual?.share ?? null];
    case 'tiers': return [node.tiers.map((t) => t.when), node.gates.map((g) => g.when), node.vetoes.map((v) => v.when)];
    default: return [];
  }
}

/** The inputs an indicator reads for its own unit (through its lets too; not through statistics over peers). */
function ownInputs(graph: RuleGraph, byId: Map<string, GraphNode>, node: IndicatorNode): string[] {
  const seen = new Set<string>();
  const inputs: string[] = [];
  const visit = (e: unknown): void => {
    if (Array.isArray(e)) return e.forEach(visit);
    if (e === null || typeof e !== 'object') return;
    const x = e as GExpr;
    if (x.k === 'node' && !seen.has(x.id)) {
      seen.add(x.id);
      const n = byId.get(x.id);
      if (n?.role === 'input') inputs.push(n.id);
      if (n?.role === 'value') visit(n.expr);
      return;
    }
    if (x.k === 'pop' || x.k === 'rel') return;
    for (const v of Object.values(e)) visit(v);
  };
  visit(ruleExpressions(node));
  return graph.nodes.filter((n) => inputs.includes(n.id)).map((n) => n.id);
}

/** Collects, test by test, what the tests reached; `report` sums it up. */
export class CoverageCollector {
  private readonly groups: Group[] = [];
  private readonly byNode = new Map<string, Group>();
  private readonly sites = new Map<object, Element[]>();
  private readonly byId: Map<string, GraphNode>;
  private readonly defaults = new Map<string, { input: string; element: Element }[]>();
  private readonly special = new Map<string, Element>(); // `${node id}\u0000${what}\u0000${index or input}`
  private tests = 0;

  constructor(private readonly graph: RuleGraph, private readonly locate: BranchLocator = () => undefined) {
    this.byId = new Map(graph.nodes.map((n) => [n.id, n]));
    this.build();
  }

  private element(group: Group, what: CoverageWhat, text: string, span: SourceRef, key?: string): Element {
    const e: Element = { what, text, span, hit: new Set() };
    group.elements.push(e);
    if (key !== undefined) this.special.set(key, e);
    return e;
  }

  private build(): void {
    const { graph } = this;
    const group = (n: GraphNode, role: Group['role']): Group => {
      const g: Group = { role, name: n.name, span: n.span, hit: new Set(), elements: [] };
      this.byNode.set(n.id, g);
      return g;
    };
    // Groups first (a let may come before the indicator it belongs to in graph order).
    for (const n of graph.nodes) {
      if (n.role === 'section') {
        const s = group(n, 'section');
        s.indicators = n.indicators.map((id) => this.byNode.get(id)!).filter(Boolean);
        this.groups.push(s);
      } else if (n.role === 'indicator') group(n, 'indicator');
      else if (n.role === 'bonus' || n.role === 'total' || n.role === 'tiers') this.groups.push(group(n, n.role));
    }
    // The lets outside every section, indicator, bonus and tiers declaration; placed where the first is written.
    let policy: Group | null = null;
    const owners = [...this.byNode.keys()].sort((a, b) => b.length - a.length);
    const ownerOf = (n: GraphNode): Group =>
      this.byNode.get(n.id) ?? this.byNode.get(owners.find((id) => n.id.startsWith(`${id}.`)) ?? '') ??
      (policy ??= { role: 'policy', name: graph.policy.name, span: n.span, hit: new Set(), elements: [] });

    for (const n of graph.nodes) {
      const g = ownerOf(n);
      for (const site of branchPoints(ruleExpressions(n), [])) this.branchElements(g, n, site);
      if (n.role === 'indicator') this.indicatorElements(g, n);
      if (n.role === 'section' && n.when) {
        this.element(g, 'section_applies', '', n.span, `${n.id}\u0000section_applies`);
        this.element(g, 'section_not_applicable', '', n.span, `${n.id}\u0000section_not_applicable`);
      }
      if (n.role === 'bonus') for (const a of n.adjustments) this.lineElements(g, a);
      if (n.role === 'tiers') this.tiersElements(g, n);
    }
    if (policy && (policy as Group).elements.length > 0) this.groups.push(policy);
    // Totals without elements (most) say nothing.
    for (let k = this.groups.length - 1; k >= 0; k--) if (this.groups[k]!.role === 'total' && this.groups[k]!.elements.length === 0) this.groups.splice(k, 1);
  }

  private branchElements(g: Group, n: GraphNode, site: GExpr): void {
    const at = this.locate(site);
    const arm = (k: number, what: CoverageWhat) => this.element(g, what, at?.[k]?.text ?? '', at?.[k]?.span ?? n.span);
    if (site.k === 'if') this.sites.set(site, [arm(0, 'then'), arm(1, 'else')]);
    if (site.k === 'band') this.sites.set(site, [...site.arms.map((_, k) => arm(k, 'band_arm')), arm(site.arms.length, 'band_else')]);
    if (site.k === 'match') {
      const arms = site.arms.map((_, k) => arm(k, 'match_arm'));
      this.sites.set(site, site.else ? [...arms, arm(arms.length, 'match_else')] : arms);
    }
  }

  private lineElements(g: Group, a: Adjustment): void {
    const line = this.element(g, a.direction, a.text, a.span);
    this.sites.set(a, a.cap ? [line, this.element(g, 'cap', a.text, a.span)] : [line]);
  }

  private indicatorElements(g: Group, n: IndicatorNode): void {
    for (const a of n.adjustments) this.lineElements(g, a);
    if (n.exemptWhen) this.element(g, 'exempt_when', '', n.span, `${n.id}\u0000exempt_when`);
    const node = (id: string) => this.byId.get(id)!;
    for (const id of n.exemptIfMissing) this.element(g, 'missing_exempt', node(id).name, node(id).span, `${n.id}\u0000missing\u0000${id}`);
    for (const id of n.peerMeanIfMissing) this.element(g, 'missing_peer_mean', node(id).name, node(id).span, `${n.id}\u0000missing\u0000${id}`);
    const defaults = ownInputs(this.graph, this.byId, n).filter((id) => {
      const x = node(id);
      return x.role === 'input' && x.missing.kind === 'default';
    });
    this.defaults.set(n.id, defaults.map((id) => ({ input: id, element: this.element(g, 'missing_default', node(id).name, node(id).span) })));
    for (const id of n.links) this.element(g, 'link', node(id).name, node(id).span, `${n.id}\u0000link\u0000${id}`);
  }

  private tiersElements(g: Group, n: TiersNode): void {
    n.tiers.forEach((t, k) => this.element(g, 'tier', t.name, t.span, `${n.id}\u0000tier\u0000${k}`));
    n.gates.forEach((x, k) => {
      this.element(g, 'gate_fired', x.text, x.span, `${n.id}\u0000gate_fired\u0000${k}`);
      this.element(g, 'gate_not_fired', x.text, x.span, `${n.id}\u0000gate_not_fired\u0000${k}`);
    });
    n.vetoes.forEach((x, k) => {
      this.element(g, 'veto_fired', x.text, x.span, `${n.id}\u0000veto_fired\u0000${k}`);
      this.element(g, 'veto_not_fired', x.text, x.span, `${n.id}\u0000veto_not_fired\u0000${k}`);
    });
    // The tie-breakers in the order the ranking uses them: bonuses that only break ties, then `ties by` keys.
    const bonuses = this.graph.nodes.filter((b) => b.role === 'bonus' && b.kind === n.kind && b.counts === 'tiebreak');
    const keys = [...(bonuses.length > 0 ? [bonuses.map((b) => b.name).join('、')] : []), ...(n.ties.mode === 'by' ? n.ties.keys.map((id) => this.keyName(id)) : [])];
    keys.forEach((name, k) => this.element(g, 'tie_by', name, n.span, `${n.id}\u0000tie_by\u0000${k}`));
    this.element(g, 'tie_shared', '', n.span, `${n.id}\u0000tie_shared`);
  }

  private keyName(id: string): string {
    const n = this.byId.get(id)!;
    return n.role === 'value' && n.name.includes('#') ? n.text : n.name;
  }

  /** The nodes a test's expectations read, and all they are computed from. */
  private checked(test: TestSpec): Set<string> {
    const kindOf = new Map(test.units.map((u) => [u.id, u.kind]));
    const roots = test.expects.map((e) => {
      const t = e.target;
      if ('node' in t) return t.node;
      if ('exempt' in t) return t.exempt;
      if ('tier' in t) return t.tier;
      return this.graph.nodes.find((n) => n.role === 'total' && n.kind === kindOf.get(e.unit))?.id ?? '';
    });
    const seen = new Set<string>();
    const visit = (id: string): void => {
      if (seen.has(id)) return;
      seen.add(id);
      this.byId.get(id)?.deps.forEach(visit);
    };
    roots.forEach(visit);
    return seen;
  }

  /** Adds what one test reached, from its finished evaluation. */
  readonly add = (test: TestSpec, state: EvalState): void => {
    const t = this.tests++;
    const checked = this.checked(test);
    const reach: Reach = (site, arm) => {
      const els = this.sites.get(site);
      if (!els) return;
      if (els[0]!.what === 'deduct' || els[0]!.what === 'add') {
        els[0]!.hit.add(t);
        if (arm === 1) els[1]?.hit.add(t);
      } else els[arm]?.hit.add(t);
    };
    const mark = (key: string) => this.special.get(key)?.hit.add(t);
    for (const node of this.graph.nodes) {
      if (!checked.has(node.id)) continue;
      const units = state.kinds.get(node.kind)?.ids.length ?? 0;
      const flags = state.flags.get(node.id);
      if (!flags) continue;
      if (node.role === 'tiers') {
        this.tiersReached(state, node, t, reach, mark);
        continue;
      }
      if (!['value', 'indicator', 'section', 'bonus', 'total'].includes(node.role)) continue;
      for (let i = 0; i < units; i++) {
        explainUnit(state, node, i, [], reach);
        const f = flags[i]!;
        if (node.role === 'section' && node.when && (f & FAILED) === 0)
          mark(`${node.id}\u0000${f & NOT_APPLICABLE ? 'section_not_applicable' : 'section_applies'}`);
        if (node.role === 'indicator' && (f & FAILED) === 0) this.indicatorReached(state, node, i, f, t, mark);
      }
    }
  };

  private indicatorReached(state: EvalState, node: IndicatorNode, i: number, f: number, t: number, mark: (key: string) => void): void {
    this.byNode.get(node.id)!.hit.add(t);
    const missing = (id: string) => ((state.flags.get(id)?.[i] ?? 0) & MISSING) !== 0;
    if (f & EXEMPT) {
      const by = node.exemptIfMissing.filter(missing);
      by.forEach((id) => mark(`${node.id}\u0000missing\u0000${id}`));
      if (by.length === 0) mark(`${node.id}\u0000exempt_when`);
      return;
    }
    if (f & PEER_MEAN) node.peerMeanIfMissing.filter(missing).forEach((id) => mark(`${node.id}\u0000missing\u0000${id}`));
    for (const d of this.defaults.get(node.id) ?? []) if ((state.flags.get(d.input)?.[i] ?? 0) & DEFAULTED) d.element.hit.add(t);
    for (const id of node.links) {
      const col = state.columns.get(id);
      if (col?.t === 'num' && col.v[i]! !== 0 && !Number.isNaN(col.v[i]!)) mark(`${node.id}\u0000link\u0000${id}`);
    }
  }

  private tiersReached(state: EvalState, node: TiersNode, t: number, reach: Reach, mark: (key: string) => void): void {
    const o = state.tierOutcomes.get(node.id);
    const flags = state.flags.get(node.id)!;
    if (!o) return;
    this.byNode.get(node.id)!.hit.add(t);
    const sc = newScope(state, node.kind, { steps: [], seen: new Set(), reach });
    const conditions = [...node.tiers.flatMap((r) => (r.when ? [r.when] : [])), ...node.gates.map((g) => g.when), ...node.vetoes.map((v) => v.when)];
    for (const i of o.order) {
      if (flags[i]! & FAILED) continue;
      sc.i = i;
      for (const c of conditions) evalExpr(c, sc);
      if (o.tier[i]! >= 0) mark(`${node.id}\u0000tier\u0000${o.tier[i]}`);
      const gates = o.gatesFired.get(i) ?? [];
      node.gates.forEach((_, k) => mark(`${node.id}\u0000gate_${gates.includes(k) ? 'fired' : 'not_fired'}\u0000${k}`));
      const vetoes = o.vetoed.get(i) ?? [];
      node.vetoes.forEach((_, k) => mark(`${node.id}\u0000veto_${vetoes.includes(k) ? 'fired' : 'not_fired'}\u0000${k}`));
    }
    // Ties: two units equal on the ranking key and the keys before k, told apart by key k (or by none).
    const n = o.position.length;
    const keys = [usableValues(state, node.by), ...tieBreakers(state, node.kind, n).map((k) => k.values)];
    const order = [...o.order];
    for (let a = 0; a < order.length; a++)
      for (let b = a + 1; b < order.length; b++) {
        const x = order[a]!;
        const y = order[b]!;
        let k = 0;
        while (k < keys.length && Object.is(keys[k]![x], keys[k]![y])) k++;
        if (k === keys.length) mark(`${node.id}\u0000tie_shared`);
        else if (k > 0) mark(`${node.id}\u0000tie_by\u0000${k - 1}`);
      }
  }

  report(): CoverageReport {
    const finish = (g: Group): CoverageGroup => ({
      role: g.role, name: g.name, span: g.span, tests: g.hit.size,
      elements: g.elements.map(({ hit, ...e }) => ({ ...e, tests: hit.size })),
      ...(g.indicators ? { indicators: g.indicators.map(finish) } : {}),
    });
    const groups = this.groups.map(finish);
    const all = groups.flatMap((g) => [g, ...(g.indicators ?? [])]);
    const indicators = all.filter((g) => g.role === 'indicator');
    const elements = all.flatMap((g) => g.elements);
    return {
      policy: this.graph.policy.name,
      tests: this.tests,
      groups,
      indicators: { reached: indicators.filter((g) => g.tests > 0).length, total: indicators.length },
      branches: { reached: elements.filter((e) => e.tests > 0).length, total: elements.length },
    };
  }
}

/** Runs a policy's tests and reports what they covered. */
export function runTestsWithCoverage(graph: RuleGraph, locate?: BranchLocator): { results: TestResult[]; coverage: CoverageReport } {
  const collector = new CoverageCollector(graph, locate);
  const { results } = runTests(graph, collector.add);
  return { results, coverage: collector.report() };
}

/** Whether `count` reaches `minimum` (a fraction), decided exactly; no elements at all count as complete. */
export function meetsMinimum(count: CoverageCount, minimum: number): boolean {
  if (count.total === 0) return true;
  return Q.compare(Q.rational(BigInt(count.reached), BigInt(count.total)), Q.fromNumber(minimum)) >= 0;
}

/** The share covered as a percent, cut (not rounded) to one decimal, so 99.96% never shows as 100%. */
export function coveragePercent(count: CoverageCount): number {
  return count.total === 0 ? 100 : Math.floor((count.reached * 1000) / count.total) / 10;
}
