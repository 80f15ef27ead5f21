// The impact of a policy change on data: the same units evaluated under OLD and NEW — totals, ranks,
// tiers, who changes tier, and which indicators move points most. Node-free (the editor's review view uses it).
import type { RuleGraph } from '../graph/graph.js';
import type { SemanticDiff } from './semantic-diff.js';

/** The parts of the runtime's results this comparison reads. */
export interface ResultsLike {
  units: {
    id: string;
    kind: string;
    name?: string | null;
    indicators: Record<string, { score: number | null; exempt?: boolean }>;
    total: number | null;
    rank: number | null;
    tier?: string | null;
  }[];
}

export interface UnitStanding {
  total: number | null;
  rank: number | null;
  tier: string | null;
}

export interface UnitImpact {
  id: string;
  kind: string;
  name: string;
  before: UnitStanding | null;
  after: UnitStanding | null;
  /** NEW total − OLD total, when both exist. */
  change: number | null;
}

export interface IndicatorMovement {
  kind: string;
  /** Name in NEW (or OLD, when removed). */
  name: string;
  oldName: string | null;
  status: 'added' | 'removed' | 'kept';
  /** Units whose score on the indicator differs. */
  unitsChanged: number;
  /** Σ |NEW − OLD| over units (an added/removed indicator counts its whole score). */
  pointsMoved: number;
  /** Mean NEW − OLD over the units scored on both sides; for an added (removed) indicator, its mean score
   *  (negated) over the units scored on the side that has it. */
  meanChange: number;
  largest: { unit: string; change: number } | null;
}

export interface DiffImpact {
  units: UnitImpact[];
  tierChanges: UnitImpact[];
  indicators: IndicatorMovement[];
}

/** How many indicators the impact lists, largest movement first. */
export const TOP_MOVERS = 10;

/** `diff` gives the indicators renamed between the versions (none when both sides are one policy, as in a recheck of corrected data). */
export function compareResults(before: ResultsLike, after: ResultsLike, diff: Pick<SemanticDiff, 'renames'>): DiffImpact {
  const oldUnits = new Map(before.units.map((u) => [`${u.kind}\u0000${u.id}`, u]));
  const newUnits = new Map(after.units.map((u) => [`${u.kind}\u0000${u.id}`, u]));
  const keys = [...new Set([...oldUnits.keys(), ...newUnits.keys()])];
  const units: UnitImpact[] = keys.map((k) => {
    const x = oldUnits.get(k);
    const y = newUnits.get(k);
    const standing = (u: typeof x): UnitStanding | null => (u ? { total: u.total, rank: u.rank, tier: u.tier ?? null } : null);
    const change = x?.total != null && y?.total != null ? round12(y.total - x.total) : null;
    return { id: (x ?? y)!.id, kind: (x ?? y)!.kind, name: (y?.name ?? x?.name ?? (x ?? y)!.id) as string, before: standing(x), after: standing(y), change };
  });
  units.sort((p, q) => (p.kind < q.kind ? -1 : p.kind > q.kind ? 1 : rankKey(p) - rankKey(q) || (p.id < q.id ? -1 : p.id > q.id ? 1 : 0)));
  const tierChanges = units.filter((u) => (u.before?.tier ?? null) !== (u.after?.tier ?? null));
  return { units, tierChanges, indicators: indicatorMovements(oldUnits, newUnits, diff) };
}

function rankKey(u: UnitImpact): number {
  return u.after?.rank ?? u.before?.rank ?? Number.MAX_SAFE_INTEGER;
}

function round12(x: number): number {
  return Number(x.toPrecision(12));
}

type UnitResult = ResultsLike['units'][number];

