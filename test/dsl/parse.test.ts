import { describe, expect, it } from 'vitest';
import type { Decl, Expr, SectionDecl } from '../../dsl/ast.js';
import { parse } from '../../dsl/parse.js';
import { KaopingParser } from '../../dsl/parser.js';
import { stripSpans, underlined } from './helpers.js';

function decls(text: string): Decl[] {
  const r = parse('t.kp', text);
  expect(r.diagnostics).toEqual([]);
  return r.file.decls;
}

function only(text: string): unknown {
  const d = decls(text);
  expect(d).toHaveLength(1);
  return stripSpans(d[0]);
}

function expr(source: string): unknown {
  const d = decls(`param p = ${source}`)[0]!;
  if (d.type !== 'Param') throw new Error('not a param');
  return stripSpans(d.value);
}

const ref = (text: string) => ({ type: 'Ref', name: { text } });
const num = (digits: string, unit: string | null = null, suffix = '') => ({ type: 'Number', digits, unit, suffix });
const bin = (op: string, left: unknown, right: unknown) => ({ type: 'Binary', op, left, right });

/** Both spellings of one construct give the same tree. */
function sameInBoth(english: string, chinese: string): unknown {
  const a = stripSpans(decls(english));
  expect(stripSpans(decls(chinese))).toEqual(a);
  return a;
}

describe('the grammar', () => {
  // The shared parser skips chevrotain's grammar validation for start-up time; it is done here instead.
  it('passes the parser generator\'s own checks (no ambiguity, no left recursion, no unreachable alternative)', () => {
    // chevrotain throws "Parser Definition Errors detected" listing them.
    expect(() => new KaopingParser({ validate: true })).not.toThrow();
  });
});

