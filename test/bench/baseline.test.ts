// The hand-written baselines score what kaoping scores: same policy, same numbers.
import { describe, expect, it } from 'vitest';
import { compileFolder } from '../runtime/compile-helper.js';
import { evaluate } from '../../runtime/evaluation/evaluate.js';
import { BASELINE_INDICATORS, prepareColumns, scoreColumns, scoreObject, unitObjects } from '../../bench/baseline-tax-2021.js';
import { columnarToJson, generateColumnar } from '../../bench/generate-data.js';

describe('hand-written baselines of tax-provincial-2021', () => {
  const graph = compileFolder('policies/tax-provincial-2021');
  for (const seed of [7, 8]) {
    it(`give kaoping's indicator scores on 300 generated units (seed ${seed})`, () => {
      const data = generateColumnar(graph, 300, seed);
      const ref = evaluate(graph, columnarToJson(graph, data)).results!;
      const byId = new Map(ref.units.map((u) => [u.id, u]));
      const ids = data.kinds['省局']!.ids;
      const cols = BASELINE_INDICATORS.map(() => new Float64Array(ids.length));
      scoreColumns(prepareColumns(data), cols);
      const objects = unitObjects(data);
      const one = new Float64Array(BASELINE_INDICATORS.length);
      let compared = 0;
      ids.forEach((id, i) => {
        scoreObject(objects[i]!, one);
        BASELINE_INDICATORS.forEach((name, k) => {
          const expected = byId.get(id)!.indicators[name]!;
          const own = expected.peerMean ? null : expected.score;
          expect([name, Number.isNaN(cols[k]![i]!) ? null : cols[k]![i]]).toEqual([name, own]);
          expect([name, Number.isNaN(one[k]!) ? null : one[k]]).toEqual([name, own]);
          compared++;
        });
      });
      expect(compared).toBe(300 * 38);
    });
  }
});
