// Words several sentences share: kinds of declaration and value types, in Chinese and English.
import { q, zq } from './catalogue.js';

/** What a declared name is (the compiler's symbol kinds). */
export type DeclarationKind =
  | 'entity' | 'relation' | 'enum' | 'enum-member' | 'record' | 'record-field' | 'input' | 'param'
  | 'section' | 'indicator' | 'bonus' | 'link' | 'tiers' | 'tier' | 'fixture' | 'let' | 'test-unit' | 'warning';

const DECLARATION_WORDS: Record<DeclarationKind, { zh: string; en: string }> = {
  entity: { zh: '实体类别', en: 'entity kind' },
  relation: { zh: '关联', en: 'relation' },
  enum: { zh: '枚举', en: 'enum' },
  'enum-member': { zh: '枚举值', en: 'enum member' },
  record: { zh: '记录', en: 'record' },
  'record-field': { zh: '记录字段', en: 'record field' },
  input: { zh: '输入', en: 'input' },
  param: { zh: '参数', en: 'param' },
  section: { zh: '板块', en: 'section' },
  indicator: { zh: '指标', en: 'indicator' },
  bonus: { zh: '加分项', en: 'bonus' },
  link: { zh: '关联扣分', en: 'link' },
  tiers: { zh: '分段', en: 'tiers declaration' },
  tier: { zh: '段', en: 'tier' },
  fixture: { zh: '样例', en: 'fixture' },
  let: { zh: '令', en: 'let binding' },
  'test-unit': { zh: '测试单位', en: 'test unit' },
  warning: { zh: '预警', en: 'warning' },
};

export const zhDeclaration = (k: DeclarationKind): string => DECLARATION_WORDS[k].zh;
export const enDeclaration = (k: DeclarationKind): string => DECLARATION_WORDS[k].en;
/** `an indicator`, `a section`. */
export const enArticle = (k: DeclarationKind): string => {
  const word = DECLARATION_WORDS[k].en;
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
};

/** A value type as the compiler infers it (plain JSON, so a diagnostic can carry it). */
export type TypeWords =
  | { t: 'num'; dim: 'points' | 'money' | 'count' | 'days' | 'percent' | 'number' }
  | { t: 'plain' }
  | { t: 'member'; name: string }
  | { t: 'unknown' }
  | { t: 'enum'; name: string | null; values: string[] }
  | { t: 'list'; record: string }
  | { t: 'ref'; kind: string }
  | { t: 'bool' }
  | { t: 'date' }
  | { t: 'text' };

const ZH_DIMENSIONS = { points: '分数', money: '金额', count: '计数', days: '天数', percent: '百分比', number: '数值' } as const;

/** How a type reads in a Chinese sentence: 「金额」, 「不带单位的数」. */
export function zhType(t: TypeWords): string {
  switch (t.t) {
    case 'num': return ZH_DIMENSIONS[t.dim];
    case 'plain': return '不带单位的数';
    case 'member': return `枚举值${zq(t.name)}`;
    case 'unknown': return '未知类型';
    case 'enum': return t.name !== null ? `枚举${zq(t.name)}` : `枚举（${t.values.join('、')}）`;
    case 'list': return `${zq(t.record)}的列表`;
    case 'ref': return `${zq(t.kind)}的单位`;
    case 'bool': return '是非值';
    case 'date': return '日期';
    case 'text': return '文本';
  }
}

/** How a type reads in an English sentence: `money`, `a plain number`. */
export function enType(t: TypeWords): string {
  switch (t.t) {
    case 'num': return t.dim;
    case 'plain': return 'a plain number';
    case 'member': return `the enum value ${q(t.name)}`;
    case 'unknown': return 'unknown';
    case 'enum': return t.name ?? `enum(${t.values.join(', ')})`;
    case 'list': return `[${t.record}]`;
    case 'ref': return `a unit of ${q(t.kind)}`;
    default: return t.t;
  }
}
