// The registry of built-in functions (builtins/), entry by entry: a built-in is complete only when every stage
// has its part. Each entry has a hand-computed case below (the table is typed by the registry's names, so a new
// entry does not type-check without one); the case is compiled in both spellings and run on every evaluation
// backend, on DuckDB and through the json-rules-engine export, and explained; the language reference, the
// editor's completion and highlighting list both spellings, and every graph form an entry lowers to is used.
import { readFileSync, writeFileSync } from 'node:fs';
import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { BUILTINS, BUILTIN_NAMES, BUILTIN_BY_SPELLING, type BuiltinName } from '../../builtins/index.js';
import { KEYWORDS } from '../../dsl/keywords.js';
import { IN_RANK_FNS, type AggregateFn, type GExpr, type PopulationFn, type RuleGraph, type ScalarFn } from '../../graph/graph.js';
import { explain, renderTrace } from '../../runtime/index.js';
import { checkDataset, readJsonDataset } from '../../runtime/data/dataset.js';
import { evaluate } from '../../runtime/evaluation/evaluate.js';
import { monitor } from '../../runtime/results/warnings.js';
import { evaluateDatasetInDuckDb } from '../../sql/index.js';
import { exportJsonRulesEngine, registerKaopingExtensions, type EngineLike } from '../../export/json-rules-engine.js';
import { completionsAt } from '../../editor/src/language/symbol-queries.js';
import { kaopingMonarch } from '../../editor/src/monaco/kaoping-monarch.js';
import { column, data, policy, results } from '../language/language-case.js';

const policyWith = (score: string) => `体系 "内置函数" 版本 "2021" { 精度 2 }
实体 县局
记录 问题 { 扣分: 数值  已整改: 布尔 }
输入 县局 { 完成率: 百分比  问题: [问题] }
板块 考核 适用 县局 分值 10 {
  指标 函数 分值 10 {
    得分 = ${score}
  }
}
`;

// 甲 above its target with three problems, 乙 below it with one, 丙 far below with two, all put right.
const DATA = data('县局', {
  甲: { 完成率: 1.2, 问题: [{ 扣分: 1, 已整改: true }, { 扣分: 3, 已整改: false }, { 扣分: 2, 已整改: true }] },
  乙: { 完成率: 0.9, 问题: [{ 扣分: 0.5, 已整改: false }] },
  丙: { 完成率: 0.6, 问题: [{ 扣分: 4, 已整改: true }, { 扣分: 2, 已整改: true }] },
});

/** A score written with the Chinese spelling, and each unit's points, worked out by hand. */
type ScoreCase = [score: string, points: { 甲: number; 乙: number; 丙: number }];
/** A warning's condition over monthly 完成率, and the units it fires for in 2021M03. */
type WarningCase = [condition: string, fires: string[]];

