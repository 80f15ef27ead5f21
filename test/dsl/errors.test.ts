import { describe, expect, it } from 'vitest';
import { ALL_CODES } from '../../messages/index.js';
import { MAX_NESTING_DEPTH, MAX_SOURCE_LENGTH, parse } from '../../dsl/parse.js';
import { underlined } from './helpers.js';

/** Each diagnostic as code, message and the text it underlines. */
function report(text: string): { code: string; message: string; at: string }[] {
  return parse('bad.kp', text).diagnostics.map((d) => ({ code: d.code, message: d.message, at: underlined(text, d.span) }));
}

describe('syntax diagnostics', () => {
  it('KP0001: names an unknown character and suggests the ASCII form of a full-width one', () => {
    const text = 'param a = ￥5\nparam b = f(1，2)';
    const diagnostics = parse('bad.kp', text).diagnostics.filter((d) => d.code === 'KP0001');
    expect(diagnostics.map((d) => [d.message, underlined(text, d.span), d.help])).toEqual([
      ['unknown character `￥`', '￥', 'write money with a unit suffix after the number, e.g. `6800万元` or `500元`'],
      ['unknown character `，`', '，', 'use the ASCII comma `,`'],
    ]);
  });

  it('KP0002: reports a string left open, and goes on reading', () => {
    expect(report('policy "税务 version "1" {}')).toContainEqual({
      code: 'KP0002',
      message: 'this string is not closed; add `"` before the end of the line',
      at: '" {}',
    });
  });

  it('KP0003: says which word or symbol was expected, after what, and where', () => {
    // The `{` is missing at the end of the first line: the place is there (zero-width), not at the next line's word.
    const text = 'section 税收 points 40\n  indicator 组织收入 points 10 {}\n}';
    expect(report(text)).toEqual([
      { code: 'KP0003', message: 'expected `{` after `40` in a section, found `indicator`', at: '' },
    ]);
    expect(parse('bad.kp', text).diagnostics[0]!.span.start).toBe('section 税收 points 40'.length);
    expect(report('section 税收 points 40 { 名称 }')).toEqual([
      { code: 'KP0003', message: 'expected `}` after `{` in a section, found `名称`', at: '名称' },
    ]);
  });

  it('KP0003: a missing closing bracket is placed just after the last token, with the bracket as an unambiguous fix', () => {
    const text = 'section 甲 points 10 {\n  indicator 乙 points 10 {\n    score = max(0分, 10分 - (收入 / 1元) * 0分\n  }\n}\n';
    const [d, ...rest] = parse('bad.kp', text).diagnostics;
    expect(rest).toEqual([]);
    const end = text.indexOf('0分\n') + '0分'.length;
    expect([d!.code, d!.span.start, d!.span.end]).toEqual(['KP0003', end, end]);
    expect(d!.fixes).toEqual([{ title: 'add `)`', titleText: expect.anything(), edits: [{ span: { file: 'bad.kp', start: end, end }, text: ')' }], unambiguous: true }]);
    // At the end of the file too.
    const open = 'param a = f(1, 2';
    const [atEnd] = parse('bad.kp', open).diagnostics;
    expect([atEnd!.span.start, atEnd!.fixes?.[0]?.edits[0]?.text]).toEqual([open.length, ')']);
  });

  it('KP0003: an item in the wrong block says what the block holds and where the item belongs', () => {
    expect(report('section 税收 points 40 { score = 1 }')).toEqual([{
      code: 'KP0003', at: 'score',
      message: '`score` does not belong in a section: a section holds `indicator` and `let` items; `score` belongs in an indicator',
    }]);
    expect(report('板块 税收 分值 40 { 得分 = 1 }')[0]?.message).toBe(
      '`得分` does not belong in a section: a section holds `indicator` and `let` items; `得分` belongs in an indicator');
    expect(report('bonus 奖 { score = 1分 }')[0]?.message).toBe(
      '`score` does not belong in a bonus: a bonus holds `counts`, `add`, `deduct`, `let` and metadata lines; `score` belongs in an indicator');
    expect(report('tiers 等次 by total { expect 甲 == 1 }')[0]?.message).toMatch(/^`expect` does not belong in a tiers declaration: .*; `expect` belongs in a test$/);
    expect(report('input 省局 { let a = 1 }')[0]?.message).toBe(
      '`let` does not belong in an input declaration: an input declaration holds fields (`NAME: type`); `let` belongs in a section, an indicator or a bonus');
    expect(report('section 税收 points 40 {\n  indicator 组织收入 points 40 {\n\nsection 保障 points 60 { }')[0]).toEqual({
      code: 'KP0003', at: 'section',
      message: '`section` starts a declaration, but the indicator before it is not closed: an indicator holds `score`, `deduct`, `add`, `let`, `exempt` and metadata lines (`method`, `doc`, …); add `}` before `section`',
    });
  });

  it('KP0003: points just after the last token when the file ends early', () => {
    const text = 'input 省局 {\n  收入: money';
    const [d] = parse('bad.kp', text).diagnostics;
    expect(d).toMatchObject({ code: 'KP0003', message: 'expected `}` after `money` in an input declaration, found the end of the file' });
    expect(d!.span.start).toBe(text.length);
  });

  it('KP0004: says what could have come instead', () => {
    expect(report('section 税收 points { }')).toEqual([
      { code: 'KP0004', message: 'expected a value (a number, a name, `(`, `if`, `band`, `match`, …) after `points`, found `{`', at: '{' },
    ]);
    expect(report('tiers 等次 by total { 甲 top 10% when a in 中 }')).toEqual([
      { code: 'KP0004', message: 'expected `top` or `bottom` after `in`, found `中`', at: '中' },
    ]);
    expect(report('param a = 1 +')).toEqual([
      { code: 'KP0004', message: 'expected a value (a number, a name, `(`, `if`, `band`, `match`, …) after `+`, found the end of the file', at: '' },
    ]);
  });

  it('KP0004: comparisons do not chain', () => {
    expect(report('param a = 1 < b < 3')).toEqual([
      { code: 'KP0004', message: 'comparisons do not chain; write `a < b and b < c` or add parentheses', at: '<' },
    ]);
  });

  it('KP0005: reports text that cannot start a declaration', () => {
    expect(report('param a = 1\n组织收入 = 2')).toEqual([
      { code: 'KP0005', message: 'expected a declaration (`policy`, `entity`, `section`, `tiers`, `test`, …), found `组织收入`', at: '组织收入' },
    ]);
  });

  it('KP0006: rejects pathological nesting instead of overflowing the stack', () => {
    const deep = `param a = ${'('.repeat(MAX_NESTING_DEPTH + 1)}1${')'.repeat(MAX_NESTING_DEPTH + 1)}`;
    const [d] = report(deep);
    expect(d).toMatchObject({ code: 'KP0006', at: '(' });
    const allowed = `param a = ${'('.repeat(MAX_NESTING_DEPTH)}1${')'.repeat(MAX_NESTING_DEPTH)}`;
    expect(report(allowed)).toEqual([]);
    expect(report(`param a = ${'if x then 1 else '.repeat(MAX_NESTING_DEPTH + 1)}1`)[0]).toMatchObject({ code: 'KP0006' });
    expect(report(`param a = ${'-'.repeat(MAX_NESTING_DEPTH + 1)}1`)[0]).toMatchObject({ code: 'KP0006' });
  });

  it('KP0007: refuses a source over the size limit', () => {
    const [d] = report(`# ${'x'.repeat(MAX_SOURCE_LENGTH)}`);
    expect(d).toMatchObject({ code: 'KP0007' });
    expect(d!.message).toContain(`the limit is ${MAX_SOURCE_LENGTH}`);
  });

  it('KP0008: rejects unknown escapes in strings', () => {
    expect(report('param a = "a\\nb"')).toEqual([
      { code: 'KP0008', message: 'unknown escape `\\n` in a string; only `\\"` and `\\\\` are escapes', at: '\\n' },
    ]);
  });

  it('KP0009: rejects dates that are not on the calendar', () => {
    expect(report('param a = 2021-02-30')).toEqual([{ code: 'KP0009', message: '`2021-02-30` is not a calendar date', at: '2021-02-30' }]);
  });

  it('KP0010: rejects unknown value words where the grammar fixes them', () => {
    expect(report('input 省局 { a: money missing 忽略 }\nbonus b { counts 全部 }\npolicy "p" version "1" { precision 2.5 }')).toEqual([
      {
        code: 'KP0010',
        message: 'unknown missing-data treatment `忽略`; expected `error`, `default VALUE`, `peer_mean`, `fill_peer_mean` or `exempt`',
        at: '忽略',
      },
      { code: 'KP0010', message: 'unknown bonus mode `全部`; expected `counts total`, `counts tiebreak` or `counts deduction`', at: '全部' },
      { code: 'KP0010', message: 'precision must be a whole number of decimal places, found `2.5`', at: '2.5' },
    ]);
  });

  it('KP0011: a keyword written as a name is reported at the name, suggesting a name in the keyword\'s language, and read as the name', () => {
    const zh = (k: string) => `\`${k}\` is a keyword and cannot be used as a name; choose another name, e.g. \`${k}项\` (a longer word that starts with a keyword is an ordinary name; names cannot be quoted)`;
    const text = 'input 省局 {\n  类型: text\n  来源: text\n}\nsection 税收 points 10 {\n  indicator 占比 points 10 { score = 权重 * 1分 }\n}\nparam type = 1';
    expect(report(text)).toEqual([
      { code: 'KP0011', message: zh('类型'), at: '类型' },
      { code: 'KP0011', message: zh('来源'), at: '来源' },
      { code: 'KP0011', message: zh('占比'), at: '占比' },
      { code: 'KP0011', message: zh('权重'), at: '权重' },
      {
        code: 'KP0011', at: 'type',
        message: '`type` is a keyword and cannot be used as a name; choose another name, e.g. `type_item` (a longer word that starts with a keyword is an ordinary name; names cannot be quoted)',
      },
    ]);
    const { file } = parse('bad.kp', text);
    expect(file.decls.map((d) => d.type)).toEqual(['Input', 'Section', 'Param']);
    expect(file.decls[0]!.type === 'Input' && file.decls[0]!.fields.map((f) => f.name.text)).toEqual(['类型', '来源']);
  });

  it('KP0011: a keyword a name would not fit in keeps its own message', () => {
    // `来源` belongs in an indicator; as a field name it would need a `:` after it
    expect(report('input 省局 { 收入: money 来源 "x" }')[0]).toMatchObject({ code: 'KP0003', at: '来源' });
    expect(report('section 税收 points 10 { 类型 定量 }')[0]).toMatchObject({ code: 'KP0003', at: '类型' });
    // a missing name: `points` is not read as one, since `10` cannot follow a name there
    expect(report('section 税收 points 10 { indicator points 10 { } }')[0]).toMatchObject({
      code: 'KP0003', message: 'expected a name after `indicator` in an indicator, found `points`',
    });
  });

  it('reports several errors in one file and keeps the declarations it could read', () => {
    const text = `param a = 1 +
section 税收 points { }
param b = 2
entity 省局 {
  特派办 特派办
}
param c = ￥3`;
    const result = parse('bad.kp', text);
    expect(result.diagnostics.map((d) => [d.code, underlined(text, d.span)])).toEqual([
      ['KP0004', 'section'],
      ['KP0004', '{'],
      ['KP0003', '特派办'],
      ['KP0001', '￥'],
    ]);
    expect(result.file.decls.map((d) => (d.type === 'Param' ? `param ${d.name.text}` : d.type))).toEqual(['param b', 'Entity', 'param c']);
  });

  it('uses only codes from the table, every one of them error severity', () => {
    const codes = new Set(ALL_CODES.filter((c) => c.startsWith('KP0')));
    const result = parse('bad.kp', 'section { ￥ "open\n');
    expect(result.diagnostics.length).toBeGreaterThan(0);
    for (const d of result.diagnostics) {
      expect(codes.has(d.code as never)).toBe(true);
      expect(d.severity).toBe('error');
    }
  });
});
