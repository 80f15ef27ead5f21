// The editor's 预警 tab, from the worker's side: the bundled 2021 policy's warnings on its sample data, checked in
// the latest period a warning applies to (hand-checked rows as `kaoping monitor` lists them).
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.js';
import { evaluatePreview } from '../../editor/src/language/preview-model.js';
import { render } from '../../messages/index.js';

const DIR = 'policies/tax-provincial-2021';
const sources = readdirSync(DIR).filter((f) => f.endsWith('.kp')).sort().map((f) => ({ path: `${DIR}/${f}`, text: readFileSync(`${DIR}/${f}`, 'utf8') }));
const graph = compile(sources).graph!;
const file = (name: string) => [{ name, bytes: new Uint8Array(readFileSync(`${DIR}/data/${name}`)) }];

describe('the 预警 tab', () => {
  it('on the yearly data: the latest quarter, with its quarterly warnings', () => {
    const { model } = evaluatePreview(graph, 'results.json', file('results.json'));
    const w = model!.warnings!;
    expect([w.period, w.declared, w.checked]).toEqual(['2021Q4', 4, ['风险应对临界', '社保费征收偏低']]);
    expect(w.rows.every((r) => r.levelText.zh === (r.level === 'notice' ? '提示' : '预警'))).toBe(true);
    expect(w.notes).toEqual([]);
  });

  it('on the monthly data: June, with 双过半 and the trend', () => {
    const { model } = evaluatePreview(graph, 'monthly.json', file('monthly.json'));
    const w = model!.warnings!;
    expect([w.period, w.checked, w.notes]).toEqual(['2021M06', ['收入双过半', '收入进度连续下滑'], []]);
    expect(w.rows.filter((r) => r.unit === '江苏').map((r) => [r.levelText.zh, r.warning, r.message])).toEqual([
      ['严重', '收入双过半', '截至6月累计收入2263.55亿元，仅完成年度收入预算4600.00亿元的49.21%，未过半'],
      ['预警', '收入进度连续下滑', '收入进度完成率连续三个月下降，本月为98.42%'],
    ]);
    expect(w.rows.find((r) => r.unit === '北京')!.grounds).toEqual({ zh: '累计收入 20,764,991万元；年度收入预算 42,000,000万元', en: '累计收入 207,649,910,000 yuan; 年度收入预算 420,000,000,000 yuan' });
  });

  it('says, in the page\'s language, why nothing was checked or what was left unchecked', () => {
    const mayAndJune = () => {
      const data = JSON.parse(readFileSync(`${DIR}/data/monthly.json`, 'utf8'));
      for (const u of data.units) u.periods = Object.fromEntries(Object.entries(u.periods).filter(([p]) => p >= '2021M05'));
      return [{ name: 'monthly.json', bytes: new TextEncoder().encode(JSON.stringify(data)) }];
    };
    // Every warning moved to 2022: none applies to a period of the 2021 data.
    const later = compile(sources.map((src) => (src.path.endsWith('预警.kp') ? { ...src, text: src.text.replace(/周期 (月度|季度|2021M06)/g, '周期 2022M01') } : src))).graph!;
    const year = evaluatePreview(later, 'results.json', file('results.json')).model!.warnings!;
    expect([year.period, year.rows, year.notes.map((n) => render(n, 'zh'))]).toEqual([null, [], ['数据中没有适用这 4 条预警的期间']]);
    expect(render(year.notes[0]!, 'en')).toBe('the data has no period that any of the 4 warnings applies to');
    // May and June alone: 双过半 is checked in June, the three months' trend cannot be (KR260).
    const june = evaluatePreview(graph, 'monthly.json', mayAndJune()).model!.warnings!;
    expect([june.period, june.checked]).toEqual(['2021M06', ['收入双过半']]);
    expect(june.notes.map((n) => render(n, 'zh'))).toEqual(['units：数据中没有期间「2021M04」，预警「收入进度连续下滑」在「2021M06」不检查']);
    expect(render(june.notes[0]!, 'en')).toBe('units: the data has no period `2021M04`, so warning `收入进度连续下滑` is not checked for `2021M06`');
  });

  it('is empty (null) for a policy that declares no warnings', () => {
    const other = compile(sources.filter((s) => !s.path.endsWith('预警.kp'))).graph!;
    expect(evaluatePreview(other, 'results.json', file('results.json')).model!.warnings).toBeNull();
  });
});
