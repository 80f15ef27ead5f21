// Source text → AST plus syntax diagnostics. Never throws on user input: lexer and parser errors, oversized
// sources and pathological nesting all come back as diagnostics.
import type { CstNode, IRecognitionException, IToken, TokenType } from 'chevrotain';
import type { SourceFile, Span } from './ast.js';
import { isLookalike } from '../messages/kp-syntax.js';
import { commonMessage, message, type MessageRef } from '../messages/index.js';
import { diagnostic, type Diagnostic, type DiagnosticExtras } from './diagnostics.js';
import { cstToAst } from './cst-to-ast.js';
import { parser } from './parser.js';
import { KEYWORDS } from './keywords.js';
import { Identifier, keywordOf, keywordTokens, lexer, UnterminatedString } from './tokens.js';

import { MAX_SOURCE_LENGTH } from './limits.js';
export { MAX_SOURCE_LENGTH };

/** Deepest accepted nesting of brackets, `if`s and prefix operators in one place. */
export const MAX_NESTING_DEPTH = 200;

/**
 * Deepest accepted syntax tree, in nested nodes and lists. Every later pass walks the tree recursively, so a
 * chain of thousands of operators (`a + b + …`, which nests one level per operator) would exhaust the stack.
 */
export const MAX_TREE_DEPTH = 1000;

export interface ParseResult {
  file: SourceFile;
  diagnostics: Diagnostic[];
}

function emptyFile(path: string, text: string): SourceFile {
  return { path, text, decls: [], comments: [] };
}

function isReal(t: IToken | undefined): t is IToken {
  return !!t && !t.isInsertedInRecovery && Number.isFinite(t.startOffset) && t.tokenType.name !== 'EOF';
}

/** Keywords that can only start a declaration or an item, so any `if` before them has ended. */
const ITEM_KEYWORDS = new Set<TokenType>(
  KEYWORDS.filter((k) => k.category !== 'operator' && k.category !== 'literal' && k.english !== 'top' && k.english !== 'bottom').map(
    (k) => keywordTokens[k.english],
  ),
);

/**
 * Rejects nesting deeper than MAX_NESTING_DEPTH before the recursive parser sees it (later passes recurse over
 * the tree too). Depth counts open brackets, `if`s whose `else` branch is still going on, and runs of prefix
 * `-` / `not`.
 */
export function checkNesting(path: string, tokens: IToken[]): Diagnostic | null {
  const ifsPerBracket = [0]; // open `if`s at each bracket level
  let ifs = 0;
  let prefixRun = 0;
  for (const t of tokens) {
    const type = t.tokenType;
    if (type.name === 'LParen' || type.name === 'LBracket' || type.name === 'LCurly') ifsPerBracket.push(0);
    else if ((type.name === 'RParen' || type.name === 'RBracket' || type.name === 'RCurly') && ifsPerBracket.length > 1) {
      ifs -= ifsPerBracket.pop()!;
    } else if (type === keywordTokens.if) {
      ifsPerBracket[ifsPerBracket.length - 1]!++;
      ifs++;
    } else if (ITEM_KEYWORDS.has(type)) {
      ifs -= ifsPerBracket[ifsPerBracket.length - 1]!;
      ifsPerBracket[ifsPerBracket.length - 1] = 0;
    }
    prefixRun = type.name === 'Minus' || type === keywordTokens.not ? prefixRun + 1 : 0;
    if (ifsPerBracket.length - 1 + ifs + prefixRun > MAX_NESTING_DEPTH) {
      return diagnostic(
        { file: path, start: t.startOffset, end: t.startOffset + t.image.length },
        message('KP0006', 'brackets', { limit: MAX_NESTING_DEPTH }),
      );
    }
  }
  return null;
}

function lexerDiagnostics(path: string, text: string, errors: { offset: number; length: number }[], tokens: IToken[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const e of errors) {
    const chars = text.slice(e.offset, e.offset + e.length);
    const first = String.fromCodePoint(chars.codePointAt(0) ?? 0);
    const span: Span = { file: path, start: e.offset, end: e.offset + e.length };
    const help = isLookalike(first) ? { help: message('KP0001', 'lookalike', { char: first }) } : {};
    out.push(diagnostic(span, message('KP0001', 'unknown', { chars }), help));
  }
  for (const t of tokens) {
    if (t.tokenType === UnterminatedString) {
      out.push(diagnostic({ file: path, start: t.startOffset, end: t.startOffset + t.image.length }, message('KP0002', 'open')));
    }
  }
  return out;
}

/** The place of the first node nested deeper than MAX_TREE_DEPTH, found without recursion; null if none is. */
function tooDeepTree(file: SourceFile): Span | null {
  // Three parallel stacks rather than an object per pending value: this walks every node of the file.
  const values: unknown[] = [file.decls];
  const depths: number[] = [0];
  const arounds: (Span | null)[] = [null];
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()!;
    const around = arounds.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    const span = 'span' in value ? (value.span as Span) : around;
    if (depth > MAX_TREE_DEPTH) return span ?? { file: file.path, start: 0, end: 0 };
    const children = value as Record<string, unknown>;
    for (const key in children) {
      const child = children[key];
      if (key !== 'span' && typeof child === 'object' && child !== null) {
        values.push(child);
        depths.push(depth + 1);
        arounds.push(span);
      }
    }
  }
  return null;
}

