// Statistics over a node's values across all units of its kind, computed once per node and cached.
// Competition ranking (1, 2, 2, 4): equal values share a rank. Values are ordered as doubles: every column
// holds the double nearest to the exact value, and distinct scores (decimals of at most 15 digits) are
// distinct doubles; the mean is exact.
import type { PopulationFn } from '../../graph/graph.js';
import * as Q from './rational.js';
import type { Rational } from './rational.js';
import { UNUSABLE, type EvalState } from './state.js';

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
  // Keys negated for highest first, then ordered as plain numbers.
  const sign = ascending ? 1 : -1;
  const snapped = keys.map((k) => {
    const s = new Float64Array(n);
    for (let p = 0; p < count; p++) {
      const i = kept[p]!;
      s[i] = sign * k[i]!;
    }
    return s;
  });
  // Order by the first key, ties in index order (a stable radix sort; `kept` is in index order), and
  // where each unit's group of equal first keys starts.
  const first = snapped[0]!;
  const order = orderByKey(first, kept.subarray(0, count));
  const start = new Int32Array(n);
  for (let p = 0; p < count; p++) start[order[p]!] = p > 0 && first[order[p - 1]!] === first[order[p]!] ? start[order[p - 1]!]! : p;
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

/** Below this many units a comparison sort is faster than the radix sort. */
const SMALL_SORT = 2048;

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * `units` ordered by `key` ascending, equal keys keeping their order: a least-significant-digit radix sort,
 * 16 bits a pass, of the keys' bits mapped so that unsigned order is numeric order (no NaN; -0 and 0 are
 * made the same). Linear in the number of units, where a comparison sort of a million keys is not.
 */
function orderByKey(key: Float64Array, units: Int32Array): Int32Array {
  const count = units.length;
  // Four passes over 65,536 digit counts cost more than comparing a few hundred keys.
  if (count <= SMALL_SORT) return Int32Array.from(units).sort((a, b) => key[a]! - key[b]! || a - b);
  const one = new Float64Array(1);
  const bits = new Uint32Array(one.buffer);
  const [H, L] = LITTLE_ENDIAN ? [1, 0] : [0, 1];
  const hi = new Uint32Array(count);
  const lo = new Uint32Array(count);
  for (let p = 0; p < count; p++) {
    one[0] = key[units[p]!]! + 0; // + 0: -0 becomes 0
    const h = bits[H]!;
    const l = bits[L]!;
    // Negative numbers: all bits flipped (larger magnitude first); others: the sign bit set.
    hi[p] = h & 0x80000000 ? ~h >>> 0 : (h | 0x80000000) >>> 0;
    lo[p] = h & 0x80000000 ? ~l >>> 0 : l;
  }
  let from = new Int32Array(count);
  for (let p = 0; p < count; p++) from[p] = p;
  let to = new Int32Array(count);
  const counts = new Int32Array(65537);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? lo : hi;
    const shift = pass % 2 === 0 ? 0 : 16;
    counts.fill(0);
    for (let p = 0; p < count; p++) counts[((word[p]! >>> shift) & 0xffff) + 1]!++;
    if (counts.some((c) => c === count)) continue; // one digit value everywhere: nothing to reorder
    for (let d = 1; d <= 65536; d++) counts[d]! += counts[d - 1]!;
    for (let k = 0; k < count; k++) {
      const p = from[k]!;
      to[counts[(word[p]! >>> shift) & 0xffff]!++] = p;
    }
    [from, to] = [to, from];
  }
  const order = new Int32Array(count);
  for (let k = 0; k < count; k++) order[k] = units[from[k]!]!;
  return order;
}

/**
 * 1 for each unit among the first `places` from one end (`sign` -1: highest first), 0 for the others, NaN
 * left where there is no value. A unit's competition rank is within `places` exactly when its value is at
 * most the places-th value from that end (so a tie at the edge is in), and a selection finds that value
 * without ordering every unit.
 */
function withinPlaces(values: Float64Array, count: number, places: number, sign: 1 | -1, out: Float64Array): void {
  const keyed = new Float64Array(count);
  let c = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) keyed[c++] = sign * values[i]!;
  const edge = places <= 0 ? -Infinity : places >= count ? Infinity : nthSmallest(keyed, places - 1);
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) out[i] = sign * values[i]! <= edge ? 1 : 0;
}

