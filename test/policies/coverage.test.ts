// The bundled sample data exercises the policies: in each, every gate and every veto fires for some unit,
// and every kind of deduction and missing-data treatment the policy declares happens at least once —
// read from the results' explanations, not recomputed. When one does not, the generator's seeded special
// cases (policies/generate-data.ts) need another case.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.js';
import { evaluate } from '../../runtime/index.js';
import type { RuleGraph } from '../../graph/graph.js';
import type { Step, Trace, TierTrace, TraceItem } from '../../runtime/explanation/trace.js';

const POLICIES = join(import.meta.dirname, '..', '..', 'policies');

function compileFolder(folder: string): RuleGraph {
  const dir = join(POLICIES, folder);
  const sources = readdirSync(dir).filter((f) => f.endsWith('.kp')).sort().map((f) => ({ path: f, text: readFileSync(join(dir, f), 'utf8') }));
  return compile(sources).graph!;
}

type Seen = (s: Step, item: TraceItem) => boolean;

/** The kinds of deduction and missing-data treatment the graph declares, each with how a trace shows it happened. */
function declaredKinds(graph: RuleGraph): Map<string, Seen> {
  const kinds = new Map<string, Seen>();
  const exemptIfMissing = new Set(graph.nodes.flatMap((n) => (n.role === 'indicator' && n.exemptIfMissing.length > 0 ? [n.name] : [])));
  const adjustments = graph.nodes.flatMap((n) => (n.role === 'indicator' || n.role === 'bonus' ? n.adjustments : []));
  if (adjustments.some((a) => a.direction === 'deduct' && a.per !== null))
    kinds.set('per-record deduction', (s) => s.step === 'adjust' && s.direction === 'deduct' && s.count !== null && s.amount > 0);
  if (adjustments.some((a) => a.direction === 'deduct' && a.per === null))
    kinds.set('conditional deduction', (s) => s.step === 'adjust' && s.direction === 'deduct' && s.count === null && s.amount > 0);
  if (graph.nodes.some((n) => n.role === 'link')) kinds.set('linked deduction', (s) => s.step === 'link' && s.amount > 0);
  const missing = new Set(graph.nodes.flatMap((n) => (n.role === 'input' ? [n.missing.kind] : [])));
  // a default read only by a tiers condition (a veto) leaves no read step in any explanation: not counted
  const readByScores = new Set(graph.nodes.flatMap((n) => (n.role === 'tiers' ? [] : n.deps)));
  const defaults = graph.nodes.some((n) => n.role === 'input' && n.missing.kind === 'default' && readByScores.has(n.id));
  if (defaults) kinds.set('missing: default', (s) => s.step === 'read' && s.defaulted === true);
  if (missing.has('peer_mean')) kinds.set('missing: peer_mean', (s) => s.step === 'peer_mean');
  // in an aggregated period an indicator exempt in every part shows the parts, each exempt (no score)
  if (missing.has('exempt'))
    kinds.set('missing: exempt', (s, item) =>
      (s.step === 'exempt' && s.reason === 'missing') ||
      (s.step === 'period_parts' && item.item === 'indicator' && exemptIfMissing.has(item.name) && s.parts.every((p) => p.score === null)));
  return kinds;
}

const ALL_KINDS = ['per-record deduction', 'conditional deduction', 'linked deduction', 'missing: default', 'missing: peer_mean', 'missing: exempt'];
/** What each policy declares (a policy change that drops one shows up here). */
const EXPECTED_KINDS: Record<string, string[]> = {
  'tax-provincial-2021': ALL_KINDS,
  'tax-provincial-2022': ALL_KINDS,
  'county-individual-2021': ['conditional deduction', 'missing: exempt'],
};

const BUNDLED: [folder: string, period: string | undefined][] = [
  ['tax-provincial-2021', '2021'],
  ['tax-provincial-2022', '2022'],
  ['county-individual-2021', undefined],
];

describe.each(BUNDLED)('%s sample data', (folder, period) => {
  const graph = compileFolder(folder);
  const data = readFileSync(join(POLICIES, folder, 'data', 'results.json'), 'utf8');
  const { results } = evaluate(graph, data, { traces: true, ...(period ? { period } : {}) });
  const traces = results!.units.map((u) => u.trace as unknown as Trace);
  const tierItems = traces.flatMap((t) => t.items.filter((i): i is TierTrace => i.item === 'tier'));
  const steps = traces.flatMap((t) => t.items.flatMap((item) => ('steps' in item ? item.steps.map((step) => ({ step, item })) : [])));

  it('fires every gate and every veto for some unit', () => {
    const tiers = graph.nodes.filter((n) => n.role === 'tiers');
    expect(tiers.length).toBeGreaterThan(0);
    for (const t of tiers) {
      const mine = tierItems.filter((i) => i.name === t.name);
      for (const g of t.gates) expect([g.text, mine.some((i) => i.gates.some((x) => x.tier === g.tier && x.text === g.text))]).toEqual([g.text, true]);
      for (const v of t.vetoes) expect([v.text, mine.some((i) => i.vetoes.some((x) => x.text === v.text))]).toEqual([v.text, true]);
    }
  });

  it('makes every kind of deduction and missing-data treatment the policy declares happen', () => {
    const kinds = declaredKinds(graph);
    expect([...kinds.keys()]).toEqual(EXPECTED_KINDS[folder]);
    expect(kinds.size).toBeGreaterThan(0);
    for (const [kind, seen] of kinds) expect([kind, steps.some((s) => seen(s.step, s.item))]).toEqual([kind, true]);
  });
});