describe('declarations', () => {
  it('reads the policy header in English and Chinese', () => {
    const tree = sameInBoth(
      'policy "税务2021" version "2021" { evaluator "总局" precision 2 rounding half_up }',
      '体系 "税务2021" 版本 "2021" { 考评单位 "总局" 精度 2 舍入 half_up }',
    );
    expect(tree).toEqual([
      { type: 'Policy', title: '税务2021', version: '2021', evaluator: '总局', precision: 2, rounding: { text: 'half_up' } },
    ]);
  });

  it('leaves unset policy settings null (documented defaults apply)', () => {
    expect(only('policy "a" version "1" {}')).toMatchObject({ evaluator: null, precision: null, rounding: null });
  });

  it('reads entities with labels and relations', () => {
    sameInBoth('entity 特派办 "特派员办事处"\nentity 省局 { 特派办: 特派办 }', '实体 特派办 "特派员办事处"\n实体 省局 { 特派办: 特派办 }');
    expect(decls('entity 省局 { 特派办: 特派办 }').map(stripSpans)).toEqual([
      {
        type: 'Entity',
        name: { text: '省局' },
        label: null,
        relations: [{ name: { text: '特派办' }, target: { text: '特派办' } }],
      },
    ]);
  });

  it('reads enums and records with every kind of type', () => {
    sameInBoth(
      'enum 程度 { 一般, 较重, }\nrecord 发现 { 类别: enum(执法, 服务) 程度: 程度 已发现: bool 成绩: points }',
      '枚举 程度 { 一般, 较重, }\n记录 发现 { 类别: 枚举(执法, 服务) 程度: 程度 已发现: 布尔 成绩: 分数 }',
    );
    const [e, r] = decls('enum 程度 { 一般, 较重 }\nrecord 发现 { 类别: enum(执法, 服务) 程度: 程度 列表: [发现] 分: points }');
    expect(stripSpans(e)).toEqual({ type: 'Enum', name: { text: '程度' }, members: [{ text: '一般' }, { text: '较重' }] });
    expect(stripSpans(r)).toMatchObject({
      type: 'Record',
      fields: [
        { name: { text: '类别' }, valueType: { type: 'EnumType', members: [{ text: '执法' }, { text: '服务' }] }, label: null, missing: null },
        { valueType: { type: 'NamedType', name: { text: '程度' } } },
        { valueType: { type: 'ListType', element: { text: '发现' } } },
        { valueType: { type: 'BuiltinType', name: 'points' } },
      ],
    });
  });

  it('reads inputs with labels and every missing-data treatment', () => {
    const tree = sameInBoth(
      'input 省局 { 实绩: money "收入实绩" 满意度: percent missing peer_mean 培训率: percent missing exempt 舆情: bool missing default false 目标: money missing error }',
      '输入 省局 { 实绩: 金额 "收入实绩" 满意度: 百分比 缺失 同级均值 培训率: 百分比 缺失 免考 舆情: 布尔 缺失 默认 否 目标: 金额 缺失 报错 }',
    ) as [{ fields: unknown[] }];
    expect(tree[0].fields).toEqual([
      { name: { text: '实绩' }, valueType: { type: 'BuiltinType', name: 'money' }, label: '收入实绩', missing: null },
      { name: { text: '满意度' }, valueType: { type: 'BuiltinType', name: 'percent' }, label: null, missing: { kind: 'peer_mean' } },
      { name: { text: '培训率' }, valueType: { type: 'BuiltinType', name: 'percent' }, label: null, missing: { kind: 'exempt' } },
      {
        name: { text: '舆情' },
        valueType: { type: 'BuiltinType', name: 'bool' },
        label: null,
        missing: { kind: 'default', value: { type: 'Bool', value: false } },
      },
      { name: { text: '目标' }, valueType: { type: 'BuiltinType', name: 'money' }, label: null, missing: { kind: 'error' } },
    ]);
  });

  it('reads params, including a name that starts with a keyword', () => {
    sameInBoth('param 每起扣分 = 0.5分', '参数 每起扣分 = 0.5分');
    expect(only('param 每起扣分 = 0.5分')).toEqual({ type: 'Param', name: { text: '每起扣分' }, value: num('0.5', 'points', '分') });
  });

  it('reads a section with indicators and every indicator line', () => {
    const english = `section 税收 for 省局 points 40 cap when 类别 == 甲 {
      let 基数 = 2
      indicator 组织收入 points 10 {
        method 机考
        source "核心征管系统"
        owner "收入规划核算司"
        period quarterly
        type 定量
        doc "说明"
        precision 1
        let 完成率 = 实绩 / 目标
        score = 10分
        deduct 0.5分 per 检查发现 where 类别 == 执法 cap 3分
        add 1分 when 创新
        exempt when 新设
      }
    }`;
    const chinese = `板块 税收 适用 省局 分值 40 封顶 当 类别 == 甲 {
      令 基数 = 2
      指标 组织收入 分值 10 {
        方式 机考
        来源 "核心征管系统"
        责任单位 "收入规划核算司"
        周期 quarterly
        类型 定量
        说明 "说明"
        精度 1
        令 完成率 = 实绩 / 目标
        得分 = 10分
        扣 0.5分 每 检查发现 其中 类别 == 执法 封顶 3分
        加 1分 当 创新
        免考 当 新设
      }
    }`;
    const [section] = sameInBoth(english, chinese) as [SectionDecl];
    expect(section).toMatchObject({ type: 'Section', entity: { text: '省局' }, points: num('40'), weight: null, cap: true });
    const indicator = section.items[1]!;
    expect(indicator.type).toBe('Indicator');
    if (indicator.type !== 'Indicator') return;
    expect(indicator.items.map((i) => (i.type === 'Meta' ? `Meta:${i.key}` : i.type))).toEqual([
      'Meta:method', 'Meta:source', 'Meta:owner', 'Meta:period', 'Meta:type', 'Meta:doc', 'Meta:precision',
      'Let', 'Score', 'Adjust', 'Adjust', 'Exempt',
    ]);
    expect(indicator.items[9]).toEqual({
      type: 'Adjust',
      direction: 'deduct',
      amount: num('0.5', 'points', '分'),
      per: ref('检查发现'),
      where: bin('==', ref('类别'), ref('执法')),
      distinct: null,
      when: null,
      cap: num('3', 'points', '分'),
    });
    expect(indicator.items[10]).toMatchObject({ direction: 'add', per: null, when: ref('创新') });
    expect(indicator.items[6]).toEqual({ type: 'Meta', key: 'precision', value: { type: 'Number', digits: '1' } });
  });

  it('reads a weighted section', () => {
    expect(only('section 履职 weight 30% { }')).toMatchObject({ points: null, weight: num('30', 'percent', '%'), entity: null, when: null });
  });

  it('reads bonuses', () => {
    sameInBoth(
      'bonus 创先 for 省局 cap 3 { counts tiebreak add 0.2分 per 成果 where 角色 == 牵头 }',
      '加分项 创先 适用 省局 封顶 3 { 计入 排名 加 0.2分 每 成果 其中 角色 == 牵头 }',
    );
    expect(only('bonus 创先 { counts total }')).toEqual({ type: 'Bonus', name: { text: '创先' }, entity: null, cap: null, counts: 'total', items: [] });
  });

  it('reads linked deductions with and without a list', () => {
    const [withList, withoutList] = sameInBoth(
      'link 未发现 { each 检查发现 of 省局 where 应发现 and not 已发现 deduct 0.2分 from 特派办.监督撬动 }\nlink 风险 { each 省局 where 风险 deduct 1分 from 特派办.监督撬动 }',
      '关联 未发现 { 逐 检查发现 属于 省局 其中 应发现 且 非 已发现 扣 0.2分 从 特派办.监督撬动 }\n关联 风险 { 逐 省局 其中 风险 扣 1分 从 特派办.监督撬动 }',
    ) as [unknown, unknown];
    expect(withList).toMatchObject({ list: { text: '检查发现' }, source: { text: '省局' }, relation: { text: '特派办' }, target: { text: '监督撬动' } });
    expect(withoutList).toMatchObject({ list: null, source: { text: '省局' }, where: ref('风险') });
  });

  it('reads individual performance', () => {
    const [d] = sameInBoth(
      'individual 干部 from 部门 share match 职务 { 负责人: 55%, 副职, 助理: 20%, else: 5% }',
      '个人 干部 从 部门 占比 匹配 职务 { 负责人: 55%, 副职, 助理: 20%, 否则: 5% }',
    ) as [unknown];
    expect(d).toEqual({
      type: 'Individual',
      entity: { text: '干部' },
      relation: { text: '部门' },
      share: {
        type: 'Match',
        subject: ref('职务'),
        arms: [
          { labels: [{ text: '负责人' }], value: num('55', 'percent', '%') },
          { labels: [{ text: '副职' }, { text: '助理' }], value: num('20', 'percent', '%') },
        ],
        otherwise: num('5', 'percent', '%'),
      },
    });
  });

  it('reads tiers with every kind of line', () => {
    const [d] = sameInBoth(
      `tiers 等次 for 省局 by total {
        ties by 甲, 乙
        quota half_up
        gated passes_on
        第一段 top 30%
        第二段 next 60% when 合格
        第三段 at_most 5% when 差
        第四段 when 差
        第五段 rest
        not 第一段 when 甲 in bottom 10%
        veto when 舆情
      }`,
      `分段 等次 适用 省局 依据 总分 {
        并列 依据 甲, 乙
        名额 half_up
        受限 passes_on
        第一段 前 30%
        第二段 次 60% 当 合格
        第三段 至多 5% 当 差
        第四段 当 差
        第五段 其余
        非 第一段 当 甲 位列 后 10%
        否决 当 舆情
      }`,
    ) as [Record<string, unknown>];
    expect(d).toMatchObject({
      by: { type: 'Total' },
      ties: { mode: 'by', keys: [ref('甲'), ref('乙')] },
      quota: { text: 'half_up' },
      gated: { text: 'passes_on' },
      gates: [{ tier: { text: '第一段' }, when: { type: 'InRank', subject: ref('甲'), position: 'bottom', share: num('10', 'percent', '%') } }],
      vetoes: [{ when: ref('舆情') }],
    });
    expect(d.tiers).toEqual([
      { name: { text: '第一段' }, quota: { kind: 'top', share: num('30', 'percent', '%') }, rest: false, when: null },
      { name: { text: '第二段' }, quota: { kind: 'next', share: num('60', 'percent', '%') }, rest: false, when: ref('合格') },
      { name: { text: '第三段' }, quota: { kind: 'at_most', share: num('5', 'percent', '%') }, rest: false, when: ref('差') },
      { name: { text: '第四段' }, quota: null, rest: false, when: ref('差') },
      { name: { text: '第五段' }, quota: null, rest: true, when: null },
    ]);
    expect(only('tiers 等次 by total { ties shared }')).toMatchObject({ ties: { mode: 'shared' }, entity: null });
  });

  it('reads periods', () => {
    const [d] = sameInBoth('periods 2021 from 2021Q1, 2021M02, 2021H1 by mean', '期间 2021 从 2021Q1, 2021M02, 2021H1 依据 mean') as [unknown];
    expect(d).toEqual({
      type: 'Periods',
      period: { text: '2021' },
      parts: [{ text: '2021Q1' }, { text: '2021M02' }, { text: '2021H1' }],
      aggregate: { text: 'mean' },
    });
  });

  it('reads assertions with points selectors', () => {
    const [, d] = sameInBoth(
      'assert points(甲) >= 25% * points(省局)\nassert points(省局 method 机考, 系统测评) >= 80% * points(省局)',
      '断言 分值(甲) >= 25% * 分值(省局)\n断言 分值(省局 方式 机考, 系统测评) >= 80% * 分值(省局)',
    ) as [unknown, { cond: { left: unknown } }];
    expect(d.cond.left).toEqual({
      type: 'Call',
      callee: { text: 'points' },
      args: [ref('省局'), { type: 'Call', callee: { text: 'method' }, args: [ref('机考'), ref('系统测评')] }],
    });
  });

  it('reads fixtures and tests', () => {
    const [fixture, test] = sameInBoth(
      `fixture 标准 for 省局 { 实绩: 100万元
        发现: [] }
      test "完成率" {
        特派办 驻津 {}
        省局 甲 like 标准 { 实绩: 95万元, 特派办: 驻津, 发现: [{ 类别: 执法, 已发现: true }] }
        expect 甲.组织收入 == 9分
        expect 甲.total == 1
        expect 甲.培训 exempt
      }`,
      `样例 标准 适用 省局 { 实绩: 100万元
        发现: [] }
      测试 "完成率" {
        特派办 驻津 {}
        省局 甲 参照 标准 { 实绩: 95万元, 特派办: 驻津, 发现: [{ 类别: 执法, 已发现: 是 }] }
        预期 甲.组织收入 == 9分
        预期 甲.总分 == 1
        预期 甲.培训 免考
      }`,
    ) as [unknown, { units: unknown[]; expects: { cond: unknown; exempt: boolean }[] }];
    expect(fixture).toEqual({
      type: 'Fixture',
      name: { text: '标准' },
      entity: { text: '省局' },
      fields: [
        { name: { text: '实绩' }, value: num('100', 'wan_yuan', '万元') },
        { name: { text: '发现' }, value: { type: 'ListLit', items: [] } },
      ],
    });
    expect(test.units[0]).toEqual({ entity: { text: '特派办' }, name: { text: '驻津' }, like: null, fields: [] });
    expect(test.units[1]).toMatchObject({ like: { text: '标准' } });
    expect(test.expects[1]!.cond).toEqual(bin('==', { type: 'Member', object: ref('甲'), member: { text: 'total' } }, num('1')));
    expect(test.expects.map((e) => e.exempt)).toEqual([false, false, true]);
    expect(test.expects[2]!.cond).toEqual({ type: 'Member', object: ref('甲'), member: { text: '培训' } });
  });
});

