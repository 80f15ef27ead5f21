// Hover, completion, go-to-definition and rename answered from the compiler's symbol table. Plain functions
// over data (no Monaco, no worker API), so the worker stays a thin message loop.
import type { Span } from '../../../dsl/ast.js';
import { BUILTIN_TYPES, FUNCTION_NAMES, KEYWORDS } from '../../../dsl/keywords.js';
import { occurrences, symbolAt, type PolicySymbol, type SymbolKind, type SymbolTable } from '../../../compiler/symbol-table.js';
import type { CompletionEntry, HoverInfo, RenameResult, SpanRef } from './protocol.js';
import { editorMessage, render, type Lang } from '../../../messages/index.js';
import { enDeclaration, zhDeclaration } from '../../../messages/words.js';

/** What a name is, in the catalogue's words (messages/words.ts). */
const kindWord = (kind: SymbolKind, lang: Lang): string => (lang === 'zh' ? zhDeclaration(kind) : enDeclaration(kind));

const COMPLETION_KIND: Partial<Record<SymbolKind, CompletionEntry['kind']>> = {
  entity: 'entity', relation: 'field', enum: 'enum', 'enum-member': 'enum', record: 'entity', 'record-field': 'field',
  input: 'input', param: 'param', section: 'section', indicator: 'indicator', bonus: 'indicator', tiers: 'other',
  tier: 'other', fixture: 'other', let: 'let',
};

const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;
const KEYWORD_SPELLINGS: ReadonlySet<string> = new Set(KEYWORDS.flatMap((k) => [k.english, k.chinese]));
/** Kinds whose names are global to the policy (docs/language.md: declared once per policy). */
const GLOBAL_KINDS = new Set<SymbolKind>(['entity', 'enum', 'record', 'param', 'section', 'indicator', 'bonus', 'link', 'tiers', 'fixture', 'warning']);

export function toSpanRef(span: Span): SpanRef {
  return { path: span.file, start: span.start, end: span.end };
}

/** Markdown-escapes a name or label taken from the policy, so it renders as text. */
function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

export function hoverAt(table: SymbolTable, path: string, offset: number, lang: Lang): HoverInfo | null {
  const symbol = symbolAt(table, path, offset);
  if (!symbol) return null;
  const reference = table.references.find((r) => r.symbol === symbol.id && r.span.file === path && r.span.start <= offset && offset <= r.span.end);
  const lines = [`**${kindWord(symbol.kind, lang)}** ${md(symbol.name)}`];
  const facts: string[] = [];
  const say = (ref: ReturnType<typeof editorMessage>) => render(ref, lang);
  if (symbol.type) facts.push(say(editorMessage('hoverType', { type: md(typeLabel(symbol.type, lang)) })));
  if (symbol.points !== null) facts.push(say(editorMessage('hoverPoints', { points: symbol.points })));
  if (symbol.entity) facts.push(say(editorMessage('hoverFor', { kind: md(symbol.entity) })));
  if (symbol.container) facts.push(say(editorMessage('hoverIn', { container: md(symbol.container) })));
  if (facts.length) lines.push(facts.join(' · '));
  if (symbol.doc) lines.push(md(symbol.doc));
  return { span: toSpanRef(reference?.span ?? symbol.span), lines };
}

export function definitionAt(table: SymbolTable, path: string, offset: number): SpanRef | null {
  const symbol = symbolAt(table, path, offset);
  return symbol ? toSpanRef(symbol.span) : null;
}

/** Keywords (both spellings), built-in functions, and the policy's names, each once. */
export function completionsAt(table: SymbolTable | null, afterDot: boolean, lang: Lang = 'zh'): CompletionEntry[] {
  const say = (ref: ReturnType<typeof editorMessage>) => render(ref, lang);
  const entries: CompletionEntry[] = [];
  const seen = new Set<string>();
  const push = (entry: CompletionEntry) => {
    if (seen.has(entry.label)) return;
    seen.add(entry.label);
    entries.push(entry);
  };
  for (const symbol of table?.symbols ?? []) {
    const kind = COMPLETION_KIND[symbol.kind];
    if (!kind) continue;
    // After a dot only members make sense: fields, inputs and results of the related unit.
    if (afterDot && !['input', 'indicator', 'section', 'bonus', 'record-field', 'relation', 'let'].includes(symbol.kind)) continue;
    push({ label: symbol.name, kind, detail: describe(symbol, lang) });
  }
  if (afterDot) {
    for (const member of ['rank', '名次', 'tier', '段']) push({ label: member, kind: 'other', detail: say(editorMessage('completeMember')) });
    return entries;
  }
  for (const k of KEYWORDS) {
    push({ label: k.chinese, kind: 'keyword', detail: say(editorMessage('completeKeyword', { other: k.english })) });
    push({ label: k.english, kind: 'keyword', detail: say(editorMessage('completeKeyword', { other: k.chinese })) });
  }
  for (const [english, chinese] of Object.entries(FUNCTION_NAMES)) {
    push({ label: chinese, kind: 'other', detail: say(editorMessage('completeFunction', { other: english })) });
    push({ label: english, kind: 'other', detail: say(editorMessage('completeFunction', { other: chinese })) });
  }
  return entries;
}

/** Built-in types in Chinese with the English word beside (`金额（money）`); others as written. */
/** A built-in type with both spellings in Chinese text (`百分比（percent）`), as written in English. */
function typeLabel(type: string, lang: Lang): string {
  const chinese = (BUILTIN_TYPES as Record<string, string>)[type];
  return chinese && lang === 'zh' ? `${chinese}（${type}）` : type;
}

function describe(symbol: PolicySymbol, lang: Lang): string {
  const parts = [kindWord(symbol.kind, lang)];
  if (symbol.type) parts.push(typeLabel(symbol.type, lang));
  if (symbol.points !== null) parts.push(render(editorMessage('hoverPoints', { points: symbol.points }), lang));
  if (symbol.entity) parts.push(symbol.entity);
  return parts.join(' · ');
}

/** Whether another symbol's name would clash with a renamed one: a test's units are named within that test. */
function sameScope(renamed: PolicySymbol, other: PolicySymbol): boolean {
  if (renamed.kind === 'test-unit' || other.kind === 'test-unit') return renamed.kind === other.kind && renamed.container === other.container;
  return GLOBAL_KINDS.has(other.kind) || other.entity === renamed.entity;
}

/** Edits that rename the symbol at a place everywhere it is written, in every file of the policy. */
export function renameAt(table: SymbolTable, path: string, offset: number, newName: string, lang: Lang = 'zh'): RenameResult {
  const refused = (ref: ReturnType<typeof editorMessage>): RenameResult => ({ edits: [], error: render(ref, lang) });
  const symbol = symbolAt(table, path, offset);
  if (!symbol) return refused(editorMessage('renameNothing'));
  if (!IDENTIFIER.test(newName)) return refused(editorMessage('renameInvalid', { name: newName }));
  if (KEYWORD_SPELLINGS.has(newName)) return refused(editorMessage('renameKeyword', { name: newName }));
  const clash = table.symbols.find((s) => s.name === newName && s.id !== symbol.id && sameScope(symbol, s));
  if (clash) return refused(editorMessage('renameClash', { name: newName, kind: kindWord(clash.kind, lang) }));
  return { edits: occurrences(table, symbol).map((span) => ({ span: toSpanRef(span), text: newName })), error: null };
}
