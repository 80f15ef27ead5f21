// Bad data gives located messages and nothing is evaluated silently; CSV (UTF-8, BOM, GB18030) and xlsx read alike.
import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { checkDataset, evaluate, readJsonDataset, readTables } from '../../runtime/index.js';
import { graph, indicator, input, numT, ref, relation, section, total } from './build-graph.js';
import { gb18030 } from './gb18030.js';

const K = '省局';
const T = '特派办';
const g = graph(
  [
    input(K, '收入', numT('money')),
    input(K, '满意度', numT('percent')),
    input(K, '日期', { t: 'date' }, { kind: 'default', value: '2021-01-01' }),
    input(K, '等级', { t: 'enum', name: null, values: ['优秀', '良好'] }, { kind: 'default', value: '良好' }),
    input(K, '检查发现', { t: 'list', record: '检查发现' }, { kind: 'default', value: [] }),
    relation(K, '特派办', T),
    indicator(K, '满意', 10, { section: 'S', base: { k: 'arith', op: '*', a: { k: 'num', v: 10 }, b: ref(`${K}.满意度`) } }),
    section(K, 'S', 10, ['满意']),
    total(K, ['S']),
  ],
  { kinds: [T, K], records: [{ name: '检查发现', fields: [{ name: '类别', type: { t: 'enum', name: null, values: ['执法', '服务'] } }, { name: '件数', type: numT('count') }] }] },
);

const messages = (data: unknown) => {
  const r = evaluate(g, data);
  expect(r.results).toBeNull();
  return r.issues.map((i) => i.message);
};
const unit = (id: string, inputs: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ id, kind: K, inputs, ...extra });

