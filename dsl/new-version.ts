// A policy's next yearly version, as source edits: the `policy` header's version (and the year in its name),
// the `periods` declaration's period and parts. Edits are made at the positions of the syntax tree and the
// tokens, never by replacing text: a name, a string or a date that happens to contain the year is kept
// (and listed, so the author can review it). Node-free, so the editor can offer the same.
import type * as A from './ast.js';
import { positionAt, type Diagnostic } from './diagnostics.js';
import { quote } from './format.js';
import { parse } from './parse.js';
import { keywordOf, lexer } from './tokens.js';

export interface PolicyText {
  path: string;
  text: string;
}

/** One edit made, to report: where, what it was, what it became. */
export interface VersionEdit {
  path: string;
  line: number;
  what: 'version' | 'name' | 'period';
  before: string;
  after: string;
}

/** A place the old year is still written (a comment, a string, a name), for the author to review. */
export interface YearMention {
  path: string;
  line: number;
  text: string;
}

export type NewVersion =
  | { ok: true; sources: PolicyText[]; edits: VersionEdit[]; mentions: YearMention[]; oldVersion: string; oldYear: string }
  | { ok: false; reason: 'syntax'; diagnostics: Diagnostic[] }
  | { ok: false; reason: 'no-policy' | 'no-year' };

const YEAR = /(?<!\d)(?:19|20)\d{2}(?!\d)/;

/** The sources of the next version `version` of the policy in `sources` (a folder's `.kp` files). */
export function newVersion(sources: PolicyText[], version: string): NewVersion {
  const parsed = sources.map((s) => ({ source: s, ...parse(s.path, s.text) }));
  const errors = parsed.flatMap((p) => p.diagnostics.filter((d) => d.severity === 'error'));
  if (errors.length > 0) return { ok: false, reason: 'syntax', diagnostics: errors };
  const header = parsed.flatMap((p) => p.file.decls.filter((d): d is A.PolicyDecl => d.type === 'Policy'))[0];
  if (!header) return { ok: false, reason: 'no-policy' };
  const newYear = YEAR.exec(version)?.[0];
  const periods = parsed.flatMap((p) => p.file.decls.filter((d): d is A.PeriodsDecl => d.type === 'Periods'));
  // The year being left: the one the periods are declared for, else the one in the version.
  const oldYear = periods[0]?.period.text.slice(0, 4) ?? YEAR.exec(header.version)?.[0];
  if (!newYear || !oldYear) return { ok: false, reason: 'no-year' };

  const edits: VersionEdit[] = [];
  const mentions: YearMention[] = [];
  const out = parsed.map(({ source, file }) => {
    const replacements: Replacement[] = [];
    const report = (what: VersionEdit['what'], span: { start: number; end: number }, made: Replacement[]): void => {
      replacements.push(...made);
      const before = source.text.slice(span.start, span.end);
      const after = applyAt(before, made.map((r) => ({ ...r, start: r.start - span.start, end: r.end - span.start })));
      edits.push({ path: source.path, line: lineOf(source.text, span.start), what, before, after });
    };
    for (const d of file.decls) {
      if (d.type === 'Policy') {
        const [title, versionToken] = headerStrings(source.text, d);
        if (versionToken) report('version', versionToken, [{ ...versionToken, text: quote(version) }]);
        if (title && title.image.includes(oldYear)) report('name', title, [{ ...title, text: title.image.split(oldYear).join(newYear) }]);
      }
      if (d.type === 'Periods') {
        const made = [d.period, ...d.parts]
          .filter((p) => p.text.startsWith(oldYear))
          .map((p) => ({ start: p.span.start, end: p.span.end, text: newYear + p.text.slice(4) }));
        if (made.length > 0) report('period', d.span, made);
      }
    }
    const edited = replacements.map((r) => r.start);
    for (const m of yearMentions(source, file, oldYear)) if (!edited.includes(m.start)) mentions.push(m.mention);
    return { path: source.path, text: applyAt(source.text, replacements) };
  });
  return { ok: true, sources: out, edits, mentions, oldVersion: header.version, oldYear };
}

interface Replacement {
  start: number;
  end: number;
  text: string;
}

/** `text` with the (non-overlapping) replacements made. */
function applyAt(text: string, replacements: Replacement[]): string {
  let out = text;
  for (const r of [...replacements].sort((a, b) => b.start - a.start)) out = out.slice(0, r.start) + r.text + out.slice(r.end);
  return out;
}

/** The title and version string tokens of the `policy` header. */
function headerStrings(text: string, d: A.PolicyDecl): ({ start: number; end: number; image: string } | undefined)[] {
  const tokens = lexer.tokenize(text.slice(d.span.start, d.span.end)).tokens;
  const strings = tokens.filter((t) => t.tokenType.name === 'StringLiteral');
  const versionAt = tokens.findIndex((t) => keywordOf(t.tokenType)?.english === 'version');
  const at = (t: (typeof tokens)[number] | undefined) =>
    t && { start: d.span.start + t.startOffset, end: d.span.start + t.startOffset + t.image.length, image: t.image };
  return [at(strings[0]), at(tokens[versionAt + 1])];
}

/** Comments, strings and names that still mention the old year. */
function yearMentions(source: PolicyText, file: A.SourceFile, year: string): { start: number; mention: YearMention }[] {
  const found = [
    ...file.comments.map((c) => ({ start: c.span.start, text: c.text })),
    ...lexer.tokenize(source.text).tokens
      .filter((t) => ['StringLiteral', 'Identifier'].includes(t.tokenType.name))
      .map((t) => ({ start: t.startOffset, text: t.image })),
  ].filter((m) => m.text.includes(year));
  return found
    .sort((a, b) => a.start - b.start)
    .map((m) => ({ start: m.start, mention: { path: source.path, line: lineOf(source.text, m.start), text: m.text.trim() } }));
}

function lineOf(text: string, offset: number): number {
  return positionAt(text, offset).line;
}
