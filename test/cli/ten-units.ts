// The ten-unit policy and data the indicator analysis is hand-computed on (test/cli/analyze.test.ts) and the
// editor's marks beside the indicators are checked with (test/e2e/preview-analysis.test.ts), and a folder holding
// a policy and its data for the command line.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Ten 局: 收入 loses 1分 per whole 10 points below 100%; 声誉 loses 2分 on a 舆情 (none happened); 专项 loses its
// 4分 unless 达标 (one unit is).
export const TEN_UNIT_POLICY = `policy "析" version "2021" { precision 2 }
entity 局
input 局 {
  完成率: percent
  舆情: bool missing default false
  达标: bool
}
section 业务 for 局 points 24 {
  indicator 收入 points 10 {
    method 机考
    score = 10分 - 1分 * steps(100% - 完成率, 10%, whole)
  }
  indicator 声誉 points 10 {
    method 人工
    deduct 2分 when 舆情
  }
  indicator 专项 points 4 {
    method 人工
    deduct 4分 when not 达标
  }
}
tiers 段次 for 局 by total {
  ties shared
  quota half_up
  第一段 top 20%
  第二段 rest
}
`;

// 完成率 100%, 95%, 90%, …, 55%: 收入 10, 10, 9, 9, 8, 8, 7, 7, 6, 6 (a 5-point shortfall is no whole step).
const RATES = [1, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55];
export const TEN_UNIT_DATA = { units: RATES.map((r, k) => ({ id: `局${k + 1}`, kind: '局', inputs: { 完成率: r, 达标: k === 9 } })) };

/** A fresh folder holding the policy as p.kp and the data as d.json. */
export function policyFolder(policy: string, data: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-analysis-'));
  writeFileSync(path.join(dir, 'p.kp'), policy);
  writeFileSync(path.join(dir, 'd.json'), JSON.stringify(data));
  return dir;
}
