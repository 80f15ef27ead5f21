// Hand-computed cases for the passes: literal values, exact point sums, node ids, stages and the stage table.
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.js';
import { add, literalValue, toNumber } from '../../compiler/exact-number.js';
import { daysSinceEpoch } from '../../compiler/lower-to-graph.js';

const policy = (body: string) => [{ path: 'p.kp', text: `policy "p" version "1" { }\n${body}` }];

describe('literal values', () => {
  it('apply units exactly', () => {
    expect(toNumber(literalValue('98.6', 'percent'))).toBe(0.986);
    expect(toNumber(literalValue('6800', 'wan_yuan'))).toBe(68_000_000);
    expect(toNumber(literalValue('1.5', 'yi_yuan'))).toBe(150_000_000);
    expect(toNumber(add(literalValue('0.1', 'points'), literalValue('0.2', 'points')))).toBe(0.3);
  });
  it('count dates in days since 1970-01-01', () => {
    expect(daysSinceEpoch('1970-01-02')).toBe(1);
    expect(daysSinceEpoch('2021-06-30')).toBe(18808);
  });
});

describe('compile', () => {
  const source = policy(`
entity 特派办
entity 省局 { 特派办: 特派办 }
input 省局 { 实绩: money
  目标: money }
section 甲 for 省局 points 0.3 {
  indicator 一 points 0.1 { score = 实绩 / 目标 * 0.1分 }
  indicator 二 points 0.2 { score = 0.2分 * percentile(实绩) }
}
section 乙 for 特派办 points 1 {
  indicator 三 points 1 { score = 1分 - 0 * 0分 }
}
bonus 奖 for 特派办 { add 0.1分 when 1 > 0 }
`);

  it('adds 0.1 and 0.2 points to exactly 0.3 points', () => {
    const result = compile(source);
    expect(result.diagnostics).toEqual([]);
    const section = result.graph!.nodes.find((n) => n.id === '省局.甲');
    expect(section).toMatchObject({ role: 'section', points: 0.3, indicators: ['省局.一', '省局.二'] });
  });

  it('numbers stages: inputs 0, +1 across a population statistic', () => {
    const stages = Object.fromEntries(compile(source).graph!.nodes.map((n) => [n.id, n.stage]));
    expect(stages).toMatchObject({ '省局.实绩': 0, '省局.一': 0, '省局.二': 1, '省局.甲': 1, '省局.total': 1, '特派办.三': 0 });
  });

  it('orders every node after the nodes it reads', () => {
    const nodes = compile(source).graph!.nodes;
    const position = new Map(nodes.map((n, i) => [n.id, i]));
    for (const n of nodes) for (const d of n.deps) expect(position.get(d)!).toBeLessThan(position.get(n.id)!);
  });

  it('stops after a named stage and times the stages it ran', () => {
    const result = compile(source, { stopAfter: 'check-types' });
    expect(result.graph).toBeNull();
    expect(Object.keys(result.timings)).toEqual(['parse', 'resolve-names', 'check-types']);
    expect(result.outputs['check-types']?.types.size).toBeGreaterThan(0);
  });

  it('returns the symbol table with types, points and references', () => {
    const { symbols } = compile(source);
    const one = symbols!.symbols.find((s) => s.name === '一')!;
    expect(one).toMatchObject({ kind: 'indicator', entity: '省局', type: 'points', points: 0.1 });
    const goal = symbols!.symbols.find((s) => s.name === '目标')!;
    expect(goal.type).toBe('money');
    expect(symbols!.references.filter((r) => r.symbol === goal.id)).toHaveLength(1);
  });

  it('reports a score of the wrong dimension with what would be right', () => {
    const result = compile(policy(`
entity 省局
input 省局 { 实绩: money
  目标: money }
section 甲 for 省局 points 10 {
  indicator 组织收入 points 10 { score = 实绩 / 目标 }
}`), { lang: 'en' });
    expect(result.graph).toBeNull();
    expect(result.diagnostics.map((d) => [d.code, d.help])).toEqual([['KP2005', 'did you mean `实绩 / 目标 * 10分`?']]);
  });
});

