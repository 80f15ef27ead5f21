// Statistics over a node's values across all units of its kind, computed once per node and cached.
// Competition ranking (1, 2, 2, 4): equal values (after snapping) share a rank.
import type { PopulationFn } from './graph.js';
import { compareExact, roundPlaces, snap } from './exact.js';
import { EXEMPT, FAILED, MISSING, type EvalState } from './state.js';

export interface Ranking {
  order: Int32Array; // unit indexes, best first, units without a value left out
  rank: Int32Array; // 1-based competition rank by unit index, 0 for units without a value
}

/** Rank units by several keys in turn (each highest first unless `ascending`); equal on all keys share a rank. */
export function rankByKeys(keys: Float64Array[], n: number, ascending = false, include?: (i: number) => boolean): Ranking {
  let count = 0;
  const kept = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let usable = !include || include(i);
    for (let k = 0; k < keys.length && usable; k++) if (Number.isNaN(keys[k]![i]!)) usable = false;
    if (usable) kept[count++] = i;
  }
  if (keys.length === 0) {
    const rank = new Int32Array(n);
    for (let p = 0; p < count; p++) rank[kept[p]!] = 1;
    return { order: kept.slice(0, count), rank };
  }
  // Snapping is monotonic and compareExact(a, b) is the order of snap(a) and snap(b): snap every key once
  // (negated for highest first), then sort plain numbers.
  const sign = ascending ? 1 : -1;
  const snapped = keys.map((k) => {
    const s = new Float64Array(n);
    for (let p = 0; p < count; p++) {
      const i = kept[p]!;
      s[i] = sign * snap(k[i]!);
    }
    return s;
  });
  // Order by the first key: sort its values as plain numbers (no comparator), then place each unit, in
  // index order, at the first position of its value plus the units of that value already placed.
  const first = snapped[0]!;
  const sortedFirst = new Float64Array(count);
  for (let p = 0; p < count; p++) sortedFirst[p] = first[kept[p]!]!;
  sortedFirst.sort();
  const placed = new Int32Array(count);
  const order = new Int32Array(count);
  const start = new Int32Array(n); // by unit: where its group of equal first keys starts in `order`
  for (let p = 0; p < count; p++) {
    const u = kept[p]!;
    const at = lowerBound(sortedFirst, first[u]!);
    order[at + placed[at]!++] = u;
    start[u] = at;
  }
  const rank = new Int32Array(n);
  if (snapped.length === 1) {
    for (let p = 0; p < count; p++) rank[order[p]!] = start[order[p]!]! + 1;
    return { order, rank };
  }
  // Units equal on the first key: ordered by the other keys in turn, then by index.
  const cmp = (a: number, b: number): number => {
    for (let k = 1; k < snapped.length; k++) {
      const s = snapped[k]!;
      if (s[a] !== s[b]) return s[a]! < s[b]! ? -1 : 1;
    }
    return 0;
  };
  for (let p = 0; p < count; ) {
    let q = p + 1;
    while (q < count && start[order[q]!] === start[order[p]!]) q++;
    if (q - p > 1) order.subarray(p, q).sort((a, b) => cmp(a, b) || a - b);
    for (let k = p; k < q; k++) rank[order[k]!] = k > p && cmp(order[k - 1]!, order[k]!) === 0 ? rank[order[k - 1]!]! : k + 1;
    p = q;
  }
  return { order, rank };
}

/** The first position in ascending `xs` whose value is not below `x` (x is one of them). */
function lowerBound(xs: Float64Array, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A finished node's numeric values with NaN wherever the unit has no usable value (computed once per node). */
export function usableValues(state: EvalState, id: string): Float64Array {
  const key = `usable\u0000${id}`;
  const cached = state.population.get(key);
  if (cached) return cached;
  const col = state.columns.get(id);
  const flags = state.flags.get(id);
  if (!col || (col.t !== 'num' && col.t !== 'enum')) return new Float64Array(0);
  const out = Float64Array.from(col.v);
  if (flags) for (let i = 0; i < out.length; i++) if ((flags[i]! & (MISSING | EXEMPT | FAILED)) !== 0) out[i] = NaN;
  state.population.set(key, out);
  return out;
}

export function populationStat(state: EvalState, fn: PopulationFn, of: string, share: number | null): Float64Array {
  const key = `${fn}\u0000${of}\u0000${share ?? ''}`;
  const cached = state.population.get(key);
  if (cached) return cached;
  const values = usableValues(state, of);
  const n = values.length;
  const out = new Float64Array(n).fill(NaN);
  let count = 0;
  let sum = 0;
  let hi = -Infinity;
  let lo = Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    count++;
    sum += v;
    if (compareExact(v, hi) > 0) hi = v;
    if (compareExact(v, lo) < 0) lo = v;
  }
  const kind = state.nodes.get(of)!.kind;
  switch (fn) {
    case 'peer_max':
    case 'peer_min':
    case 'peer_mean': {
      const v = fn === 'peer_max' ? hi : fn === 'peer_min' ? lo : sum / count;
      if (count > 0) for (let i = 0; i < n; i++) if (!Number.isNaN(values[i]!)) out[i] = v;
      break;
    }
    case 'rank':
    case 'rank_asc': {
      const { order, rank } = rankByKeys([values], n, fn === 'rank_asc');
      for (const i of order) out[i] = rank[i]!;
      break;
    }
    case 'percentile': {
      const { order, rank } = rankByKeys([values], n, true);
      for (const i of order) out[i] = count > 1 ? (rank[i]! - 1) / (count - 1) : 0;
      break;
    }
    case 'in_top':
    case 'in_bottom': {
      const mode = state.tiersOf.get(kind)?.quota ?? 'half_up';
      const places = roundPlaces((share ?? 0) * count, mode);
      const { order, rank } = rankByKeys([values], n, fn === 'in_bottom');
      for (const i of order) out[i] = rank[i]! <= places ? 1 : 0;
      break;
    }
  }
  state.population.set(key, out);
  return out;
}
