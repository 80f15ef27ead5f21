// Sentences that belong to no one code: hints several codes give.
import { q, say, zq } from './catalogue.js';

export const COMMON = {
  // `tied`: another name was as close (the hint names the first; `check --fix` leaves the choice to the author).
  didYouMean: say((p: { name: string; tied?: boolean }) => `是不是${zq(p.name)}？`, (p) => `did you mean ${q(p.name)}?`),
  // Titles of quick fixes (dsl/diagnostics.ts).
  replaceWith: say((p: { text: string }) => `改为${zq(p.text)}`, (p) => `change to ${q(p.text)}`),
  insertText: say((p: { text: string }) => `补上${zq(p.text)}`, (p) => `add ${q(p.text)}`),
} as const;
