// KP2xxx — types and dimensions: every expression has a type with its dimension, and each place needs its own.
import type { KeywordName } from '../dsl/keywords.js';
import { enList, family, q, say, zhList, zq, type Voice } from './catalogue.js';
import { enType, zhType, type TypeWords } from './words.js';

/** What a check is about ("the condition of `if`"), in both languages. */
export type Subject =
  | { s: 'notOperand' | 'ifCondition' | 'whereCondition' | 'eligibleCondition' | 'whenCondition' | 'exemptWhen' | 'linkWhere' | 'gateCondition' | 'vetoCondition' }
  | { s: 'minusOperand' | 'ranked' | 'bandSubject' | 'bandBound' | 'valueAveraged' | 'valueRounded' | 'valueInterpolated' | 'anchor' }
  | { s: 'rankingKey' | 'tieBreaker' | 'droppedAtEachEnd' | 'leastCount' | 'decimalPlaces' }
  | { s: 'eachSideOf'; op: 'and' | 'or' }
  | { s: 'sectionWhen' | 'tierCondition' | 'indicatorScore' | 'linkAmount' | 'tierShare'; name: string }
  | { s: 'valueOf' | 'argumentOf' | 'eachArgumentOf'; fn: string }
  | { s: 'inRankShare'; position: 'top' | 'bottom' }
  | { s: 'amount'; direction: 'deduct' | 'add'; source: string }
  | { s: 'cap'; source: string };

function zhSubject(x: Subject, v: Voice): string {
  const k = (w: KeywordName) => zq(v.kw(w));
  switch (x.s) {
    case 'notOperand': return `${k('not')}的操作数`;
    case 'ifCondition': return `${k('if')}的条件`;
    case 'whereCondition': return `${k('where')}条件`;
    case 'eligibleCondition': return `参加排名的单位须满足的条件（${k('where')}）`;
    case 'whenCondition': return `${k('when')}条件`;
    case 'exemptWhen': return `${zq(`${v.kw('exempt')} ${v.kw('when')}`)}条件`;
    case 'linkWhere': return `关联扣分的${k('where')}条件`;
    case 'gateCondition': return '限制条件';
    case 'vetoCondition': return `${k('veto')}条件`;
    case 'minusOperand': return `${zq('-')}的操作数`;
    case 'ranked': return '排名依据的值';
    case 'bandSubject': return `${k('band')}的对象`;
    case 'bandBound': return `${k('band')}的界值`;
    case 'valueAveraged': return '求平均的值';
    case 'valueRounded': return '取整的值';
    case 'valueInterpolated': return '插值的值';
    case 'anchor': return '插值锚点';
    case 'rankingKey': return `排序依据（${k('by')}）`;
    case 'tieBreaker': return '并列时的比较依据';
    case 'droppedAtEachEnd': return '两端各去掉的个数';
    case 'leastCount': return '最少个数';
    case 'decimalPlaces': return '小数位数';
    case 'eachSideOf': return `${k(x.op)}的两边`;
    case 'sectionWhen': return `板块${zq(x.name)}的${k('when')}条件`;
    case 'tierCondition': return `段${zq(x.name)}的条件`;
    case 'indicatorScore': return `指标${zq(x.name)}的得分`;
    case 'linkAmount': return `关联扣分${zq(x.name)}的分值`;
    case 'tierShare': return `段${zq(x.name)}的占比`;
    case 'valueOf': return `${zq(x.fn)}的值`;
    case 'argumentOf': return `${zq(x.fn)}的参数`;
    case 'eachArgumentOf': return `${zq(x.fn)}的每个参数`;
    case 'inRankShare': return `${zq(`${v.kw('in')} ${v.kw(x.position)}`)}的占比`;
    case 'amount': return `${x.direction === 'deduct' ? '扣' : '加'}的分值（${zq(x.source)}）`;
    case 'cap': return `封顶值${zq(x.source)}`;
  }
}

