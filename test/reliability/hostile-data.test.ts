// Hostile result data: prototype-named ids, fields and keys; values that are not quite numbers or dates;
// broken references; huge cells; three text encodings; formula and merged cells. Each gives its located error
// or its documented reading, never pollutes prototypes, and never changes the good units' results.
import * as XLSX from '@e965/xlsx';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkDataset, evaluate, readJsonDataset, readTables, type Evaluation } from '../../runtime/index.js';
import { MAX_LISTED_ISSUES } from '../../runtime/issues.js';
import { compileKp } from '../runtime/compile-helper.js';
import { caseTally } from './cases.js';

const tally = caseTally('hostile-data');

const policy = compileKp(`policy "可靠性" version "1" {
  precision 2
}
entity 办
entity 局 {
  办: 办
  上级: 局
}
record 发现 {
  类别: enum(执法, 服务)
  件数: count
}
input 局 {
  收入: number
  完成率: percent
  日期: date missing default 2021-01-01
  备注: text missing default ""
  发现: [发现]
}
section S for 局 points 10 {
  indicator 完成 points 6 {
    score = band 完成率 { >= 95%: 6分, >= 80%: 4分, else: 0分 }
  }
  indicator 执法扣分 points 4 {
    deduct 1分 per 发现 where 类别 == 执法
  }
}
`);

type Inputs = Record<string, unknown>;
const office = { id: '驻京', kind: '办' };
const bureau = (id: string, inputs: Inputs = {}, relations: Record<string, string | null> = { 办: '驻京', 上级: null }) => ({
  id,
  kind: '局',
  relations,
  inputs: { 收入: 100, 完成率: 0.9, 发现: [{ 类别: '执法', 件数: 1 }], ...inputs },
});
const goodUnits = [bureau('甲', { 完成率: 0.97 }), bureau('乙'), bureau('丙', { 完成率: 0.5, 发现: [] })];
const clean = evaluate(policy, { units: [office, ...goodUnits] });

const messages = (r: Evaluation) => r.issues.filter((i) => i.severity === 'error').map((i) => i.message);
/** The good units' results when the hostile units are skipped: exactly those of a run without them. */
function expectGoodUnitsUntouched(r: Evaluation): void {
  expect(r.results, messages(r).join('\n')).not.toBeNull();
  const good = new Set(goodUnits.map((u) => u.id));
  // Ranks count every evaluated unit, so a valid extra unit moves them; everything else must not change.
  const withoutRank = (units: NonNullable<Evaluation['results']>['units']) => units.filter((u) => good.has(u.id)).map(({ rank: _, ...u }) => u);
  expect(withoutRank(r.results!.units)).toEqual(withoutRank(clean.results!.units));
  if (r.results!.units.length === clean.results!.units.length) expect(r.results!.units).toEqual(clean.results!.units);
}
function runWith(...hostile: unknown[]): Evaluation {
  return evaluate(policy, { units: [office, ...goodUnits, ...hostile] }, { skipBadUnits: true });
}

const prototypeNames = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__', 'valueOf'];
let prototypeBefore: string[];
beforeEach(() => {
  prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
});
afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  expect(Object.prototype.toString.call([])).toBe('[object Array]');
});

