// Hostile policy sources: random text, keyword soups, mutated bundled policies, pathological nesting and
// megabyte lines never make the parser, compiler or formatter throw; diagnostics stay inside their files; and
// formatting never changes what a policy means.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, type PolicySource } from '../../compiler/index.js';
import { formatSource } from '../../dsl/format.js';
import { KEYWORDS, MAX_NESTING_DEPTH, MAX_TREE_DEPTH, parse } from '../../dsl/index.js';
import type { RuleGraph } from '../../graph/graph.js';
import { bundledPolicies, caseTally, expectSpansInside } from './cases.js';

const tally = caseTally('fuzz');
const policies = bundledPolicies();

/** What a graph means: everything but where it came from (spans) and the rule text quoted in traces. */
function meaning(graph: RuleGraph | null): unknown {
  return JSON.parse(JSON.stringify(graph, (key, v: unknown) => (key === 'span' || /(^t|T)ext$/.test(key) ? undefined : v)));
}

/** Runs one source set through every entry point; returns the compile result. */
function survive(sources: PolicySource[]) {
  for (const s of sources) {
    const parsed = parse(s.path, s.text);
    expectSpansInside(parsed.diagnostics, [s]);
    const formatted = formatSource(s.path, s.text);
    expectSpansInside(formatted.diagnostics, [s]);
  }
  const result = compile(sources);
  expectSpansInside(result.diagnostics, sources);
  expect(result.diagnostics.filter((d) => d.code === 'KP9999')).toEqual([]);
  return result;
}

/** When every file formats, the formatted policy compiles to the same graph, spans and quoted texts aside. */
function expectFormatKeepsMeaning(sources: PolicySource[], graph: RuleGraph): void {
  const formatted = sources.map((s) => ({ path: s.path, text: formatSource(s.path, s.text).text }));
  if (formatted.some((s) => s.text === null)) return;
  const again = compile(formatted as PolicySource[]);
  expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(meaning(again.graph)).toEqual(meaning(graph));
}

const spellings = KEYWORDS.flatMap((k) => [k.english, k.chinese]);
const fragments = [
  ...spellings, '{', '}', '(', ')', '[', ']', ',', ':', '.', '->', '=', '==', '!=', '<', '>=', '+', '-', '*', '/',
  '"说明"', '"', '#注释', '\n', ' ', '\t', '10分', '0.5', '95%', '2021-02-30', '2021Q3', '6800万元', '省局', '收入', 'x', '_',
  '\u2028', '\u0000', '\uFEFF', '（', '，', '\\', '`', '${x}',
];

describe('policy sources nobody meant to write', () => {
  it('random text', () => {
    const count = tally('random text');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        count();
        survive([{ path: 'random.kp', text }]);
      }),
      { numRuns: 300 },
    );
  });

  it('token soups from the keyword table', () => {
    const count = tally('keyword soup');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 300 }), fc.constantFrom(' ', '', '\n'), (parts, glue) => {
        count();
        survive([{ path: 'soup.kp', text: parts.join(glue) }]);
      }),
      { numRuns: 300 },
    );
  });

  it('mutated bundled policies: located diagnostics, or a graph that formatting keeps', () => {
    const count = tally('mutated policy');
    const edit = fc.oneof(
      fc.record({ at: fc.nat(), remove: fc.integer({ min: 1, max: 40 }), insert: fc.constant('') }),
      fc.record({ at: fc.nat(), remove: fc.constant(0), insert: fc.constantFrom(...fragments) }),
      fc.record({ at: fc.nat(), remove: fc.integer({ min: 0, max: 3 }), insert: fc.string({ maxLength: 6 }) }),
    );
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.array(edit, { minLength: 1, maxLength: 4 }), (p, f, edits) => {
        count();
        const policy = policies[p % policies.length]!;
        const target = f % policy.sources.length;
        let text = policy.sources[target]!.text;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        }
        const sources = policy.sources.map((s, i) => (i === target ? { path: s.path, text } : s));
        const result = survive(sources);
        if (result.graph) expectFormatKeepsMeaning(sources, result.graph);
      }),
      { numRuns: 60 },
    );
  }, 300_000);

  it('formatting each bundled policy keeps its rule graph', () => {
    const count = tally('bundled policy formatted');
    for (const policy of policies) {
      count();
      const result = survive(policy.sources);
      expect(result.graph, policy.name).not.toBeNull();
      expectFormatKeepsMeaning(policy.sources, result.graph!);
    }
  }, 120_000);
});

/** A hang detector, not a performance test: one compile of one file taking this long means a super-linear path. */
const COMPILE_BOUND_MS = 2_000;
const LONG = 100_000;
/** Tokens of 100 000 characters: names (ASCII and CJK), numbers, strings (closed and not) and a comment. */
const longTokens = [
  'n'.repeat(LONG), '收'.repeat(LONG), '1'.repeat(LONG), `0.${'5'.repeat(LONG)}`, `"${'s'.repeat(LONG)}"`, `"${'s'.repeat(LONG)}`,
  `# ${'注'.repeat(LONG)}\n`, `${'x'.repeat(LONG)}.${'y'.repeat(LONG)}`,
];

