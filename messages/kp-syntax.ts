// KP0xxx — syntax: what the lexer and parser could not read, with what they expected there.
import type { KeywordName } from '../dsl/keywords.js';
import { family, q, say, zq, type Voice } from './catalogue.js';

/** What the parser expected: a keyword, a symbol, a kind of token, or one of a rule's alternatives. */
export type Expected =
  | { kw: KeywordName }
  | { symbol: string }
  | { token: 'Identifier' | 'PeriodName' | 'DateLiteral' | 'NumberLiteral' | 'StringLiteral' | 'CompareOperator' | 'EOF' }
  | { rule: AlternativesRule }
  /** Any rule, by what it is ("an expression"). */
  | { what: string };

export type AlternativesRule =
  | 'declaration' | 'policyItem' | 'typeExpr' | 'missingTreatment' | 'sectionDecl' | 'sectionItem' | 'indicatorItem' | 'metaItem'
  | 'bonusItem' | 'bonusDecl' | 'tiersItem' | 'tierRule' | 'periodName' | 'testDecl' | 'adjustItem' | 'primary' | 'binaryOperator'
  | 'callArgument' | 'linkDecl' | 'warningItem' | 'warningPeriod';

/** Blocks whose contents an out-of-place item is told about. */
export type Block =
  | 'policyDecl' | 'entityDecl' | 'recordDecl' | 'inputDecl' | 'sectionDecl' | 'indicatorDecl' | 'bonusDecl' | 'tiersDecl' | 'fixtureDecl' | 'testDecl' | 'warningDecl';

/** Where an item that starts with a keyword belongs. */
export type Home =
  | 'section' | 'sectionIndicatorBonus' | 'indicator' | 'indicatorBonusLink' | 'indicatorBonus' | 'indicatorHeader' | 'header'
  | 'bonus' | 'link' | 'tiers' | 'test';

type Words = Record<'zh' | 'en', (v: Voice) => string>;
const w = (zh: (v: Voice) => string, en: (v: Voice) => string): Words => ({ zh, en });
const kz = (v: Voice, k: KeywordName) => zq(v.kw(k));
const ke = (v: Voice, k: KeywordName) => q(v.kw(k));