/** The last real token that ends at or before `offset`. */
function tokenBefore(tokens: IToken[], offset: number): IToken | undefined {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.startOffset < offset) lo = mid + 1;
    else hi = mid;
  }
  return tokens[lo - 1];
}

function parserDiagnostic(path: string, text: string, tokens: IToken[], e: IRecognitionException): Diagnostic {
  const ruleStack = e.context?.ruleStack ?? [];
  // At the top level the only thing the parser can expect is the end of input: nothing else starts a declaration.
  const topLevel = e.name === 'MismatchedTokenException' && ruleStack[ruleStack.length - 1] === 'policyFile';
  let span: Span;
  if (isReal(e.token)) span = { file: path, start: e.token.startOffset, end: e.token.startOffset + e.token.image.length };
  else {
    // At the end of the file or at an inserted token: point just after the last real token before it.
    const previous = tokenBefore(tokens, text.length + 1);
    const at = previous ? previous.startOffset + previous.image.length : text.length;
    span = { file: path, start: at, end: at };
  }
  const previous = tokenBefore(tokens, isReal(e.token) ? e.token.startOffset : text.length);
  // The parser's message is a catalogue sentence as JSON (dsl/parser.ts); the token before the error is filled in here.
  const said: MessageRef = JSON.parse(e.message);
  if (topLevel) said.code = 'KP0005';
  if (said.code !== 'KP0005' && 'after' in said.params) said.params['after'] = previous?.image ?? null;
  const missing = said.code === 'KP0003' && said.key === 'expected' && previous ? missingToken(text, previous, span, said) : null;
  return missing ? diagnostic(missing.span, said, { fixes: missing.fixes }) : diagnostic(span, said);
}

/** Closing brackets: when one is missing, the only place it can go is right after the last token. */
const CLOSERS = new Set([')', ']', '}']);

/**
 * A token expected but found only on a later line (or never) is missing at the end of the last token before it:
 * the error points there, not at whatever the next line begins with; a missing closing bracket is also its fix.
 */
function missingToken(text: string, previous: IToken, span: Span, said: MessageRef): { span: Span; fixes: NonNullable<DiagnosticExtras['fixes']> } | null {
  const end = previous.startOffset + previous.image.length;
  const atEnd = span.start === end && span.end === end; // the end of the file: already placed after the last token
  if (!atEnd && !text.slice(end, span.start).includes('\n')) return null;
  const at: Span = { file: span.file, start: end, end };
  const expected = said.params['expected'] as { symbol?: string };
  const closer = expected.symbol !== undefined && CLOSERS.has(expected.symbol) ? expected.symbol : null;
  return {
    span: at,
    fixes: closer === null ? [] : [{ title: commonMessage('insertText', { text: closer }), edits: [{ span: at, text: closer }], unambiguous: true }],
  };
}

interface Parsed {
  cst: CstNode;
  errors: IRecognitionException[];
}

function parseTokens(tokens: IToken[]): Parsed {
  parser.input = tokens;
  const cst = parser.policyFile();
  return { cst, errors: parser.errors };
}

/** Where a parse error stands; an error at the end of the file stands after every token. */
function errorOffset(e: IRecognitionException): number {
  return isReal(e.token) ? e.token.startOffset : Infinity;
}

/**
 * Trying a keyword as a name parses its declaration again, and each round of tries the file; both are
 * bounded so that a file full of errors (a keyword soup) still parses in a few times the time of one parse.
 */
const MAX_KEYWORD_NAME_TRIES = 50;
const KEYWORD_NAME_TOKEN_BUDGET = 10_000;
const MAX_KEYWORD_NAME_ROUNDS = 3;

const DECLARATION_KEYWORDS = new Set<TokenType>(
  KEYWORDS.filter((k) => k.category === 'declaration' && k.english !== 'indicator').map((k) => keywordTokens[k.english]),
);

/** Indexes of the tokens that start a top-level declaration (a declaration keyword outside braces). */
function declarationStarts(tokens: IToken[]): number[] {
  const starts: number[] = [];
  let depth = 0;
  tokens.forEach((t, i) => {
    if (t.tokenType.name === 'LCurly') depth++;
    else if (t.tokenType.name === 'RCurly') depth = Math.max(0, depth - 1);
    else if (depth === 0 && DECLARATION_KEYWORDS.has(t.tokenType)) starts.push(i);
  });
  return starts;
}

function atKeyword(e: IRecognitionException): boolean {
  return isReal(e.token) && keywordOf(e.token.tokenType) !== undefined;
}