describe('JSON datasets: every problem is located, nothing is coerced', () => {
  it('unknown kind, duplicate id, relation to a missing unit or a unit of the wrong kind', () => {
    expect(messages({
      units: [
        { id: '驻津', kind: T },
        { id: 'x', kind: '市局' },
        unit('甲', { 收入: 1, 满意度: 0.9 }, { relations: { 特派办: '驻沪' } }),
        unit('甲', { 收入: 1, 满意度: 0.9 }),
        unit('乙', { 收入: 1, 满意度: 0.9 }, { relations: { 特派办: '甲' } }),
      ],
    })).toEqual([
      'units[1] 单位「x」：未知的实体类别「市局」（本体系的类别：特派办、省局）',
      'units[3] 单位「甲」：单位编号重复（首次出现于 units[2]）',
      'units[2].relations.特派办 单位「甲」 字段「特派办」：关联的单位「驻沪」不存在',
      'units[4].relations.特派办 单位「乙」 字段「特派办」：关联的单位「甲」是「省局」，应为「特派办」',
    ]);
  });
  it('wrong type, bad enum member (listing the allowed), bad date, unknown field, record problems', () => {
    expect(messages({
      units: [
        unit('a', { 收入: '很多', 满意度: 0.986, 日期: '2021-02-30', 等级: '差', 其他: 1 }),
        unit('b', { 收入: 1, 满意度: '98.6%', 检查发现: [{ 类别: '廉政', 件数: 1.5 }, { 类别: '执法' }] }),
      ],
    })).toEqual([
      'units[0].inputs.收入 单位「a」 字段「收入」：应为数值，实为 "很多"',
      'units[0].inputs.日期 单位「a」 字段「日期」：日期 "2021-02-30" 不存在',
      'units[0].inputs.等级 单位「a」 字段「等级」："差" 不是可选值之一（可选：优秀、良好）',
      'units[1].inputs.检查发现[0].类别 单位「b」 字段「检查发现.类别」："廉政" 不是可选值之一（可选：执法、服务）',
      'units[1].inputs.检查发现[0].件数 单位「b」 字段「检查发现.件数」：计数应为非负整数，实为 1.5',
      'units[1].inputs.检查发现[1] 单位「b」 字段「检查发现.件数」：记录缺少字段「件数」',
      'units[0].inputs.其他 单位「a」 字段「其他」：「省局」的输入与关联中没有「其他」，此字段已忽略',
    ]);
  });
  it('an unknown field is a warning naming its first place and the likely intended input; a misspelt input is still missing', () => {
    const r = evaluate(g, {
      units: [
        { id: '驻津', kind: T },
        unit('a', { 收入: 1, 满意率: 0.9, 备注: 'x' }, { relations: { 特派办: '驻津' } }),
        unit('b', { 收入: 1, 满意度: 0.9, 备注: 'y' }, { relations: { 特派办: '驻津', 特派: '驻津' } }),
      ],
    });
    expect(r.results).toBeNull();
    expect(r.issues.map((i) => [i.severity, i.code, i.message])).toEqual([
      ['warning', 'KR206', 'units[1].inputs.满意率 单位「a」 字段「满意率」：「省局」的输入与关联中没有「满意率」，此字段已忽略，是否想写「满意度」？'],
      ['warning', 'KR206', 'units[1].inputs.备注 单位「a」 字段「备注」：「省局」的输入与关联中没有「备注」，此字段已忽略（共 2 处，此为第一处）'],
      ['warning', 'KR204', 'units[2].relations.特派 单位「b」 字段「特派」：「省局」的输入与关联中没有「特派」，此关联已忽略，是否想写「特派办」？'],
      ['error', 'KR230', 'units[1].inputs 单位「a」 字段「满意度」：缺少此输入的值（缺失时按报错处理）'],
    ]);
  });
  it('extra fields do not stop an evaluation: the results list them as warnings', () => {
    const r = evaluate(g, { units: [unit('a', { 收入: 1, 满意度: 0.9, 去年得分: 88 })] });
    expect(r.results!.units[0]!.total).toBe(9);
    expect(r.results!.warnings.map((w) => [w.code, w.path, w.field])).toEqual([['KR206', 'units[0].inputs.去年得分', '去年得分']]);
  });
  it('in the JSON form a percent is an explicit fraction: any finite number reads as written (1.2 is 120%)', () => {
    const ds = checkDataset(g, readJsonDataset({ units: [unit('a', { 收入: 1, 满意度: 1.2 }), unit('b', { 收入: 1, 满意度: -3 }), unit('c', { 收入: 1, 满意度: '120%' })] }));
    expect(ds.issues).toEqual([]);
    expect(ds.units.map((u) => u.periods.get('')!.values.get(`${K}.满意度`)!.value)).toEqual([1.2, -3, 1.2]);
  });
  it('a percent written "98.6%" reads 0.986 and a fraction 0.986 reads the same', () => {
    const r = evaluate(g, { units: [unit('a', { 收入: 1, 满意度: '98.6%' }), unit('b', { 收入: 1, 满意度: 0.986 })] });
    expect(r.results!.units.map((u) => u.indicators['满意']!.score)).toEqual([9.86, 9.86]);
  });
  it('skipBadUnits evaluates the others and lists the skipped units with the reasons; related units follow', () => {
    const r = evaluate(g, {
      units: [
        { id: '驻津', kind: T },
        unit('好', { 收入: 1, 满意度: 0.9 }),
        unit('坏', { 收入: '九', 满意度: 0.9 }),
      ],
    }, { skipBadUnits: true });
    expect(r.results!.units.map((u) => u.id)).toEqual(['驻津', '好']);
    expect(r.results!.skipped).toEqual([{ unit: '坏', kind: K, reasons: [expect.stringContaining('应为数值，实为 "九"')] }]);
  });
  it('`__proto__` as an id or a field name is data, not a prototype', () => {
    const text = '{"units":[{"id":"__proto__","kind":"省局","inputs":{"收入":1,"满意度":0.5,"__proto__":1}}]}';
    const r = evaluate(g, text);
    expect(r.issues.map((i) => i.message)).toEqual(['units[0].inputs.__proto__ 单位「__proto__」 字段「__proto__」：「省局」的输入与关联中没有「__proto__」，此字段已忽略']);
    const ok = evaluate(g, '{"units":[{"id":"__proto__","kind":"省局","inputs":{"收入":1,"满意度":0.5}}]}');
    expect(ok.results!.units[0]!.id).toBe('__proto__');
    expect(({} as Record<string, unknown>)['收入']).toBeUndefined();
  });
  it('malformed JSON and wrong structure are reported, not thrown', () => {
    expect(messages('{"units": [')[0]).toMatch(/^\(根\)：不是有效的 JSON/);
    expect(messages({ units: [{ id: 'a', kind: K, inputs: {}, extra: 1 }] })[0]).toMatch(/^units\[0\]/);
  });
});