function enSubject(x: Subject, v: Voice): string {
  const k = (w: KeywordName) => q(v.kw(w));
  switch (x.s) {
    case 'notOperand': return `${k('not')}’s operand`;
    case 'ifCondition': return `the condition of ${k('if')}`;
    case 'whereCondition': return `the ${k('where')} condition`;
    case 'eligibleCondition': return `the condition a unit must meet to be ranked (${k('where')})`;
    case 'whenCondition': return `the ${k('when')} condition`;
    case 'exemptWhen': return `the ${q(`${v.kw('exempt')} ${v.kw('when')}`)} condition`;
    case 'linkWhere': return `the ${k('where')} condition of a link`;
    case 'gateCondition': return 'a gate condition';
    case 'vetoCondition': return 'a veto condition';
    case 'minusOperand': return `the operand of ${q('-')}`;
    case 'ranked': return 'what is ranked';
    case 'bandSubject': return `the subject of ${k('band')}`;
    case 'bandBound': return 'a band bound';
    case 'valueAveraged': return 'the value averaged';
    case 'valueRounded': return 'the value rounded';
    case 'valueInterpolated': return 'the value interpolated';
    case 'anchor': return 'an anchor';
    case 'rankingKey': return `the ranking key (${k('by')})`;
    case 'tieBreaker': return 'a tie-breaker';
    case 'droppedAtEachEnd': return 'the number dropped at each end';
    case 'leastCount': return 'the least count';
    case 'decimalPlaces': return 'the number of decimal places';
    case 'eachSideOf': return `each side of ${k(x.op)}`;
    case 'sectionWhen': return `the ${k('when')} condition of section ${q(x.name)}`;
    case 'tierCondition': return `the condition of tier ${q(x.name)}`;
    case 'indicatorScore': return `the score of indicator ${q(x.name)}`;
    case 'linkAmount': return `the amount of link ${q(x.name)}`;
    case 'tierShare': return `the share of tier ${q(x.name)}`;
    case 'valueOf': return `the value of ${q(x.fn)}`;
    case 'argumentOf': return `the argument of ${q(x.fn)}`;
    case 'eachArgumentOf': return `each argument of ${q(x.fn)}`;
    case 'inRankShare': return `the share of ${q(`${v.kw('in')} ${v.kw(x.position)}`)}`;
    case 'amount': return `the amount ${x.direction === 'deduct' ? 'deducted' : 'added'} (${q(x.source)})`;
    case 'cap': return `the cap ${q(x.source)}`;
  }
}

/** The arguments a function takes, for "takes …, but 3 arguments are given". */
export type ArgumentShape =
  | { shape: 'countList' | 'trimmedMean' | 'rankValue' | 'oneValue' | 'twoOrMore' | 'clampBounds' | 'roundPlaces' | 'steps' | 'none' }
  | { shape: 'filteredList' | 'listAndValue'; fn: string };

function zhShape(x: ArgumentShape): string {
  switch (x.shape) {
    case 'countList': return `一个列表（${zq('计数(列表 其中 条件)')}）`;
    case 'filteredList': return `一个带条件的列表（${zq(`${x.fn}(列表 其中 条件)`)}）`;
    case 'trimmedMean': return `一个列表、一个值、两端各去掉的个数和最少个数（${zq('去极均值(列表, 值, 1, 5)')}）`;
    case 'listAndValue': return `一个列表和一个值（${zq(`${x.fn}(列表 其中 条件, 值)`)}）`;
    case 'rankValue': return `一个值，可再加${zq('升序')}`;
    case 'oneValue': return '一个值';
    case 'twoOrMore': return '两个或更多的值（或一个列表和一个值）';
    case 'clampBounds': return '一个值、一个下限和一个上限';
    case 'roundPlaces': return '一个值和小数位数';
    case 'steps': return `一个值、一个步长和${zq('整步')}、${zq('按比例')}或${zq('进位')}（${zq('步数(100% - 完成率, 1%, 整步)')}）`;
    case 'none': return '没有参数';
  }
}

function enShape(x: ArgumentShape): string {
  switch (x.shape) {
    case 'countList': return `a list (${q('count(L where C)')})`;
    case 'filteredList': return `a filtered list (${q(`${x.fn}(L where C)`)})`;
    case 'trimmedMean': return `a list, a value, how many to drop at each end and the least count (${q('trimmed_mean(L, E, 1, 5)')})`;
    case 'listAndValue': return `a list and a value (${q(`${x.fn}(L where C, E)`)})`;
    case 'rankValue': return `a value and optionally ${q('asc')}`;
    case 'oneValue': return 'one value';
    case 'twoOrMore': return 'two or more values (or a list and a value)';
    case 'clampBounds': return 'a value, a low and a high bound';
    case 'roundPlaces': return 'a value and a number of decimal places';
    case 'steps': return `a value, a step and ${q('whole')}, ${q('pro_rata')} or ${q('round_up')} (${q('steps(100% - 完成率, 1%, whole)')})`;
    case 'none': return 'no arguments';
  }
}