describe('many mutated sources, each compiled within a time bound', () => {
  // Each file of every bundled policy compiled alone: its names from other files are unknown, which sends
  // every reference through the "did you mean" search, the path that once was quadratic in a name's length.
  const files = policies.flatMap((p) => p.sources);
  it('5 000 mutations, including 100 000-character names and literals, never throw or hang', () => {
    const count = tally('mutated file, timed');
    let slowest = { ms: 0, what: '' };
    const edit = fc.oneof(
      { weight: 4, arbitrary: fc.record({ at: fc.nat(), remove: fc.integer({ min: 1, max: 40 }), insert: fc.constant('') }) },
      { weight: 4, arbitrary: fc.record({ at: fc.nat(), remove: fc.constant(0), insert: fc.constantFrom(...fragments) }) },
      { weight: 4, arbitrary: fc.record({ at: fc.nat(), remove: fc.integer({ min: 0, max: 3 }), insert: fc.string({ maxLength: 6 }) }) },
      { weight: 1, arbitrary: fc.record({ at: fc.nat(), remove: fc.integer({ min: 0, max: 8 }), insert: fc.constantFrom(...longTokens) }) },
    );
    fc.assert(
      fc.property(fc.nat(), fc.array(edit, { minLength: 1, maxLength: 3 }), (f, edits) => {
        count();
        const file = files[f % files.length]!;
        let text = file.text;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        }
        const sources = [{ path: file.path, text }];
        const started = performance.now();
        const result = compile(sources);
        const ms = performance.now() - started;
        if (ms > slowest.ms) slowest = { ms, what: `${file.path}, ${text.length} characters` };
        expect(ms, `${file.path}: compile took ${Math.round(ms)} ms`).toBeLessThan(COMPILE_BOUND_MS);
        expectSpansInside(result.diagnostics, sources);
        expect(result.diagnostics.filter((d) => d.code === 'KP9999')).toEqual([]);
      }),
      { numRuns: 5_000 },
    );
    console.log(`[reliability] fuzz — slowest timed compile: ${Math.round(slowest.ms)} ms (${slowest.what})`);
  }, 120_000);
});

describe('pathological shapes', () => {
  const head = 'policy "p" version "1" {}\nentity 单位\ninput 单位 { x: number }\nsection S for 单位 points 10 {\n  indicator I points 10 {\n    score = ';
  const tail = '\n  }\n}\n';
  const deep: Record<string, string> = {
    '10k parentheses': '('.repeat(10_000) + '1分' + ')'.repeat(10_000),
    '10k if/else chain': 'if x > 1 then 1分 else '.repeat(10_000) + '0分',
    '10k prefix minus': '-'.repeat(10_000) + '1分',
    '10k not': 'if ' + 'not '.repeat(10_000) + 'x > 1 then 1分 else 0分',
    '10k brackets': '['.repeat(10_000) + ']'.repeat(10_000),
    '10k-operator chain': '0分' + ' + 0.001分'.repeat(10_000),
    '10k and-chain': 'if x > 1' + ' and x > 1'.repeat(10_000) + ' then 1分 else 0分',
    '10k unclosed braces': '{'.repeat(10_000),
  };
  for (const [name, expr] of Object.entries(deep)) {
    it(`${name}: refused with KP0006 at a place inside the file`, () => {
      const text = head + expr + tail;
      const result = survive([{ path: 'deep.kp', text }]);
      expect(result.graph).toBeNull();
      expect(result.diagnostics.map((d) => d.code)).toContain('KP0006');
      expect(formatSource('deep.kp', text).text).toBeNull();
    }, 60_000);
  }

  it('nesting exactly at the documented limits is accepted', () => {
    // The section and indicator braces are two of the bracket levels.
    const parens = MAX_NESTING_DEPTH - 2;
    const atBracketLimit = head + '('.repeat(parens) + '1分' + ')'.repeat(parens) + tail;
    expect(compile([{ path: 'a.kp', text: atBracketLimit }]).diagnostics).toEqual([]);
    const overBracketLimit = head + '('.repeat(parens + 1) + '1分' + ')'.repeat(parens + 1) + tail;
    expect(compile([{ path: 'a.kp', text: overBracketLimit }]).diagnostics.map((d) => d.code)).toEqual(['KP0006']);
    // A chain of n operators is n tree levels below the indicator's score, itself a few levels down.
    const chain = (n: number) => head + '0分' + ' + 0.001分'.repeat(n) + tail;
    const longest = MAX_TREE_DEPTH - 10;
    const ok = compile([{ path: 'a.kp', text: chain(longest) }]);
    expect(ok.diagnostics).toEqual([]);
    expect(compile([{ path: 'a.kp', text: chain(MAX_TREE_DEPTH) }]).diagnostics.map((d) => d.code)).toEqual(['KP0006']);
  });

  it('an unknown 100 000-character name next to a declared one of that length is reported at once', () => {
    // Both names past the suggestion cap: no edit distance of two 100 000-character names is ever computed.
    const declared = 'x'.repeat(100_000);
    const text = head.replace('x: number', `${declared}: number`) + `${declared.slice(1)}y + 1分` + tail;
    const started = performance.now();
    const result = survive([{ path: 'long-names.kp', text }]);
    expect(performance.now() - started).toBeLessThan(COMPILE_BOUND_MS);
    expect(result.diagnostics.map((d) => [d.code, d.help])).toContainEqual(['KP1002', undefined]);
  });

  const MB = 1 << 20;
  const long: Record<string, string> = {
    'comment': `# ${'长'.repeat(MB)}\n`,
    'string': `policy "${'长'.repeat(MB)}" version "1" {}\n`,
    'unclosed string': `policy "${'长'.repeat(MB)}\n`,
    'identifier': `entity ${'长'.repeat(MB)}\n`,
    'number': `policy "p" version "1" {}\nparam a = 0.${'1'.repeat(MB)}\n`,
    'unknown characters': '～'.repeat(MB),
    'one-line policy': `policy "p" version "1" {} ${'entity 单位 '.repeat(MB / 10)}`,
  };
  for (const [name, text] of Object.entries(long)) {
    it(`a 1 MB line (${name}) is read without throwing`, () => {
      expect(text.length).toBeGreaterThanOrEqual(MB);
      survive([{ path: 'long.kp', text }]);
    }, 180_000); // 61 s was seen on two busy cores
  }
});