function indicatorMovements(oldUnits: Map<string, UnitResult>, newUnits: Map<string, UnitResult>, diff: Pick<SemanticDiff, 'renames'>): IndicatorMovement[] {
  const renamedFrom = new Map(Object.entries(diff.renames).map(([from, to]) => [to, from]));
  const names = new Map<string, { kind: string; name: string; oldName: string | null }>();
  for (const u of newUnits.values()) {
    for (const name of Object.keys(u.indicators)) names.set(`${u.kind}\u0000${name}`, { kind: u.kind, name, oldName: renamedFrom.get(name) ?? name });
  }
  const renamedOld = new Set(Object.keys(diff.renames));
  for (const u of oldUnits.values()) {
    for (const name of Object.keys(u.indicators)) {
      const k = `${u.kind}\u0000${diff.renames[name] ?? name}`;
      if (!names.has(k) && !renamedOld.has(name)) names.set(k, { kind: u.kind, name, oldName: name });
    }
  }
  const movements: IndicatorMovement[] = [];
  for (const { kind, name, oldName } of names.values()) {
    let unitsChanged = 0;
    let pointsMoved = 0;
    let sumChange = 0;
    let both = 0;
    let sumScored = 0;
    let scored = 0;
    let largest: IndicatorMovement['largest'] = null;
    let inOld = false;
    let inNew = false;
    for (const k of new Set([...oldUnits.keys(), ...newUnits.keys()])) {
      const x = oldUnits.get(k);
      const y = newUnits.get(k);
      if ((x ?? y)!.kind !== kind) continue;
      const before = oldName !== null ? scoreOf(x, oldName) : null;
      const after = scoreOf(y, name);
      if (x && oldName !== null && oldName in x.indicators) inOld = true;
      if (y && name in y.indicators) inNew = true;
      const change = round12((after ?? 0) - (before ?? 0));
      if (before !== null && after !== null) {
        both++;
        sumChange += change;
      }
      if (before !== null || after !== null) {
        scored++;
        sumScored += change;
      }
      if (change !== 0) {
        unitsChanged++;
        pointsMoved += Math.abs(change);
        if (!largest || Math.abs(change) > Math.abs(largest.change)) largest = { unit: (x ?? y)!.id, change };
      }
    }
    if (unitsChanged === 0) continue;
    const status = inOld && inNew ? 'kept' : inNew ? 'added' : 'removed';
    // An added or removed indicator moves its whole score: its mean over the units scored on the side that has it.
    const mean = status === 'kept' ? (both > 0 ? sumChange / both : 0) : scored > 0 ? sumScored / scored : 0;
    movements.push({
      kind,
      name,
      oldName: inOld && oldName !== name ? oldName : null,
      status,
      unitsChanged,
      pointsMoved: round12(pointsMoved),
      meanChange: round12(mean),
      largest,
    });
  }
  movements.sort((p, q) => q.pointsMoved - p.pointsMoved || (p.name < q.name ? -1 : p.name > q.name ? 1 : 0));
  return movements.slice(0, TOP_MOVERS);
}

function scoreOf(u: UnitResult | undefined, name: string): number | null {
  const r = u?.indicators[name];
  return r && !r.exempt && r.score !== null ? r.score : null;
}

/** The parts of a raised warning (runtime/results/warnings.ts) the comparison reads. */
export interface RaisedLike {
  warning: string;
  level: 'notice' | 'warning' | 'severe';
  kind: string;
  unit: string;
  unitName: string | null;
}

/** A unit whose warnings differ between the versions: the warnings raised for it under each. */
export interface UnitWarnings {
  kind: string;
  id: string;
  name: string;
  before: { warning: string; level: RaisedLike['level'] }[];
  after: { warning: string; level: RaisedLike['level'] }[];
}

/** The units whose raised warnings (name and level) differ between OLD and NEW, in kind and id order. */
export function compareWarnings(before: readonly RaisedLike[], after: readonly RaisedLike[]): UnitWarnings[] {
  const units = new Map<string, UnitWarnings>();
  const add = (w: RaisedLike, side: 'before' | 'after') => {
    const k = `${w.kind}\u0000${w.unit}`;
    const u = units.get(k) ?? { kind: w.kind, id: w.unit, name: w.unitName ?? w.unit, before: [], after: [] };
    u[side].push({ warning: w.warning, level: w.level });
    units.set(k, u);
  };
  before.forEach((w) => add(w, 'before'));
  after.forEach((w) => add(w, 'after'));
  const key = (list: UnitWarnings['before']) => list.map((w) => `${w.warning}\u0000${w.level}`).sort().join('\n');
  return [...units.values()]
    .filter((u) => key(u.before) !== key(u.after))
    .sort((p, q) => (p.kind < q.kind ? -1 : p.kind > q.kind ? 1 : p.id < q.id ? -1 : p.id > q.id ? 1 : 0));
}