/** The construct whose arms disagree: a keyword (`if`, `band`, `match`) or a function as written. */
export type Construct = { kw: 'if' | 'band' | 'match' } | { fn: string };
const construct = (c: Construct, v: Voice) => ('kw' in c ? v.kw(c.kw) : c.fn);

type Typed = { source: string; type: TypeWords };

export const KP_TYPES = family({
  KP2001: {
    severity: 'error',
    title: { zh: '量纲不一致', en: 'dimensions do not match' },
    meaning: {
      zh: '加减的两边、或要求同一量纲的函数参数，量纲不同（例如金额加计数）。',
      en: 'The two sides of + or -, or arguments that must share a dimension, have different dimensions (money plus a count).',
    },
    texts: {
      addSubtract: say(
        (p: { source: string; op: '+' | '-'; left: TypeWords; right: TypeWords }) =>
          `不能把${zhType(p.right)}${p.op === '+' ? '加到' : '从'}${zhType(p.left)}${p.op === '+' ? '上' : '中减去'}（${zq(p.source)}）`,
        (p) => `cannot ${p.op === '+' ? 'add' : 'subtract'} ${enType(p.right)} ${p.op === '+' ? 'to' : 'from'} ${enType(p.left)} (${q(p.source)})`,
      ),
      sameDimensionHelp: say(() => '+ 和 - 两边的量纲必须相同', () => 'both sides of + and - need the same dimension'),
      arguments: say(
        (p: Typed & { fn: string; others: TypeWords }) => `${zq(p.fn)}的参数必须同一量纲，但${zq(p.source)}是${zhType(p.type)}，其余是${zhType(p.others)}`,
        (p) => `the arguments of ${q(p.fn)} must have one dimension, but ${q(p.source)} is ${enType(p.type)} and the others ${enType(p.others)}`,
      ),
    },
  },
  KP2002: {
    severity: 'error',
    title: { zh: '这些量纲不能相乘或相除', en: 'cannot multiply or divide these dimensions' },
    meaning: {
      zh: '乘法至少一边须是不带单位的数或百分比；除法须同量纲相除（得百分比）或除以不带单位的数。',
      en: 'One side of `*` must be a plain number or a percent; `/` divides values of one dimension (giving a percent) or by a plain number.',
    },
    texts: {
      multiply: say(
        (p: { source: string; left: TypeWords; right: TypeWords }) => `不能用${zhType(p.left)}乘以${zhType(p.right)}（${zq(p.source)}）`,
        (p) => `cannot multiply ${enType(p.left)} by ${enType(p.right)} (${q(p.source)})`,
      ),
      multiplyHelp: say(
        () => `${zq('*')}至少一边须是不带单位的数或百分比，或者是分数乘以计数、天数（${zq('5分 * 安全事故')}）`,
        () => `one side of ${q('*')} must be a plain number or a percent, or it is points times a count or days (${q('5分 * 安全事故')})`,
      ),
      divide: say(
        (p: { source: string; left: TypeWords; right: TypeWords }) => `不能用${zhType(p.left)}除以${zhType(p.right)}（${zq(p.source)}）`,
        (p) => `cannot divide ${enType(p.left)} by ${enType(p.right)} (${q(p.source)})`,
      ),
      divideHelp: say(
        () => '同量纲的值相除得百分比，或除以不带单位的数',
        () => 'divide values of the same dimension to get a percent, or divide by a plain number',
      ),
    },
  },
  KP2003: {
    severity: 'error',
    title: { zh: '值不能比较', en: 'values cannot be compared' },
    meaning: {
      zh: '比较的两边类型或量纲不同，或对不能排序的值用了大小比较。',
      en: 'The two sides of a comparison differ in type or dimension, or an ordering comparison is used on values that have no order.',
    },
    texts: {
      compare: say(
        (p: { source: string; left: TypeWords; right: TypeWords }) => `不能比较${zhType(p.left)}与${zhType(p.right)}（${zq(p.source)}）`,
        (p) => `cannot compare ${enType(p.left)} with ${enType(p.right)} (${q(p.source)})`,
      ),
      order: say(
        (p: { op: string; type: TypeWords }) => `${zq(p.op)}只能比较数值和日期的大小，这里是${zhType(p.type)}`,
        (p) => `${q(p.op)} orders numbers and dates, but these are ${enType(p.type)}`,
      ),
      bandBound: say(
        (p: { subject: TypeWords; bound: string; type: TypeWords }, v) => `此${zq(v.kw('band'))}比较的是${zhType(p.subject)}，但界值${zq(p.bound)}是${zhType(p.type)}`,
        (p, v) => `this ${q(v.kw('band'))} compares ${enType(p.subject)}, but the bound ${q(p.bound)} is ${enType(p.type)}`,
      ),
      anchor: say(
        (p: { anchor: string; type: TypeWords; subject: TypeWords }) => `锚点${zq(p.anchor)}是${zhType(p.type)}，但插值的值是${zhType(p.subject)}`,
        (p) => `the anchor ${q(p.anchor)} is ${enType(p.type)}, but the value interpolated is ${enType(p.subject)}`,
      ),
    },
  },
  KP2004: {
    severity: 'error',
    title: { zh: '条件不是是非值', en: 'condition is not true/false' },
    meaning: { zh: '条件（如果、当、其中、否决……）必须是“是”或“否”，例如一个比较。', en: 'A condition (`if`, `when`, `where`, `veto`, …) must be true or false, such as a comparison.' },
    texts: {
      notBool: say(
        (p: Typed & { what: Subject }, v) => `${zhSubject(p.what, v)}必须是是非值，但${zq(p.source)}是${zhType(p.type)}`,
        (p, v) => `${enSubject(p.what, v)} must be true or false, but ${q(p.source)} is ${enType(p.type)}`,
      ),
      compareHelp: say(() => `把它与某个值比较，例如${zq('… > 0')}`, () => `compare it with something, e.g. ${q('… > 0')}`),
    },
  },
  KP2005: {
    severity: 'error',
    title: { zh: '得分必须是分数', en: 'a score must be points' },
    meaning: { zh: '指标的得分必须是分数（例如 6分 或 完成率 * 6分），不能是金额、百分比等。', en: 'An indicator’s score must be points (`6分`, `完成率 * 6分`), not money, a percent or another dimension.' },
    texts: {
      notPoints: say(
        (p: { what: Subject; type: TypeWords }, v) => `${zhSubject(p.what, v)}是${zhType(p.type)}，但得分必须是分数`,
        (p, v) => `${enSubject(p.what, v)} is ${enType(p.type)}, but a score must be points`,
      ),
      dimensionHelp: say(
        (p: { text: string; points: string }) => `除以同量纲的值再乘以分值，例如${zq(`${p.text} / … * ${p.points}分`)}`,
        (p) => `divide by a value of the same dimension and multiply by the points, e.g. ${q(`${p.text} / … * ${p.points}分`)}`,
      ),
    },
  },
  KP2006: {
    severity: 'error',
    title: { zh: '扣加分值或封顶必须是分数', en: 'an amount or cap must be points' },
    meaning: { zh: '扣分、加分、封顶和关联扣分的分值必须是分数。', en: 'The amount of a deduction, an addition or a link, and a cap, must be points.' },
    texts: {
      notPoints: say(
        (p: { what: Subject; type: TypeWords }, v) => `${zhSubject(p.what, v)}是${zhType(p.type)}，但它必须是分数`,
        (p, v) => `${enSubject(p.what, v)} is ${enType(p.type)}, but it must be points`,
      ),
    },
  },
  KP2007: {
    severity: 'error',
    title: { zh: '缺少否则分支', en: 'missing else arm' },
    meaning: {
      zh: '分档必须有「否则」分支；匹配没有覆盖枚举的全部值时也必须有。否则总有单位得不到值。',
      en: 'A `band` needs an `else` arm, and so does a `match` that does not cover every value of its enum: otherwise some unit gets no value.',
    },
    texts: {
      band: say(
        (_p: object, v) => `${zq(v.kw('band'))}须有${zq(v.kw('else'))}分支，给没有命中任何档的值`,
        (_p, v) => `${q(v.kw('band'))} needs an ${q(v.kw('else'))} arm for values no arm matches`,
      ),
      bandHelp: say(
        (_p: object, v) => `加上${zq(`${v.kw('else')}: 0分`)}（或应得的值）`,
        (_p, v) => `add ${q(`${v.kw('else')}: 0分`)} (or the value meant)`,
      ),
      match: say(
        (p: { values: string[] }, v) => `此${zq(v.kw('match'))}没有${zhList(p.values)}的分支`,
        (p, v) => `this ${q(v.kw('match'))} has no arm for ${p.values.join(', ')}`,
      ),
      matchHelp: say(
        (_p: object, v) => `补上这些值，或加${zq(v.kw('else'))}分支`,
        (_p, v) => `add those values or an ${q(v.kw('else'))} arm`,
      ),
    },
  },
  KP2008: {
    severity: 'error',
    title: { zh: '分支类型不同', en: 'arms of different types' },
    meaning: { zh: '如果、分档、匹配、插值的各分支必须给出同一类型（同一量纲）的值。', en: 'The arms of `if`, `band`, `match` and `interpolate` must all give one type (one dimension).' },
    texts: {
      differ: say(
        (p: { construct: Construct; first: TypeWords; other: TypeWords; source: string }, v) =>
          `此${zq(construct(p.construct, v))}的分支类型不同：${zhType(p.first)}与${zhType(p.other)}（${zq(p.source)}）`,
        (p, v) => `the arms of this ${q(construct(p.construct, v))} give different types: ${enType(p.first)} and ${enType(p.other)} (${q(p.source)})`,
      ),
    },
  },
  KP2009: {
    severity: 'error',
    title: { zh: '不是枚举的值', en: 'not a value of the enum' },
    meaning: { zh: '与枚举比较或在匹配中写的值不是这个枚举的值。', en: 'A value compared with an enum, or a `match` label, is not one of the enum’s values.' },
    texts: {
      notMember: say(
        (p: { member: string; type: TypeWords; values: string[] }) => `${zq(p.member)}不是${zhType(p.type)}的值（${p.values.join('、')}）`,
        (p) => `${q(p.member)} is not a value of ${enType(p.type)} (${p.values.join(', ')})`,
      ),
    },
  },
  KP2010: {
    severity: 'error',
    title: { zh: '匹配需要枚举', en: 'match needs an enum' },
    meaning: { zh: '匹配按枚举值选择分支；数值请用分档。', en: '`match` chooses by an enum value; use `band` for numbers.' },
    texts: {
      notEnum: say(
        (p: Typed, v) => `${zq(v.kw('match'))}按枚举值选择，但${zq(p.source)}是${zhType(p.type)}`,
        (p, v) => `${q(v.kw('match'))} chooses by an enum value, but ${q(p.source)} is ${enType(p.type)}`,
      ),
      bandHelp: say((_p: object, v) => `数值请用${zq(v.kw('band'))}`, (_p, v) => `use ${q(v.kw('band'))} for numbers`),
    },
  },
  KP2011: {
    severity: 'error',
    title: { zh: '参数不对', en: 'wrong arguments' },
    meaning: { zh: '函数调用的参数个数或形式不对（见语言参考的函数表）。', en: 'A function is called with the wrong number or form of arguments (see the functions table of the language reference).' },
    texts: {
      count: say(
        (p: { fn: string; shape: ArgumentShape; given: number }) => `${zq(p.fn)}接受${zhShape(p.shape)}，但给了${p.given === 0 ? '零' : p.given}个参数`,
        (p) => `${q(p.fn)} takes ${enShape(p.shape)}, but ${p.given === 0 ? 'no arguments are' : p.given === 1 ? '1 argument is' : `${p.given} arguments are`} given`,
      ),
      needsCondition: say(
        (p: { fn: string; list: string }, v) => `${zq(p.fn)}需要条件：${zq(`${p.fn}(${p.list} ${v.kw('where')} …)`)}`,
        (p, v) => `${q(p.fn)} needs a condition: ${q(`${p.fn}(${p.list} ${v.kw('where')} …)`)}`,
      ),
      wholeNumber: say(
        (p: { what: Subject }, v) => `${zhSubject(p.what, v)}必须是不小于 0 的整数`,
        (p, v) => `${enSubject(p.what, v)} must be a whole number ≥ 0`,
      ),
      rankOrder: say(
        (p: { spellings: string[] }) => `${zq('排名')}的第二个参数只能是${zhList(p.spellings)}（值越小排名越前）`,
        (p) => `the second argument of ${q('rank')} can only be ${enList(p.spellings, true, 'or')} (lowest value ranks first)`,
      ),
      interpolateAnchors: say(
        () => `${zq('插值')}接受一个值和至少两个锚点（${zq('插值(x, 60% -> 0分, 100% -> 8分)')}）`,
        () => `${q('interpolate')} takes a value and at least two anchors (${q('interpolate(x, 60% -> 0分, 100% -> 8分)')})`,
      ),
      anchorForm: say(
        (p: { fn: string; source: string }) => `${zq(p.fn)}的每个锚点写作${zq('起 -> 止')}，但${zq(p.source)}不是`,
        (p) => `each anchor of ${q(p.fn)} is written ${q('from -> to')}, but ${q(p.source)} is not`,
      ),
    },
  },
  KP2012: {
    severity: 'error',
    title: { zh: '不是记录列表', en: 'not a list of records' },
    meaning: {
      zh: '「每」和计数、合计等汇总函数逐条处理记录列表；给出的值不是列表。单个条件请用「扣 … 当 …」。',
      en: '`per` and the aggregates (count, sum, …) go over a list of records; the value given is not one. For a single condition write `deduct … when …`.',
    },
    texts: {
      aggregate: say(
        (p: Typed & { fn: string }) => `${zq(p.fn)}逐条处理记录列表，但${zq(p.source)}是${zhType(p.type)}`,
        (p) => `${q(p.fn)} goes over a list of records, but ${q(p.source)} is ${enType(p.type)}`,
      ),
      per: say(
        (p: Typed, v) => `${zq(v.kw('per'))}逐条处理记录列表，但${zq(p.source)}是${zhType(p.type)}`,
        (p, v) => `${q(v.kw('per'))} walks a list of records, but ${q(p.source)} is ${enType(p.type)}`,
      ),
      perHelp: say(
        (p: { direction: 'deduct' | 'add' }, v) => `单个条件请写${zq(`${v.kw(p.direction)} … ${v.kw('when')} …`)}`,
        (p, v) => `for a single condition write ${q(`${v.kw(p.direction)} … ${v.kw('when')} …`)}`,
      ),
    },
  },
  KP2013: {
    severity: 'error',
    title: { zh: '群体统计用错了地方', en: 'population statistic misused' },
    meaning: { zh: '排名、同级最高等群体统计比较的是单位，不能用在记录的字段上。', en: 'Population statistics (rank, peer_max, `in top`, …) compare units, so they cannot be used on a record’s fields.' },
    texts: {
      inRank: say(
        (_p: object, v) => `${zq(`${v.kw('in')} ${v.kw('top')}/${v.kw('bottom')}`)}比较的是单位，不能用在记录的字段上`,
        (_p, v) => `${q(`${v.kw('in')} ${v.kw('top')}/${v.kw('bottom')}`)} compares units, so it cannot be used on a record's fields`,
      ),
      call: say(
        (p: { fn: string }) => `${zq(p.fn)}比较的是单位，不能用在记录的字段上`,
        (p) => `${q(p.fn)} compares units, so it cannot be used on a record's fields`,
      ),
    },
  },
  KP2014: {
    severity: 'error',
    title: { zh: '未知的步数方式', en: 'unknown step mode' },
    meaning: { zh: '步数的第三个参数说明不足一步时怎么算：整步、按比例或进位。', en: 'The third argument of `steps` says how a partial step counts: whole, pro_rata or round_up.' },
    texts: {
      mode: say(
        (p: { fn: string; spellings: string[] }) => `${zq(p.fn)}的第三个参数说明不足一步时怎么算：${zhList(p.spellings)}`,
        (p) => `the third argument of ${q(p.fn)} says how partial steps count: ${p.spellings.map(q).join(', ')}`,
      ),
    },
  },
  KP2015: {
    severity: 'error',
    title: { zh: '插值锚点不是递增的常量', en: 'interpolation anchors not ascending constants' },
    meaning: { zh: '插值的锚点必须是常量，并且从小到大排列。', en: 'The anchors of `interpolate` must be constants in ascending order.' },
    texts: {
      notConstant: say(
        (p: { anchor: string; value: string | null }) => `锚点必须是常量，但${zq(p.anchor)}${p.value === null ? '' : `（${p.value}）`}取决于数据`,
        (p) => `an anchor must be a constant, but ${q(p.anchor)}${p.value === null ? '' : ` (${p.value})`} depends on the data`,
      ),
      notAscending: say(
        (p: { anchor: string; value: string | null; previous: string; previousValue: string | null }) =>
          `锚点必须递增，但${zq(p.anchor)}${p.value === null ? '' : `（${p.value}）`}排在${zq(p.previous)}${p.previousValue === null ? '' : `（${p.previousValue}）`}之后`,
        (p) => `anchors must ascend, but ${q(p.anchor)}${p.value === null ? '' : ` (${p.value})`} follows ${q(p.previous)}${p.previousValue === null ? '' : ` (${p.previousValue})`}`,
      ),
    },
  },
  KP2016: {
    severity: 'error',
    title: { zh: '不是数', en: 'not a number' },
    meaning: { zh: '此处需要数（数值、金额、百分比、分数……），给出的值不是。', en: 'A number (plain, money, percent, points, …) is needed here, and the value given is not one.' },
    texts: {
      notNumber: say(
        (p: Typed & { what: Subject }, v) => `${zhSubject(p.what, v)}必须是数，但${zq(p.source)}是${zhType(p.type)}`,
        (p, v) => `${enSubject(p.what, v)} must be a number, but ${q(p.source)} is ${enType(p.type)}`,
      ),
      operator: say(
        (p: Typed & { op: string }) => `${zq(p.op)}需要数，但${zq(p.source)}是${zhType(p.type)}`,
        (p) => `${q(p.op)} needs numbers, but ${q(p.source)} is ${enType(p.type)}`,
      ),
    },
  },
  KP2017: {
    severity: 'error',
    title: { zh: '写法用错了地方', en: 'construct out of place' },
    meaning: { zh: '这种写法只能出现在特定位置（例如「其中」只能跟在列表后，或在排名、百分位、同级统计的参数里限定参加的单位），不能单独用在规则里。', en: 'This construct only has meaning in certain places (`where` after a list or inside rank, percentile and the peer statistics, `a -> b` inside interpolate, literal lists in tests).' },
    texts: {
      where: say(
        (_p: object, v) => `${zq(v.kw('where'))}只能作计数/合计/均值/最小/最大/任一/全部的第一个参数过滤列表，作排名/百分位/同级统计的第一个参数限定参加的单位（或在${zq(`(X ${v.kw('where')} C) ${v.kw('in')} ${v.kw('top')} P`)}中），或跟在${zq(v.kw('per'))}之后`,
        (_p, v) => `${q(v.kw('where'))} filters a list only as the first argument of count/sum/mean/min/max/any/all, the units taking part as the first argument of rank/percentile/a peer statistic (or in ${q(`(X ${v.kw('where')} C) ${v.kw('in')} ${v.kw('top')} P`)}), or after ${q(v.kw('per'))}`,
      ),
      anchor: say(
        () => `${zq('a -> b')}是${zq('插值(x, a -> b, …)')}的锚点，不能单独使用`,
        () => `${q('a -> b')} is an anchor of ${q('interpolate(x, a -> b, …)')} and cannot stand alone`,
      ),
      literal: say(
        () => '列表和记录的字面值是样例和测试的数据，不是规则的一部分',
        () => 'literal lists and records are data for fixtures and tests, not part of a rule',
      ),
    },
  },
  KP2018: {
    severity: 'error',
    title: { zh: '不是常量', en: 'not a constant' },
    meaning: { zh: '参数、占比、锚点等必须在编译时就能算出，不能取决于数据。', en: 'Parameters, shares, anchors and the like must be known when compiling, not depend on the data.' },
    texts: {
      param: say(
        (p: { name: string }) => `参数${zq(p.name)}必须是常量（字面值、其他参数和 + - * /）`,
        (p) => `parameter ${q(p.name)} must be a constant (literals, other parameters and + - * /)`,
      ),
      notConstant: say(
        (p: { what: Subject; source: string }, v) => `${zhSubject(p.what, v)}必须是常量，但${zq(p.source)}取决于数据`,
        (p, v) => `${enSubject(p.what, v)} must be a constant, but ${q(p.source)} depends on the data`,
      ),
    },
  },
  KP2019: {
    severity: 'error',
    title: { zh: '默认值类型不对', en: 'default value of the wrong type' },
    meaning: {
      zh: '输入缺失时的默认值必须与输入同一类型；按同级均值填补只用于数值输入。',
      en: 'The default given for a missing input must have the input’s type; filling with the peers’ mean is for numeric inputs only.',
    },
    texts: {
      wrongType: say(
        (p: Typed & { name: string; expected: TypeWords }) => `${zq(p.name)}的默认值必须是${zhType(p.expected)}，但${zq(p.source)}是${zhType(p.type)}`,
        (p) => `the default of ${q(p.name)} must be ${enType(p.expected)}, but ${q(p.source)} is ${enType(p.type)}`,
      ),
      fillNotNumber: say(
        (p: { name: string; type: TypeWords }) => `只有数值输入能按同级均值填补，但${zq(p.name)}是${zhType(p.type)}`,
        (p) => `only a numeric input can be filled with the peers' mean, but ${q(p.name)} is ${enType(p.type)}`,
      ),
    },
  },
  KP2020: {
    severity: 'error',
    title: { zh: '占比不是百分比', en: 'share is not a percent' },
    meaning: {
      zh: '名额、位列前后和个人绩效的占比必须写成百分比，例如 10%；位列前后也可写名次数，例如 3名。',
      en: 'A share (a tier quota, `in top`, an individual’s share) must be a percent like `10%`; `in top` may also take a number of places like `3名`.',
    },
    texts: {
      share: say(
        (p: Typed & { what: Subject }, v) => `${zhSubject(p.what, v)}必须是百分比（如${zq('10%')}），但${zq(p.source)}是${zhType(p.type)}`,
        (p, v) => `${enSubject(p.what, v)} must be a percent like ${q('10%')}, but ${q(p.source)} is ${enType(p.type)}`,
      ),
      inRank: say(
        (p: Typed & { what: Subject }, v) => `${zhSubject(p.what, v)}必须是百分比（如${zq('10%')}）或名次数（如${zq('3名')}），但${zq(p.source)}是${zhType(p.type)}`,
        (p, v) => `${enSubject(p.what, v)} must be a percent like ${q('10%')} or a number of places like ${q('3名')}, but ${q(p.source)} is ${enType(p.type)}`,
      ),
      places: say(
        (p: { source: string }) => `名次数必须是正整数，但${zq(p.source)}不是`,
        (p) => `a number of places must be a whole number above 0, but ${q(p.source)} is not`,
      ),
      individual: say(
        (p: { entity: string; relation: string; type: TypeWords }) => `从${zq(p.relation)}取给${zq(p.entity)}的总分占比必须是百分比，但它是${zhType(p.type)}`,
        (p) => `the share of ${q(p.entity)}'s total taken from ${q(p.relation)} must be a percent, but it is ${enType(p.type)}`,
      ),
    },
  },
  KP2021: {
    severity: 'error',
    title: { zh: '把记录类型当作值', en: 'record type used as a value' },
    meaning: { zh: '字段不能是单个记录；记录只能以列表的形式出现，例如 [发现]。', en: 'A field cannot hold a single record; records come in lists, like `[发现]`.' },
    texts: {
      record: say(
        (p: { name: string }) => `${zq(p.name)}是记录；字段只能是它的列表：${zq(`[${p.name}]`)}`,
        (p) => `${q(p.name)} is a record; a field holds a list of them: ${q(`[${p.name}]`)}`,
      ),
    },
  },
  KP2022: {
    severity: 'warning',
    title: { zh: '未先判断条件就读取入围统计', en: 'statistic among the eligible read without testing the condition' },
    meaning: {
      zh: '排名(X 其中 C)、百分位、同级均值等在满足 C 的单位中计算，不满足 C 的单位没有值；规则不先判断 C 就读取它，这些单位在求值时会出错（KR301）。先判断 C，如「如果 C 则 … 否则 …」，或写成「C 且 …」。',
      en: 'rank(X where C), percentile, peer_mean and the like are computed among the units meeting C, and a unit outside C has none; a rule reading one without testing C first fails for those units when evaluated (KR301). Test C first, as in `if C then … else …`, or write `C and …`.',
    },
    texts: {
      unguarded: say(
        (p: { read: string; condition: string }) => `${zq(p.read)}只对满足${zq(p.condition)}的单位有值，但这里没有先判断${zq(p.condition)}：不满足的单位求值时会出错（KR301）`,
        (p) => `${q(p.read)} has a value only for units meeting ${q(p.condition)}, but the rule does not test ${q(p.condition)} first: a unit outside it fails when evaluated (KR301)`,
      ),
      help: say(
        (p: { condition: string }, v) => `先判断 ${p.condition}：${zq(`${v.kw('if')} ${p.condition} ${v.kw('then')} … ${v.kw('else')} …`)}`,
        (p, v) => `test ${p.condition} first: ${q(`${v.kw('if')} ${p.condition} ${v.kw('then')} … ${v.kw('else')} …`)}`,
      ),
    },
  },
});
