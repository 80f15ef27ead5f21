// KP1xxx — names: every name declared once and every use bound to a declaration.
import { family, q, say, zq } from './catalogue.js';
import { enArticle, enDeclaration, zhDeclaration, type DeclarationKind } from './words.js';

export const KP_NAMES = family({
  KP1001: {
    severity: 'error',
    title: { zh: '名称重复', en: 'duplicate name' },
    meaning: {
      zh: '同一体系中的名称必须唯一：两个声明（或一个结果与同类别的输入、关联）用了同一个名称。',
      en: 'Names of a policy must be unique: two declarations (or a result and an input or relation of its kind) share a name.',
    },
    texts: {
      declared: say(
        (p: { name: string; kind: DeclarationKind }) => `${zq(p.name)}已声明（为${zhDeclaration(p.kind)}）；体系中的名称必须唯一`,
        (p) => `${q(p.name)} is already declared (as ${enArticle(p.kind)}); names of a policy must be unique`,
      ),
      firstDeclared: say(() => '首次声明于此', () => 'first declared here'),
      likeData: say(
        (p: { name: string; data: 'input' | 'relation'; what: DeclarationKind; kind: string }) =>
          `${zq(p.name)}已声明为${zq(p.kind)}的${zhDeclaration(p.data)}；${zq(p.kind)}的${zhDeclaration(p.what)}不能与它同名，体系中的名称必须唯一`,
        (p) => `${q(p.name)} is already declared (as ${enArticle(p.data)} of ${q(p.kind)}); ${enArticle(p.what)} of ${q(p.kind)} cannot share its name, as names of a policy must be unique`,
      ),
      dataDeclared: say(
        (p: { data: 'input' | 'relation' }) => `${zhDeclaration(p.data)}声明于此`,
        (p) => `the ${enDeclaration(p.data)} is declared here`,
      ),
      renameHelp: say(
        (p: { name: string; data: 'input' | 'relation'; what: DeclarationKind }) =>
          `给${zhDeclaration(p.what)}改名（例如${zq(`${p.name}得分`)}），或给${zhDeclaration(p.data)}改名`,
        (p) => `rename the ${enDeclaration(p.what)} (e.g. ${q(`${p.name}得分`)}) or the ${enDeclaration(p.data)}`,
      ),
      letTwice: say(
        (p: { name: string; owner: string }) => `${zq(p.name)}已在${zq(p.owner)}中定义`,
        (p) => `${q(p.name)} is already defined in ${q(p.owner)}`,
      ),
      firstDefined: say(() => '首次定义于此', () => 'first defined here'),
      kindTwice: say(
        (p: { name: string; section: string }, v) => `${zq(p.name)}在板块${zq(p.section)}的${zq(v.kw('for'))}中写了两次`,
        (p, v) => `${q(p.name)} is written twice in the ${q(v.kw('for'))} of section ${q(p.section)}`,
      ),
    },
  },
  KP1002: {
    severity: 'error',
    title: { zh: '未知名称', en: 'unknown name' },
    meaning: {
      zh: '表达式用到的名称没有声明，或不属于此处的实体类别、记录。',
      en: 'A name used in an expression is not declared, or does not belong to the entity kind or record in scope here.',
    },
    texts: {
      unknown: say((p: { name: string }) => `未知的名称${zq(p.name)}`, (p) => `unknown name ${q(p.name)}`),
      otherKind: say(
        (p: { name: string; kind: DeclarationKind; owner: string; scope: string }) =>
          `${zhDeclaration(p.kind)}${zq(p.name)}属于${zq(p.owner)}，不属于${zq(p.scope)}`,
        (p) => `${p.kind} ${q(p.name)} belongs to ${q(p.owner)}, not to ${q(p.scope)}`,
      ),
      throughRelation: say(
        (p: { relation: string; name: string }) => `经由关联取值：${zq(`${p.relation}.${p.name}`)}`,
        (p) => `reach it through a relation: ${q(`${p.relation}.${p.name}`)}`,
      ),
      distinctField: say(
        (p: { name: string; record: string }, v) => `${zq(p.name)}不是记录${zq(p.record)}的字段，${zq(v.kw('distinct'))}不能按它分组`,
        (p, v) => `${q(p.name)} is not a field of record ${q(p.record)}, so ${q(v.kw('distinct'))} cannot group by it`,
      ),
      noInput: say(
        (p: { kind: string; name: string }) => `${zq(p.kind)}没有输入${zq(p.name)}`,
        (p) => `${q(p.kind)} has no input ${q(p.name)}`,
      ),
    },
  },
  KP1003: {
    severity: 'error',
    title: { zh: '缺少体系头', en: 'no policy header' },
    meaning: {
      zh: '一个体系必须有且只有一个体系头（名称、版本、考评单位、精度），这组文件中没有。',
      en: 'A policy needs exactly one header (title, version, evaluator, precision); none of its files has one.',
    },
    texts: {
      missing: say(
        (_p: object, v) => `体系没有${zq(v.kw('policy'))}头；须有一个文件以${zq(`${v.kw('policy')} "名称" ${v.kw('version')} "年份" { … }`)}开头`,
        (_p, v) => `the policy has no ${q(v.kw('policy'))} header; one file must start with ${q(`${v.kw('policy')} "title" ${v.kw('version')} "year" { … }`)}`,
      ),
    },
  },
  KP1004: {
    severity: 'error',
    title: { zh: '体系头不止一个', en: 'more than one policy header' },
    meaning: { zh: '一个体系只能有一个体系头；又出现了一个。', en: 'A policy has exactly one header; another one was found.' },
    texts: {
      another: say(
        (_p: object, v) => `一个体系只有一个${zq(v.kw('policy'))}头，这里又出现一个`,
        (_p, v) => `a policy has exactly one ${q(v.kw('policy'))} header, but this is another`,
      ),
      first: say(() => '第一个体系头', () => 'the first header'),
    },
  },
  KP1005: {
    severity: 'error',
    title: { zh: '未知的实体类别', en: 'unknown entity kind' },
    meaning: { zh: '此处应为已声明的实体类别（例如「省局」）。', en: 'A declared entity kind (e.g. `省局`) is expected here.' },
    texts: {
      unknown: say((p: { name: string }) => `${zq(p.name)}不是已声明的实体类别`, (p) => `${q(p.name)} is not a declared entity kind`),
    },
  },
  KP1006: {
    severity: 'error',
    title: { zh: '未知类型', en: 'unknown type' },
    meaning: { zh: '字段的类型既不是内置类型，也不是已声明的枚举或记录。', en: 'A field type is neither built in nor a declared enum or record.' },
    texts: {
      notEnumOrRecord: say((p: { name: string }) => `${zq(p.name)}不是已声明的枚举或记录`, (p) => `${q(p.name)} is not a declared enum or record`),
      notRecord: say(
        (p: { name: string }) => `${zq(p.name)}不是已声明的记录；列表的元素是记录（${zq('[记录]')}）`,
        (p) => `${q(p.name)} is not a declared record; a list holds records (${q('[Record]')})`,
      ),
    },
  },
  KP1007: {
    severity: 'error',
    title: { zh: '未知关联', en: 'unknown relation' },
    meaning: {
      zh: '「关联.名称」的前一半必须是本实体类别声明的关联；「指标.令」的前一半是本类别的指标、板块或加分项。',
      en: 'The first half of `REL.NAME` must be a relation declared on the entity kind; that of `INDICATOR.LET` an indicator, section or bonus of the kind.',
    },
    texts: {
      notRelation: say(
        (p: { name: string; member: string }) => `${zq(p.name)}不是关联，也不是指标、板块或加分项，后面不能跟${zq(`.${p.member}`)}`,
        (p) => `${q(p.name)} is not a relation, nor an indicator, section or bonus, so ${q(`.${p.member}`)} cannot follow it`,
      ),
      onlyAfterRelation: say(
        () => `${zq('.名称')}只能跟在关联（${zq('关联.名称')}）或指标、板块、加分项（${zq('指标.令')}）之后`,
        () => `${q('.NAME')} can only follow a relation (${q('REL.NAME')}) or an indicator, section or bonus (${q('INDICATOR.LET')})`,
      ),
      noRelation: say(
        (p: { kind: string; name: string }) => `${zq(p.kind)}没有关联${zq(p.name)}`,
        (p) => `${q(p.kind)} has no relation ${q(p.name)}`,
      ),
    },
  },
  KP1008: {
    severity: 'error',
    title: { zh: '关联类别上没有此值', en: 'unknown value on the related kind' },
    meaning: {
      zh: '经关联取到的类别上没有这个输入、指标、板块或令。',
      en: 'The kind reached through a relation has no input, indicator, section or let of that name.',
    },
    texts: {
      unknown: say(
        (p: { target: string; relation: string; member: string }) =>
          `${zq(p.target)}（经由${zq(p.relation)}）没有名为${zq(p.member)}的输入、指标、板块或令`,
        (p) => `${q(p.target)} (reached through ${q(p.relation)}) has no input, indicator, section or let ${q(p.member)}`,
      ),
    },
  },
  KP1009: {
    severity: 'error',
    title: { zh: '字段、输入或关联重复', en: 'duplicate field, input or relation' },
    meaning: { zh: '同一记录、输入或实体中，一个字段或关联声明了两次。', en: 'A field or relation is declared twice in one record, input or entity.' },
    texts: {
      field: say((p: { name: string }) => `${zq(p.name)}在此重复声明`, (p) => `${q(p.name)} is declared twice here`),
      relation: say(
        (p: { kind: string; name: string }) => `${zq(p.kind)}已有关联${zq(p.name)}`,
        (p) => `${q(p.kind)} already has a relation ${q(p.name)}`,
      ),
    },
  },
  KP1010: {
    severity: 'error',
    title: { zh: '没有适用的实体类别', en: 'no entity kind to apply to' },
    meaning: {
      zh: '板块、加分项或分段没有写「适用」哪个实体类别，也没有带输入的类别可以默认。',
      en: 'A section, bonus or tiers declaration does not say `for` which kind it applies to, and no kind has inputs to default to.',
    },
    texts: {
      noKind: say(
        (p: { what: DeclarationKind; name: string }, v) => `${zhDeclaration(p.what)}${zq(p.name)}没有写${zq(v.kw('for'))}哪个实体类别，也没有带输入的类别可作默认`,
        (p, v) => `${enDeclaration(p.what)} ${q(p.name)} does not say ${q(v.kw('for'))} which entity kind it applies to, and no kind has inputs to default to`,
      ),
      help: say((_p: object, v) => `在名称后写${zq(`${v.kw('for')} 类别`)}`, (_p, v) => `write ${q(`${v.kw('for')} KIND`)} after the name`),
    },
  },
  KP1011: {
    severity: 'error',
    title: { zh: '未知指标', en: 'unknown indicator' },
    meaning: { zh: '关联扣分指向的类别没有这个指标。', en: 'A link names an indicator its target kind does not have.' },
    texts: {
      unknown: say((p: { kind: string; name: string }) => `${zq(p.kind)}没有指标${zq(p.name)}`, (p) => `${q(p.kind)} has no indicator ${q(p.name)}`),
    },
  },
  KP1012: {
    severity: 'error',
    title: { zh: '未知函数', en: 'unknown function' },
    meaning: { zh: '调用的函数不是内置函数（见语言参考的函数表）。', en: 'The function called is not a built-in function (see the functions table of the language reference).' },
    texts: {
      unknown: say((p: { name: string }) => `未知的函数${zq(p.name)}`, (p) => `unknown function ${q(p.name)}`),
    },
  },
  KP1013: {
    severity: 'error',
    title: { zh: '没有此令', en: 'unknown let' },
    meaning: {
      zh: '「指标.令」（如「收入完成.完成率」）读一个指标、板块或加分项的令，但它没有这个名称的令。',
      en: '`INDICATOR.LET` (e.g. `收入完成.完成率`) reads a let of an indicator, section or bonus, but it has no let of that name.',
    },
    texts: {
      unknown: say(
        (p: { owner: string; what: DeclarationKind; member: string }) => `${zhDeclaration(p.what)}${zq(p.owner)}没有名为${zq(p.member)}的令`,
        (p) => `${enDeclaration(p.what)} ${q(p.owner)} has no let ${q(p.member)}`,
      ),
    },
  },
});
