// The impact comparison the review, recheck and the editor's what-if share (review/diff-impact.ts), on
// hand-computed results: who moves, and each indicator's movement, an added and a removed one included.
import { describe, expect, it } from 'vitest';
import { compareResults, type ResultsLike } from '../../review/diff-impact.js';

const unit = (id: string, total: number, rank: number, tier: string, indicators: Record<string, number>) => ({
  id, kind: '局', name: `${id}局`, total, rank, tier,
  indicators: Object.fromEntries(Object.entries(indicators).map(([name, score]) => [name, { score }])),
});

// X kept (a +1, b 0), R removed (a −1, b −3), A added (a +4, b +2).
const before: ResultsLike = { units: [unit('a', 3, 2, '第二段', { X: 2, R: 1 }), unit('b', 5, 1, '第一段', { X: 2, R: 3 })] };
const after: ResultsLike = { units: [unit('a', 7, 1, '第一段', { X: 3, A: 4 }), unit('b', 4, 2, '第二段', { X: 2, A: 2 })] };

describe('compareResults', () => {
  const impact = compareResults(before, after, { renames: {} });

  it('gives every unit its standing before and after, and who changes tier', () => {
    expect(impact.units.map((u) => [u.id, u.change, u.before?.rank, u.after?.rank])).toEqual([['a', 4, 2, 1], ['b', -1, 1, 2]]);
    expect(impact.tierChanges.map((u) => `${u.id}: ${u.before?.tier} → ${u.after?.tier}`)).toEqual(['a: 第二段 → 第一段', 'b: 第一段 → 第二段']);
  });

  it('measures a kept indicator over the units scored on both sides, an added or removed one by its whole score', () => {
    expect(impact.indicators.map((i) => [i.name, i.status, i.unitsChanged, i.pointsMoved, i.meanChange])).toEqual([
      ['A', 'added', 2, 6, 3], // (4 + 2) / 2
      ['R', 'removed', 2, 4, -2], // (−1 − 3) / 2
      ['X', 'kept', 1, 1, 0.5], // (1 + 0) / 2
    ]);
  });

  it('follows a renamed indicator', () => {
    const renamed: ResultsLike = { units: after.units.map((u) => ({ ...u, indicators: { Y: u.indicators['X']!, A: u.indicators['A']! } })) };
    const y = compareResults(before, renamed, { renames: { X: 'Y' } }).indicators.find((i) => i.name === 'Y')!;
    expect([y.oldName, y.status, y.meanChange]).toEqual(['X', 'kept', 0.5]);
  });
});