/** What each rule is, for "in a section" and for the block an item is out of place in. */
const RULES: Record<string, Words> = {
  policyFile: w(() => '文件', () => 'the file'),
  declaration: w(() => '声明', () => 'a declaration'),
  policyDecl: w(() => '体系头', () => 'the policy header'),
  policyItem: w(() => '体系头', () => 'the policy header'),
  entityDecl: w(() => '实体声明', () => 'an entity declaration'),
  relation: w(() => '关联', () => 'a relation'),
  enumDecl: w(() => '枚举', () => 'an enum'),
  recordDecl: w(() => '记录', () => 'a record'),
  inputDecl: w(() => '输入声明', () => 'an input declaration'),
  fieldDecl: w(() => '字段', () => 'a field'),
  typeExpr: w(() => '类型', () => 'a type'),
  missingTreatment: w(() => '缺失处理', () => 'a missing-data treatment'),
  paramDecl: w(() => '参数', () => 'a parameter'),
  sectionDecl: w(() => '板块', () => 'a section'),
  sectionItem: w(() => '板块', () => 'a section'),
  indicatorDecl: w(() => '指标', () => 'an indicator'),
  indicatorItem: w(() => '指标', () => 'an indicator'),
  metaItem: w(() => '指标', () => 'an indicator'),
  letItem: w((v) => `${kz(v, 'let')}绑定`, (v) => `a ${ke(v, 'let')} binding`),
  scoreItem: w((v) => `${kz(v, 'score')}行`, (v) => `a ${ke(v, 'score')} line`),
  adjustItem: w(() => '扣分或加分', () => 'a deduction or addition'),
  exemptItem: w((v) => `${kz(v, 'exempt')}行`, (v) => `an ${ke(v, 'exempt')} line`),
  bonusDecl: w(() => '加分项', () => 'a bonus'),
  bonusItem: w(() => '加分项', () => 'a bonus'),
  linkDecl: w(() => '关联扣分', () => 'a linked deduction'),
  individualDecl: w(() => '个人绩效声明', () => 'an individual-performance declaration'),
  tiersDecl: w(() => '分段声明', () => 'a tiers declaration'),
  tiersItem: w(() => '分段声明', () => 'a tiers declaration'),
  tierRule: w(() => '段', () => 'a tier line'),
  periodsDecl: w(() => '期间声明', () => 'a periods declaration'),
  periodName: w(() => '期间声明', () => 'a periods declaration'),
  assertDecl: w(() => '断言', () => 'an assertion'),
  fixtureDecl: w(() => '样例', () => 'a fixture'),
  testDecl: w(() => '测试', () => 'a test'),
  coverageDecl: w(() => '测试覆盖下限', () => 'a test coverage minimum'),
  testUnit: w(() => '测试单位', () => 'a test unit'),
  expectItem: w((v) => `${kz(v, 'expect')}行`, (v) => `an ${ke(v, 'expect')} line`),
  fieldValues: w(() => '字段值列表', () => 'a list of field values'),
  fieldValue: w(() => '字段值', () => 'a field value'),
  expression: w(() => '表达式', () => 'an expression'),
  primary: w(() => '表达式', () => 'an expression'),
  operand: w(() => '表达式', () => 'an expression'),
  binaryOperator: w(() => '表达式', () => 'an expression'),
  callArgument: w(() => '函数参数', () => 'a function argument'),
  pointsCall: w(() => `${zq('分值(…)')}选择`, () => `a ${q('points(…)')} selector`),
  ifExpr: w((v) => `${kz(v, 'if')}表达式`, (v) => `an ${ke(v, 'if')} expression`),
  bandExpr: w((v) => `${kz(v, 'band')}表达式`, (v) => `a ${ke(v, 'band')} expression`),
  bandArm: w((v) => `${kz(v, 'band')}的档`, (v) => `a ${ke(v, 'band')} arm`),
  matchExpr: w((v) => `${kz(v, 'match')}表达式`, (v) => `a ${ke(v, 'match')} expression`),
  matchArm: w((v) => `${kz(v, 'match')}的分支`, (v) => `a ${ke(v, 'match')} arm`),
  listLiteral: w(() => '列表', () => 'a list'),
  recordLiteral: w(() => '记录值', () => 'a record value'),
  dataValue: w(() => '值', () => 'a value'),
  warningDecl: w(() => '预警声明', () => 'a warning declaration'),
  warningItem: w(() => '预警声明', () => 'a warning declaration'),
  warningPeriod: w(() => '预警的期间', () => 'a warning\'s period'),
  analysisDecl: w(() => '绩效分析阈值', () => 'the analysis thresholds'),
};

const keywords = (v: Voice, list: KeywordName[], quote: (s: string) => string, or: string) =>
  list.map((k) => quote(v.kw(k))).join('、').replace(/、([^、]*)$/, `${or}$1`);
const zhOr = (v: Voice, ...list: KeywordName[]) => keywords(v, list, zq, '或');
const enOr = (v: Voice, ...list: KeywordName[]) => keywords(v, list, q, ' or ').replace(/、/g, ', ');

