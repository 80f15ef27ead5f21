// Sentences that belong to no one code: hints several codes give.
import { q, say, zq } from './catalogue.js';

export const COMMON = {
  didYouMean: say((p: { name: string }) => `是不是${zq(p.name)}？`, (p) => `did you mean ${q(p.name)}?`),
} as const;
