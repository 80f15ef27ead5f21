// The editor's 预警 tab, from the worker's side: the bundled 2021 policy's warnings on its sample data, checked in
// the latest period a warning applies to (hand-checked rows as `kaoping monitor` lists them).
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.js';
import { evaluatePreview } from '../../editor/src/language/preview-model.js';

const DIR = 'policies/tax-provincial-2021';
const sources = readdirSync(DIR).filter((f) => f.endsWith('.kp')).sort().map((f) => ({ path: `${DIR}/${f}`, text: readFileSync(`${DIR}/${f}`, 'utf8') }));
const graph = compile(sources).graph!;
const file = (name: string) => [{ name, bytes: new Uint8Array(readFileSync(`${DIR}/data/${name}`)) }];

describe('the 预警 tab', () => {
  it('on the yearly data: the latest quarter, with its quarterly warnings', () => {
    const { model } = evaluatePreview(graph, 'results.json', file('results.json'), 'zh');
    const w = model!.warnings!;
    expect([w.period, w.declared, w.checked]).toEqual(['2021Q4', 4, ['风险应对临界', '社保费征收偏低']]);
    expect(w.rows.every((r) => r.levelText === (r.level === 'notice' ? '提示' : '预警'))).toBe(true);
  });

  it('on the monthly data: June, with 双过半 and the trend', () => {
    const { model } = evaluatePreview(graph, 'monthly.json', file('monthly.json'), 'zh');
    const w = model!.warnings!;
    expect([w.period, w.checked, w.note]).toEqual(['2021M06', ['收入双过半', '收入进度连续下滑'], null]);
    expect(w.rows.filter((r) => r.unit === '江苏').map((r) => [r.levelText, r.warning, r.message])).toEqual([
      ['严重', '收入双过半', '截至6月累计收入2263.55亿元，仅完成年度收入预算4600.00亿元的49.21%，未过半'],
      ['预警', '收入进度连续下滑', '收入进度完成率连续三个月下降，本月为98.42%'],
    ]);
    expect(w.rows.find((r) => r.unit === '北京')!.grounds).toBe('累计收入 20,764,991万元；年度收入预算 42,000,000万元');
  });

  it('is empty (null) for a policy that declares no warnings', () => {
    const other = compile(sources.filter((s) => !s.path.endsWith('预警.kp'))).graph!;
    expect(evaluatePreview(other, 'results.json', file('results.json'), 'zh').model!.warnings).toBeNull();
  });
});
