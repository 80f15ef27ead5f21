// One way to prepare the same data for two versions: the CLI's `diff --data`, the package's `diff` and the
// editor's review give the same impact on the same pair, and say the same adaptations.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diff } from '../../api/index.js';
import { impactOnData } from '../../cli/diff-data.js';
import { evaluateRaw } from '../../cli/evaluate-data.js';
import { reviewVersions } from '../../editor/src/language/preview-model.js';
import { render } from '../../messages/index.js';
import { reviewData } from '../../review/review-data.js';
import { semanticDiff } from '../../review/semantic-diff.js';
import { readJsonDataset } from '../../runtime/index.js';
import { policyGraph } from '../runtime/results-outputs.js';

const POLICIES = path.join(import.meta.dirname, '../../policies');
const sources = (folder: string) =>
  readdirSync(path.join(POLICIES, folder)).filter((f) => f.endsWith('.kp')).sort().map((f) => ({ path: f, text: readFileSync(path.join(POLICIES, folder, f), 'utf8') }));
const dataText = readFileSync(path.join(POLICIES, 'tax-provincial-2021/data/results.json'), 'utf8');

describe('review data', () => {
  const before = policyGraph('tax-provincial-2021');
  const after = policyGraph('tax-provincial-2022');

  it('evaluates NEW for the period of the data, as OLD declares it, and leaves out what NEW does not read', () => {
    const review = reviewData(before, after, readJsonDataset(dataText), null);
    expect(review.period).toBe('2021');
    expect(review.after.graph.periods.map((p) => p.period)).toEqual(['2022', '2021']);
    expect(review.before.graph).toBe(before);
    expect(review.notes.map((n) => render(n, 'zh'))).toEqual([
      '新版本未声明期间 2021，按另一版本的声明评估（2021Q1、2021Q2、2021Q3、2021Q4取平均）',
      '新版本不读取的数据项未参与评估：收入增幅、经济增幅',
    ]);
    const inputsOf = (v: typeof review.before) => v.raw.units.find((u) => u.id === '北京')!.periods.get('2021')!.inputs;
    expect(inputsOf(review.after).has('收入增幅')).toBe(false);
    expect(inputsOf(review.before).has('收入增幅')).toBe(true);
  });

  it('gives the CLI, the package and the editor the same impact and notes', () => {
    const changes = semanticDiff(before, after);
    const cli = impactOnData(before, after, changes, { json: readJsonDataset(dataText) }, 'results.json', null, (graph, raw, period) => evaluateRaw(graph, raw, { period }).evaluated!.results, 'zh');
    const pkg = diff(before, after, JSON.parse(dataText), { words: { lang: 'zh', before: 'chinese', after: 'chinese' } });
    const editor = reviewVersions(sources('tax-provincial-2021'), sources('tax-provincial-2022'), [{ name: 'results.json', bytes: new TextEncoder().encode(dataText) }], 'zh');
    expect(editor.error).toBeNull();
    expect(pkg.impact).toEqual(cli.impact);
    expect(editor.impact).toEqual(cli.impact);
    expect(pkg.notes).toEqual(cli.notes);
    expect(editor.notes).toEqual(cli.notes);
    expect(cli.impact.units.length).toBeGreaterThan(0);
  });
});