describe('lexical structure', () => {
  it('keeps names that begin with a keyword as names', () => {
    expect(expr('分值调整 + sectionA + 板块名 + 否则x + period1')).toEqual(
      bin('+', bin('+', bin('+', bin('+', ref('分值调整'), ref('sectionA')), ref('板块名')), ref('否则x')), ref('period1')),
    );
  });

  it('reads numbers with every unit suffix', () => {
    const units: [string, string | null][] = [
      ['10', null], ['10分', 'points'], ['10pt', 'points'], ['98.6%', 'percent'], ['500元', 'yuan'], ['6800万元', 'wan_yuan'],
      ['2亿元', 'yi_yuan'], ['3件', 'count'], ['3起', 'count'], ['3个', 'count'], ['3项', 'count'], ['3次', 'count'],
      ['3人', 'count'], ['3条', 'count'], ['3名', 'count'], ['12户', 'count'], ['5天', 'days'], ['5d', 'days'],
    ];
    for (const [text, unit] of units) expect(expr(text)).toMatchObject({ type: 'Number', unit, suffix: text.replace(/^[\d.]+/, '') });
  });

  it('reads strings with escapes, dates, booleans and total', () => {
    expect(expr('"a\\"b\\\\c"')).toEqual({ type: 'String', value: 'a"b\\c' });
    expect(expr('2021-06-30')).toEqual({ type: 'Date', value: '2021-06-30' });
    expect(expr('[true, 是, false, 否, total, 总分]')).toEqual({
      type: 'ListLit',
      items: [
        { type: 'Bool', value: true }, { type: 'Bool', value: true }, { type: 'Bool', value: false },
        { type: 'Bool', value: false }, { type: 'Total' }, { type: 'Total' },
      ],
    });
  });

  it('keeps comments of both kinds, with their text', () => {
    const r = parse('t.kp', '# 扣完为止\nparam a = 1 // trailing\n');
    expect(r.file.comments.map((c) => c.text)).toEqual(['# 扣完为止', '// trailing']);
    expect(underlined(r.file.text, r.file.comments[1]!.span)).toBe('// trailing');
  });

  it('treats full-width spaces as white space', () => {
    expect(decls('param\u3000a = 1')).toHaveLength(1);
  });
});