/**
 * The k-th smallest (from 0) of `xs`, which it reorders: quickselect with three-way partitions (runs of equal
 * values cost nothing), falling back to sorting what is left when the partitions stay uneven, so that no
 * input takes more than n log n.
 */
export function nthSmallest(xs: Float64Array, k: number): number {
  let lo = 0;
  let hi = xs.length; // the k-th smallest is in xs[lo, hi)
  for (let budget = 2 * Math.ceil(Math.log2(xs.length + 1)) + 4; hi - lo > 16 && budget > 0; budget--) {
    const a = xs[lo]!, b = xs[(lo + hi) >>> 1]!, c = xs[hi - 1]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b; // median of three
    // xs[lo, lt) < pivot, xs[lt, p) == pivot, xs[gt, hi) > pivot
    let lt = lo, p = lo, gt = hi;
    while (p < gt) {
      const x = xs[p]!;
      if (x < pivot) (xs[p++] = xs[lt]!), (xs[lt++] = x);
      else if (x > pivot) (xs[p] = xs[--gt]!), (xs[gt] = x);
      else p++;
    }
    if (k < lt) hi = lt;
    else if (k >= gt) lo = gt;
    else return pivot;
  }
  const rest = xs.subarray(lo, hi).sort();
  return rest[k - lo]!;
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
  const node = state.nodes.get(id);
  for (let i = 0; i < out.length; i++) {
    if (flags && (flags[i]! & UNUSABLE) !== 0) out[i] = NaN;
    // A kernel's column of a value node holds doubles near the exact values: their nearest doubles instead.
    else if (node?.role === 'value' && col.t === 'num' && out[i] === out[i]) out[i] = Q.toNumber(state.exactValue(id, i)!);
  }
  state.population.set(key, out);
  return out;
}

/** The places `in top/bottom` gives: a share of the peers, rounded as the kind's tiers round quotas, or a number. */
function places(state: EvalState, fn: PopulationFn, kind: string, share: number | null, count: number): number {
  if (fn === 'in_top_n' || fn === 'in_bottom_n') return share ?? 0;
  return quotaPlaces(share ?? 0, count, state.tiersOf.get(kind)?.quota ?? 'half_up');
}

/** Quota places: `share × count` exactly, rounded to a whole number of places. */
export function quotaPlaces(share: number, count: number, mode: 'half_up' | 'floor' | 'ceil'): number {
  const x = Q.mul(Q.fromNumber(share), Q.rational(BigInt(count)));
  const whole = mode === 'floor' ? Q.floor(x) : mode === 'ceil' ? Q.ceil(x) : Q.floor(Q.add(x, Q.rational(1n, 2n)));
  return Q.toNumber(whole);
}

/**
 * The values a statistic is taken over: X's usable values, and with `among` (rank(X where C)) only where the
 * unit meets C (a true value; false, missing or failed leave it out). Filter, then rank: the units left out
 * take no place and get no statistic.
 */
export function rankedValues(state: EvalState, of: string, among?: string): Float64Array {
  const values = usableValues(state, of);
  if (among === undefined) return values;
  const key = `among\u0000${of}\u0000${among}`;
  const cached = state.population.get(key);
  if (cached) return cached;
  const col = state.columns.get(among);
  const flags = state.flags.get(among);
  const out = Float64Array.from(values);
  for (let i = 0; i < out.length; i++) {
    const holds = col?.t === 'num' && col.v[i] === 1 && (!flags || (flags[i]! & UNUSABLE) === 0);
    if (!holds) out[i] = NaN;
  }
  state.population.set(key, out);
  return out;
}

/** How many units have a value to take a statistic over. */
export function countOf(values: Float64Array): number {
  let count = 0;
  for (const v of values) if (!Number.isNaN(v)) count++;
  return count;
}

/** Exact values of statistics that are not a unit's own value (the mean), by state and statistic. */
const exactStats = new WeakMap<EvalState, Map<string, Rational>>();

function keepExact(state: EvalState, key: string, v: Rational): void {
  let m = exactStats.get(state);
  if (!m) exactStats.set(state, (m = new Map()));
  m.set(key, v);
}