describe('prototype names as data', () => {
  it('unit ids named after prototype members are ordinary units', () => {
    const r = runWith(...prototypeNames.map((id) => bureau(id)));
    expectGoodUnitsUntouched(r);
    const ids = r.results!.units.map((u) => u.id);
    for (const id of prototypeNames) expect(ids).toContain(id);
    const proto = r.results!.units.find((u) => u.id === '__proto__')!;
    expect(proto.indicators['完成']!.score).toBe(4);
  });

  it('field names, relation names and record keys named after prototype members are unknown names, ignored with a warning', () => {
    const hostile = JSON.parse(`{"id":"丁","kind":"局","relations":{"办":"驻京","__proto__":"驻京","constructor":"驻京"},
      "inputs":{"收入":1,"完成率":0.9,"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},
      "发现":[{"类别":"执法","件数":1,"__proto__":{"polluted":1}}]}}`);
    const r = runWith(hostile);
    expectGoodUnitsUntouched(r);
    expect(r.results!.skipped.map((s) => s.unit)).toEqual(['丁']);
    expect(messages(r)).toEqual([expect.stringContaining('units[4].inputs.发现[0].__proto__ 单位「丁」')]);
    const warnings = r.issues.filter((i) => i.severity === 'warning').map((i) => i.message);
    expect(warnings.some((w) => w.includes('字段「__proto__」'))).toBe(true);
  });

  it('a kind named __proto__ is an unknown kind', () => {
    const r = runWith({ id: 'x', kind: '__proto__' }, { id: 'y', kind: 'constructor' });
    expect(messages(r)).toEqual([
      expect.stringContaining('未知的实体类别「__proto__」'),
      expect.stringContaining('未知的实体类别「constructor」'),
    ]);
  });

  it('any JSON of prototype keys, anywhere in the data, leaves prototypes alone', () => {
    const count = tally('prototype-key JSON');
    const key = fc.constantFrom(...prototypeNames, 'polluted', '收入', '发现', 'id', 'kind', 'inputs', 'relations');
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, fc.constant('驻京'), fc.double(), fc.constant(null), fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(key, tie('v'), { maxKeys: 4 })),
    })).v;
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 6 }), (unit) => {
        count();
        const text = JSON.stringify({ units: [office, ...goodUnits, { id: '戊', kind: '局', ...unit }] }).replaceAll('"polluted"', '"__proto__"');
        const r = evaluate(policy, JSON.parse(text), { skipBadUnits: true });
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        // A unit that takes the office's id makes every relation to it ambiguous; those units are skipped too.
        if (r.results && unit.id !== '驻京') expectGoodUnitsUntouched(r);
      }),
      { numRuns: 200 },
    );
  });
});

describe('values that are not quite what they seem', () => {
  const cases: [string, Inputs, string | null][] = [
    ['NaN', { 收入: NaN }, '不是有限数值：NaN'],
    ['Infinity', { 收入: Infinity }, '不是有限数值：Infinity'],
    ['-Infinity', { 收入: -Infinity }, '不是有限数值：-Infinity'],
    ['a number beyond 2^53', { 收入: 2 ** 53 + 2 }, '超出可精确计算的范围'],
    ['a numeric string beyond 2^53', { 收入: '9007199254740993' }, '应为 JSON 数值，实为字符串 "9007199254740993"'],
    ['a count beyond 2^53', { 发现: [{ 类别: '执法', 件数: 2 ** 60 }] }, '超出可精确计算的范围'],
    ['an empty string for a required input', { 收入: '' }, '值为空'],
    ['a blank string for a required input', { 收入: '  ' }, '值为空'],
    ['a percent string without %', { 完成率: '95' }, '应为 JSON 数值，实为字符串 "95"'],
    ['a numeric string', { 收入: '0.95' }, '应为 JSON 数值，实为字符串 "0.95"：请去掉引号'],
    ['a numeric string with spaces for a percent', { 完成率: ' 0.95 ' }, '应为 JSON 数值，实为字符串 " 0.95 "'],
    ['a percent string for a number', { 收入: '95%' }, '应为 JSON 数值，实为字符串 "95%"'],
    ['a numeric string for a count', { 发现: [{ 类别: '执法', 件数: '2' }] }, '应为 JSON 数值，实为字符串 "2"'],
    ['thousands separators', { 收入: '1,000' }, '千位分隔符'],
    ['a date with slashes', { 日期: '2021/03/01' }, '应为日期 YYYY-MM-DD'],
    ['a compact date', { 日期: '20210301' }, '应为日期 YYYY-MM-DD'],
    ['a Chinese date', { 日期: '2021年3月1日' }, '应为日期 YYYY-MM-DD'],
    ['an unpadded date', { 日期: '2021-3-1' }, '应为日期 YYYY-MM-DD'],
    ['a day-first date', { 日期: '01/03/2021' }, '应为日期 YYYY-MM-DD'],
    ['a date not on the calendar', { 日期: '2021-02-29' }, '不存在'],
    ['a spreadsheet serial in JSON', { 日期: 44256 }, '应为日期 YYYY-MM-DD'],
    ['a boolean for a number', { 收入: true }, '应为数值'],
    ['an object for a number', { 收入: { valueOf: 1 } }, '应为数值'],
    ['an array for a text', { 备注: ['a'] }, '应为单个值，实为记录列表'],
  ];
  for (const [name, inputs, error] of cases) {
    it(`${name}: ${error ?? 'read as documented'}`, () => {
      const r = runWith(bureau('丁', inputs));
      expectGoodUnitsUntouched(r);
      expect(messages(r)).toEqual([expect.stringMatching(new RegExp(`^units\\[4\\]\\.inputs\\.\\S+ 单位「丁」 .*${error}`))]);
    });
  }

  const readings: [string, Inputs, number][] = [
    ['-0 is zero', { 收入: -0, 完成率: -0 }, 0],
    ['a percent string is its fraction', { 完成率: '95%' }, 6],
    ['a bare JSON number is a fraction, even beyond 1', { 完成率: 1.2 }, 6],
    ['2^53 − 1 is still exact', { 收入: Number.MAX_SAFE_INTEGER, 完成率: 0.85 }, 4],
  ];
  for (const [name, inputs, points] of readings) {
    it(name, () => {
      const r = runWith(bureau('丁', inputs));
      expectGoodUnitsUntouched(r);
      expect(messages(r)).toEqual([]);
      const unit = r.results!.units.find((u) => u.id === '丁')!;
      expect(unit.indicators['完成']!.score).toBe(points);
      expect(JSON.stringify(r.results)).not.toContain('-0,');
    });
  }
});

