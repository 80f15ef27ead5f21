// The semantic diff in the author's words (messages/diff.ts): golden reports of one change, written once with
// Chinese keywords (golden/zh) and once with English ones (golden/en), each pair of sources beside its report.
// UPDATE_GOLDEN=1 regenerates the reports.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

const DIR = path.join(import.meta.dirname, 'golden');

async function report(sources: 'zh' | 'en', lang: 'zh' | 'en', golden: string): Promise<string> {
  const [old, now] = ['old.kp', 'new.kp'].map((f) => `${sources}/${f}`);
  const r = await runCli(['diff', old!, now!, '--data', 'data.json', '--period', '2021', '--lang', lang, '--format', 'markdown'], DIR);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const file = path.join(DIR, sources, golden);
  if (process.env['UPDATE_GOLDEN']) writeFileSync(file, r.stdout);
  expect(r.stdout).toBe(readFileSync(file, 'utf8'));
  return r.stdout;
}

/** The keywords, value words and functions the two sources spell differently, as each spells them. */
const ENGLISH_WORDS = /\b(let|score|band|else|if|then|exempt|when|not|in|bottom|top|rest|missing|error|peer_mean|manual|machine|rating|percent|steps|whole|severe|notice|shared|half_up|passes_on)\b/;
const CHINESE_WORDS = /令 |得分 =|分档|否则|如果|免考|位列|其余|报错|同级均值|人工|机考|系统测评|百分比|步数|整步|\| 严重 \||\| 提示 \||共享|四舍五入|顺延/;

describe('the semantic diff in the author’s words', () => {
  it('reads a Chinese-keyword policy in Chinese: 令、得分、分档、否则、人工/机考、预警 as written', async () => {
    const text = await report('zh', 'zh', 'expected.md');
    for (const words of ['令 完成率 = 收入实绩 / 收入目标', '得分 = 分档 应对率 { >= 98%: 5分, >= 90%: 3分, 否则: 0分 }', '免考 当 非 试点',
      '| 考核方式 | 人工 | 机考 |', '| 缺失时 | 报错 | 同级均值 |', '非 第一段 当 税收改革发展 位列 后 10% 且 重大舆情', '| 段「第一段」 | 前 30% | 前 35% |']) {
      expect(text).toContain(words);
    }
    // Only what the author wrote is not Chinese (names, numbers, operators): no English word of the language.
    expect(text.replace(/[A-Za-z]+\.(kp|json)/g, '')).not.toMatch(ENGLISH_WORDS);
  });

  it('reads an English-keyword policy in English: let, score, band, else, manual/machine, warnings as written', async () => {
    const text = await report('en', 'en', 'expected.md');
    for (const words of ['let 完成率 = 收入实绩 / 收入目标', 'score = band 应对率 { >= 98%: 5分, >= 90%: 3分, else: 0分 }', 'exempt when not 试点',
      '| method | manual | machine |', '| missing | error | peer_mean |', 'not 第一段 when 税收改革发展 in bottom 10% and 重大舆情', '| tier 第一段 | top 30% | top 35% |']) {
      expect(text).toContain(words);
    }
    expect(text).not.toMatch(CHINESE_WORDS);
  });

  it('with --lang en, tells of a Chinese-keyword policy in English, quoting its rules as written (as diagnostics do)', async () => {
    const text = await report('zh', 'en', 'expected.lang-en.md');
    expect(text).toContain('| method | 人工 | 机考 |');
    expect(text).toContain('rule — before:');
    expect(text).toContain('得分 = 分档 应对率');
  });

  it('shows the warning rules added, removed and changed, and the units whose warnings change on the data', async () => {
    for (const [sources, lang] of [['zh', 'zh'], ['en', 'en']] as const) {
      const text = readFileSync(path.join(DIR, sources, 'expected.md'), 'utf8');
      const [heading, added, removed, level] = lang === 'zh'
        ? ['## 预警', '### [省局] 风险应对临界（新增）', '### [省局] 舆情提示（删除）', '| 级别 | 预警 | 严重 |']
        : ['## Warnings', '### [省局] 风险应对临界 (added)', '### [省局] 舆情提示 (removed)', '| level | warning | severe |'];
      for (const words of [heading, added, removed, level]) expect(text).toContain(words);
      // 天津 completes 55% of its target: under 60% (NEW) but not under 50% (OLD); 北京 loses a point on 风险应对 under NEW.
      expect(text).toMatch(lang === 'zh' ? /\| 天津 \| 省局 \| — \| 收入过半（严重） \|/ : /\| 天津 \| 省局 \| — \| 收入过半 \(severe\) \|/);
      expect(text).toMatch(lang === 'zh' ? /\| 北京 \| 省局 \| — \| 风险应对临界（提示） \|/ : /\| 北京 \| 省局 \| — \| 风险应对临界 \(notice\) \|/);
    }
  });
});
