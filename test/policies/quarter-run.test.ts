// The bundled 2021 policy evaluated for one quarter through the command line, on each form of its sample
// data: complete results for every unit (no --skip-bad-units), the quarter's indicators only, no tiers.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resultsSchema, type Results } from '../../runtime/index.js';
import { runCli } from '../cli/run-cli.js';

const P = 'policies/tax-provincial-2021';
const FORMS = [`${P}/data/results.json`, `${P}/data/csv`, `${P}/data/results.xlsx`];
// The 省局 indicators declared 季度 (quarterly); the other 32 and all 5 特派办 indicators are annual or realtime.
const QUARTERLY = ['党史学习教育', '预算执行', '信息系统运维', '组织收入', '减税降费', '发票电子化改革', '风险应对', '社保费征收'];

async function quarter(data: string) {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'kaoping-quarter-')), 'r.json');
  const r = await runCli(['eval', P, '--data', data, '--period', '2021Q2', '--out', out]);
  return { ...r, results: JSON.parse(readFileSync(out, 'utf8')) as Results };
}

describe('kaoping eval tax-provincial-2021 --period 2021Q2', async () => {
  const runs = await Promise.all(FORMS.map(quarter));

  it.each(FORMS.map((f, k) => [f, k] as const))('%s: exit 0, every unit evaluated, one notice about the tiers', (_f, k) => {
    const { code, stderr, results } = runs[k]!;
    expect(code).toBe(0);
    expect(stderr.split('\n').filter((l) => l !== '' && !l.startsWith('wrote'))).toEqual([
      "warning KR303: `年度分段` allots tiers by the year's result; a quarterly evaluation (2021Q2) allots none, and every unit's tier is empty",
    ]);
    expect(resultsSchema.safeParse(results).success).toBe(true);
    expect(results.skipped).toEqual([]);
    const provinces = results.units.filter((u) => u.kind === '省局');
    expect(provinces).toHaveLength(36);
    expect(results.units.filter((u) => u.kind === '特派办')).toHaveLength(18);
    // Every 省局 has a total and a rank in the quarter; no tier (the year's result).
    expect(provinces.every((u) => typeof u.total === 'number' && u.rank !== null && u.tier === null)).toBe(true);
    expect(results.rankings['省局']!.total).toHaveLength(36);
    for (const u of provinces) {
      const evaluated = Object.entries(u.indicators).filter(([, x]) => !x.notInPeriod).map(([name]) => name);
      expect(evaluated.sort()).toEqual([...QUARTERLY].sort());
    }
    // 特派办 has no quarterly indicator: listed, nothing scored, not ranked.
    for (const u of results.units.filter((x) => x.kind === '特派办')) {
      expect([u.total, u.rank, Object.values(u.indicators).every((x) => x.notInPeriod && x.score === null)]).toEqual([null, null, true]);
    }
  });

  it('河北, by hand from its 2021Q2 data', () => {
    const hebei = runs[0]!.results.units.find((u) => u.id === '河北')!;
    const scores = Object.fromEntries(QUARTERLY.map((name) => [name, hebei.indicators[name]!.score]));
    expect(scores).toEqual({
      党史学习教育: 1.5, // 92.16% ≥ 85%
      预算执行: 1.8, // progress 50% − 48.97% = 1.03 points → 1 whole step × 0.2
      信息系统运维: 2, // 99.9% ≥ 99.9%
      组织收入: 6, // 985.3646亿 / (1940亿 × 50%) = 101.58% ≥ 100%
      减税降费: 3.62, // 4 − 0.4 × 0.94 = 3.624
      发票电子化改革: 1.94, // 4 × (71.86% − 50%) / 45% = 1.9431
      风险应对: 1, // 94.36% ≥ 90%
      社保费征收: 1.39, // 2 × (96.93% − 90%) / 10% = 1.386
    });
    expect(hebei.sections).toEqual({
      党的全面领导: { score: 1.5, points: 26, periodPoints: 2 },
      税收改革发展: { score: 13.95, points: 40, periodPoints: 18 },
      工作运转保障: { score: 3.8, points: 20, periodPoints: 4 },
      各方多维评价: { score: null, points: 14, notInPeriod: true },
    });
    expect([hebei.bonuses, hebei.total, hebei.tier]).toEqual([{ 创先争优: null }, 19.25, null]);
  });

  it('gives the same ranking and results from JSON, CSV and xlsx', () => {
    const [json, csv, xlsx] = runs;
    expect(csv!.stdout).toBe(json!.stdout);
    expect(xlsx!.stdout).toBe(json!.stdout);
    expect(csv!.results.units).toEqual(json!.results.units);
    expect(xlsx!.results.units).toEqual(json!.results.units);
  });

  it('says which period was evaluated and what it left out, in the language of messages', async () => {
    expect(runs[0]!.stdout.split('\n').slice(-5)).toEqual([
      '',
      'period 2021Q2 (quarterly): only monthly, quarterly indicators are evaluated; section scores and totals add up those alone',
      'not evaluated in 2021Q2: 5 of the 5 indicators of 特派办; 32 of the 40 indicators of 省局, the bonuses 创先争优',
      "no tiers in 2021Q2 (tiers follow the year's result): 年度分段",
      '',
    ]);
    const zh = await runCli(['eval', '--lang', 'zh', P, '--data', FORMS[0]!, '--period', '2021Q2']);
    expect(zh.stdout.split('\n').slice(-5)).toEqual([
      '',
      '考评期间 2021Q2（季度）：只考评月度、季度指标，板块分和总分只合计本期考评的指标',
      '2021Q2 不考评：特派办 5 个指标中的 5 个；省局 40 个指标中的 32 个，加分项 创先争优',
      '2021Q2 不分段（分段按年度考评结果）：年度分段',
      '',
    ]);
  });
});