const CASES: { [N in BuiltinName]: { scores: ScoreCase[] } | { warning: WarningCase } } = {
  min: { scores: [
    ['最小(10分 * 完成率, 10分)', { 甲: 10, 乙: 9, 丙: 6 }],
    ['1分 * 最小(问题, 扣分)', { 甲: 1, 乙: 0.5, 丙: 2 }],
  ] },
  max: { scores: [
    ['最大(10分 * 完成率 - 5分, 0分)', { 甲: 7, 乙: 4, 丙: 1 }],
    ['1分 * 最大(问题, 扣分)', { 甲: 3, 乙: 0.5, 丙: 4 }],
  ] },
  abs: { scores: [['绝对值(10分 * 完成率 - 10分)', { 甲: 2, 乙: 1, 丙: 4 }]] },
  clamp: { scores: [['限幅(10分 * 完成率, 7分, 10分)', { 甲: 10, 乙: 9, 丙: 7 }]] },
  // 9, 6.75, 4.5 to whole points, half up
  round: { scores: [['取整(完成率 * 7.5分, 0)', { 甲: 9, 乙: 7, 丙: 5 }]] },
  // the shortfall 0, 10%, 40% in steps of 15%: 0, 0.67, 2.67 steps
  steps: { scores: [
    ['10分 - 1分 * 步数(100% - 完成率, 15%, 整步)', { 甲: 10, 乙: 10, 丙: 8 }],
    ['10分 - 1分 * 步数(100% - 完成率, 15%, 按比例)', { 甲: 10, 乙: 9.33, 丙: 7.33 }],
    ['10分 - 1分 * 步数(100% - 完成率, 15%, 进位)', { 甲: 10, 乙: 9, 丙: 7 }],
  ] },
  interpolate: { scores: [['插值(完成率, 60% -> 0分, 100% -> 10分)', { 甲: 10, 乙: 7.5, 丙: 0 }]] },
  // outside a period aggregation the whole period has elapsed
  progress: { scores: [['10分 * 进度()', { 甲: 10, 乙: 10, 丙: 10 }]] },
  count: { scores: [['1分 * 计数(问题 其中 已整改)', { 甲: 2, 乙: 0, 丙: 2 }]] },
  sum: { scores: [['1分 * 合计(问题, 扣分)', { 甲: 6, 乙: 0.5, 丙: 6 }]] },
  mean: { scores: [['1分 * 均值(问题, 扣分)', { 甲: 2, 乙: 0.5, 丙: 3 }]] },
  any: { scores: [['如果 任一(问题 其中 扣分 >= 3) 则 0分 否则 10分', { 甲: 0, 乙: 10, 丙: 0 }]] },
  all: { scores: [['如果 全部(问题 其中 已整改) 则 10分 否则 5分', { 甲: 5, 乙: 5, 丙: 10 }]] },
  // 甲 drops its highest and lowest (3 records, at least 3); 乙 and 丙 have too few, so their plain mean
  trimmed_mean: { scores: [['1分 * 去极均值(问题, 扣分, 1, 3)', { 甲: 2, 乙: 0.5, 丙: 3 }]] },
  rank: { scores: [
    ['如果 排名(完成率) == 1 则 10分 否则 5分', { 甲: 10, 乙: 5, 丙: 5 }],
    ['如果 排名(完成率, 升序) == 1 则 10分 否则 5分', { 甲: 5, 乙: 5, 丙: 10 }],
  ] },
  peer_max: { scores: [['10分 * 完成率 / 同级最高(完成率)', { 甲: 10, 乙: 7.5, 丙: 5 }]] },
  peer_min: { scores: [['10分 * 同级最低(完成率) / 完成率', { 甲: 5, 乙: 6.67, 丙: 10 }]] },
  // the mean is 90%: 乙 is at it
  peer_mean: { scores: [['如果 完成率 >= 同级均值(完成率) 则 10分 否则 0分', { 甲: 10, 乙: 10, 丙: 0 }]] },
  // the share of the other peers strictly below: 2 of 2, 1 of 2, none
  percentile: { scores: [['10分 * 百分位(完成率)', { 甲: 10, 乙: 5, 丙: 0 }]] },
  // 完成率 in 2021M01–M03: 甲 90%, 95%, 92%; 乙 90%, 80%, 70%; 丙 60%, 70%, 80%
  prior: { warning: ['完成率 < 前期(完成率)', ['甲', '乙']] },
  falling: { warning: ['连降(完成率, 2)', ['乙']] },
};

const MONTHS = {
  units: Object.entries({ 甲: [0.9, 0.95, 0.92], 乙: [0.9, 0.8, 0.7], 丙: [0.6, 0.7, 0.8] }).map(([id, rates]) => ({
    id, kind: '县局', periods: Object.fromEntries(rates.map((r, i) => [`2021M0${i + 1}`, { 完成率: r, 问题: [] }])),
  })),
};
const warningPolicy = (condition: string) => `${policyWith('10分')}预警 检查 适用 县局 级别 提示 周期 月度 {
  当 ${condition}
  消息 "完成率{完成率}"
}
`;

