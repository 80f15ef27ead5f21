// The words of `kaoping test --coverage` (and the editor's 测试 tab): the elements of the indicator tree a policy's
// tests reach, the groups they belong to, and the summary against a policy's declared minimum.
import { en, say } from './catalogue.js';

/** What an element of the tree is, by runtime/policy-tests/test-coverage.ts's `CoverageWhat`. */
const WHAT = {
  then: ['如果·则', 'if: then'],
  else: ['如果·否则', 'if: else'],
  band_arm: ['分档', 'band'],
  band_else: ['分档·否则', 'band: else'],
  match_arm: ['匹配', 'match'],
  match_else: ['匹配·否则', 'match: else'],
  deduct: ['扣分', 'deduct'],
  add: ['加分', 'add'],
  cap: ['封顶生效', 'cap bound'],
  exempt_when: ['免考条件成立', 'exempt when'],
  missing_exempt: ['缺失·免考', 'missing: exempt'],
  missing_peer_mean: ['缺失·同级均值', 'missing: peer mean'],
  missing_default: ['缺失·默认值', 'missing: default'],
  link: ['关联扣分', 'linked deduction'],
  section_applies: ['板块适用', 'section applies'],
  section_not_applicable: ['板块不适用', 'section does not apply'],
  tier: ['评入', 'placed in'],
  gate_fired: ['限制成立', 'gate held'],
  gate_not_fired: ['限制不成立', 'gate did not hold'],
  veto_fired: ['否决成立', 'veto held'],
  veto_not_fired: ['否决不成立', 'veto did not hold'],
  tie_by: ['并列时依据', 'tie broken by'],
  tie_shared: ['并列名次相同', 'tie shared'],
} as const;
export type CoverageWord = keyof typeof WHAT;

const ROLE = {
  section: ['板块', 'section'],
  indicator: ['指标', 'indicator'],
  bonus: ['加分项', 'bonus'],
  total: ['总分', 'total'],
  tiers: ['分段', 'tiers'],
  policy: ['体系', 'policy'],
} as const;
export type CoverageRole = keyof typeof ROLE;

const MEASURE = { indicators: ['指标', 'indicators'], branches: ['分支', 'branches'] } as const;
export type CoverageMeasure = keyof typeof MEASURE;

export const COVERAGE = {
  coverageHeading: say((p: { policy: string }) => `测试覆盖：${p.policy}`, (p) => `test coverage: ${p.policy}`),
  coverageWhat: say((p: { what: CoverageWord }) => WHAT[p.what][0], (p) => WHAT[p.what][1]),
  coverageRole: say((p: { role: CoverageRole }) => ROLE[p.role][0], (p) => ROLE[p.role][1]),
  coverageCount: say(
    (p: { measure: CoverageMeasure; reached: number; total: number; percent: number }) => `${MEASURE[p.measure][0]} ${p.reached}/${p.total}（${p.percent}%）`,
    (p) => `${MEASURE[p.measure][1]} ${p.reached}/${p.total} (${p.percent}%)`,
  ),
  coverageTests: say((p: { tests: number }) => `${p.tests} 个测试`, (p) => en(p.tests, 'test')),
  coverageUntested: say(() => '没有测试', () => 'no test'),
  coverageBelow: say(
    (p: { measure: CoverageMeasure; percent: number; minimum: number; at: string }) =>
      `${p.at}：${MEASURE[p.measure][0]}测试覆盖 ${p.percent}% 低于体系声明的下限 ${p.minimum}%`,
    (p) => `${p.at}: ${p.measure === 'indicators' ? 'indicator' : 'branch'} test coverage ${p.percent}% is below the policy's declared minimum of ${p.minimum}%`,
  ),
};