/** What a rule expects when none of its alternatives fits. */
const ALTERNATIVES: Record<AlternativesRule, Words> = {
  declaration: w(
    (v) => `声明（${['policy', 'entity', 'section', 'tiers', 'test'].map((k) => kz(v, k as KeywordName)).join('、')}……）`,
    (v) => `a declaration (${['policy', 'entity', 'section', 'tiers', 'test'].map((k) => ke(v, k as KeywordName)).join(', ')}, …)`,
  ),
  policyItem: w((v) => zhOr(v, 'evaluator', 'precision', 'rounding'), (v) => enOr(v, 'evaluator', 'precision', 'rounding')),
  typeExpr: w(
    () => `类型（${zq('数值')}、${zq('百分比')}、${zq('金额')}、${zq('枚举(…)')}、${zq('[记录]')}……）`,
    () => `a type (${q('number')}, ${q('percent')}, ${q('money')}, ${q('enum(…)')}, ${q('[Record]')}, …)`,
  ),
  missingTreatment: w(
    (v) => `${zq('报错')}、${zq(`${v.kw('default')} 值`)}、${zq('同级均值')}或${kz(v, 'exempt')}`,
    (v) => `${q('error')}, ${q(`${v.kw('default')} VALUE`)}, ${q('peer_mean')} or ${ke(v, 'exempt')}`,
  ),
  sectionDecl: w((v) => zhOr(v, 'points', 'weight'), (v) => enOr(v, 'points', 'weight')),
  sectionItem: w((v) => zhOr(v, 'indicator', 'let'), (v) => enOr(v, 'indicator', 'let')),
  indicatorItem: w(
    (v) => `指标的一行（${(['score', 'deduct', 'add', 'let', 'exempt', 'method', 'doc'] as const).map((k) => kz(v, k)).join('、')}……）`,
    (v) => `an indicator line (${(['score', 'deduct', 'add', 'let', 'exempt', 'method', 'doc'] as const).map((k) => ke(v, k)).join(', ')}, …)`,
  ),
  metaItem: w(() => '名称、字符串或数', () => 'a name, a string or a number'),
  bonusItem: w(
    (v) => `加分项的一行（${(['counts', 'add', 'deduct', 'let'] as const).map((k) => kz(v, k)).join('、')}……）`,
    (v) => `a bonus line (${(['counts', 'add', 'deduct', 'let'] as const).map((k) => ke(v, k)).join(', ')}, …)`,
  ),
  bonusDecl: w((v) => `${kz(v, 'total')}或${zq('排名')}`, (v) => `${ke(v, 'total')} or ${q('tiebreak')}`),
  tiersItem: w(
    (v) => `分段的一行（${kz(v, 'ties')}、${kz(v, 'quota')}、${kz(v, 'gated')}、段、${kz(v, 'not')}、${kz(v, 'veto')}）`,
    (v) => `a tiers line (${ke(v, 'ties')}, ${ke(v, 'quota')}, ${ke(v, 'gated')}, a tier, ${ke(v, 'not')}, ${ke(v, 'veto')})`,
  ),
  tierRule: w((v) => zhOr(v, 'top', 'next', 'at_most', 'when', 'rest'), (v) => enOr(v, 'top', 'next', 'at_most', 'when', 'rest')),
  periodName: w(() => `期间名称，如${zq('2021')}或${zq('2021Q1')}`, () => `a period name such as ${q('2021')} or ${q('2021Q1')}`),
  testDecl: w((v) => `测试单位（${zq('类别 名称 { … }')}）或${kz(v, 'expect')}`, (v) => `a test unit (${q('KIND NAME { … }')}) or ${ke(v, 'expect')}`),
  adjustItem: w((v) => zhOr(v, 'per', 'when'), (v) => enOr(v, 'per', 'when')),
  primary: w(
    (v) => `值（数、名称、${zq('(')}、${kz(v, 'if')}、${kz(v, 'band')}、${kz(v, 'match')}……）`,
    (v) => `a value (a number, a name, ${q('(')}, ${ke(v, 'if')}, ${ke(v, 'band')}, ${ke(v, 'match')}, …)`,
  ),
  binaryOperator: w((v) => zhOr(v, 'top', 'bottom'), (v) => enOr(v, 'top', 'bottom')),
  callArgument: w(() => '参数', () => 'an argument'),
  linkDecl: w(() => '列表或实体类别', () => 'a list or an entity kind'),
  warningItem: w((v) => zhOr(v, 'let', 'when', 'message'), (v) => enOr(v, 'let', 'when', 'message')),
  warningPeriod: w(
    () => `期间名称或周期，如${zq('2021M06')}或${zq('月度')}`,
    () => `a period name or a cadence, such as ${q('2021M06')} or ${q('monthly')}`,
  ),
};

