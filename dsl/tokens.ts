// The lexer. Keyword tokens come from the keyword table; patterns that need Unicode classes are custom
// functions over sticky `u` RegExps because Chevrotain drops the `u` flag of plain token patterns.
import { createToken, Lexer, type CustomPatternMatcherFunc, type TokenType } from 'chevrotain';
import { KEYWORDS, type KeywordName } from './keywords.js';

function sticky(re: RegExp): CustomPatternMatcherFunc {
  return (text, offset) => {
    re.lastIndex = offset;
    return re.exec(text);
  };
}

const DIGITS = '0123456789'.split('');

/**
 * Every UTF-16 unit a name can start with: the letters of the basic plane, `_`, and the lead surrogates of
 * letters beyond it. With this hint the lexer tries only the token types that can start with the next
 * character instead of all of them.
 */
function nameStartUnits(): number[] {
  const units: number[] = [];
  const start = /[\p{L}_]/u;
  for (let c = 0; c < 0x10000; c++) if ((c >= 0xd800 && c <= 0xdbff) || start.test(String.fromCharCode(c))) units.push(c);
  return units;
}

export const Identifier = createToken({
  name: 'Identifier',
  pattern: sticky(/[\p{L}_][\p{L}\p{N}_]*/uy),
  line_breaks: false,
  start_chars_hint: nameStartUnits(),
  label: 'a name',
});

// A period name such as 2021Q1, 2021M03 or 2021H1 (a bare year lexes as a number).
export const PeriodName = createToken({
  name: 'PeriodName',
  pattern: sticky(/\d{4}(?:Q[1-4]|M(?:0[1-9]|1[0-2])|H[12])(?![\p{L}\p{N}_])/uy),
  line_breaks: false,
  start_chars_hint: DIGITS,
  label: 'a period name',
});

export const DateLiteral = createToken({
  name: 'DateLiteral',
  pattern: /\d{4}-\d{2}-\d{2}/,
  start_chars_hint: DIGITS,
  label: 'a date',
});

/** Unit suffixes, longest first; ASCII suffixes must not run into a following name. */
export const NUMBER_SUFFIXES = ['万元', '亿元', '元', '分', '件', '起', '个', '项', '次', '人', '条', '名', '户', '天', '%', 'pt', 'd'];

export const NumberLiteral = createToken({
  name: 'NumberLiteral',
  pattern: sticky(/\d+(?:\.\d+)?(?:万元|亿元|元|分|件|起|个|项|次|人|条|名|户|天|%|pt(?![\p{L}\p{N}_])|d(?![\p{L}\p{N}_]))?/uy),
  line_breaks: false,
  start_chars_hint: DIGITS,
  label: 'a number',
});

export const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: /"(?:[^"\\\r\n]|\\.)*"/,
  label: 'a string',
});

// An unterminated string still reads as a string (so parsing goes on); parse() reports it.
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: /"(?:[^"\\\r\n]|\\.)*\\?/,
  categories: [StringLiteral],
  label: 'a string',
});

export const Comment = createToken({
  name: 'Comment',
  pattern: /(?:#|\/\/)[^\r\n]*/,
  group: 'comments',
});

export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /[ \t\r\n\u00a0\u3000\ufeff]+/,
  group: Lexer.SKIPPED,
});

function punct(name: string, image: string): TokenType {
  return createToken({ name, pattern: image, label: `\`${image}\`` });
}

export const LCurly = punct('LCurly', '{');
export const RCurly = punct('RCurly', '}');
export const LParen = punct('LParen', '(');
export const RParen = punct('RParen', ')');
export const LBracket = punct('LBracket', '[');
export const RBracket = punct('RBracket', ']');
export const Comma = punct('Comma', ',');
export const Colon = punct('Colon', ':');
export const Dot = punct('Dot', '.');
export const Arrow = punct('Arrow', '->');

/** Comparison operators share a category so the parser can take any of them. */
export const CompareOperator = createToken({ name: 'CompareOperator', pattern: Lexer.NA, label: 'a comparison' });
function compare(name: string, image: string): TokenType {
  return createToken({ name, pattern: image, label: `\`${image}\``, categories: [CompareOperator] });
}
export const EqualEqual = compare('EqualEqual', '==');
export const NotEqual = compare('NotEqual', '!=');
export const LessEqual = compare('LessEqual', '<=');
export const GreaterEqual = compare('GreaterEqual', '>=');
export const Less = compare('Less', '<');
export const Greater = compare('Greater', '>');
export const Equals = punct('Equals', '=');
export const Plus = punct('Plus', '+');
export const Minus = punct('Minus', '-');
export const Star = punct('Star', '*');
export const Slash = punct('Slash', '/');

/** One token type per keyword, matching both spellings; a longer name wins over a keyword prefix. */
export const keywordTokens = Object.fromEntries(
  KEYWORDS.map((k) => [
    k.english,
    createToken({
      name: k.english,
      pattern: new RegExp(`${k.english}|${k.chinese}`),
      longer_alt: Identifier,
      label: `\`${k.english}\` (\`${k.chinese}\`)`,
    }),
  ]),
) as Record<KeywordName, TokenType>;

const keywordByTokenName = new Map<string, (typeof KEYWORDS)[number]>(KEYWORDS.map((k) => [k.english, k]));

/** The keyword a token type stands for, if it is a keyword token. */
export function keywordOf(tokenType: TokenType): (typeof KEYWORDS)[number] | undefined {
  return keywordByTokenName.get(tokenType.name);
}

// A keyword whose spelling is a prefix of another keyword's (否 / 否则, period / periods) must be tried after it,
// or the shorter keyword would match and the longer word would fall to the identifier.
function mustPrecede(a: TokenType, b: TokenType): boolean {
  const ka = keywordOf(a)!;
  const kb = keywordOf(b)!;
  const spellingsA = [ka.english, ka.chinese];
  return [kb.english, kb.chinese].some((sb) => spellingsA.some((sa) => sa !== sb && sa.startsWith(sb)));
}
function keywordsInMatchOrder(): TokenType[] {
  const pending = Object.values(keywordTokens);
  const ordered: TokenType[] = [];
  while (pending.length > 0) {
    const i = pending.findIndex((t) => !pending.some((o) => o !== t && mustPrecede(o, t)));
    ordered.push(...pending.splice(i, 1));
  }
  return ordered;
}

export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  StringLiteral,
  UnterminatedString,
  PeriodName,
  DateLiteral,
  NumberLiteral,
  ...keywordsInMatchOrder(),
  Identifier,
  LCurly,
  RCurly,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Colon,
  Dot,
  Arrow,
  EqualEqual,
  NotEqual,
  LessEqual,
  GreaterEqual,
  Less,
  Greater,
  Equals,
  Plus,
  Minus,
  Star,
  Slash,
  CompareOperator,
];

export const lexer = new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: true });
