// The DuckDB engine on the new constructs: the reference results byte for byte (lets read as 指标.令, a section
// for two kinds, 前 N名, points × a count, deductions on the total), and a clear refusal (KR501, the Unsupported error the command reports) of an input
// filled with the peers' mean and of a rank among the eligible, which it does not evaluate yet.
import { describe, expect, it } from 'vitest';
import { checkDataset, readJsonDataset } from '../../runtime/data/dataset.js';
import { evaluate } from '../../runtime/evaluation/evaluate.js';
import { evaluateDatasetInDuckDb } from '../../sql/index.js';
import { columnarToJson, generateColumnar } from '../../bench/generate-data.js';
import { policy } from './language-case.js';

const SOURCE = `体系 "引擎" 版本 "2021" { }
实体 县局
实体 城区局
输入 县局 { 收入: 金额  目标: 金额  事故: 计数 }
输入 城区局 { 收入: 金额  目标: 金额  事故: 计数 }
板块 收入板块 适用 城区局, 县局 分值 20 {
  指标 收入完成 分值 10 {
    令 完成率 = 收入 / 目标
    得分 = 最小(10分 * 完成率, 10分)
  }
  指标 收入排名 分值 10 {
    得分 = 如果 收入完成.完成率 位列 前 2名 则 10分 否则 如果 事故 位列 前 1名 则 0分 否则 5分
  }
}
加分项 相关扣分 适用 县局 封顶 2 {
  计入 扣分
  扣 0.5分 * 事故 当 事故 > 0件
}
分段 等次 适用 县局 依据 总分 { 优秀 前 30%  一般 其余  非 优秀 当 收入完成.完成率 < 60% }
`;

describe('DuckDB on the new constructs', () => {
  it('gives the reference results byte for byte on generated data', async () => {
    const graph = policy(SOURCE);
    for (const seed of [1, 7, 2021]) {
      const ds = checkDataset(graph, readJsonDataset(columnarToJson(graph, generateColumnar(graph, 12, seed))));
      const reference = evaluate(graph, ds);
      const sql = await evaluateDatasetInDuckDb(graph, ds);
      expect(sql.issues.map((i) => i.message)).toEqual(reference.issues.map((i) => i.message));
      expect(JSON.stringify(sql.results)).toBe(JSON.stringify(reference.results));
      expect(reference.results!.units.length).toBe(24);
    }
  }, 120_000);
  it('refuses an input filled with the peers’ mean, before running anything', async () => {
    const graph = policy(SOURCE.replace('输入 县局 { 收入: 金额', '输入 县局 { 收入: 金额 缺失 同级均值填补'));
    const ds = checkDataset(graph, readJsonDataset(columnarToJson(graph, generateColumnar(graph, 4, 1))));
    await expect(evaluateDatasetInDuckDb(graph, ds)).rejects.toThrow('SQL 引擎尚不支持：按同级均值填补缺失值的输入「收入」（请用默认的求值器）');
  }, 120_000);
  it('refuses a rank among the eligible, before running anything', async () => {
    const graph = policy(SOURCE.replace('如果 收入完成.完成率 位列 前 2名', '如果 收入完成.完成率 >= 60% 且 排名(收入 其中 收入完成.完成率 >= 60%) <= 2'));
    const ds = checkDataset(graph, readJsonDataset(columnarToJson(graph, generateColumnar(graph, 4, 1))));
    await expect(evaluateDatasetInDuckDb(graph, ds)).rejects.toThrow('SQL 引擎尚不支持：在满足条件的单位中的排名、百分位或同级统计（排名(X 其中 C)）（请用默认的求值器）');
  }, 120_000);
});