describe('values nested beyond the stack, or too long to quote', () => {
  const deepObject = JSON.parse('{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000));
  const deepArray = JSON.parse('['.repeat(100_000) + '1' + ']'.repeat(100_000));
  const cases: [string, Inputs, RegExp][] = [
    ['a 100 000-deep object for a number', { 收入: deepObject }, /inputs\.收入 单位「丁」 字段「收入」：应为数值，实为 \{…\}$/],
    ['a 100 000-deep object for a text', { 备注: deepObject }, /inputs\.备注 单位「丁」 字段「备注」：应为文本，实为 \{…\}$/],
    ['a 100 000-deep object for a record list', { 发现: deepObject }, /inputs\.发现 单位「丁」 字段「发现」：应为记录列表，实为 \{…\}$/],
    ['a 100 000-deep object in a record field', { 发现: [{ 类别: '执法', 件数: deepObject }] }, /inputs\.发现\[0\]\.件数 单位「丁」 .*实为 \{…\}$/],
    ['a 100 000-deep array for a number', { 收入: deepArray }, /inputs\.收入 单位「丁」 字段「收入」：应为单个值，实为记录列表$/],
    ['a 90 000-character word for a number', { 收入: '多'.repeat(90_000) }, /：应为数值，实为 "多{199}…$/],
  ];
  for (const [name, inputs, message] of cases) {
    it(`${name}: a short, located error`, () => {
      const r = runWith(bureau('丁', inputs));
      expectGoodUnitsUntouched(r);
      expect(messages(r)).toEqual([expect.stringMatching(message)]);
    });
  }
});

describe('references between units', () => {
  it('a duplicated id is refused at its second place', () => {
    const r = runWith(bureau('甲'));
    expect(messages(r)).toEqual(['units[4] 单位「甲」：单位编号重复（首次出现于 units[1]）']);
  });
  it('a relation to a missing unit is refused at the relation', () => {
    const r = runWith(bureau('丁', {}, { 办: '驻沪', 上级: null }));
    expectGoodUnitsUntouched(r);
    expect(messages(r)).toEqual(['units[4].relations.办 单位「丁」 字段「办」：关联的单位「驻沪」不存在']);
  });
  it('relations in a cycle (and to oneself) are plain references: each unit is evaluated once', () => {
    const r = runWith(bureau('丁', {}, { 办: '驻京', 上级: '戊' }), bureau('戊', {}, { 办: '驻京', 上级: '丁' }), bureau('己', {}, { 办: '驻京', 上级: '己' }));
    expectGoodUnitsUntouched(r);
    expect(messages(r)).toEqual([]);
    expect(r.results!.units.filter((u) => ['丁', '戊', '己'].includes(u.id)).map((u) => u.indicators['完成']!.score)).toEqual([4, 4, 4]);
  });
});

describe('sizes', () => {
  it('a 10 MB cell is refused at its place, in JSON and in CSV', () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const r = runWith(bureau('丁', { 备注: huge }), bureau('戊', { 收入: '1'.repeat(10 * 1024 * 1024) }));
    expectGoodUnitsUntouched(r);
    expect(messages(r)).toEqual([
      expect.stringMatching(/^units\[4\]\.inputs\.备注 单位「丁」.*单元格有 10485760 个字符，超过上限 100000$/),
      expect.stringMatching(/^units\[5\]\.inputs\.收入 单位「戊」.*超过上限 100000$/),
    ]);
    const csv = readTables(policy, [
      { name: '局.csv', bytes: new TextEncoder().encode(`id,办,收入,完成率,备注\n丁,驻京,1,90%,${huge}\n`) },
      { name: '办.csv', bytes: new TextEncoder().encode('id\n驻京\n') },
    ]);
    expect(checkDataset(policy, csv).issues.map((i) => i.message)).toContainEqual(expect.stringMatching(/^局\.csv:2 列「备注」 单位「丁」.*超过上限 100000$/));
  });

  it('50 000 bad units (150 000 problems) list the first 1 000 and count the rest, whole-file and columnar', () => {
    const bad = Array.from({ length: 50_000 }, (_, i) => bureau(`坏${i}`, { 收入: 'x', 完成率: 'y', 发现: [{ 类别: '无', 件数: 1 }] }));
    const r = evaluate(policy, { units: [office, ...goodUnits, ...bad] }, { skipBadUnits: true });
    expect(r.issues).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(r.issues.at(-1)).toMatchObject({ code: 'KR242', severity: 'error', message: `(数据)：另有 ${150_000 - MAX_LISTED_ISSUES} 处数据问题未列出（只列出前 ${MAX_LISTED_ISSUES} 处）` });
    expect(r.results!.skipped).toHaveLength(50_000);
    expectGoodUnitsUntouched(r);
    // Columnar: each unit's two number inputs missing (KR230) and its office not there (KR207).
    const n = bad.length;
    const noFindings = { start: new Int32Array(n + 1), fields: { 类别: [], 件数: new Float64Array(0) } };
    const kinds = {
      办: { ids: ['驻京'], inputs: {} },
      局: { ids: bad.map((u) => u.id), inputs: { 收入: new Float64Array(n).fill(NaN), 完成率: new Float64Array(n).fill(NaN), 发现: noFindings }, relations: { 办: bad.map(() => '无此办'), 上级: bad.map(() => null) } },
    };
    const columnar = evaluate(policy, { kinds }, { backend: 'kernels' });
    expect(columnar.results).toBeNull();
    expect(columnar.issues).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(columnar.issues.at(-1)).toMatchObject({ code: 'KR242', severity: 'error' });
  }, 60_000);
});

describe('tables', () => {
  const unitCsv = 'id,办,收入,完成率,日期,备注\n甲,驻京,100,97%,2021-03-01,北京局\n乙,驻京,100,90%,,\n丙,驻京,100,50%,,\n';
  const officeCsv = 'id\n驻京\n';
  const findingsCsv = '单位,类别,件数\n甲,执法,1\n乙,执法,1\n';
  const scores = (files: { name: string; bytes: Uint8Array }[]) => {
    const r = evaluate(policy, checkDataset(policy, readTables(policy, files)));
    expect(messages(r)).toEqual([]);
    return r.results!.units.map((u) => [u.id, u.total]);
  };
  const utf8 = (s: string) => new TextEncoder().encode(s);
  const bom = (s: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(s)]);
  /** GB18030 bytes, built from the decoder (Node has no GB18030 encoder): each character's two-byte code. */
  function gb18030(s: string): Uint8Array {
    const decoder = new TextDecoder('gb18030');
    const table = new Map<string, number[]>();
    for (let hi = 0x81; hi <= 0xfe; hi++)
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (lo === 0x7f) continue;
        const ch = decoder.decode(new Uint8Array([hi, lo]));
        if (!table.has(ch)) table.set(ch, [hi, lo]);
      }
    return new Uint8Array([...s].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!)));
  }

  it('UTF-8, UTF-8 with BOM and GB18030 CSVs read alike', () => {
    const expected = scores([{ name: '局.csv', bytes: utf8(unitCsv) }, { name: '办.csv', bytes: utf8(officeCsv) }, { name: '发现.csv', bytes: utf8(findingsCsv) }]);
    expect(scores([{ name: '局.csv', bytes: bom(unitCsv) }, { name: '办.csv', bytes: bom(officeCsv) }, { name: '发现.csv', bytes: bom(findingsCsv) }])).toEqual(expected);
    const gb = gb18030(unitCsv);
    expect(gb.length).toBeLessThan(utf8(unitCsv).length); // really two bytes per Chinese character
    expect(scores([{ name: '局.csv', bytes: gb }, { name: '办.csv', bytes: gb18030(officeCsv) }, { name: '发现.csv', bytes: gb18030(findingsCsv) }])).toEqual(expected);
  });

  function workbook(build: (ws: XLSX.WorkSheet) => void): Uint8Array {
    const wb = XLSX.utils.book_new();
    const ws = XLSX.utils.aoa_to_sheet([
      ['id', '办', '收入', '完成率'],
      ['甲', '驻京', 100, 0.97],
      ['乙', '驻京', 100, 0.9],
    ]);
    build(ws);
    XLSX.utils.book_append_sheet(wb, ws, '局');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['id'], ['驻京']]), '办');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['单位', '类别', '件数'], ['甲', '执法', 1]]), '发现');
    return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }));
  }
  const readBook = (bytes: Uint8Array) => evaluate(policy, checkDataset(policy, readTables(policy, [{ name: '数据.xlsx', bytes }])));

  it('an input named like the id or name column cannot be given by a table, and says so', () => {
    const named = compileKp('policy "p" version "1" {}\nentity 局\ninput 局 {\n  名称: text missing default ""\n  编号: text missing default ""\n}\n');
    const raw = readTables(named, [{ name: '局.csv', bytes: utf8('编号,名称\n甲,甲局\n') }]);
    expect(checkDataset(named, raw).issues.map((i) => i.message)).toEqual([
      '局.csv:1 列「编号」：列「编号」是单位编号列，而「局」有同名的输入或关联：表格无法给出它的值，请在体系中为它改名',
      '局.csv:1 列「名称」：列「名称」是单位名称列，而「局」有同名的输入或关联：表格无法给出它的值，请在体系中为它改名',
    ]);
  });

  it('a formula cell is read by its cached value', () => {
    const r = readBook(workbook((ws) => (ws['D3'] = { t: 'n', v: 0.96, f: 'C3/104' })));
    expect(messages(r)).toEqual([]);
    expect(r.results!.units.find((u) => u.id === '乙')!.indicators['完成']!.score).toBe(6);
  });
  it('a formula cell without a cached value is refused at its row and column', () => {
    const r = readBook(workbook((ws) => (ws['D3'] = { t: 'n', f: 'C3/104' } as XLSX.CellObject)));
    expect(messages(r)).toEqual([expect.stringMatching(/^数据\.xlsx\[局\]:3 列「完成率」 单位「乙」 字段「完成率」：.*公式/)]);
  });
  it('a formula error cell is refused as a formula error', () => {
    const r = readBook(workbook((ws) => (ws['D3'] = { t: 'e', v: 0x07, w: '#DIV/0!', f: 'C3/0' })));
    expect(messages(r)).toEqual([expect.stringMatching(/^数据\.xlsx\[局\]:3 列「完成率」 单位「乙」.*#DIV\/0!/)]);
  });
  it('merged cells are refused, naming the sheet and ranges', () => {
    const r = readBook(workbook((ws) => (ws['!merges'] = [XLSX.utils.decode_range('B2:B3')])));
    expect(r.results).toBeNull();
    expect(messages(r)).toContainEqual('数据.xlsx[局]：含合并单元格 B2:B3：请取消合并并在每一行填写值');
  });
  it('bytes that are no workbook give a located error', () => {
    const r = evaluate(policy, checkDataset(policy, readTables(policy, [{ name: '坏.xlsx', bytes: utf8('not a zip at all') }])));
    expect(r.results).toBeNull();
    expect(r.issues.length).toBeGreaterThan(0);
  });
  it('JSON that is not JSON is refused at the root', () => {
    expect(readJsonDataset('{"units": [').issues.map((i) => i.code)).toEqual(['KR200']);
  });
});