describe('expressions', () => {
  it('binds operators by the documented precedence', () => {
    expect(expr('a or b and not c == d + e * -f.g')).toEqual(
      bin('or', ref('a'), bin('and', ref('b'), {
        type: 'Unary',
        op: 'not',
        operand: bin('==', ref('c'), bin('+', ref('d'), bin('*', ref('e'), {
          type: 'Unary',
          op: '-',
          operand: { type: 'Member', object: ref('f'), member: { text: 'g' } },
        }))),
      })),
    );
  });

  it('folds same-precedence operators to the left and respects parentheses', () => {
    expect(expr('a - b - c')).toEqual(bin('-', bin('-', ref('a'), ref('b')), ref('c')));
    expect(expr('a - (b - c)')).toEqual(bin('-', ref('a'), { ...bin('-', ref('b'), ref('c')), paren: true }));
    expect(expr('a 且 b 或 c')).toEqual(bin('or', bin('and', ref('a'), ref('b')), ref('c')));
  });

  it('spans a parenthesized operand with its parentheses, so an enclosing expression\'s text keeps the `)`', () => {
    const text = 'param p = 15分 - 扣分 * (排名(x) - 1)\nparam q = (a + b) * 2\n';
    const [p, q] = decls(text) as Extract<Decl, { type: 'Param' }>[];
    expect(underlined(text, p!.value.span)).toBe('15分 - 扣分 * (排名(x) - 1)');
    expect(p!.value.type === 'Binary' && underlined(text, p!.value.right.span)).toBe('扣分 * (排名(x) - 1)');
    expect(underlined(text, q!.value.span)).toBe('(a + b) * 2');
    expect(q!.value.type === 'Binary' && underlined(text, q!.value.left.span)).toBe('(a + b)');
  });

  it('reads every comparison and rank test', () => {
    for (const op of ['==', '!=', '<', '<=', '>', '>=']) expect(expr(`a ${op} b`)).toEqual(bin(op, ref('a'), ref('b')));
    expect(expr('a + b in top 10%')).toEqual({ type: 'InRank', subject: bin('+', ref('a'), ref('b')), position: 'top', share: num('10', 'percent', '%') });
    expect(expr('a 位列 前 10%')).toMatchObject({ type: 'InRank', position: 'top' });
  });

  it('reads conditionals, bands and matches', () => {
    expect(expr('if a then 1 else 2')).toEqual({ type: 'If', cond: ref('a'), then: num('1'), else: num('2') });
    expect(expr('如果 a 则 1 否则 2')).toEqual({ type: 'If', cond: ref('a'), then: num('1'), else: num('2') });
    expect(expr('band x { >= 100%: 10分, < 90%: 8分, else: 0分 }')).toEqual({
      type: 'Band',
      subject: ref('x'),
      arms: [
        { op: '>=', bound: num('100', 'percent', '%'), value: num('10', 'points', '分') },
        { op: '<', bound: num('90', 'percent', '%'), value: num('8', 'points', '分') },
      ],
      otherwise: num('0', 'points', '分'),
    });
    expect(expr('分档 x { >= 1: 2 }')).toMatchObject({ type: 'Band', otherwise: null });
  });

  it('reads calls with where-arguments and anchors', () => {
    expect(expr('count(发现 where 类别 == 执法)')).toEqual({
      type: 'Call',
      callee: { text: 'count' },
      args: [{ type: 'Where', list: ref('发现'), cond: bin('==', ref('类别'), ref('执法')) }],
    });
    expect(expr('插值(x, 60% -> 0分)')).toEqual({
      type: 'Call',
      callee: { text: '插值' },
      args: [ref('x'), { type: 'Anchor', from: num('60', 'percent', '%'), to: num('0', 'points', '分') }],
    });
    expect(expr('progress()')).toEqual({ type: 'Call', callee: { text: 'progress' }, args: [] });
  });

  it('reads record and list literals', () => {
    expect(expr('[{ a: 1, b: x }, {}]')).toEqual({
      type: 'ListLit',
      items: [
        { type: 'RecordLit', fields: [{ name: { text: 'a' }, value: num('1') }, { name: { text: 'b' }, value: ref('x') }] },
        { type: 'RecordLit', fields: [] },
      ],
    });
  });
});