const TOKENS: Record<Extract<Expected, { token: string }>['token'], { zh: string; en: string }> = {
  Identifier: { zh: '名称', en: 'a name' },
  PeriodName: { zh: '期间名称', en: 'a period name' },
  DateLiteral: { zh: '日期', en: 'a date' },
  NumberLiteral: { zh: '数', en: 'a number' },
  StringLiteral: { zh: '字符串', en: 'a string' },
  CompareOperator: { zh: '比较符', en: 'a comparison' },
  EOF: { zh: '文件结尾', en: 'the end of the file' },
};

function expected(x: Expected, lang: 'zh' | 'en', v: Voice): string {
  if ('kw' in x) return lang === 'zh' ? kz(v, x.kw) : ke(v, x.kw);
  if ('symbol' in x) return lang === 'zh' ? zq(x.symbol) : q(x.symbol);
  if ('token' in x) return TOKENS[x.token][lang];
  if ('what' in x) return RULES[x.what]?.[lang](v) ?? (lang === 'zh' ? '其他内容' : 'something else');
  return ALTERNATIVES[x.rule][lang](v);
}

/** What a block holds, for an item that does not belong there. */
const CONTENTS: Record<Block, Words> = {
  policyDecl: w((v) => `体系头包含${zhOr(v, 'evaluator', 'precision', 'rounding').replace('或', '和')}`, (v) => `the policy header holds ${enOr(v, 'evaluator', 'precision', 'rounding').replace(' or ', ' and ')}`),
  entityDecl: w(() => `实体声明包含关联（${zq('名称: 类别')}）`, () => `an entity declaration holds relations (${q('NAME: KIND')})`),
  recordDecl: w(() => `记录包含字段（${zq('名称: 类型')}）`, () => `a record holds fields (${q('NAME: type')})`),
  inputDecl: w(() => `输入声明包含字段（${zq('名称: 类型')}）`, () => `an input declaration holds fields (${q('NAME: type')})`),
  sectionDecl: w((v) => `板块包含${kz(v, 'indicator')}和${kz(v, 'let')}`, (v) => `a section holds ${ke(v, 'indicator')} and ${ke(v, 'let')} items`),
  indicatorDecl: w(
    (v) => `指标包含${(['score', 'deduct', 'add', 'let', 'exempt'] as const).map((k) => kz(v, k)).join('、')}和元数据行（${kz(v, 'method')}、${kz(v, 'doc')}……）`,
    (v) => `an indicator holds ${(['score', 'deduct', 'add', 'let'] as const).map((k) => ke(v, k)).join(', ')}, ${ke(v, 'exempt')} and metadata lines (${ke(v, 'method')}, ${ke(v, 'doc')}, …)`,
  ),
  bonusDecl: w(
    (v) => `加分项包含${(['counts', 'add', 'deduct', 'let'] as const).map((k) => kz(v, k)).join('、')}和元数据行`,
    (v) => `a bonus holds ${(['counts', 'add', 'deduct'] as const).map((k) => ke(v, k)).join(', ')}, ${ke(v, 'let')} and metadata lines`,
  ),
  tiersDecl: w(
    (v) => `分段声明包含${kz(v, 'ties')}、${kz(v, 'quota')}、${kz(v, 'gated')}、段、${kz(v, 'not')}和${kz(v, 'veto')}`,
    (v) => `a tiers declaration holds ${ke(v, 'ties')}, ${ke(v, 'quota')}, ${ke(v, 'gated')}, tier lines, ${ke(v, 'not')} and ${ke(v, 'veto')}`,
  ),
  fixtureDecl: w(() => `样例包含字段值（${zq('名称: 值')}）`, () => `a fixture holds field values (${q('NAME: value')})`),
  testDecl: w((v) => `测试包含单位（${zq('类别 名称 { … }')}）和${kz(v, 'expect')}行`, (v) => `a test holds units (${q('KIND NAME { … }')}) and ${ke(v, 'expect')} lines`),
  warningDecl: w((v) => `预警声明包含${zhOr(v, 'let', 'when', 'message').replace('或', '和')}`, (v) => `a warning declaration holds ${enOr(v, 'let', 'when', 'message').replace(' or ', ' and ')} lines`),
};