/**
 * Parses the tokens, reading a keyword written where a name belongs as that name: where a parse error stands
 * at a keyword, its declaration is parsed again with the keyword as a name, and the keyword is kept as one
 * when neither it nor the two tokens after it are then in error. The rest of the file then reads as meant instead
 * of as a cascade of errors; the caller reports each keyword read so (KP0011). A misread keyword can hide
 * the next declarations' errors in its recovery, so the file is parsed again after each round that read one.
 */
function parseReadingKeywordsAsNames(tokens: IToken[]): Parsed & { asNames: IToken[] } {
  let parsed = parseTokens(tokens);
  const asNames: IToken[] = [];
  if (!parsed.errors.some(atKeyword)) return { ...parsed, asNames };
  let starts = declarationStarts(tokens);
  const current = tokens.slice();
  const tried = new Set<number>();
  let budget = KEYWORD_NAME_TOKEN_BUDGET;
  for (let round = 0; round < MAX_KEYWORD_NAME_ROUNDS; round++) {
    const before = asNames.length;
    for (const e of parsed.errors) {
      if (!atKeyword(e) || tried.has(e.token.startOffset)) continue;
      const at = e.token;
      const i = current.indexOf(at);
      const from = starts.findLast((s) => s < i) ?? 0;
      const to = starts.find((s) => s > i) ?? current.length;
      if (tried.size >= MAX_KEYWORD_NAME_TRIES || 2 * (to - from) > budget) break;
      tried.add(at.startOffset);
      budget -= 2 * (to - from);
      const declaration = current.slice(from, to);
      // An error left over from the recovery of an earlier one is not tried: its declaration alone must fail there.
      if (!parseTokens(declaration).errors.some((x) => errorOffset(x) === at.startOffset)) continue;
      declaration[i - from] = { ...at, tokenType: Identifier, tokenTypeIdx: Identifier.tokenTypeIdx! };
      // The name must fit with the two tokens after it, or the keyword was more likely meant as a keyword.
      const near = new Set([at, ...declaration.slice(i - from + 1, i - from + 3)].map((t) => t.startOffset));
      if (i - from + 3 > declaration.length) near.add(Infinity);
      if (parseTokens(declaration).errors.some((x) => near.has(errorOffset(x)))) continue;
      current[i] = declaration[i - from]!;
      asNames.push(at);
      starts = starts.filter((s) => s !== i); // a declaration keyword read as a name starts nothing
    }
    if (asNames.length === before) break;
    parsed = parseTokens(current);
  }
  return { ...parsed, asNames };
}

/** KP0011, in the language the keyword is written in. */
function keywordAsName(path: string, t: IToken): Diagnostic {
  const span = { file: path, start: t.startOffset, end: t.startOffset + t.image.length };
  return diagnostic(span, message('KP0011', 'keyword', { word: t.image, chinese: t.image === keywordOf(t.tokenType)?.chinese }));
}

export function parse(path: string, text: string): ParseResult {
  if (text.length > MAX_SOURCE_LENGTH) {
    return {
      file: emptyFile(path, text),
      diagnostics: [
        diagnostic({ file: path, start: 0, end: 0 }, message('KP0007', 'tooLarge', { length: text.length, limit: MAX_SOURCE_LENGTH })),
      ],
    };
  }
  const lexed = lexer.tokenize(text);
  const diagnostics = lexerDiagnostics(path, text, lexed.errors, lexed.tokens);
  const comments = lexed.groups['comments'] ?? [];

  const tooDeep = checkNesting(path, lexed.tokens);
  if (tooDeep) return { file: emptyFile(path, text), diagnostics: [...diagnostics, tooDeep] };

  try {
    const { cst, errors, asNames } = parseReadingKeywordsAsNames(lexed.tokens);
    diagnostics.push(...asNames.map((t) => keywordAsName(path, t)));
    const seen = new Set<string>();
    for (const e of errors) {
      const d = parserDiagnostic(path, text, lexed.tokens, e);
      const key = `${d.span.start}:${d.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        diagnostics.push(d);
      }
    }
    const built = cstToAst(path, text, cst, comments);
    const deepAt = tooDeepTree(built.file);
    if (deepAt) {
      const tooDeepTree = diagnostic(deepAt, message('KP0006', 'tree', { limit: MAX_TREE_DEPTH }));
      return { file: emptyFile(path, text), diagnostics: [...diagnostics, tooDeepTree] };
    }
    diagnostics.push(...built.diagnostics);
    diagnostics.sort((a, b) => a.span.start - b.span.start);
    return { file: built.file, diagnostics };
  } catch (err) {
    // The nesting guard keeps recursion well inside the stack; this is the last line of defence.
    if (!(err instanceof RangeError)) throw err;
    const at = { file: path, start: 0, end: 0 };
    return { file: emptyFile(path, text), diagnostics: [...diagnostics, diagnostic(at, message('KP0006', 'file'))] };
  } finally {
    parser.input = [];
  }
}
