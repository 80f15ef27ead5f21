// The reference evaluator and the kernels (JSON path and columnar path) agree byte for byte on random policies
// built from the constructs of docs/language.md's recent sections (lets read as 指标.令, one section for two
// kinds, 前 N名, points × a count, inputs filled with the peers' mean, deductions on the total, rank among the
// eligible, an eligible set that may be empty, an item's own aggregation over a period's parts) and random data.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.js';
import { BACKENDS, evaluate, type BackendName } from '../../runtime/evaluation/evaluate.js';
import { columnarToJson, generateColumnar } from '../../bench/generate-data.js';

interface Shape {
  places: number;
  bottom: boolean;
  perAccident: string;
  threshold: number;
  fill: boolean;
  twoKinds: boolean;
  gateOnLet: boolean;
  tierShare: number;
  deductionCap: number;
  among: 'rank' | 'rank_asc' | 'percentile' | 'peer_mean' | 'peer_max' | 'in_top';
  eligibleAt: number;
}

/** A score among the units whose 完成率 reaches the threshold, the others scored 2分. */
function amongScore(s: Shape): string {
  switch (s.among) {
    case 'rank': return '如果 入围 则 (如果 排名(收入 其中 入围) <= 2 则 10分 否则 6分) 否则 2分';
    case 'rank_asc': return '如果 入围 则 (如果 排名(收入 其中 收入完成.完成率 >= 收入板块.达标率, 升序) == 1 则 0分 否则 8分) 否则 2分';
    case 'percentile': return '如果 入围 则 10分 * 百分位(收入 其中 入围) 否则 2分';
    // the statistic is read for every unit: one outside gets none, and `且` with a false side is false
    case 'peer_mean': return '如果 收入 >= 同级均值(收入 其中 入围) 且 入围 则 10分 否则 2分';
    case 'peer_max': return '如果 入围 则 10分 * (收入 / 同级最高(收入 其中 入围)) 否则 2分';
    // a unit left out is in neither the top nor the bottom
    case 'in_top': return '如果 (收入 其中 入围) 位列 前 2名 则 10分 否则 如果 (收入 其中 入围) 位列 后 30% 则 0分 否则 2分';
  }
}

function source(s: Shape): string {
  const kinds = s.twoKinds ? '城区局, 县局' : '县局';
  return `体系 "随机" 版本 "2021" { 精度 2 }
实体 县局
实体 城区局
输入 县局 { 收入: 金额  目标: 金额  事故: 计数  测评: 百分比${s.fill ? ' 缺失 同级均值填补' : ' 缺失 默认 80%'} }
输入 城区局 { 收入: 金额  目标: 金额  事故: 计数  测评: 百分比${s.fill ? ' 缺失 同级均值填补' : ' 缺失 默认 80%'} }
板块 收入板块 适用 ${kinds} 分值 40 {
  令 达标率 = ${s.threshold}%
  指标 收入完成 分值 10 {
    令 完成率 = 收入 / 目标
    得分 = 最小(10分 * 完成率 / 达标率, 10分)
  }
  指标 收入排名 分值 10 {
    得分 = 如果 收入完成.完成率 位列 ${s.bottom ? '后' : '前'} ${s.places}名 则 ${s.bottom ? '0分' : '10分'} 否则 5分
  }
  指标 安全 分值 10 {
    得分 = 10分 - ${s.perAccident}分 * 事故
    扣 1分 当 测评 < 收入完成.完成率
  }
  指标 入围排名 分值 10 {
    令 入围 = 收入完成.完成率 >= ${s.eligibleAt}%
    得分 = ${amongScore(s)}
  }
}
加分项 相关扣分 适用 县局 封顶 ${s.deductionCap} {
  计入 扣分
  扣 ${s.perAccident}分 * 事故 当 事故 > 0件
  加 0.5分 当 测评 > 90%
}
${s.twoKinds ? '' : '板块 城区板块 适用 城区局 分值 30 {\n  指标 城区工作 分值 30 { 得分 = 30分 * 测评 }\n}\n'}分段 等次 适用 县局 依据 总分 {
  优秀 前 ${s.tierShare}%
  一般 其余
${s.gateOnLet ? '  非 优秀 当 收入完成.完成率 < 收入板块.达标率\n' : ''}}
`;
}

const shapes = fc.record({
  places: fc.integer({ min: 1, max: 6 }),
  bottom: fc.boolean(),
  perAccident: fc.constantFrom('0.5', '1', '2.5', '3'),
  threshold: fc.integer({ min: 60, max: 120 }),
  fill: fc.boolean(),
  twoKinds: fc.boolean(),
  gateOnLet: fc.boolean(),
  tierShare: fc.integer({ min: 10, max: 60 }),
  deductionCap: fc.integer({ min: 1, max: 40 }),
  among: fc.constantFrom('rank', 'rank_asc', 'percentile', 'peer_mean', 'peer_max', 'in_top'),
  eligibleAt: fc.integer({ min: 40, max: 200 }),
});