describe('rule texts', () => {
  it('keep a closing parenthesis the formula ends with (a rank-based score\'s `- 1)`)', () => {
    const result = compile(policy(`
entity 省局
input 省局 { 指数: number }
param 排名扣分 = 0.5分
section 甲 for 省局 points 15 {
  indicator 质量 points 15 { score = 15分 - 排名扣分 * (排名(指数) - 1) }
}`));
    expect(result.diagnostics).toEqual([]);
    const indicator = result.graph!.nodes.find((n) => n.id === '省局.质量');
    expect(indicator).toMatchObject({ baseText: '15分 - 排名扣分 * (排名(指数) - 1)' });
  });
});

describe('results share the namespace of their kind\'s data', () => {
  const withResult = (result: string) => policy(`
entity 特派办
entity 省局 { 督察: 特派办 }
input 省局 { 实绩: money }
${result}`);

  it.each([
    ['an indicator named like an input', 'section 甲 for 省局 points 1 {\n  indicator 实绩 points 1 { score = 1分 }\n}', 'input'],
    ['a section named like a relation', 'section 督察 for 省局 points 1 {\n  indicator 一 points 1 { score = 1分 }\n}', 'relation'],
    ['tiers named like an input', 'section 甲 for 省局 points 1 {\n  indicator 一 points 1 { score = 1分 }\n}\ntiers 实绩 for 省局 by total { 优 rest }', 'input'],
  ])('%s is a duplicate name pointing at the data', (_what, result, dataKind) => {
    const { diagnostics, graph } = compile(withResult(result), { lang: 'en' });
    expect(graph).toBeNull();
    expect(diagnostics.map((d) => [d.code, d.related?.[0]?.message])).toEqual([['KP1001', `the ${dataKind} is declared here`]]);
  });

  it('an input of another kind may share a result\'s name, and node ids are plain', () => {
    const { diagnostics, graph } = compile(withResult(
      'input 特派办 { 一: count }\nsection 甲 for 省局 points 1 {\n  indicator 一 points 1 { score = 1分 }\n}'));
    expect(diagnostics).toEqual([]);
    expect(graph!.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['省局.一', '特派办.一']));
  });
});

describe('steps', () => {
  const withScore = (score: string) => policy(`
entity 分局
input 分局 { 整改率: percent
  户数: count }
section 甲 for 分局 points 1 {
  indicator 整改 points 1 { score = ${score} }
}`);
  const scoreExpr = (score: string) => {
    const { diagnostics, graph } = compile(withScore(score));
    expect(diagnostics).toEqual([]);
    return graph!.nodes.find((n) => n.id === '分局.整改')!;
  };

  it.each([['whole', 'steps_whole'], ['整步', 'steps_whole'], ['pro_rata', 'steps_pro_rata'], ['按比例', 'steps_pro_rata'],
    ['round_up', 'steps_round_up'], ['进位', 'steps_round_up']])('mode %s lowers to %s', (mode, fn) => {
    expect(JSON.stringify(scoreExpr(`1分 - 0.1分 * steps(100% - 整改率, 5%, ${mode})`))).toContain(`"fn":"${fn}"`);
  });

  it('counts households with 户 as a count', () => {
    expect(JSON.stringify(scoreExpr('1分 - 0.1分 * 步数(户数, 10户, 进位)'))).toContain('{"k":"num","v":10}');
    const mixed = compile(withScore('1分 - 0.1分 * steps(户数, 10天, round_up)'));
    expect(mixed.diagnostics.map((d) => d.code)).toEqual(['KP2001']);
  });

  it('names every mode when the third argument is unknown', () => {
    const { diagnostics } = compile(withScore('1分 - 0.1分 * steps(户数, 10户, ceil)'), { lang: 'en' });
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['KP2014', 'the third argument of `steps` says how partial steps count: `whole`, `整步`, `pro_rata`, `按比例`, `round_up`, `进位`'],
    ]);
  });
});
