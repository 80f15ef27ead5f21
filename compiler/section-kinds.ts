// `section NAME for 城区局, 县局`: one section for several kinds. Each further kind gets its own copy of the
// section (indicators, lets and expressions cloned, spans kept), so names bind, types check and nodes lower per
// kind (`城区局.收入板块`, `县局.收入板块`) and every ranking stays within a kind. The copies share the source's
// names, so they are declared without the duplicate-name check.
import type { Name, SectionDecl } from '../dsl/ast.js';
import type { Diagnostic } from '../dsl/diagnostics.js';

const copies = new WeakSet<SectionDecl>();

/** The section, then one copy per kind after its first (`for A, B, C` → for A; for B; for C). */
export function sectionPerKind(section: SectionDecl): SectionDecl[] {
  const first = section.entity?.text;
  // A kind written twice is reported by resolve-names (KP1001) and given one copy.
  const more = (section.moreEntities ?? []).filter((k, i, all) => k.text !== first && all.findIndex((o) => o.text === k.text) === i);
  if (more.length === 0) return [section];
  return [section, ...more.map((entity) => {
    const { moreEntities: _, ...clone } = structuredClone(section);
    const copy: SectionDecl = { ...clone, entity };
    copies.add(copy);
    return copy;
  })];
}

/** The kinds written more than once in a section's `for` (each at its repetition). */
export function repeatedKinds(section: SectionDecl): Name[] {
  const all = section.entity ? [section.entity, ...(section.moreEntities ?? [])] : [];
  return all.filter((k, i) => all.findIndex((o) => o.text === k.text) < i);
}

/** Whether a section is the copy of a section written for several kinds (its names are declared by the first). */
export function isKindCopy(section: SectionDecl): boolean {
  return copies.has(section);
}

/** A section's copies are checked like the section, so the same finding at the same place is said once. */
export function withoutRepeats(found: readonly Diagnostic[], said: readonly Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => `${d.code}|${d.span.file}|${d.span.start}|${d.span.end}|${d.message}`;
  const seen = new Set(said.map(key));
  return found.filter((d) => !seen.has(key(d)) && (seen.add(key(d)), true));
}