const HOMES: Record<Home, { zh: string; en: string }> = {
  section: { zh: '板块', en: 'a section' },
  sectionIndicatorBonus: { zh: '板块、指标或加分项', en: 'a section, an indicator or a bonus' },
  indicator: { zh: '指标', en: 'an indicator' },
  indicatorBonusLink: { zh: '指标、加分项或关联扣分', en: 'an indicator, a bonus or a linked deduction' },
  indicatorBonus: { zh: '指标或加分项', en: 'an indicator or a bonus' },
  indicatorHeader: { zh: '指标或体系头', en: 'an indicator or the policy header' },
  header: { zh: '体系头', en: 'the policy header' },
  bonus: { zh: '加分项', en: 'a bonus' },
  link: { zh: '关联扣分', en: 'a linked deduction' },
  tiers: { zh: '分段声明', en: 'a tiers declaration' },
  test: { zh: '测试', en: 'a test' },
};

const found = (f: string | null, lang: 'zh' | 'en') => (f === null ? TOKENS.EOF[lang] : lang === 'zh' ? zq(f) : q(f));

export interface ExpectedFound {
  expected: Expected;
  /** The token before the error, when there is one. */
  after: string | null;
  /** The rule the parser was in, when it says where. */
  within: string | null;
  found: string | null;
}

/** "expected `{` after `40` in a section, found `indicator`" — the parser's sentence, shared by KP0003/4/5. */
const expectedFound = say(
  (p: ExpectedFound, v) => {
    const where = p.within !== null && RULES[p.within] ? `${RULES[p.within]!.zh(v)}中` : '';
    const after = p.after !== null ? `${zq(p.after)}之后` : '';
    return `${where}${after}应为${expected(p.expected, 'zh', v)}，实为${found(p.found, 'zh')}`;
  },
  (p, v) => {
    const after = p.after !== null ? ` after ${q(p.after)}` : '';
    const within = p.within !== null && RULES[p.within] ? ` in ${RULES[p.within]!.en(v)}` : '';
    return `expected ${expected(p.expected, 'en', v)}${after}${within}, found ${found(p.found, 'en')}`;
  },
);