describe('backends agree on the new constructs', () => {
  it('reference, kernels on JSON and kernels on columns give the same bytes', () => {
    let scored = 0; // runs whose data evaluate (a filled input no unit has is a data error, and rare)
    fc.assert(
      fc.property(shapes, fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 25 }), (shape, seed, units) => {
        const compiled = compile([{ path: 'p.kp', text: source(shape) }]);
        expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const graph = compiled.graph!;
        const columns = generateColumnar(graph, units, seed);
        const json = columnarToJson(graph, columns);
        const reference = evaluate(graph, json, { backend: 'reference' });
        if (reference.results) scored++;
        const bytes = JSON.stringify(reference.results ?? null);
        for (const backend of Object.keys(BACKENDS) as BackendName[]) {
          expect([backend, 'json', JSON.stringify(evaluate(graph, json, { backend }).results ?? null)]).toEqual([backend, 'json', bytes]);
          expect([backend, 'columns', JSON.stringify(evaluate(graph, columns, { backend }).results ?? null)]).toEqual([backend, 'columns', bytes]);
        }
      }),
      { numRuns: 40 },
    );
    expect(scored).toBeGreaterThan(30);
  });
});

interface PartsShape {
  months: boolean; // months of a quarter, or quarters of a year
  periodBy: 'mean' | 'sum' | 'last';
  indicatorBy: 'mean' | 'sum' | 'last' | null;
  bonusBy: 'mean' | 'sum' | 'last' | null;
  counts: '总分' | '排名' | '扣分';
  cap: number;
}

function partsSource(s: PartsShape): { text: string; whole: string; parts: string[] } {
  const cadence = s.months ? '月度' : '季度';
  const whole = s.months ? '2021Q1' : '2021';
  const parts = s.months ? ['2021M01', '2021M02', '2021M03'] : ['2021Q1', '2021Q2', '2021Q3', '2021Q4'];
  const by = (b: string | null) => (b ? ` 依据 ${b}` : '');
  const text = `体系 "随机分期" 版本 "2021" { 精度 2 }
实体 县局
输入 县局 { 收入: 金额  目标: 金额  事故: 计数  测评: 百分比 缺失 免考 }
板块 过程 适用 县局 分值 20 {
  指标 完成 分值 10 {
    周期 ${cadence}${by(s.indicatorBy)}
    得分 = 最小(10分 * (收入 / 目标), 10分)
  }
  指标 测评得分 分值 10 {
    周期 ${cadence}
    得分 = 10分 * 测评
  }
}
加分项 奖励 适用 县局 封顶 ${s.cap} {
  周期 ${cadence}${by(s.bonusBy)}
  计入 ${s.counts}
  ${s.counts === '扣分' ? '扣' : '加'} 0.5分 * 事故 当 事故 > 0件
}
分段 等次 适用 县局 依据 总分 { 优秀 前 30%  一般 其余 }
期间 ${whole} 从 ${parts.join(', ')} 依据 ${s.periodBy}
`;
  return { text, whole, parts };
}

const aggregation = fc.constantFrom<'mean' | 'sum' | 'last'>('mean', 'sum', 'last');
const partsShapes = fc.record({
  months: fc.boolean(),
  periodBy: aggregation,
  indicatorBy: fc.option(aggregation, { nil: null }),
  bonusBy: fc.option(aggregation, { nil: null }),
  counts: fc.constantFrom<'总分' | '排名' | '扣分'>('总分', '排名', '扣分'),
  cap: fc.integer({ min: 1, max: 5 }),
});

describe('backends agree on items aggregated over the parts of a period', () => {
  it('reference and kernels give the same bytes for the whole period and for one part', () => {
    let scored = 0;
    fc.assert(
      fc.property(partsShapes, fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 12 }), (shape, seed, units) => {
        const { text, whole, parts } = partsSource(shape);
        const compiled = compile([{ path: 'p.kp', text }]);
        expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const graph = compiled.graph!;
        // Each part (and the whole) its own random data for the same units.
        const byPeriod = [...parts, whole].map((p, k) => [p, columnarToJson(graph, generateColumnar(graph, units, seed + k)).units] as const);
        const json = {
          units: byPeriod[0]![1].map((u) => ({
            id: u.id, kind: u.kind,
            periods: Object.fromEntries(byPeriod.map(([p, list]) => [p, list.find((x) => x.id === u.id)!.inputs])),
          })),
        };
        for (const period of [whole, parts[1]!]) {
          const reference = evaluate(graph, json, { backend: 'reference', period });
          if (reference.results && period === whole) scored++;
          const bytes = JSON.stringify(reference.results ?? null);
          for (const backend of Object.keys(BACKENDS) as BackendName[])
            expect([backend, period, JSON.stringify(evaluate(graph, json, { backend, period }).results ?? null)]).toEqual([backend, period, bytes]);
        }
      }),
      { numRuns: 30 },
    );
    expect(scored).toBeGreaterThan(20);
  });
});