/** The exact value of a statistic for unit i (what the reference evaluator reads); null where it has none. */
export function populationExact(state: EvalState, fn: PopulationFn, of: string, share: number | null, i: number, among?: string): Rational | null {
  const v = populationStat(state, fn, of, share, among)[i]!;
  if (Number.isNaN(v)) return null;
  const over = among === undefined ? of : `${of}\u0000${among}`;
  if (fn === 'peer_mean' || fn === 'peer_max' || fn === 'peer_min') return exactStats.get(state)!.get(`${fn}\u0000${over}`)!;
  if (fn === 'percentile') {
    const rank = populationStat(state, 'rank_asc', of, null, among)[i]!;
    const count = exactStats.get(state)!.get(`count\u0000${over}`)!;
    return Q.compare(count, Q.ONE) > 0 ? Q.div(Q.rational(BigInt(rank - 1)), Q.sub(count, Q.ONE))! : Q.ZERO;
  }
  return Q.fromNumber(v);
}

export function populationStat(state: EvalState, fn: PopulationFn, of: string, share: number | null, among?: string): Float64Array {
  const over = among === undefined ? of : `${of}\u0000${among}`;
  const key = `${fn}\u0000${over}\u0000${share ?? ''}`;
  const cached = state.population.get(key);
  if (cached) return cached;
  const values = rankedValues(state, of, among);
  const n = values.length;
  const out = new Float64Array(n).fill(NaN);
  let count = 0;
  let hi = -1;
  let lo = -1;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    count++;
    if (hi < 0 || v > values[hi]!) hi = i;
    if (lo < 0 || v < values[lo]!) lo = i;
  }
  const kind = state.nodes.get(of)!.kind;
  switch (fn) {
    case 'peer_max':
    case 'peer_min':
    case 'peer_mean': {
      if (count === 0) break;
      let exact: Rational;
      if (fn === 'peer_mean') {
        let sum = Q.ZERO;
        for (let i = 0; i < n; i++) if (!Number.isNaN(values[i]!)) sum = Q.add(sum, state.exactValue(of, i)!);
        exact = Q.div(sum, Q.rational(BigInt(count)))!;
      } else exact = state.exactValue(of, fn === 'peer_max' ? hi : lo)!;
      keepExact(state, `${fn}\u0000${over}`, exact);
      const v = Q.toNumber(exact);
      for (let i = 0; i < n; i++) if (!Number.isNaN(values[i]!)) out[i] = v;
      break;
    }
    case 'rank':
    case 'rank_asc': {
      const { order, rank } = rankByKeys([values], n, fn === 'rank_asc');
      for (const i of order) out[i] = rank[i]!;
      break;
    }
    case 'percentile': {
      keepExact(state, `count\u0000${over}`, Q.rational(BigInt(count)));
      const { order, rank } = rankByKeys([values], n, true);
      for (const i of order) out[i] = count > 1 ? (rank[i]! - 1) / (count - 1) : 0;
      break;
    }
    case 'in_top':
    case 'in_bottom':
    case 'in_top_n':
    case 'in_bottom_n':
      withinPlaces(values, count, places(state, fn, kind, share, count), fn === 'in_top' || fn === 'in_top_n' ? -1 : 1, out);
      // (X where C) in top P: a unit with a value of X that C leaves out is not among them
      if (among !== undefined) {
        const own = usableValues(state, of);
        for (let i = 0; i < n; i++) if (Number.isNaN(values[i]!) && !Number.isNaN(own[i]!)) out[i] = 0;
      }
      break;
  }
  state.population.set(key, out);
  return out;
}

/** Why `X in top/bottom P` holds or not for unit `i`: X's value, its place counted from that end, and the places P gives. */
export function rankPlace(state: EvalState, fn: PopulationFn, of: string, share: number | null, i: number, among?: string) {
  const count = countOf(rankedValues(state, of, among));
  const within = places(state, fn, state.nodes.get(of)!.kind, share, count);
  const position = populationStat(state, fn === 'in_bottom' || fn === 'in_bottom_n' ? 'rank_asc' : 'rank', of, null, among)[i]!;
  return { value: usableValues(state, of)[i]!, position, of: count, places: within };
}
