// KP4xxx — assertions, fixtures and tests; KP9999 — a bug in the compiler, reported instead of crashing.
import { family, q, say, zq } from './catalogue.js';
import { enType, zhType, type TypeWords } from './words.js';

/** What a member of a unit is, when it cannot be exempt. */
type MemberKind = 'total' | 'input' | 'bonus' | 'let';
const ZH_MEMBER: Record<MemberKind, string> = { total: '总分', input: '输入', bonus: '加分项', let: '令' };
const EN_MEMBER: Record<MemberKind, string> = { total: 'the total', input: 'an input', bonus: 'a bonus', let: 'a `let`' };

export const KP_TESTS = family({
  KP4001: {
    severity: 'error',
    title: { zh: '断言不成立', en: 'assertion fails' },
    meaning: { zh: '体系中的断言（例如某类指标分值占总分的比例）按声明的分值计算不成立。', en: 'An `assert` of the policy (e.g. a share of the points) does not hold for the points declared.' },
    texts: {
      fails: say(
        (p: { source: string; left: string | null; leftValue: string; right: string | null; rightValue: string }) =>
          `断言${zq(p.source)}不成立${p.left === null ? '' : `：${p.left} 为 ${p.leftValue}，${p.right} 为 ${p.rightValue}`}`,
        (p) => `the assertion ${q(p.source)} does not hold${p.left === null ? '' : `: ${p.left} is ${p.leftValue} and ${p.right} is ${p.rightValue}`}`,
      ),
    },
  },
  KP4002: {
    severity: 'error',
    title: { zh: '断言无法检查', en: 'assertion cannot be checked' },
    meaning: { zh: '断言在编译时计算，只能用 分值(…)、数和参数；所写的内容无法在编译时算出。', en: 'Assertions are computed when compiling, from `points(…)`, numbers and parameters only.' },
    texts: {
      name: say(
        (p: { name: string }) => `断言可以用${zq('分值(…)')}、数和参数，但${zq(p.name)}都不是`,
        (p) => `an assertion can use ${q('points(…)')}, numbers and parameters, but ${q(p.name)} is none of them`,
      ),
      expression: say(
        (p: { source: string }) => `${zq(p.source)}无法在编译时检查；断言比较的是${zq('分值(…)')}、数和参数`,
        (p) => `${q(p.source)} cannot be checked when compiling; an assertion compares ${q('points(…)')}, numbers and parameters`,
      ),
      method: say(
        (p: { source: string; spellings: string[] }) => `${zq(p.source)}不是考评方式；应为${p.spellings.map(zq).join('、')}之一`,
        (p) => `${q(p.source)} is not a method; expected one of ${p.spellings.map(q).join(', ')}`,
      ),
      selector: say(
        (p: { source: string }) => `${zq('分值(…)')}接受实体类别、板块和指标，但${zq(p.source)}都不是`,
        (p) => `${q('points(…)')} takes entity kinds, sections and indicators, but ${q(p.source)} is none of them`,
      ),
      notCondition: say(
        () => `断言必须是条件，例如${zq('分值(A) >= 25% * 分值(B)')}`,
        () => `an assertion must be a condition, e.g. ${q('points(A) >= 25% * points(B)')}`,
      ),
    },
  },
  KP4003: {
    severity: 'error',
    title: { zh: '测试数据中的未知字段', en: 'unknown field in test data' },
    meaning: { zh: '测试单位或样例给出的字段不是该实体类别的输入或关联，或不是记录的字段。', en: 'A test unit or fixture gives a field its kind (or record) does not have.' },
    texts: {
      kind: say(
        (p: { kind: string; name: string }) => `${zq(p.kind)}没有输入或关联${zq(p.name)}`,
        (p) => `${q(p.kind)} has no input or relation ${q(p.name)}`,
      ),
      record: say(
        (p: { record: string; name: string }) => `记录${zq(p.record)}没有字段${zq(p.name)}`,
        (p) => `record ${q(p.record)} has no field ${q(p.name)}`,
      ),
    },
  },
  KP4004: {
    severity: 'error',
    title: { zh: '测试值类型不对', en: 'test value of the wrong type' },
    meaning: { zh: '测试或样例中写的值与字段的类型不符。', en: 'A value written in a test or fixture does not fit its field’s type.' },
    texts: {
      relation: say(
        (p: { name: string; target: string }) => `${zq(p.name)}应写测试中一个${zq(p.target)}单位的名称`,
        (p) => `${q(p.name)} names a ${q(p.target)} unit of the test`,
      ),
      wrongType: say(
        (p: { name: string; type: TypeWords; source: string }) => `${zq(p.name)}是${zhType(p.type)}，但${zq(p.source)}不是`,
        (p) => `${q(p.name)} is ${enType(p.type)}, but ${q(p.source)} is not`,
      ),
      notValue: say(
        (p: { value: string; name: string; values: string[] }) => `${zq(p.value)}不是${zq(p.name)}的值（${p.values.join('、')}）`,
        (p) => `${q(p.value)} is not a value of ${q(p.name)} (${p.values.join(', ')})`,
      ),
    },
  },
  KP4005: {
    severity: 'error',
    title: { zh: '测试单位重复或未知', en: 'duplicate or unknown test unit' },
    meaning: { zh: '一个测试中单位名称重复，或关联指向测试中不存在的单位。', en: 'A test declares a unit twice, or a relation names a unit the test does not declare.' },
    texts: {
      twice: say((p: { name: string }) => `单位${zq(p.name)}在此测试中声明了两次`, (p) => `unit ${q(p.name)} is declared twice in this test`),
      unknown: say(
        (p: { kind: string; name: string }) => `此测试没有${zq(p.kind)}单位${zq(p.name)}`,
        (p) => `this test has no ${q(p.kind)} unit ${q(p.name)}`,
      ),
    },
  },
  KP4006: {
    severity: 'error',
    title: { zh: '样例不存在或属于别的类别', en: 'fixture of another kind' },
    meaning: { zh: '测试单位「参照」的样例不存在，或是为另一个实体类别写的。', en: 'A test unit is `like` a fixture that does not exist or is for another entity kind.' },
    texts: {
      unknown: say((p: { name: string }) => `没有样例${zq(p.name)}`, (p) => `there is no fixture ${q(p.name)}`),
      otherKind: say(
        (p: { fixture: string; fixtureKind: string; unit: string; unitKind: string }) => `样例${zq(p.fixture)}用于${zq(p.fixtureKind)}，但${zq(p.unit)}是${zq(p.unitKind)}`,
        (p) => `fixture ${q(p.fixture)} is for ${q(p.fixtureKind)}, but ${q(p.unit)} is a ${q(p.unitKind)}`,
      ),
    },
  },
  KP4007: {
    severity: 'error',
    title: { zh: '预期写法有误', en: 'expectation ill-formed' },
    meaning: { zh: '「预期」比较测试单位的某个结果与一个值，或预期某个指标、板块免考。', en: '`expect` compares a test unit’s result with a value, or expects an indicator or section to be exempt.' },
    texts: {
      exemptForm: say(
        (_p: object, v) => `免考的预期针对单位的指标或板块：${zq(`${v.kw('expect')} 甲.培训 ${v.kw('exempt')}`)}`,
        (_p, v) => `an exemption is expected of a unit's indicator or section: ${q(`${v.kw('expect')} 甲.培训 ${v.kw('exempt')}`)}`,
      ),
      compareForm: say(
        (_p: object, v) => `预期比较单位的结果与一个值：${zq(`${v.kw('expect')} 甲.组织收入 == 9分`)}`,
        (_p, v) => `an expectation compares a unit's result with a value: ${q(`${v.kw('expect')} 甲.组织收入 == 9分`)}`,
      ),
      noUnit: say((p: { name: string }) => `此测试没有声明单位${zq(p.name)}`, (p) => `this test declares no unit ${q(p.name)}`),
      notExemptable: say(
        (p: { member: string; what: MemberKind; kind: string }) => `${zq(p.member)}是${zq(p.kind)}的${ZH_MEMBER[p.what]}，只有指标或板块可以免考`,
        (p) => `${q(p.member)} is ${EN_MEMBER[p.what]} of ${q(p.kind)}, but only an indicator or a section can be exempt`,
      ),
      noExemptable: say(
        (p: { member: string; kind: string }) => `只有指标或板块可以免考，而${zq(p.kind)}没有指标或板块${zq(p.member)}`,
        (p) => `only an indicator or a section can be exempt, and ${q(p.kind)} has no indicator or section ${q(p.member)}`,
      ),
      rank: say(() => `名次是整数，如${zq('1')}`, () => `a rank is a whole number like ${q('1')}`),
      noTiers: say((p: { kind: string }) => `${zq(p.kind)}没有分段`, (p) => `${q(p.kind)} has no tiers`),
      notTier: say(
        (p: { source: string; tiers: string; names: string[] }) => `${zq(p.source)}不是${zq(p.tiers)}的段（${p.names.join('、')}）`,
        (p) => `${q(p.source)} is not a tier of ${q(p.tiers)} (${p.names.join(', ')})`,
      ),
      noMember: say(
        (p: { kind: string; member: string }) => `${zq(p.kind)}没有名为${zq(p.member)}的输入、令、指标、板块或加分项`,
        (p) => `${q(p.kind)} has no input, let, indicator, section or bonus ${q(p.member)}`,
      ),
      list: say(
        (p: { member: string }, v) => `${zq(p.member)}是记录列表，预期不能比较它；请预期由它算出的结果，例如一个指标或用${zq('计数(…)')}的${zq(v.kw('let'))}`,
        (p, v) => `${q(p.member)} is a list of records, which an expectation cannot compare; expect a result computed from it, such as an indicator or a ${q(v.kw('let'))} with ${q('count(…)')}`,
      ),
      notValue: say((p: { source: string }) => `${zq(p.source)}不是预期可以比较的值`, (p) => `${q(p.source)} is not a value an expectation can compare with`),
    },
  },
  KP4008: {
    severity: 'error',
    title: { zh: '断言中除以零', en: 'division by zero in an assertion' },
    meaning: { zh: '断言在编译时计算，其中的除数为 0。', en: 'An assertion, computed when compiling, divides by zero.' },
    texts: {
      zero: say(
        (p: { source: string }) => `除数${zq(p.source)}为 0，断言不能除以零`,
        (p) => `the divisor ${q(p.source)} is 0, and an assertion cannot divide by zero`,
      ),
    },
  },
  KP9999: {
    severity: 'error',
    title: { zh: '编译器内部错误', en: 'internal compiler error' },
    meaning: { zh: '编译器自身的缺陷（不是体系的问题）；编译器把它报告出来而不是崩溃。请报告此问题。', en: 'A bug in the compiler itself, not in the policy, reported instead of crashing. Please report it.' },
    texts: {
      crash: say((p: { detail: string }) => `编译器内部错误：${p.detail}`, (p) => `internal compiler error: ${p.detail}`),
      unchecked: say(
        (p: { what: string }) => `编译器内部错误：${p.what}在检查之后进入了规则图`,
        (p) => `internal compiler error: ${p.what} reached the graph after checking`,
      ),
      missingNode: say(
        (p: { node: string; dep: string }) => `编译器内部错误：${zq(p.node)}读取${zq(p.dep)}，但它不在规则图中`,
        (p) => `internal compiler error: ${q(p.node)} reads ${q(p.dep)}, which is not in the graph`,
      ),
    },
  },
});