const LOOKALIKES = {
  '，': { zh: `请用英文逗号${zq(',')}`, en: `use the ASCII comma ${q(',')}` },
  '：': { zh: `请用英文冒号${zq(':')}`, en: `use the ASCII colon ${q(':')}` },
  '（': { zh: `请用英文括号${zq('(')}`, en: `use the ASCII parenthesis ${q('(')}` },
  '）': { zh: `请用英文括号${zq(')')}`, en: `use the ASCII parenthesis ${q(')')}` },
  '【': { zh: `请用英文方括号${zq('[')}`, en: `use the ASCII bracket ${q('[')}` },
  '】': { zh: `请用英文方括号${zq(']')}`, en: `use the ASCII bracket ${q(']')}` },
  '｛': { zh: `请用英文花括号${zq('{')}`, en: `use the ASCII brace ${q('{')}` },
  '｝': { zh: `请用英文花括号${zq('}')}`, en: `use the ASCII brace ${q('}')}` },
  '“': { zh: `字符串用英文双引号${zq('"…"')}`, en: `strings are written in ASCII double quotes ${q('"…"')}` },
  '”': { zh: `字符串用英文双引号${zq('"…"')}`, en: `strings are written in ASCII double quotes ${q('"…"')}` },
  '＝': { zh: `请用英文${zq('=')}`, en: `use the ASCII ${q('=')}` },
  '％': { zh: `请用英文百分号${zq('%')}`, en: `use the ASCII percent sign ${q('%')}` },
  '＋': { zh: `请用英文${zq('+')}`, en: `use the ASCII ${q('+')}` },
  '－': { zh: `请用英文${zq('-')}`, en: `use the ASCII ${q('-')}` },
  '＞': { zh: `请用英文${zq('>')}`, en: `use the ASCII ${q('>')}` },
  '＜': { zh: `请用英文${zq('<')}`, en: `use the ASCII ${q('<')}` },
  '；': { zh: `行尾不需要结束符；删去${zq('；')}`, en: `lines need no terminator; remove the ${q('；')}` },
  ';': { zh: `行尾不需要结束符；删去${zq(';')}`, en: `lines need no terminator; remove the ${q(';')}` },
  '￥': { zh: `金额在数后写单位，例如${zq('6800万元')}或${zq('500元')}`, en: `write money with a unit suffix after the number, e.g. ${q('6800万元')} or ${q('500元')}` },
  '¥': { zh: `金额在数后写单位，例如${zq('6800万元')}或${zq('500元')}`, en: `write money with a unit suffix after the number, e.g. ${q('6800万元')} or ${q('500元')}` },
  '&': { zh: `请写${zq('且')}（${zq('and')}）`, en: `write ${q('and')} (${q('且')})` },
  '|': { zh: `请写${zq('或')}（${zq('or')}）`, en: `write ${q('or')} (${q('或')})` },
  '!': { zh: `请写${zq('非')}（${zq('not')}），“不等于”写${zq('!=')}`, en: `write ${q('not')} (${q('非')}), or ${q('!=')} for "not equal"` },
} as const;
export type Lookalike = keyof typeof LOOKALIKES;
export const isLookalike = (c: string): c is Lookalike => c in LOOKALIKES;