const utf8 = (s: string) => new TextEncoder().encode(s);
const bom = (s: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(s)]);


const unitCsv = 'id,名称,特派办,收入,满意度\n北京,北京市税务局,驻津,100,98.6%\n天津,天津市税务局,驻津,90,0.95\n';
const officeCsv = 'id\n驻津\n';
const findingsCsv = '单位,类别,件数\n北京,执法,2\n';

describe('CSV tables', () => {
  for (const [label, enc] of [['UTF-8', utf8], ['UTF-8 with BOM', bom], ['GB18030', gb18030]] as const) {
    it(`${label} files read the same`, () => {
      const raw = readTables(g, [
        { name: '省局.csv', bytes: enc(unitCsv) },
        { name: '特派办.csv', bytes: enc(officeCsv) },
        { name: '检查发现.csv', bytes: enc(findingsCsv) },
      ]);
      const r = evaluate(g, checkDataset(g, raw));
      expect(r.issues).toEqual([]);
      expect(r.results!.units.filter((u) => u.kind === K).map((u) => [u.id, u.name, u.total])).toEqual([
        ['北京', '北京市税务局', 9.86],
        ['天津', '天津市税务局', 9.5],
      ]);
    });
  }
  it('unknown column (a warning), empty required cell, bad value and unknown unit are located by file, row and column', () => {
    const raw = readTables(g, [
      { name: '省局.csv', bytes: utf8('id,特派办,收入,满意度,备注\n北京,驻津,,98.6%,x\n天津,驻津,90,abc,\n') },
      { name: '特派办.csv', bytes: utf8(officeCsv) },
      { name: '检查发现.csv', bytes: utf8('单位,类别,件数\n上海,执法,2\n') },
      { name: '未知.csv', bytes: utf8('a\n1\n') },
    ]);
    const r = evaluate(g, checkDataset(g, raw));
    expect(r.results).toBeNull();
    expect(r.issues.map((i) => i.message)).toEqual([
      '省局.csv:1 列「备注」：「省局」的输入与关联中没有「备注」，此列已忽略',
      '检查发现.csv:2 列「单位」 单位「上海」：单位「上海」不在「省局」表中',
      '未知.csv：表名「未知」既不是实体类别也不是记录列表输入（可用：特派办、省局、检查发现、省局.检查发现）',
      '省局.csv:3 列「满意度」 单位「天津」 字段「满意度」：应为数值，实为 "abc"',
      '省局.csv:2 列「收入」 单位「北京」 字段「收入」：单元格为空，而此输入缺失时按报错处理',
    ]);
    expect(r.issues[0]!.severity).toBe('warning');
  });
  it('an extra column is ignored with a did-you-mean hint; a record list given as a column is an error', () => {
    const raw = readTables(g, [
      { name: '省局.csv', bytes: utf8('id,特派办,收入,满意度,满意率,检查发现\n北京,驻津,1,90%,0.9,\n') },
      { name: '特派办.csv', bytes: utf8(officeCsv) },
    ]);
    expect(raw.issues.map((i) => [i.severity, i.message])).toEqual([
      ['warning', '省局.csv:1 列「满意率」：「省局」的输入与关联中没有「满意率」，此列已忽略，是否想写「满意度」？'],
      ['error', '省局.csv:1 列「检查发现」：「检查发现」是记录列表输入，应在名为「检查发现」的表中逐条给出，不能作为「省局」的列'],
    ]);
  });
  it('in a table a bare percent number must lie in -1..1 (98.6 or 1.2 could mean either)', () => {
    const raw = readTables(g, [{ name: '省局.csv', bytes: utf8('id,特派办,收入,满意度\n北京,驻津,1,1.2\n') }, { name: '特派办.csv', bytes: utf8(officeCsv) }]);
    expect(checkDataset(g, raw).issues.map((i) => i.message)).toEqual(['省局.csv:2 列「满意度」 单位「北京」 字段「满意度」：百分比 "1.2" 有歧义：不带“%”的数按小数读取，只能在 -1 到 1 之间；请写成 1.2% 或 0.012']);
  });
});

