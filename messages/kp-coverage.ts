// KP4020 — a policy's declared minimum test coverage (`coverage >= 90%`, 测试覆盖 >= 90%).
import { family, q, say, zq, type Voice } from './catalogue.js';

type Measure = 'indicators' | 'branches';
const ZH: Record<Measure, string> = { indicators: '指标', branches: '分支' };

/** The measure word for branches in the file's keyword language (`branch` is a name, not a keyword). */
const branchWord = (v: Voice) => (v.kw('indicator') === 'indicator' ? 'branch' : '分支');

export const KP_COVERAGE = family({
  KP4020: {
    severity: 'error',
    title: { zh: '测试覆盖下限写得不对', en: 'test coverage minimum is not well formed' },
    meaning: {
      zh: '测试覆盖下限写作「测试覆盖 >= 90%」（分支覆盖），或「测试覆盖 指标 >= 100%」「测试覆盖 分支 >= 90%」；下限是 0% 到 100% 之间的百分数，每种覆盖至多声明一次。',
      en: 'A test coverage minimum reads `coverage >= 90%` (branch coverage), or `coverage indicator >= 100%` / `coverage branch >= 90%`; the minimum is a percent from 0% to 100%, declared at most once per measure.',
    },
    texts: {
      notPercent: say(
        (p: { source: string }) => `测试覆盖的下限应为百分数（如${zq('90%')}），而不是${zq(p.source)}`,
        (p) => `a test coverage minimum is a percent (e.g. ${q('90%')}), not ${q(p.source)}`,
      ),
      outOfRange: say(
        (p: { source: string }) => `测试覆盖的下限${zq(p.source)}不在 0% 到 100% 之间`,
        (p) => `the test coverage minimum ${q(p.source)} is not between 0% and 100%`,
      ),
      unknownMeasure: say(
        (p: { measure: string }, v) => `${zq(p.measure)}不是覆盖的种类：可写${zq(v.kw('indicator'))}或${zq(branchWord(v))}（不写即分支）`,
        (p, v) => `${q(p.measure)} is not a kind of coverage: write ${q(v.kw('indicator'))} or ${q(branchWord(v))} (none means branches)`,
      ),
      duplicate: say(
        (p: { measure: Measure; first: string }) => `${ZH[p.measure]}测试覆盖的下限已在 ${p.first} 声明`,
        (p) => `the minimum ${p.measure === 'indicators' ? 'indicator' : 'branch'} test coverage is already declared at ${p.first}`,
      ),
    },
  },
});
