// The 绩效分析 flags the editor shows beside the indicators, from the worker's side: hand-computed on ten units
// (each flag with the figures behind it), on the bundled 2021 data (the two 满分 indicators, placed on their
// declarations), and the sentences the marks and badges carry, in Chinese and English.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.js';
import { editorMessage, render } from '../../messages/index.js';
import { ANALYSIS_FLAG_TEXTS } from '../../runtime/results/analysis-flags.js';
import { evaluatePreview } from '../../editor/src/language/preview-model.js';
import { TEN_UNIT_DATA, TEN_UNIT_POLICY } from '../cli/ten-units.js';

// The ten 局 of test/cli/ten-units.ts: 收入 no flag; 声誉 all at 10 (绩效趋同, 不区分, 从未扣分); 专项 nine at 0 (过于严苛).
const POLICY = TEN_UNIT_POLICY;
const DATA = TEN_UNIT_DATA;
const json = (value: unknown) => [{ name: 'd.json', bytes: new TextEncoder().encode(JSON.stringify(value)) }];

describe('the 绩效分析 flags beside the indicators', () => {
  it('hand-computed on ten units: each flagged indicator with its flags, counts, score and lines, on its declaration', () => {
    const { graph } = compile([{ path: 'p/p.kp', text: POLICY }]);
    const { model } = evaluatePreview(graph!, 'd.json', json(DATA), 'zh');
    const flags = model!.kinds[0]!.indicatorFlags;
    expect(flags.map((f) => [f.indicator, f.section, f.scored, f.flags])).toEqual([
      ['声誉', '业务', 10, [
        { flag: 'uniform_full', count: 10, score: null, lines: [] },
        { flag: 'constant', count: 10, score: '10.00', lines: [] },
        { flag: 'never_deducted', count: 10, score: null, lines: ['deduct 2分 when 舆情'] },
      ]],
      ['专项', '业务', 10, [{ flag: 'too_harsh', count: 9, score: null, lines: [] }]],
    ]);
    for (const f of flags) {
      expect(f.span.path).toBe('p/p.kp');
      expect(POLICY.slice(f.span.start)).toMatch(new RegExp(`^indicator ${f.indicator} points`));
    }
  });

  it('on the bundled 2021 data: 意识形态工作 and 安全稳定, 35 of 36 省局 at full points, in 党的全面领导.kp', () => {
    const DIR = 'policies/tax-provincial-2021';
    const sources = readdirSync(DIR).filter((f) => f.endsWith('.kp')).sort().map((f) => ({ path: `${DIR}/${f}`, text: readFileSync(`${DIR}/${f}`, 'utf8') }));
    const { model } = evaluatePreview(compile(sources).graph!, 'results.json', [{ name: 'results.json', bytes: new Uint8Array(readFileSync(`${DIR}/data/results.json`)) }], 'zh');
    expect(model!.period).toBe('2021');
    const flags = model!.kinds.flatMap((k) => k.indicatorFlags);
    expect(flags.map((f) => [f.kind, f.indicator, f.scored, f.flags.map((x) => [x.flag, x.count])])).toEqual([
      ['省局', '意识形态工作', 36, [['uniform_full', 35]]],
      ['省局', '安全稳定', 36, [['uniform_full', 35]]],
    ]);
    const text = sources.find((s) => s.path === flags[0]!.span.path)!.text;
    expect(flags[0]!.span.path).toBe(`${DIR}/党的全面领导.kp`);
    expect(text.slice(flags[0]!.span.start)).toMatch(/^指标 意识形态工作 分值/);
  });

  it('says each flag with its figures, in Chinese and in English', () => {
    const say = (lang: 'zh' | 'en', flag: 'uniform_full' | 'constant' | 'never_deducted' | 'too_harsh', count: number, score: string | null = null, lines: string[] = []) =>
      render(editorMessage('analysisFlag', { flag, name: ANALYSIS_FLAG_TEXTS[flag], scored: 36, count, score, lines }), lang);
    expect(say('zh', 'uniform_full', 35)).toBe('绩效趋同：参评 36 个单位中 35 个得满分（97.2%）');
    expect(say('en', 'uniform_full', 35)).toBe('almost all at full points: 35 of the 36 units scored are at full points (97.2%)');
    expect(say('zh', 'too_harsh', 33)).toBe('过于严苛：参评 36 个单位中 33 个得 0 分（91.7%）');
    expect(say('zh', 'constant', 36, '2.00')).toBe('不区分：参评的 36 个单位得分相同（均为 2.00 分）');
    expect(say('zh', 'never_deducted', 36, null, ['扣 1分 当 舆情'])).toBe('从未扣分：「扣 1分 当 舆情」对参评的 36 个单位都未扣分');
    expect(render(editorMessage('analysisMark', { period: '2021', text: '绩效趋同：…' }), 'zh')).toBe('2021 绩效趋同：…（阈值可在「绩效分析」声明中设定）');
  });
});
