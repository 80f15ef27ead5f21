// Property: whatever the sources, compile returns (no throw, no hang), and every span lies inside its file.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, type CompileResult, type PolicySource } from '../../compiler/index.js';
import { goldenCases } from './golden-files.js';

const goldens = goldenCases().flatMap((c) => c.sources);

/** Every span in the result: diagnostics (and their notes), symbols, references, graph nodes. */
function spans(result: CompileResult): { file: string; start: number; end: number }[] {
  const all = result.diagnostics.flatMap((d) => [d.span, ...(d.related ?? []).map((r) => r.span)]);
  for (const s of result.symbols?.symbols ?? []) all.push(s.span, s.declSpan);
  for (const r of result.symbols?.references ?? []) all.push(r.span);
  for (const n of result.graph?.nodes ?? []) all.push(n.span);
  return all;
}

function expectWellFormed(sources: PolicySource[]): void {
  const result = compile(sources);
  const lengths = new Map(sources.map((s) => [s.path, s.text.length]));
  for (const span of spans(result)) {
    const length = lengths.get(span.file);
    expect(length, `span in unknown file ${span.file}`).toBeDefined();
    expect(span.start).toBeGreaterThanOrEqual(0);
    expect(span.end).toBeGreaterThanOrEqual(span.start);
    expect(span.end).toBeLessThanOrEqual(length!);
  }
  if (result.diagnostics.some((d) => d.severity === 'error')) expect(result.graph).toBeNull();
}

/** Tokens of a source, split where a mutation can do most damage: around names, numbers and punctuation. */
const tokenize = (text: string) => text.match(/\s+|[\p{L}_][\p{L}\p{N}_]*|\d+(?:\.\d+)?[%分元件天]?|./gsu) ?? [];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ unit: fc.constantFrom('{', '}', '(', ')', ',', ':', '.', '"', '#', '=', '-', '>', '%', '分', ' ', '\n', 'x', '省局', '0', 'if', 'score', 'band') }) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(text: string, mutations: Mutation[]): string {
  const tokens = tokenize(text);
  for (const m of mutations) {
    if (tokens.length === 0) break;
    const i = m.at % tokens.length;
    if (m.kind === 'delete') tokens.splice(i, 1);
    else if (m.kind === 'duplicate') tokens.splice(i, 0, tokens[i]!);
    else if (m.kind === 'swap') {
      const j = m.with % tokens.length;
      [tokens[i], tokens[j]] = [tokens[j]!, tokens[i]!];
    } else tokens.splice(i, 0, m.text);
  }
  return tokens.join('');
}

describe('compile on any input', () => {
  it('never throws on mutated golden sources, and keeps spans inside their files', () => {
    fc.assert(
      fc.property(fc.constantFrom(...goldens), fc.array(mutation, { minLength: 1, maxLength: 6 }), (source, mutations) => {
        expectWellFormed([{ path: source.path, text: mutate(source.text, mutations) }]);
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => expectWellFormed([{ path: 'random.kp', text }])),
      { numRuns: 150 },
    );
  });

  it('never throws when a policy is split over files in any order', () => {
    const full = goldens.find((s) => s.path === 'full-policy.kp')!;
    const lines = full.text.split('\n');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: lines.length - 1 }), fc.boolean(), (cut, reversed) => {
        const parts = [
          { path: 'a.kp', text: lines.slice(0, cut).join('\n') },
          { path: 'b.kp', text: lines.slice(cut).join('\n') },
        ];
        expectWellFormed(reversed ? parts.reverse() : parts);
      }),
      { numRuns: 40 },
    );
  });
});
