// Highlighting of `.kp` sources: a Monarch grammar built from the language's one keyword table (English and
// Chinese spellings), its built-in functions, types and value words. Identifiers are matched whole first and
// then looked up, so a Chinese keyword that begins a longer name (`分值` in `分值调整`) stays an identifier.
import type { languages } from 'monaco-editor/editor';
import { BUILTIN_TYPES, FUNCTION_NAMES, KEYWORDS } from '../../../dsl/keywords.js';
import {
  GATED_MODES,
  INDICATOR_TYPES,
  METHODS,
  PERIOD_AGGREGATES,
  PERIOD_KINDS,
  QUOTA_ROUNDINGS,
  ROUNDING_MODES,
  STEP_MODES,
} from '../../../compiler/value-words.js';

function spellings(category: string): string[] {
  return KEYWORDS.filter((k) => k.category === category).flatMap((k) => [k.english, k.chinese]);
}

const valueWords = [ROUNDING_MODES, QUOTA_ROUNDINGS, STEP_MODES, METHODS, INDICATOR_TYPES, PERIOD_KINDS, GATED_MODES, PERIOD_AGGREGATES]
  .flatMap((table) => [...table.keys()]);

export const kaopingMonarch: languages.IMonarchLanguage & Record<string, unknown> = {
  unicode: true,
  defaultToken: '',
  tokenPostfix: '.kp',
  declarations: spellings('declaration'),
  clauses: [...spellings('clause'), ...spellings('metadata')],
  operatorWords: spellings('operator'),
  literals: spellings('literal'),
  builtinTypes: Object.entries(BUILTIN_TYPES).flat(),
  functions: Object.entries(FUNCTION_NAMES).flat(),
  valueWords,
  tokenizer: {
    root: [
      [/(#|\/\/).*$/, 'comment'],
      [/"/, 'string', '@string'],
      [/\d{4}-\d{2}-\d{2}/, 'number.date'],
      [/\d{4}(?:Q[1-4]|M\d{2}|H[12])/, 'number.period'],
      [/\d+(?:\.\d+)?(?:万元|亿元|分|pt|%|元|件|起|个|项|次|人|条|名|天|d)?/, 'number'],
      [
        /[\p{L}_][\p{L}\p{N}_]*/u,
        {
          cases: {
            '@declarations': 'keyword',
            '@clauses': 'keyword',
            '@operatorWords': 'keyword.operator',
            '@literals': 'constant',
            '@functions': 'predefined',
            '@builtinTypes': 'type',
            '@valueWords': 'constant.value',
            '@default': 'identifier',
          },
        },
      ],
      [/->|==|!=|<=|>=|[<>=+\-*/]/, 'operator'],
      [/[{}()[\]]/, '@brackets'],
      [/[,:.]/, 'delimiter'],
    ],
    string: [
      [/[^\\"]+/, 'string'],
      [/\\./, 'string.escape'],
      [/"/, 'string', '@pop'],
    ],
  },
};

export const kaopingLanguageConfiguration: languages.LanguageConfiguration = {
  comments: { lineComment: '#' },
  brackets: [
    ['{', '}'],
    ['[', ']'],
    ['(', ')'],
  ],
  autoClosingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"', notIn: ['string', 'comment'] },
  ],
  surroundingPairs: [
    { open: '{', close: '}' },
    { open: '(', close: ')' },
    { open: '"', close: '"' },
  ],
  wordPattern: /[\p{L}_][\p{L}\p{N}_]*|\d+(?:\.\d+)?[^\s{}()[\],:.]*/u,
  indentationRules: {
    increaseIndentPattern: /\{[^}]*$/,
    decreaseIndentPattern: /^\s*\}/,
  },
};