describe('spans', () => {
  const text = `section 税收 points 40 {
  indicator 组织收入 points 10 {
    score = 10分 - 0.2分 * steps(100% - 完成率, 1%, whole)
  }
}`;
  const [section] = parse('t.kp', text).file.decls as [SectionDecl];
  const indicator = section.items[0]!;

  it('covers each node exactly', () => {
    expect(underlined(text, section.span)).toBe(text);
    expect(underlined(text, section.name.span)).toBe('税收');
    expect(underlined(text, indicator.span)).toMatch(/^indicator 组织收入 points 10 \{[\s\S]*\}$/);
    if (indicator.type !== 'Indicator') throw new Error('expected an indicator');
    const score = indicator.items[0]!;
    expect(underlined(text, score.span)).toBe('score = 10分 - 0.2分 * steps(100% - 完成率, 1%, whole)');
    if (score.type !== 'Score') throw new Error('expected a score');
    const value = score.value as Extract<Expr, { type: 'Binary' }>;
    expect(underlined(text, value.left.span)).toBe('10分');
    expect(underlined(text, value.right.span)).toBe('0.2分 * steps(100% - 完成率, 1%, whole)');
  });

  it('names the file in every span', () => {
    expect(section.span.file).toBe('t.kp');
  });
});

describe('the policies in the repository', () => {
  const files = import.meta.glob('../../policies/*/*.kp', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

  it.each(Object.keys(files))('%s parses without diagnostics', (path) => {
    expect(parse(path, files[path]!).diagnostics).toEqual([]);
  });
});

describe('the examples in docs/language.md', () => {
  const doc = import.meta.glob('../../docs/language.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
  const examples = [...Object.values(doc)[0]!.matchAll(/```\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => !b.startsWith('file '));

  it.each(examples.map((e, i) => [i, e]))('example %i parses without diagnostics', (_, example) => {
    expect(parse('doc.kp', example as string).diagnostics).toEqual([]);
  });
});
