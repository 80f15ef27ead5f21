// The ranking's tier reasons, from the worker's side: on the bundled 2021 data 深圳 is kept out of 第一段 by the
// gate on 党的全面领导 and 江苏 sent to the last tier by the veto (as `kaoping eval` says, test/cli/results-output),
// each unit carrying the reasons of its kind's first tiers; a unit no rule held for carries none.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.js';
import { tierReasonText } from '../../messages/results-words.js';
import { evaluatePreview } from '../../editor/src/language/preview-model.js';

const DIR = 'policies/tax-provincial-2021';
const sources = readdirSync(DIR).filter((f) => f.endsWith('.kp')).sort().map((f) => ({ path: `${DIR}/${f}`, text: readFileSync(`${DIR}/${f}`, 'utf8') }));

describe('the tier reasons beside the ranking', () => {
  it('深圳 gated, 江苏 vetoed, 浙江 neither', () => {
    const { model } = evaluatePreview(compile(sources).graph!, 'results.json', [{ name: 'results.json', bytes: new Uint8Array(readFileSync(`${DIR}/data/results.json`)) }], 'zh');
    const unit = (id: string) => model!.kinds.flatMap((k) => k.units).find((u) => u.id === id)!;
    expect([unit('深圳').rank, unit('深圳').tier, unit('深圳').tierReasons]).toEqual([9, '第二段', [{ rule: 'gate', text: '非 第一段 当 党的全面领导 位列 后 10%', tier: '第一段' }]]);
    expect([unit('江苏').tier, tierReasonText(unit('江苏').tierReasons)]).toEqual(['第三段', '一票否决（否决 当 重大违纪案件 或 任一(舆情事件 其中 等级 == 重大)）']);
    expect(unit('浙江').tierReasons).toEqual([]);
    // 特派办 allot no tiers: no reasons
    expect(model!.kinds.find((k) => k.name === '特派办')!.units.every((u) => u.tierReasons.length === 0)).toBe(true);
  });
});
