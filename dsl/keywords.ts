// The one keyword table of the language. The lexer builds its keyword tokens from it; the editor uses it for
// highlighting and completion; the formatter uses it to write keywords in the file's language.
import { BUILTINS, BUILTIN_NAMES, type BuiltinName } from '../builtins/index.js';

export type KeywordCategory =
  | 'declaration' // starts a top-level declaration
  | 'clause' // a word inside a declaration
  | 'metadata' // an indicator's descriptive line
  | 'operator' // part of an expression
  | 'literal'; // a value

export interface Keyword {
  english: string;
  chinese: string;
  category: KeywordCategory;
}

export const KEYWORDS = [
  // declarations
  { english: 'policy', chinese: '体系', category: 'declaration' },
  { english: 'entity', chinese: '实体', category: 'declaration' },
  { english: 'enum', chinese: '枚举', category: 'declaration' },
  { english: 'record', chinese: '记录', category: 'declaration' },
  { english: 'input', chinese: '输入', category: 'declaration' },
  { english: 'param', chinese: '参数', category: 'declaration' },
  { english: 'section', chinese: '板块', category: 'declaration' },
  { english: 'indicator', chinese: '指标', category: 'declaration' },
  { english: 'bonus', chinese: '加分项', category: 'declaration' },
  { english: 'link', chinese: '关联', category: 'declaration' },
  { english: 'individual', chinese: '个人', category: 'declaration' },
  { english: 'tiers', chinese: '分段', category: 'declaration' },
  { english: 'periods', chinese: '期间', category: 'declaration' },
  { english: 'assert', chinese: '断言', category: 'declaration' },
  { english: 'fixture', chinese: '样例', category: 'declaration' },
  { english: 'test', chinese: '测试', category: 'declaration' },
  { english: 'coverage', chinese: '测试覆盖', category: 'declaration' },
  // clauses
  { english: 'version', chinese: '版本', category: 'clause' },
  { english: 'evaluator', chinese: '考评单位', category: 'clause' },
  { english: 'precision', chinese: '精度', category: 'clause' },
  { english: 'rounding', chinese: '舍入', category: 'clause' },
  { english: 'for', chinese: '适用', category: 'clause' },
  { english: 'points', chinese: '分值', category: 'clause' },
  { english: 'weight', chinese: '权重', category: 'clause' },
  { english: 'cap', chinese: '封顶', category: 'clause' },
  { english: 'when', chinese: '当', category: 'clause' },
  { english: 'where', chinese: '其中', category: 'clause' },
  { english: 'let', chinese: '令', category: 'clause' },
  { english: 'score', chinese: '得分', category: 'clause' },
  { english: 'deduct', chinese: '扣', category: 'clause' },
  { english: 'add', chinese: '加', category: 'clause' },
  { english: 'per', chinese: '每', category: 'clause' },
  { english: 'distinct', chinese: '同一', category: 'clause' },
  { english: 'exempt', chinese: '免考', category: 'clause' },
  { english: 'counts', chinese: '计入', category: 'clause' },
  { english: 'each', chinese: '逐', category: 'clause' },
  { english: 'of', chinese: '属于', category: 'clause' },
  { english: 'from', chinese: '从', category: 'clause' },
  { english: 'by', chinese: '依据', category: 'clause' },
  { english: 'ties', chinese: '并列', category: 'clause' },
  { english: 'shared', chinese: '共享', category: 'clause' },
  { english: 'quota', chinese: '名额', category: 'clause' },
  { english: 'gated', chinese: '受限', category: 'clause' },
  { english: 'top', chinese: '前', category: 'clause' },
  { english: 'next', chinese: '次', category: 'clause' },
  { english: 'rest', chinese: '其余', category: 'clause' },
  { english: 'at_most', chinese: '至多', category: 'clause' },
  { english: 'bottom', chinese: '后', category: 'clause' },
  { english: 'veto', chinese: '否决', category: 'clause' },
  { english: 'share', chinese: '占比', category: 'clause' },
  { english: 'like', chinese: '参照', category: 'clause' },
  { english: 'expect', chinese: '预期', category: 'clause' },
  { english: 'missing', chinese: '缺失', category: 'clause' },
  { english: 'default', chinese: '默认', category: 'clause' },
  // indicator metadata
  { english: 'method', chinese: '方式', category: 'metadata' },
  { english: 'source', chinese: '来源', category: 'metadata' },
  { english: 'owner', chinese: '责任单位', category: 'metadata' },
  { english: 'period', chinese: '周期', category: 'metadata' },
  { english: 'type', chinese: '类型', category: 'metadata' },
  { english: 'doc', chinese: '说明', category: 'metadata' },
  // expressions
  { english: 'if', chinese: '如果', category: 'operator' },
  { english: 'then', chinese: '则', category: 'operator' },
  { english: 'else', chinese: '否则', category: 'operator' },
  { english: 'band', chinese: '分档', category: 'operator' },
  { english: 'match', chinese: '匹配', category: 'operator' },
  { english: 'and', chinese: '且', category: 'operator' },
  { english: 'or', chinese: '或', category: 'operator' },
  { english: 'not', chinese: '非', category: 'operator' },
  { english: 'in', chinese: '位列', category: 'operator' },
  { english: 'true', chinese: '是', category: 'literal' },
  { english: 'false', chinese: '否', category: 'literal' },
  { english: 'total', chinese: '总分', category: 'literal' },
  // warnings (预警) and the analysis thresholds a policy sets (docs/language.md, "Warnings")
  { english: 'warning', chinese: '预警', category: 'declaration' },
  { english: 'analysis', chinese: '绩效分析', category: 'declaration' },
  { english: 'level', chinese: '级别', category: 'clause' },
  { english: 'message', chinese: '消息', category: 'clause' },
] as const satisfies readonly Keyword[];

export type KeywordName = (typeof KEYWORDS)[number]['english'];

const byEnglish = new Map<string, Keyword>(KEYWORDS.map((k) => [k.english, k]));

/** The keyword's spelling in the chosen language. */
export function spell(keyword: KeywordName, language: KeywordLanguage): string {
  const k = byEnglish.get(keyword)!;
  return language === 'chinese' ? k.chinese : k.english;
}

export type KeywordLanguage = 'english' | 'chinese';

/** Built-in value type names (identifiers, not keywords), English → Chinese. `points` is the keyword. */
export const BUILTIN_TYPES = {
  number: '数值',
  percent: '百分比',
  money: '金额',
  count: '计数',
  days: '天数',
  points: '分数',
  bool: '布尔',
  date: '日期',
  text: '文本',
} as const;

/** Built-in functions (identifiers, not keywords): English → Chinese, for completion and formatting; the
 *  registry (builtins/) holds the rest of each entry. */
export const FUNCTION_NAMES: { readonly [N in BuiltinName]: string } = Object.fromEntries(
  BUILTIN_NAMES.map((name) => [name, BUILTINS[name].chinese]),
) as { readonly [N in BuiltinName]: string };
