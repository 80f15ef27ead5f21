// The documentation page of each code (docs/codes/CODE.md), rendered from the registry (messages/) and the
// examples below, and the index of codes (docs/codes/README.md). Regenerate with
// `UPDATE_GOLDEN=1 npx vitest run test/messages` and review the diff.
import { compile } from '../../compiler/index.js';
import { positionAt } from '../../dsl/diagnostics.js';
import { ALL_CODES, CODES, type Lang } from '../../messages/index.js';
import { CODE_EXAMPLES } from './code-examples.js';

const SEVERITY = { error: { zh: '错误', en: 'error' }, warning: { zh: '警告', en: 'warning' }, info: { zh: '提示', en: 'info' } };

const STAGE: Record<string, { zh: string; en: string }> = {
  KP0: { zh: '语法（dsl/）', en: 'syntax (dsl/)' },
  KP1: { zh: '名称（compiler/resolve-names）', en: 'names (compiler/resolve-names)' },
  KP2: { zh: '类型与量纲（compiler/check-types）', en: 'types and dimensions (compiler/check-types)' },
  KP3: { zh: '结构与分值（compiler/check-structure）', en: 'structure and points (compiler/check-structure)' },
  KP4: { zh: '断言、样例与测试（compiler/check-structure）', en: 'assertions, fixtures and tests (compiler/check-structure)' },
  KP5: { zh: '预警与绩效分析阈值（compiler/check-warnings）', en: 'warnings and analysis thresholds (compiler/check-warnings)' },
  KP9: { zh: '编译器内部', en: 'the compiler itself' },
  KR1: { zh: '规则图（runtime/load-graph）', en: 'the rule graph (runtime/load-graph)' },
  KR2: { zh: '数据（runtime/ 的数据读取）', en: 'data (the runtime’s data readers)' },
  KR3: { zh: '考评（runtime/ 的考评与解释）', en: 'evaluation (the runtime’s evaluation and explanations)' },
  KR5: { zh: 'SQL 引擎（sql/）', en: 'the SQL engines (sql/)' },
};

const fence = (text: string) => '```kp\n' + text.trimEnd() + '\n```';

export function codePage(code: string): string {
  const entry = CODES[code]!;
  const stage = STAGE[code.slice(0, 3)]!;
  const example = CODE_EXAMPLES[code];
  const lines = [
    `# ${code} — ${entry.title.zh} / ${entry.title.en}`,
    '',
    `<!-- Generated from messages/ and test/messages/code-examples.ts by test/messages/catalogue.test.ts (UPDATE_GOLDEN=1). -->`,
    '',
    `${SEVERITY[entry.severity].zh} · ${stage.zh}　|　${SEVERITY[entry.severity].en} · ${stage.en}`,
    '',
    '## 含义',
    '',
    entry.meaning.zh,
    '',
    '## Meaning',
    '',
    entry.meaning.en,
    '',
  ];
  if (example) {
    lines.push('## 错误的写法 / Wrong', '', fence(example.wrong), '');
    const said = code.startsWith('KP') ? (['zh', 'en'] as const).map((lang) => reported(code, example.wrong, lang)) : [];
    if (said.length > 0) lines.push('```text', ...said, '```', '');
    lines.push('## 改正后 / Fixed', '', fence(example.fixed), '');
  }
  lines.push('[所有代码 / all codes](README.md)', '');
  return lines.join('\n');
}

/** What `kaoping check` says about the wrong example, in one language (its first diagnostic of the code). */
function reported(code: string, text: string, lang: Lang): string {
  const d = compile([{ path: 'wrong.kp', text }], { lang }).diagnostics.find((x) => x.code === code)!;
  const at = positionAt(text, d.span.start);
  return `wrong.kp:${at.line}:${at.column}: ${d.severity} ${d.code}: ${d.message}${d.help ? `\n  ${lang === 'zh' ? '提示' : 'help'}: ${d.help}` : ''}`;
}

export function codeIndex(): string {
  const rows = ALL_CODES.map((code) => {
    const e = CODES[code]!;
    return `| [${code}](${code}.md) | ${e.title.zh} | ${e.title.en} | ${SEVERITY[e.severity].zh} / ${SEVERITY[e.severity].en} |`;
  });
  return [
    '# 诊断与问题代码 / Diagnostic and issue codes',
    '',
    `<!-- Generated from messages/ by test/messages/catalogue.test.ts (UPDATE_GOLDEN=1). -->`,
    '',
    '每个代码一页：含义、错误的写法与改正后的写法（KP 代码的例子经测试编译验证）。KP 代码来自语言前端与编译器，',
    'KR 代码来自运行时。代码、严重程度、标题和消息都在 `messages/` 中登记（见 docs/front-end.md）。',
    '',
    'One page per code: what it means, and for the compiler’s codes a wrong and a fixed example (compiled by the',
    'tests). KP codes come from the language front end and the compiler, KR codes from the runtime; each is',
    'registered with its severity, title and messages in `messages/` (see docs/front-end.md).',
    '',
    '| 代码 / code | 标题 | title | 严重程度 / severity |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