describe('xlsx workbooks', () => {
  function workbook(sheets: Record<string, XLSX.WorkSheet>): Uint8Array {
    const wb = XLSX.utils.book_new();
    for (const [name, ws] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, ws, name);
    return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
  }
  it('reads typed cells, percent-formatted cells, date cells and formula cells by their cached values', () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['编号', '特派办', '收入', '满意度', '日期'],
      ['北京', '驻津', 100, 0.5, 44377],
      ['天津', '驻津', 90, 0.95, 44377],
    ]);
    ws['D2']!.z = '0.0%';
    ws['D2']!.v = 0.986; // formatted as a percentage: the fraction it holds
    ws['C3'] = { t: 'n', f: 'C2-10', v: 90 };
    ws['E2']!.z = 'yyyy-mm-dd';
    ws['E3']!.z = 'yyyy-mm-dd';
    const bytes = workbook({ 省局: ws, 特派办: XLSX.utils.aoa_to_sheet([['id'], ['驻津']]) });
    const r = evaluate(g, checkDataset(g, readTables(g, [{ name: '结果.xlsx', bytes }])));
    expect(r.issues).toEqual([]);
    expect(r.results!.units.filter((u) => u.kind === K).map((u) => [u.id, u.total])).toEqual([['北京', 9.86], ['天津', 9.5]]);
  });
  it('rejects merged cells, error cells and a bare number above 1 in a percent column without a percent format', () => {
    const ws = XLSX.utils.aoa_to_sheet([['id', '特派办', '收入', '满意度'], ['北京', '驻津', 100, 98.6], ['天津', '驻津', 100, 0.9]]);
    ws['C3'] = { t: 'e', v: 7, w: '#DIV/0!' };
    const merged = XLSX.utils.aoa_to_sheet([['id'], ['驻津'], ['']]);
    merged['!merges'] = [XLSX.utils.decode_range('A2:A3')];
    const bytes = workbook({ 省局: ws, 特派办: merged });
    const r = evaluate(g, checkDataset(g, readTables(g, [{ name: 'r.xlsx', bytes }])));
    expect(r.results).toBeNull();
    const text = r.issues.map((i) => i.message);
    expect(text[0]).toBe('r.xlsx[特派办]：含合并单元格 A2:A3：请取消合并并在每一行填写值');
    expect(text).toContain('r.xlsx[省局]:2 列「满意度」 单位「北京」 字段「满意度」：百分比 98.6 有歧义：不带“%”的数按小数读取，只能在 -1 到 1 之间；请写成 98.6% 或 0.986');
    expect(text).toContain('r.xlsx[省局]:3 列「收入」 单位「天津」 字段「收入」：应为数值，实为 公式错误 #DIV/0!');
  });
});

describe('raw JSON reading', () => {
  it('keeps the JSON paths for messages', () => {
    const raw = readJsonDataset({ units: [{ id: 'a', kind: K, inputs: { 收入: 1 } }] });
    expect(raw.units[0]!.periods.get('')!.inputs.get('收入')).toEqual({ cell: { v: 1 }, at: { path: 'units[0].inputs.收入' } });
  });
});
