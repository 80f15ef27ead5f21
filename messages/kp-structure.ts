// KP3xxx — structure and points: points add up, metadata and tiers are well formed, nothing depends on itself.
import { family, q, say, zhList, zq } from './catalogue.js';

/** Points as a reader writes them: 40分 / 40 points. */
const zhPoints = (n: string) => `${n}分`;
const enPoints = (n: string) => `${n} ${n === '1' ? 'point' : 'points'}`;

type MetadataKey = 'method' | 'source' | 'owner' | 'period' | 'type' | 'doc' | 'precision';
/** What a metadata line must hold. */
export type MetadataValue = { e: 'oneOf'; words: string[] } | { e: 'precision' } | { e: 'string' };

/** "unknown rounding `x`; expected one of …": a setting whose value is one of its words. */
const unknownWord = (zh: string, en: string) =>
  say(
    (p: { word: string; spellings: string[] }) => `未知的${zh}${zq(p.word)}；应为${zhList(p.spellings)}之一`,
    (p) => `unknown ${en} ${q(p.word)}; expected one of ${p.spellings.map(q).join(', ')}`,
  );

export const KP_STRUCTURE = family({
  KP3001: {
    severity: 'error',
    title: { zh: '分值加总不符', en: 'points do not add up' },
    meaning: {
      zh: '板块内各指标的分值之和必须等于板块的分值；若板块得分以分值封顶，在分值后写「封顶」。',
      en: 'The points of a section’s indicators must add up to the section’s points; write `cap` after the points if the section’s score is capped at them.',
    },
    texts: {
      sum: say(
        (p: { section: string; sum: string; parts: { name: string; points: string }[]; declared: string }) =>
          `板块${zq(p.section)}的指标分值合计${zhPoints(p.sum)}${p.parts.length ? `（${p.parts.map((x) => `${x.name} ${zhPoints(x.points)}`).join(' + ')}）` : ''}，但板块分值为${zhPoints(p.declared)}`,
        (p) => `the indicators of section ${q(p.section)} add up to ${enPoints(p.sum)}${p.parts.length ? ` (${p.parts.map((x) => `${x.name} ${enPoints(x.points)}`).join(' + ')})` : ''}, but the section has ${enPoints(p.declared)}`,
      ),
      help: say(
        (_p: object, v) => `让它们加总相符；若板块得分以分值封顶，在分值后写${zq(v.kw('cap'))}`,
        (_p, v) => `make them add up, or write ${q(v.kw('cap'))} after the points if the section's score is capped at them`,
      ),
    },
  },
  KP3002: {
    severity: 'error',
    title: { zh: '权重合计不是 100%', en: 'weights do not sum to 100%' },
    meaning: { zh: '一个实体类别各板块（不带条件的）权重之和必须是 100%。', en: 'The weights of a kind’s (unconditional) sections must add up to 100%.' },
    texts: {
      sum: say(
        (p: { kind: string; percent: string }) => `${zq(p.kind)}各板块的权重合计${p.percent}%，应为 100%`,
        (p) => `the weights of ${q(p.kind)}'s sections add up to ${p.percent}%, but they must add up to 100%`,
      ),
    },
  },
  KP3003: {
    severity: 'error',
    title: { zh: '板块须有分值或权重', en: 'section needs points or a weight' },
    meaning: { zh: '每个板块要写分值或权重，二者只能有一个。', en: 'Every section gives either points or a weight, not both.' },
    texts: {
      both: say((p: { section: string }) => `板块${zq(p.section)}既有分值又有权重；只能给一个`, (p) => `section ${q(p.section)} has both points and a weight; give one`),
      neither: say(
        (p: { section: string }, v) => `板块${zq(p.section)}需要${zq(`${v.kw('points')} N`)}或${zq(`${v.kw('weight')} P%`)}`,
        (p, v) => `section ${q(p.section)} needs ${q(`${v.kw('points')} N`)} or ${q(`${v.kw('weight')} P%`)}`,
      ),
    },
  },
  KP3004: {
    severity: 'error',
    title: { zh: '元数据的值无效', en: 'invalid metadata value' },
    meaning: { zh: '指标的方式、周期、类型须是规定的词之一；精度是 0 到 10 的整数；其余元数据是带引号的字符串。', en: 'An indicator’s method, period and type take one of their words; precision a whole number 0–10; the others a quoted string.' },
    texts: {
      bad: say(
        (p: { key: MetadataKey; indicator: string; expected: MetadataValue; source: string }, v) =>
          `指标${zq(p.indicator)}的${zq(v.kw(p.key))}应为${p.expected.e === 'oneOf' ? `${zhList(p.expected.words)}之一` : p.expected.e === 'precision' ? ' 0 到 10 的整数（小数位数）' : '带引号的字符串'}，不能是${zq(p.source)}`,
        (p, v) => `${q(v.kw(p.key))} of indicator ${q(p.indicator)} must be ${p.expected.e === 'oneOf' ? `one of ${p.expected.words.map(q).join(', ')}` : p.expected.e === 'precision' ? 'a whole number of decimal places from 0 to 10' : 'a string in quotes'}, not ${q(p.source)}`,
      ),
    },
  },
  KP3005: {
    severity: 'error',
    title: { zh: '元数据或得分重复', en: 'duplicate metadata or score' },
    meaning: { zh: '指标只能有一行得分，每种元数据只能写一次；其余增减用扣、加。', en: 'An indicator has one `score` and each metadata line once; further changes use `deduct` and `add`.' },
    texts: {
      score: say(
        (p: { indicator: string }, v) => `指标${zq(p.indicator)}有不止一行${zq(v.kw('score'))}；只写一行，其余用${zq(v.kw('deduct'))}/${zq(v.kw('add'))}`,
        (p, v) => `indicator ${q(p.indicator)} has more than one ${q(v.kw('score'))}; write one and use ${q(v.kw('deduct'))}/${q(v.kw('add'))} for the rest`,
      ),
      metadata: say(
        (p: { indicator: string; key: MetadataKey }, v) => `指标${zq(p.indicator)}已写过${zq(v.kw(p.key))}`,
        (p, v) => `indicator ${q(p.indicator)} already says its ${q(v.kw(p.key))}`,
      ),
      first: say(() => '首次写于此', () => 'first said here'),
    },
  },
  KP3006: {
    severity: 'error',
    title: { zh: '分值须是不小于 0 的常量', en: 'points must be a non-negative constant' },
    meaning: { zh: '指标、板块的分值是不小于 0 的常量分数；权重是大于 0%、不超过 100% 的常量百分比。', en: 'Points are constant and at least 0; a weight is a constant percent above 0% and at most 100%.' },
    texts: {
      points: say(
        (p: { what: 'indicator' | 'section'; name: string; source: string }) =>
          `${p.what === 'indicator' ? '指标' : '板块'}${zq(p.name)}的分值必须是不小于 0 的常量分数，如${zq('10')}或${zq('10分')}，不能是${zq(p.source)}`,
        (p) => `the points of ${p.what} ${q(p.name)} must be a constant number of points ≥ 0, like ${q('10')} or ${q('10分')}, not ${q(p.source)}`,
      ),
      weight: say(
        (p: { section: string; source: string }) => `板块${zq(p.section)}的权重必须是大于 0%、不超过 100% 的常量百分比，不能是${zq(p.source)}`,
        (p) => `the weight of section ${q(p.section)} must be a constant percent above 0% and at most 100%, not ${q(p.source)}`,
      ),
    },
  },
  KP3007: {
    severity: 'error',
    title: { zh: '段的占比超出范围', en: 'tier share out of range' },
    meaning: { zh: '段的名额占比必须大于 0%、不超过 100%。', en: 'A tier’s quota share must be above 0% and at most 100%.' },
    texts: {
      range: say(
        (p: { tier: string; percent: string }) => `段${zq(p.tier)}的占比必须大于 0%、不超过 100%，不能是 ${p.percent}%`,
        (p) => `the share of tier ${q(p.tier)} must be above 0% and at most 100%, not ${p.percent}%`,
      ),
    },
  },
  KP3008: {
    severity: 'error',
    title: { zh: '「其余」段位置不对', en: 'misplaced rest tier' },
    meaning: { zh: '「其余」段接收剩下的单位，必须是分段的最后一段。', en: 'A `rest` tier takes the units left over, so it must be the last tier.' },
    texts: {
      last: say(
        (p: { tier: string; tiers: string }, v) => `${zq(`${p.tier} ${v.kw('rest')}`)}接收剩下的单位，必须是${zq(p.tiers)}的最后一段`,
        (p, v) => `${q(`${p.tier} ${v.kw('rest')}`)} takes the units left over, so it must be the last tier of ${q(p.tiers)}`,
      ),
    },
  },
  KP3009: {
    severity: 'error',
    title: { zh: '限制条件指向未声明的段', en: 'gate names an undeclared tier' },
    meaning: { zh: '「受限」条件所指的段不在这个分段中。', en: 'A gate names a tier that the tiers declaration does not have.' },
    texts: {
      unknown: say((p: { tier: string; tiers: string }) => `${zq(p.tier)}不是${zq(p.tiers)}的段`, (p) => `${q(p.tier)} is not a tier of ${q(p.tiers)}`),
    },
  },
  KP3010: {
    severity: 'error',
    title: { zh: '个人绩效声明有误', en: 'individual performance ill-formed' },
    meaning: { zh: '一个实体类别只能从一个单位的总分中取占比，且那个单位须有板块（有总分）。', en: 'A kind takes a share of one other unit’s total, and that unit must have sections (a total).' },
    texts: {
      twice: say((p: { kind: string }) => `${zq(p.kind)}已经从另一个单位的总分中取了占比`, (p) => `${q(p.kind)} already takes a share of another unit's total`),
      first: say(() => '首次声明于此', () => 'first declared here'),
      noSections: say(
        (p: { target: string; relation: string }) => `${zq(p.target)}（经由${zq(p.relation)}）没有板块，也就没有可分的总分`,
        (p) => `${q(p.target)} (reached through ${q(p.relation)}) has no sections, so it has no total to share`,
      ),
    },
  },
  KP3011: {
    severity: 'error',
    title: { zh: '期间声明有误', en: 'periods ill-formed' },
    meaning: { zh: '由各部分汇总的期间是一个年份（或一个季度、半年）；各部分是其中的季度、月份或半年，不重复；汇总方式是均值、合计或末期。', en: 'A period aggregated from parts is a year (or a quarter or half-year); its parts are quarters, months or half-years within it, each once; the aggregation is mean, sum or last.' },
    texts: {
      year: say((p: { period: string }) => `由各部分汇总的期间是年份、季度或半年，如${zq('2021')}、${zq('2021Q1')}，不能是${zq(p.period)}`, (p) => `a period aggregated from parts is a year, quarter or half-year like ${q('2021')} or ${q('2021Q1')}, not ${q(p.period)}`),
      part: say(
        (p: { part: string }) => `${zq(p.part)}不是季度（${zq('2021Q1')}）、月份（${zq('2021M03')}）或半年（${zq('2021H1')}）`,
        (p) => `${q(p.part)} is not a quarter (${q('2021Q1')}), month (${q('2021M03')}) or half-year (${q('2021H1')})`,
      ),
      otherYear: say((p: { part: string; year: string }) => `${zq(p.part)}不属于 ${p.year}${p.year.length === 4 ? ' 年' : ''}`, (p) => `${q(p.part)} is not part of ${p.year}`),
      twice: say((p: { part: string }) => `${zq(p.part)}列了两次`, (p) => `${q(p.part)} is listed twice`),
      aggregate: unknownWord('汇总方式', 'aggregation'),
    },
  },
  KP3012: {
    severity: 'error',
    title: { zh: '权重板块与分值板块混用', en: 'weighted and pointed sections mixed' },
    meaning: { zh: '一个实体类别的板块要么都用权重，要么都用分值。', en: 'The sections of one kind use either weights or points, not both.' },
    texts: {
      mixed: say(
        (p: { kind: string; weighted: string; pointed: string }) => `${zq(p.kind)}的板块混用了权重（${zq(p.weighted)}）和分值（${zq(p.pointed)}）；只用一种`,
        (p) => `the sections of ${q(p.kind)} mix weights (${q(p.weighted)}) and points (${q(p.pointed)}); use one or the other`,
      ),
    },
  },
  KP3013: {
    severity: 'error',
    title: { zh: '体系或分段的设置无效', en: 'invalid policy or tiers setting' },
    meaning: { zh: '精度、舍入、名额取整或受限方式的值不是规定的值之一。', en: 'A precision, rounding, quota rounding or gating value is not one of the allowed values.' },
    texts: {
      precision: say((p: { value: string }) => `精度必须是 0 到 10 的整数（小数位数），不能是 ${p.value}`, (p) => `precision must be a whole number of decimal places from 0 to 10, not ${p.value}`),
      rounding: unknownWord('舍入方式', 'rounding'),
      quota: unknownWord('名额取整方式', 'quota rounding'),
      gated: unknownWord('受限方式', 'gating'),
    },
  },
  KP3014: {
    severity: 'error',
    title: { zh: '关联扣分声明有误', en: 'link ill-formed' },
    meaning: { zh: '关联扣分逐条处理记录列表；所写的输入不是列表。', en: 'A link walks a list of records; the input named is not a list.' },
    texts: {
      notList: say((p: { name: string }) => `关联扣分逐条处理记录列表，但${zq(p.name)}不是列表`, (p) => `a link walks a list of records, but ${q(p.name)} is not a list`),
    },
  },
  KP3015: {
    severity: 'error',
    title: { zh: '定义循环依赖', en: 'cycle among definitions' },
    meaning: { zh: '一个值（参数、令、指标……）直接或间接地依赖它自己，无法计算。', en: 'A value (parameter, let, indicator, …) depends on itself, directly or through others, so it cannot be computed.' },
    texts: {
      params: say((p: { cycle: string[] }) => `参数互相引用，形成循环：${p.cycle.join(' → ')}`, (p) => `the parameters refer to each other in a cycle: ${p.cycle.join(' → ')}`),
      values: say((p: { name: string; cycle: string[] }) => `${zq(p.name)}依赖它自己：${p.cycle.join(' → ')}`, (p) => `${q(p.name)} depends on itself: ${p.cycle.join(' → ')}`),
      help: say(() => '一个值不能由它自己算出；请打破这个循环', () => 'a value cannot be computed from itself; break the cycle'),
    },
  },
  KP3016: {
    severity: 'error',
    title: { zh: '段名额合计超过 100%', en: 'tier quotas add up to more than 100%' },
    meaning: { zh: '「前」和「次」的名额依次分配，合计不能超过全部单位。', en: '`top` and `next` quotas are filled one after another, so together they cannot take more than every unit.' },
    texts: {
      over: say(
        (p: { tiers: string; percent: string; parts: string; tier: string }) => `${zq(p.tiers)}的名额合计 ${p.percent}%（${p.parts}），超过全部单位；${zq(p.tier)}永远分不到单位`,
        (p) => `the quotas of ${q(p.tiers)} add up to ${p.percent}% (${p.parts}), more than all the units; ${q(p.tier)} could never be filled`,
      ),
      help: say(
        (_p: object, v) => `让${zq(v.kw('top'))}和${zq(v.kw('next'))}的占比合计不超过 100%`,
        (_p, v) => `make the ${q(v.kw('top'))} and ${q(v.kw('next'))} shares add up to at most 100%`,
      ),
    },
  },
  KP3017: {
    severity: 'warning',
    title: { zh: '没有接收剩余单位的段', en: 'no tier for the units left over' },
    meaning: { zh: '分段没有「其余」段：不符合任何段的单位将没有段。若每个单位都应有段，以「其余」段结尾。', en: 'The tiers have no `rest` tier, so a unit that fits none of them gets no tier; end with one if every unit should get a tier.' },
    texts: {
      noRest: say(
        (p: { tiers: string }) => `${zq(p.tiers)}没有接收剩余单位的段，不符合任何段的单位将没有段`,
        (p) => `${q(p.tiers)} has no tier for the units left over, so a unit that fits none of its tiers gets no tier`,
      ),
      help: say(
        (_p: object, v) => `若每个单位都应有段，以接收其余单位的段结尾，例如${zq(`其他 ${v.kw('rest')}`)}`,
        (_p, v) => `if every unit should get a tier, end with one that takes the rest, e.g. ${q(`${v.kw('rest') === 'rest' ? 'others' : '其他'} ${v.kw('rest')}`)}`,
      ),
    },
  },
  KP3018: {
    severity: 'error',
    title: { zh: '常量得分超出指标分值', en: 'constant score outside the indicator\'s points' },
    meaning: { zh: '得分是常量，且大于指标分值或小于 0，总会被截到边界，这多半是写错了。', en: 'A constant score above the indicator’s points or below 0 would always be cut to the bound, which is almost surely a mistake.' },
    texts: {
      above: say(
        (p: { indicator: string; value: string; points: string }) => `指标${zq(p.indicator)}的得分总是${zhPoints(p.value)}，超过其分值${zhPoints(p.points)}，总会被截为${zhPoints(p.points)}`,
        (p) => `the score of indicator ${q(p.indicator)} is always ${enPoints(p.value)}, above its ${enPoints(p.points)}, so it would always be cut to ${enPoints(p.points)}`,
      ),
      below: say(
        (p: { indicator: string; value: string }) => `指标${zq(p.indicator)}的得分总是${zhPoints(p.value)}，低于 0分，总会被截为 0分`,
        (p) => `the score of indicator ${q(p.indicator)} is always ${enPoints(p.value)}, below 0 points, so it would always be cut to 0 points`,
      ),
      help: say(
        (p: { points: string }, v) => `写${zq(`${v.kw('score')} = ${p.points}`)}，或给指标更多分值`,
        (p, v) => `write ${q(`${v.kw('score')} = ${p.points}`)}, or give the indicator more points`,
      ),
    },
  },
  KP3020: {
    severity: 'error',
    title: { zh: '分期汇总方式用错', en: 'aggregation over parts misused' },
    meaning: {
      zh: '指标或加分项可在周期后写自己的汇总方式（如「周期 月度 依据 合计」），按它汇总该项在期间各部分的得分；这要求体系有由该周期组成的期间（「期间 … 从 …」），汇总方式是均值、合计或末期，且只能写在周期之后。',
      en: 'An indicator or bonus may state its own aggregation after its period (`period monthly by sum`), combining its scores over the parts of a period; that needs a `periods` declaration made of parts of that cadence, one of mean, sum or last, and only after `period`.',
    },
    texts: {
      noParts: say(
        (p: { name: string; period: string }) => `${zq(p.name)}按${zq(p.period)}考评，但体系没有由${zq(p.period)}各期组成的期间，无从汇总`,
        (p) => `${q(p.name)} is scored ${q(p.period)}, but no period of the policy is made of ${q(p.period)} parts, so there is nothing to aggregate`,
      ),
      noPartsHelp: say(
        (_p: { period: string }, v) => `声明由各部分组成的期间，如${zq(`${v.kw('periods')} 2021 ${v.kw('from')} 2021Q1, 2021Q2, 2021Q3, 2021Q4 ${v.kw('by')} …`)}，或删去${zq(v.kw('by'))}`,
        (_p, v) => `declare a period made of parts, e.g. ${q(`${v.kw('periods')} 2021 ${v.kw('from')} 2021Q1, 2021Q2, 2021Q3, 2021Q4 ${v.kw('by')} …`)}, or drop ${q(v.kw('by'))}`,
      ),
      notPeriod: say(
        (p: { name: string }, v) => `${zq(p.name)}的汇总方式只能写在${zq(v.kw('period'))}之后`,
        (p, v) => `the aggregation of ${q(p.name)} may only follow ${q(v.kw('period'))}`,
      ),
      periodWord: say(
        (p: { name: string; word: string; spellings: string[] }, v) => `加分项${zq(p.name)}的${zq(v.kw('period'))}应为${zhList(p.spellings)}之一，不能是${zq(p.word)}`,
        (p, v) => `${q(v.kw('period'))} of bonus ${q(p.name)} must be one of ${p.spellings.map(q).join(', ')}, not ${q(p.word)}`,
      ),
      aggregateWord: say(
        (p: { name: string; word: string; spellings: string[] }) => `${zq(p.name)}的汇总方式应为${zhList(p.spellings)}之一，不能是${zq(p.word)}`,
        (p) => `the aggregation of ${q(p.name)} must be one of ${p.spellings.map(q).join(', ')}, not ${q(p.word)}`,
      ),
    },
  },
  KP3019: {
    severity: 'warning',
    title: { zh: '指标没有计分规则', en: 'indicator without a scoring rule' },
    meaning: {
      zh: '指标既没有得分行，也没有扣分、加分或关联扣分，所以每个单位都得满分；这多半是漏写了一行（例如删掉了得分行）。',
      en: 'The indicator has no `score` line, no deduction or addition, and no link deducting from it, so every unit gets its full points; almost always a line left out (a deleted `score` line, say).',
    },
    texts: {
      noRule: say(
        (p: { indicator: string; points: string }, v) =>
          `指标${zq(p.indicator)}没有${zq(v.kw('score'))}行，也没有${zq(v.kw('deduct'))}或${zq(v.kw('add'))}：每个单位都会得满分（${zhPoints(p.points.replace(/分$|pt$/, ''))}）`,
        (p, v) => `indicator ${q(p.indicator)} has no ${q(v.kw('score'))} line and no ${q(v.kw('deduct'))} or ${q(v.kw('add'))}: every unit gets its full ${enPoints(p.points.replace(/分$|pt$/, ''))}`,
      ),
      help: say(
        (_p: object, v) => `写一行${zq(`${v.kw('score')} = …`)}，或用${zq(`${v.kw('deduct')} … ${v.kw('when')} …`)}扣分`,
        (_p, v) => `write a ${q(`${v.kw('score')} = …`)} line, or deduct with ${q(`${v.kw('deduct')} … ${v.kw('when')} …`)}`,
      ),
    },
  },
});