export const KP_SYNTAX = family({
  KP0001: {
    severity: 'error',
    title: { zh: '未知字符', en: 'unknown character' },
    meaning: { zh: '语言中没有这个字符，常见的是中文输入法打出的全角标点。', en: 'The language has no such character; often a full-width punctuation mark from a Chinese input method.' },
    texts: {
      unknown: say(
        (p: { chars: string }) => `未知字符${zq(p.chars)}`,
        (p) => `${[...p.chars].length === 1 ? 'unknown character' : 'unknown characters'} ${q(p.chars)}`,
      ),
      lookalike: say((p: { char: Lookalike }) => LOOKALIKES[p.char].zh, (p) => LOOKALIKES[p.char].en),
    },
  },
  KP0002: {
    severity: 'error',
    title: { zh: '字符串未闭合', en: 'unterminated string' },
    meaning: { zh: '字符串在行尾之前没有以双引号结束。', en: 'A string does not end with a double quote before the end of its line.' },
    texts: {
      open: say(() => `此字符串未闭合；请在行尾之前加${zq('"')}`, () => `this string is not closed; add ${q('"')} before the end of the line`),
    },
  },
  KP0003: {
    severity: 'error',
    title: { zh: '缺少应有的词或符号', en: 'expected a particular word or symbol' },
    meaning: { zh: '此处应有一个特定的关键字或符号（例如右括号或右花括号），但写的是别的。', en: 'A particular keyword or symbol (such as a closing bracket or brace) belongs here, and something else was written.' },
    texts: {
      expected: expectedFound,
      misplaced: say(
        (p: { found: string; block: Block; home: Home }, v) => `${zq(p.found)}不属于${RULES[p.block]!.zh(v)}：${CONTENTS[p.block].zh(v)}；${zq(p.found)}属于${HOMES[p.home].zh}`,
        (p, v) => `${q(p.found)} does not belong in ${RULES[p.block]!.en(v)}: ${CONTENTS[p.block].en(v)}; ${q(p.found)} belongs in ${HOMES[p.home].en}`,
      ),
      unclosed: say(
        (p: { found: string; block: Block }, v) => `${zq(p.found)}开始一个声明，但它之前的${RULES[p.block]!.zh(v)}没有闭合：${CONTENTS[p.block].zh(v)}；请在${zq(p.found)}之前加${zq('}')}`,
        (p, v) => `${q(p.found)} starts a declaration, but ${RULES[p.block]!.en(v).replace(/^an? /, 'the ')} before it is not closed: ${CONTENTS[p.block].en(v)}; add ${q('}')} before ${q(p.found)}`,
      ),
    },
  },
  KP0004: {
    severity: 'error',
    title: { zh: '意外的词或符号', en: 'unexpected word or symbol' },
    meaning: { zh: '此处不能写这个词或符号；消息说明此处可以写什么。', en: 'This word or symbol cannot stand here; the message says what can.' },
    texts: {
      expected: expectedFound,
      atLeastOne: say(
        (p: { expected: AlternativesRule | null; rule: string; after: string | null; found: string | null }, v) =>
          `${p.after !== null ? `${zq(p.after)}之后` : ''}应至少有一个${p.expected !== null ? ALTERNATIVES[p.expected].zh(v) : RULES[p.rule]?.zh(v) ?? '内容'}，实为${found(p.found, 'zh')}`,
        (p, v) => `expected at least one ${(p.expected !== null ? ALTERNATIVES[p.expected].en(v) : RULES[p.rule]?.en(v) ?? 'something').replace(/^an? /, '')}${p.after !== null ? ` after ${q(p.after)}` : ''}, found ${found(p.found, 'en')}`,
      ),
      chained: say(
        (_p: object, v) => `比较不能连写；请写${zq(`a < b ${v.kw('and')} b < c`)}或加括号`,
        (_p, v) => `comparisons do not chain; write ${q(`a < b ${v.kw('and')} b < c`)} or add parentheses`,
      ),
    },
  },
  KP0005: {
    severity: 'error',
    title: { zh: '最后一个声明之后还有内容', en: 'text after the last declaration' },
    meaning: { zh: '文件顶层只能是声明；这里的内容不是一个声明的开头。', en: 'Only declarations stand at the top level of a file; this text does not start one.' },
    texts: { expected: expectedFound },
  },
  KP0006: {
    severity: 'error',
    title: { zh: '嵌套太深', en: 'nesting too deep' },
    meaning: { zh: '括号、如果或运算符嵌套过深，超出了读取的上限；用「令」拆分表达式。', en: 'Brackets, `if`s or operators nest deeper than the reader allows; split the expression with `let` bindings.' },
    texts: {
      brackets: say(
        (p: { limit: number }, v) => `此处嵌套超过 ${p.limit} 层；请用${zq(v.kw('let'))}拆分表达式`,
        (p, v) => `this is nested more than ${p.limit} levels deep; split the expression with ${q(v.kw('let'))} bindings`,
      ),
      tree: say(
        (p: { limit: number }, v) => `此表达式嵌套超过 ${p.limit} 层（连续这么多个运算符）；请用${zq(v.kw('let'))}拆分`,
        (p, v) => `this expression is nested more than ${p.limit} levels deep (a chain of that many operators); split it with ${q(v.kw('let'))} bindings`,
      ),
      file: say(() => '此文件嵌套太深，无法读取', () => 'this file is nested too deeply to read'),
    },
  },
  KP0007: {
    severity: 'error',
    title: { zh: '源文件过大', en: 'source file too large' },
    meaning: { zh: '一个 .kp 文件超过了字符数上限；把体系拆到多个文件中。', en: 'A .kp file is longer than the limit; split the policy over several files.' },
    texts: {
      tooLarge: say(
        (p: { length: number; limit: number }) => `文件有 ${p.length} 个字符，上限是 ${p.limit}；请把体系拆到多个文件中`,
        (p) => `the file has ${p.length} characters; the limit is ${p.limit}; split the policy over several files`,
      ),
    },
  },
  KP0008: {
    severity: 'error',
    title: { zh: '字符串中的未知转义', en: 'unknown escape in a string' },
    meaning: { zh: '字符串中只有 \\" 和 \\\\ 两种转义。', en: 'Strings know only two escapes: \\" and \\\\.' },
    texts: {
      escape: say(
        (p: { escape: string }) => `字符串中的未知转义${zq(p.escape)}；只有${zq('\\"')}和${zq('\\\\')}是转义`,
        (p) => `unknown escape ${q(p.escape)} in a string; only ${q('\\"')} and ${q('\\\\')} are escapes`,
      ),
    },
  },
  KP0009: {
    severity: 'error',
    title: { zh: '不是有效日期', en: 'not a calendar date' },
    meaning: { zh: '日期写成 YYYY-MM-DD，且须是日历上存在的日期。', en: 'A date is written YYYY-MM-DD and must exist in the calendar.' },
    texts: {
      date: say((p: { date: string }) => `${zq(p.date)}不是有效的日期`, (p) => `${q(p.date)} is not a calendar date`),
    },
  },
  KP0010: {
    severity: 'error',
    title: { zh: '未知的取值词', en: 'unknown value word' },
    meaning: { zh: '精度、缺失处理、加分项计入方式等只接受规定的词或数。', en: 'Precision, missing-data treatment and bonus modes take only their own words or numbers.' },
    texts: {
      precision: say(
        (p: { found: string }) => `精度必须是整数（小数位数），实为${zq(p.found)}`,
        (p) => `precision must be a whole number of decimal places, found ${q(p.found)}`,
      ),
      missing: say(
        (p: { word: string }, v) => `未知的缺失处理${zq(p.word)}；应为${zq('报错')}、${zq(`${v.kw('default')} 值`)}、${zq('同级均值')}、${zq('同级均值填补')}或${zq(v.kw('exempt'))}`,
        (p, v) => `unknown missing-data treatment ${q(p.word)}; expected ${q('error')}, ${q(`${v.kw('default')} VALUE`)}, ${q('peer_mean')}, ${q('fill_peer_mean')} or ${q(v.kw('exempt'))}`,
      ),
      bonusMode: say(
        (p: { word: string }, v) => `未知的加分项计入方式${zq(p.word)}；应为${zq(`${v.kw('counts')} ${v.kw('total')}`)}、${zq(`${v.kw('counts')} 排名`)}或${zq(`${v.kw('counts')} 扣分`)}`,
        (p, v) => `unknown bonus mode ${q(p.word)}; expected ${q(`${v.kw('counts')} ${v.kw('total')}`)}, ${q(`${v.kw('counts')} tiebreak`)} or ${q(`${v.kw('counts')} deduction`)}`,
      ),
    },
  },
  KP0011: {
    severity: 'error',
    title: { zh: '关键字用作名称', en: 'keyword used as a name' },
    meaning: { zh: '关键字不能用作名称；以关键字开头的更长的词是普通名称，名称不能加引号。', en: 'A keyword cannot be a name; a longer word that starts with a keyword is an ordinary name, and names cannot be quoted.' },
    texts: {
      keyword: say(
        (p: { word: string; chinese: boolean }) => `${zq(p.word)}是关键字，不能用作名称；请换一个名称，例如${zq(p.chinese ? `${p.word}项` : `${p.word}_item`)}（以关键字开头的更长的词是普通名称；名称不能加引号）`,
        (p) => `${q(p.word)} is a keyword and cannot be used as a name; choose another name, e.g. ${q(p.chinese ? `${p.word}项` : `${p.word}_item`)} (a longer word that starts with a keyword is an ordinary name; names cannot be quoted)`,
      ),
    },
  },
});