/** The same text with each built-in's Chinese spelling replaced by its English one (longest first: 去极均值 before 均值). */
const inEnglish = (text: string) => [...BUILTIN_NAMES].sort((a, b) => BUILTINS[b].chinese.length - BUILTINS[a].chinese.length)
  .reduce((t, n) => t.replaceAll(`${BUILTINS[n].chinese}(`, `${n}(`), text);

const scoreOf = (graph: RuleGraph) => column(results(graph, DATA), (u) => u.indicators['函数']!.score);

describe.each(BUILTIN_NAMES)('built-in %s', (name) => {
  const entry = BUILTINS[name];
  const example = CASES[name];

  it('has two spellings that name no keyword and no other built-in', () => {
    expect(entry.chinese).not.toBe(name);
    const keywords = new Set<string>(KEYWORDS.flatMap((k) => [k.english, k.chinese]));
    expect([keywords.has(name), keywords.has(entry.chinese)]).toEqual([false, false]);
    expect([BUILTIN_BY_SPELLING.get(name), BUILTIN_BY_SPELLING.get(entry.chinese)]).toEqual([entry, entry]);
    expect(entry.minArgs).toBeLessThanOrEqual(entry.maxArgs);
  });

  if ('scores' in example) {
    it.each(example.scores)('%s: its type rule, lowering and reference meaning, the same on every backend and in both spellings', (score, points) => {
      expect(scoreOf(policy(policyWith(score)))).toEqual(points);
      expect(scoreOf(policy(policyWith(inEnglish(score))))).toEqual(points);
    });

    it.each(example.scores)('%s: its SQL gives the reference results on DuckDB', async (score) => {
      const graph = policy(policyWith(score));
      const ds = checkDataset(graph, readJsonDataset(DATA));
      const sql = await evaluateDatasetInDuckDb(graph, ds);
      expect(JSON.stringify(sql.results)).toBe(JSON.stringify(evaluate(graph, ds).results));
    });

    it.each(example.scores)('%s: its export gives the same points, or says why it is not exported', async (score, points) => {
      const exported = exportJsonRulesEngine(policy(policyWith(score)));
      const left = exported.notExported.find((n) => n.name === '函数');
      if (entry.category === 'population' || name === 'progress') {
        expect(left?.reason).toMatch(new RegExp(name === 'rank' ? 'rank' : name));
        return;
      }
      expect(left).toBeUndefined();
      const engine = new Engine(exported.rules as never, exported.engineOptions);
      registerKaopingExtensions(engine as unknown as EngineLike);
      const fired: Record<string, unknown> = {};
      for (const unit of DATA.units) {
        const { events } = await engine.run({ kind: unit.kind, ...unit.inputs });
        fired[unit.id] = events.find((e) => e.params!['indicator'] === '函数')?.params!['score'];
      }
      expect(fired).toEqual(points);
    });

    it('is explained: the explanation shows the call as written and its value', () => {
      const [score, points] = example.scores[0]!;
      const text = renderTrace(explain(policy(policyWith(score)), DATA, '乙').trace!);
      expect(text).toContain(`${entry.chinese}(`);
      expect(text).toContain(String(points.乙));
    });
  } else {
    it(`${example.warning[0]}: its type rule, lowering and meaning over earlier periods, in both spellings`, () => {
      for (const text of [warningPolicy(example.warning[0]), inEnglish(warningPolicy(example.warning[0]))]) {
        const m = monitor(policy(text), MONTHS, '2021M03');
        expect(m.ok).toBe(true);
        expect(m.warnings.map((w) => w.unit).sort()).toEqual([...example.warning[1]].sort());
      }
    });
  }

  it('is in the editor\'s completion and highlighting, in both spellings', () => {
    const labels = completionsAt(null, false).map((c) => c.label);
    expect([labels.includes(name), labels.includes(entry.chinese)]).toEqual([true, true]);
    expect(kaopingMonarch.functions).toEqual(expect.arrayContaining([name, entry.chinese]));
  });
});

