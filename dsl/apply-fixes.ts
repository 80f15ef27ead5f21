// Applies the unambiguous quick fixes of diagnostics to their sources (`kaoping check --fix`): one fix per
// diagnostic, only when it is the diagnostic's only fix, and never two fixes whose edits overlap (the first, in
// source order, wins; the other diagnostic stays to be fixed by hand or by a second run).
import type { Diagnostic, Fix, FixEdit } from './diagnostics.js';

export interface AppliedFix {
  diagnostic: Diagnostic;
  fix: Fix;
}

export interface FixOutcome {
  /** The new text of every file that changed. */
  texts: Map<string, string>;
  applied: AppliedFix[];
  /** Diagnostics with fixes that were not applied: ambiguous, several to choose from, or overlapping another. */
  left: Diagnostic[];
}

function overlaps(a: FixEdit, b: FixEdit): boolean {
  if (a.span.file !== b.span.file) return false;
  // Two insertions at one place would be applied in an order nobody chose: they overlap too.
  return a.span.start < b.span.end && b.span.start < a.span.end || a.span.start === b.span.start;
}

export function applyFixes(diagnostics: readonly Diagnostic[], textOf: (file: string) => string | undefined): FixOutcome {
  const applied: AppliedFix[] = [];
  const left: Diagnostic[] = [];
  const accepted: FixEdit[] = [];
  for (const d of diagnostics) {
    if (!d.fixes?.length) continue;
    const fix = d.fixes.length === 1 && d.fixes[0]!.unambiguous ? d.fixes[0]! : null;
    const fits = fix !== null && fix.edits.every((e) => {
      const text = textOf(e.span.file);
      return text !== undefined && e.span.start <= e.span.end && e.span.end <= text.length && !accepted.some((a) => overlaps(a, e));
    });
    if (!fix || !fits) {
      left.push(d);
      continue;
    }
    accepted.push(...fix.edits);
    applied.push({ diagnostic: d, fix });
  }
  const texts = new Map<string, string>();
  for (const file of new Set(accepted.map((e) => e.span.file))) {
    let text = textOf(file)!;
    const edits = accepted.filter((e) => e.span.file === file).sort((a, b) => b.span.start - a.span.start);
    for (const e of edits) text = text.slice(0, e.span.start) + e.text + text.slice(e.span.end);
    texts.set(file, text);
  }
  return { texts, applied, left };
}
