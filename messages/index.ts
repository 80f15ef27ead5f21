// The one registry of codes (KP from dsl/ and compiler/, KR from runtime/) and the one place sentences are rendered.
// Adding a code is one entry in its family's file; the test in test/messages/ then asks for its docs page.
import { type CodeEntry, type Lang, type MessageRef, type Texts, type Voice } from './catalogue.js';
import { CLI } from './cli.js';
import { COMMON } from './common.js';
import { DIFF } from './diff.js';
import { EDITOR } from './editor.js';
import { KP_NAMES } from './kp-names.js';
import { KP_SYNTAX } from './kp-syntax.js';
import { KP_STRUCTURE } from './kp-structure.js';
import { KP_TESTS } from './kp-tests.js';
import { KP_COVERAGE } from './kp-coverage.js';
import { KP_TYPES } from './kp-types.js';
import { KP_WARNINGS } from './kp-warnings.js';
import { DATA_COMMON, KR_DATA } from './kr-data.js';
import { KR_EVAL } from './kr-eval.js';
import { KR_GRAPH } from './kr-graph.js';
import { KR_SQL } from './kr-sql.js';

export { LANGS, type Lang, type MessageRef, type Voice, type Severity } from './catalogue.js';
export { chooseLanguage, languageFromLocale, parseLang } from './language.js';
export { placeWords, type IssuePlace } from './kr-data.js';
export type { Bilingual } from './kr-graph.js';
export { DIFF_FIELDS, DIFF_ITEMS, DIFF_STATUSES, type DiffField } from './diff.js';
export type { ReplayFailure } from './cli-options.js';


const FAMILIES = { ...KP_SYNTAX, ...KP_NAMES, ...KP_TYPES, ...KP_STRUCTURE, ...KP_TESTS, ...KP_COVERAGE, ...KP_WARNINGS, ...KR_GRAPH, ...KR_DATA, ...KR_EVAL, ...KR_SQL } as const;
type Families = typeof FAMILIES;

export type Code = keyof Families;
export type TextKey<C extends Code> = keyof Families[C]['texts'] & string;
export type ParamsOf<C extends Code, K extends TextKey<C>> = Families[C]['texts'][K] extends Texts<infer P> ? P : never;

/** Every code with its severity, title and meaning, in code order. */
export const CODES: Readonly<Record<string, CodeEntry>> = FAMILIES;
export const ALL_CODES: readonly string[] = Object.keys(FAMILIES).sort();

/** One sentence of a code, with its parameters checked against the sentence. */
export function message<C extends Code, K extends TextKey<C>>(code: C, key: K, ...params: [keyof ParamsOf<C, K>] extends [never] ? [] : [ParamsOf<C, K>]): MessageRef {
  return { code, key, params: (params[0] ?? {}) as Record<string, unknown> };
}

const SHARED = { ...COMMON, ...DATA_COMMON } as const;

export type CliKey = keyof typeof CLI;
type CliParams<K extends CliKey> = Parameters<(typeof CLI)[K]['en']>[0];
/** The parameters of a command sentence: none, or its one parameter object. */
export type CliArgs<K extends CliKey> = [keyof CliParams<K>] extends [never] ? [] : [CliParams<K>];
/** A sentence of the `kaoping` command (messages/cli.ts). */
export function cliMessage<K extends CliKey>(key: K, ...params: CliArgs<K>): MessageRef {
  return { code: 'cli', key, params: (params[0] ?? {}) as Record<string, unknown> };
}
export type EditorKey = keyof typeof EDITOR;
type EditorParams<K extends EditorKey> = Parameters<(typeof EDITOR)[K]['en']>[0];
/** The parameters of an editor sentence: none, or its one parameter object. */
export type EditorArgs<K extends EditorKey> = [keyof EditorParams<K>] extends [never] ? [] : [EditorParams<K>];
/** A sentence of the web editor (messages/editor.ts). */
export function editorMessage<K extends EditorKey>(key: K, ...params: EditorArgs<K>): MessageRef {
  return { code: 'editor', key, params: (params[0] ?? {}) as Record<string, unknown> };
}
export type DiffKey = keyof typeof DIFF;
type DiffParams<K extends DiffKey> = Parameters<(typeof DIFF)[K]['en']>[0];
/** The parameters of a sentence of the semantic diff: none, or its one parameter object. */
export type DiffArgs<K extends DiffKey> = [keyof DiffParams<K>] extends [never] ? [] : [DiffParams<K>];
/** A sentence of the semantic diff and its impact (messages/diff.ts). */
export function diffMessage<K extends DiffKey>(key: K, ...params: DiffArgs<K>): MessageRef {
  return { code: 'diff', key, params: (params[0] ?? {}) as Record<string, unknown> };
}
export type CommonKey = keyof typeof SHARED;
/** A sentence shared by several codes (a hint, a value refused); its code is the issue's. */
export function commonMessage<K extends CommonKey>(key: K, ...params: [keyof Parameters<(typeof SHARED)[K]['en']>[0]] extends [never] ? [] : [Parameters<(typeof SHARED)[K]['en']>[0]]): MessageRef {
  return { code: '', key, params: (params[0] ?? {}) as Record<string, unknown> };
}

/** Keywords as written in English: for text that quotes no source file. */
export const ENGLISH_KEYWORDS: Voice = { kw: (k) => k };

/** The sentence in the language chosen; throws on a reference no catalogue entry has (a bug, not bad input). */
export function render(ref: MessageRef, lang: Lang, voice: Voice = ENGLISH_KEYWORDS): string {
  const texts: Texts<unknown> | undefined = ref.code === ''
    ? (SHARED as Record<string, Texts<unknown>>)[ref.key]
    : ref.code === 'cli' ? (CLI as Record<string, Texts<unknown>>)[ref.key]
      : ref.code === 'editor' ? (EDITOR as Record<string, Texts<unknown>>)[ref.key]
        : ref.code === 'diff' ? (DIFF as Record<string, Texts<unknown>>)[ref.key] : CODES[ref.code]?.texts[ref.key];
  if (texts === undefined) throw new Error(`no message ${ref.code}.${ref.key}`);
  return texts[lang](ref.params, voice);
}

/** The title of a code in the language chosen (`KP2012` → 不是记录列表). */
export function codeTitle(code: string, lang: Lang): string {
  return CODES[code]?.title[lang] ?? code;
}

/** Where a code's page is, relative to the repository (docs/codes/KP2012.md). */
export function codePage(code: string): string {
  return `docs/codes/${code}.md`;
}

/** A problem with the user's input (a missing file, bad data): a located message; the CLI exits with 1. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(readonly text: MessageRef | string) {
    super(typeof text === 'string' ? text : render(text, 'en'));
  }
}
