// The shape of the message catalogue: every code with its severity, its title and the sentences it can say, each
// in Chinese and English as a function of typed parameters. Functions rather than ICU templates: the sentences
// need the type checker (a missing or misnamed parameter fails `npm run typecheck`), they quote keywords as the
// author's file spells them, and they choose words by value (plural, 个/项) with plain code. No Node APIs here:
// the runtime and the browser editor import this folder too.
import type { KeywordName } from '../dsl/keywords.js';

export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];

export type Severity = 'error' | 'warning' | 'info';

/** How a sentence quotes the source: keywords as the author's file spells them (English when not from a file). */
export interface Voice {
  kw(keyword: KeywordName): string;
}

export type Sentence<P> = (p: P, v: Voice) => string;

/** One sentence in both languages. */
export interface Texts<P> {
  zh: Sentence<P>;
  en: Sentence<P>;
}

/** A sentence in both languages; its parameters are typed by the Chinese function's annotation. */
export function say<P extends object = Record<never, never>>(zh: Sentence<P>, en: Sentence<NoInfer<P>>): Texts<NoInfer<P>> {
  return { zh, en };
}

export interface CodeEntry {
  severity: Severity;
  title: { zh: string; en: string };
  /** What the code means, one or two sentences, for its documentation page and the editor's hover. */
  meaning: { zh: string; en: string };
  texts: Record<string, Texts<any>>;
}

/** A code family's table, checked for shape while keeping each entry's own sentence types. */
export function family<const T extends Record<string, CodeEntry>>(entries: T): T {
  return entries;
}

/**
 * A sentence chosen but not yet rendered: its code, its key among the code's texts and its parameters (plain
 * JSON data), so any consumer can render it in either language.
 */
export interface MessageRef {
  code: string;
  key: string;
  params: Record<string, unknown>;
}

/** `code` quoted for English text. */
export const q = (s: string | number): string => `\`${s}\``;
/** `code` quoted for Chinese text. */
export const zq = (s: string | number): string => `「${s}」`;

/** `a`, `b` and `c` — English enumeration of quoted items. */
export function enList(items: readonly string[], quote = true, last = 'and'): string {
  const quoted = items.map((i) => (quote ? q(i) : i));
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} ${last} ${quoted[quoted.length - 1]}`;
}

/** `1 unit`, `3 units`: an English count with its noun. */
export const en = (n: number, noun: string, plural = `${noun}s`): string => `${n} ${n === 1 ? noun : plural}`;

/** 「甲」、「乙」 — Chinese enumeration of quoted items. */
export function zhList(items: readonly string[], quote = true): string {
  return items.map((i) => (quote ? zq(i) : i)).join('、');
}

/** The parameters of a sentence in a table of sentences: none, or its one parameter object. */
export type SentenceArgs<T extends Record<string, Texts<any>>, K extends keyof T> = [keyof Parameters<T[K]['en']>[0]] extends [never] ? [] : [Parameters<T[K]['en']>[0]];

/** Keywords as written in English, for documents that quote no source file. */
const PLAIN_VOICE: Voice = { kw: (k) => k };

/**
 * A document's words in one language: `words(key, params)` renders a sentence of `table` (a family of the
 * catalogue, e.g. messages/report-bulletin.ts), its parameters checked against the sentence.
 */
export function phrasebook<T extends Record<string, Texts<any>>>(table: T, lang: Lang): <K extends keyof T & string>(key: K, ...params: SentenceArgs<T, K>) => string {
  return (key, ...params) => table[key]![lang]((params[0] ?? {}) as never, PLAIN_VOICE);
}