const REFERENCE = 'docs/language.md';
const TABLE = /(<!-- built-ins: written from builtins\/registry\.ts by test\/builtins -->\n)[^]*?(<!-- \/built-ins -->)/;

/** The language reference's table of built-ins, from the registry. */
function builtinsTable(): string {
  const args = (min: number, max: number) => (min === max ? String(min) : max === Infinity ? `${min} or more` : `${min}–${max}`);
  return ['| English | 中文 | arguments | kind |', '|---|---|---|---|',
    ...BUILTIN_NAMES.map((n) => `| \`${n}\` | \`${BUILTINS[n].chinese}\` | ${args(BUILTINS[n].minArgs, BUILTINS[n].maxArgs)} | ${BUILTINS[n].category} |`)].join('\n') + '\n';
}

describe('the registry', () => {
  it('writes the language reference\'s table of built-ins (UPDATE_GOLDEN=1 rewrites it)', () => {
    const text = readFileSync(REFERENCE, 'utf8');
    expect(text).toMatch(TABLE);
    const written = text.replace(TABLE, (_, open: string, close: string) => open + builtinsTable() + close);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(REFERENCE, written);
    expect(text).toBe(written);
  });

  it('covers every function form of the rule graph that a call lowers to', () => {
    const forms = BUILTIN_NAMES.map((n) => BUILTINS[n].lowersTo);
    const scalar: Record<ScalarFn, true> = {
      min: true, max: true, abs: true, clamp: true, round: true, steps_whole: true, steps_pro_rata: true, steps_round_up: true, interpolate: true, progress: true,
    };
    const aggregate: Record<AggregateFn, true> = { count: true, sum: true, mean: true, min: true, max: true, any: true, all: true, trimmed_mean: true };
    const population: Record<PopulationFn, true> = {
      rank: true, rank_asc: true, peer_max: true, peer_min: true, peer_mean: true, percentile: true, in_top: true, in_bottom: true, in_top_n: true, in_bottom_n: true,
    };
    expect(forms.flatMap((f) => f.fn ?? []).sort()).toEqual(Object.keys(scalar).sort());
    expect(forms.flatMap((f) => f.agg ?? []).sort()).toEqual(Object.keys(aggregate).sort());
    // `X in top P` is syntax of its own, not a call
    expect(forms.flatMap((f) => f.pop ?? []).sort()).toEqual(Object.keys(population).filter((p) => !IN_RANK_FNS.has(p as PopulationFn)).sort());
  });

  it('lowers each case to the graph forms its entry names', () => {
    for (const name of BUILTIN_NAMES) {
      const example = CASES[name];
      if (!('scores' in example)) continue;
      const used = new Set<string>();
      const walk = (e: GExpr): void => {
        if (e.k === 'fn' || e.k === 'agg' || e.k === 'pop') used.add(`${e.k}:${e.fn}`);
        for (const v of Object.values(e)) {
          if (v && typeof v === 'object' && 'k' in v) walk(v as GExpr);
          if (Array.isArray(v)) for (const x of v) if (x && typeof x === 'object') ('k' in x ? walk(x as GExpr) : Object.values(x).forEach((y) => y && typeof y === 'object' && 'k' in y && walk(y as GExpr)));
        }
      };
      for (const [score] of example.scores) {
        for (const n of policy(policyWith(score)).nodes) if ('expr' in n && n.expr) walk(n.expr); else if (n.role === 'indicator' && n.base) walk(n.base);
      }
      const { fn = [], agg = [], pop = [] } = BUILTINS[name].lowersTo;
      expect([name, [...used].sort()]).toEqual([name, [...fn.map((f) => `fn:${f}`), ...agg.map((f) => `agg:${f}`), ...pop.map((f) => `pop:${f}`)].sort()]);
    }
  });
});
