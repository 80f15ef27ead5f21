// Generated code and loaded graphs. The fast backend compiles JavaScript with `new Function`: policy and data
// text must reach it only as data, never as source. A rule graph read from JSON is checked before use.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.js';
import { evaluate, GRAPH_FORMAT, loadGraph, type RuleGraph } from '../../runtime/index.js';
import { compileKernels } from '../../runtime/evaluation/kernels/kernels.js';
import { caseTally, repoRoot } from './cases.js';

const tally = caseTally('code-safety');

/** Text that would break out of a JavaScript string, template, line or script element if it reached source. */
const HOSTILE = ['"', "'", '`', '${globalThis.pwned=1}', '\u2028', '\u2029', '</script>', '\\', '*/'];
const hostileText = (i: number) => `甲${HOSTILE.join('')}${i}`;
/** The same text as a `.kp` string literal. */
const kpString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

describe('generated kernels', () => {
  const created: string[][] = [];
  const RealFunction = globalThis.Function;
  beforeEach(() => {
    created.length = 0;
    // Every source handed to the Function constructor passes through here.
    globalThis.Function = new Proxy(RealFunction, {
      construct(target, args: string[]) {
        created.push(args);
        return Reflect.construct(target, args);
      },
      apply(target, self, args: string[]) {
        created.push(args);
        return Reflect.apply(target, self, args);
      },
    });
  });
  afterEach(() => {
    globalThis.Function = RealFunction;
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
  });

  const source = (texts: string[]) => `policy ${kpString(texts[0]!)} version ${kpString(texts[1]!)} {
  evaluator ${kpString(texts[2]!)}
  precision 2
}
entity 局 ${kpString(texts[3]!)}
input 局 {
  事项: text ${kpString(texts[4]!)}
  完成率: percent
}
section S for 局 points 10 {
  indicator I points 6 {
    doc ${kpString(texts[5]!)}
    source ${kpString(texts[6]!)}
    score = if 事项 == ${kpString(texts[7]!)} then 6分 else band 完成率 { >= 95%: 5分, else: 1分 }
  }
  indicator J points 4 {
    score = if 事项 != ${kpString(texts[8]!)} then 2分 else 4分
  }
}
`;

  function check(texts: string[], dataTexts: string[]): void {
    const result = compile([{ path: 'hostile.kp', text: source(texts) }]);
    expect(result.diagnostics).toEqual([]);
    const graph = result.graph!;
    const kernels = compileKernels(graph);
    expect(kernels.byId.size).toBeGreaterThan(0);
    expect(created.length).toBe(kernels.byId.size);
    for (const args of created) {
      const code = args.join('\n');
      expect(code).toMatch(/^[\x09\x0a\x20-\x7e]*$/);
      for (const bad of ['"', "'", '`', '${', '\u2028', '\u2029', '</script', '\\', '甲']) expect(code).not.toContain(bad);
    }
    const data = {
      units: dataTexts.map((t, i) => ({ id: t, kind: '局', name: t, inputs: { 事项: i === 0 ? texts[7] : i === 1 ? texts[8] : t, 完成率: 0.5 + i / 10 } })),
    };
    const reference = evaluate(graph, data, { backend: 'reference' });
    expect(reference.issues).toEqual([]);
    expect(JSON.stringify(evaluate(graph, data, { backend: 'kernels' }))).toBe(JSON.stringify(reference));
    const byId = new Map(reference.results!.units.map((u) => [u.id, u]));
    expect(byId.get(dataTexts[0]!)!.indicators['I']!.score).toBe(6);
    expect(byId.get(dataTexts[1]!)!.indicators['J']!.score).toBe(4);
  }

  it('quotes, backticks, ${}, line separators and </script> in strings and data stay data', () => {
    check(HOSTILE.map((_, i) => hostileText(i)), [hostileText(20), hostileText(21), '</script><script>alert(1)</script>', '${1}', '\u2028x\n']);
  });

  it('any text in policy strings and data values stays data', () => {
    const count = tally('random text through the kernels');
    const text = fc.string({ unit: fc.oneof(fc.constantFrom(...HOSTILE, '甲', '乙'), fc.string({ unit: 'binary', maxLength: 2 })), minLength: 1, maxLength: 12 })
      .filter((s) => !/[\r\n]/.test(s) && s.trim() === s && s.length > 0);
    fc.assert(
      fc.property(fc.array(text, { minLength: 9, maxLength: 9 }), fc.uniqueArray(text, { minLength: 2, maxLength: 5 }), (texts, ids) => {
        count();
        created.length = 0;
        check(texts.map((t, i) => `${i}${t}`), ids.map((t, i) => `${i}${t}`));
      }),
      { numRuns: 60 },
    );
  });
});

describe('rule graphs loaded from JSON', () => {
  const graphText = readFileSync(path.join(repoRoot, 'test/golden/full-policy.graph.json'), 'utf8');
  const fresh = (): Record<string, unknown> & RuleGraph => JSON.parse(graphText);
  const rejected = (json: unknown) => {
    const loaded = loadGraph(json);
    expect(loaded.graph).toBeNull();
    expect(loaded.issues.length).toBeGreaterThan(0);
    for (const i of loaded.issues) expect(i.message).toMatch(/^规则图 /);
    return loaded.issues.map((i) => i.message);
  };

  it('the untouched graph loads', () => {
    const loaded = loadGraph(graphText);
    expect(loaded.issues).toEqual([]);
    expect(loaded.graph).not.toBeNull();
  });
  it('a wrong format number is refused by name', () => {
    const g = fresh();
    (g as { format: number }).format = GRAPH_FORMAT + 1;
    expect(rejected(g)).toEqual([`规则图 format：格式版本为 ${GRAPH_FORMAT + 1}，本运行时只读取格式 ${GRAPH_FORMAT}`]);
    expect(rejected({ ...fresh(), format: '1' })[0]).toContain('格式版本为 "1"');
  });
  it('a dangling node id is refused at its place', () => {
    const g = fresh();
    const i = g.nodes.findIndex((n) => n.role === 'indicator');
    (g.nodes[i] as { section: string }).section = '不存在';
    expect(rejected(g)).toEqual([expect.stringContaining(`nodes[${i}].section`)]);
  });
  it('a duplicated node id is refused', () => {
    const g = fresh();
    g.nodes.push(g.nodes[0]!);
    expect(rejected(g).join('\n')).toContain('重复');
  });
  it('wrong types are refused with their path', () => {
    const g = fresh();
    (g.policy as unknown as Record<string, unknown>).precision = '2';
    expect(rejected(g)[0]).toContain('policy.precision');
    expect(rejected({ ...fresh(), nodes: 'all' })[0]).toContain('nodes');
    expect(rejected(null)).toHaveLength(1);
    expect(rejected('{"format": ')[0]).toContain('不是有效的 JSON');
  });
  it('prototype keys are refused or kept as plain data, and pollute nothing', () => {
    const tampered = graphText
      .replace('"policy":', '"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}, "policy":')
      .replace('"nodes":', '"nodes_": [], "nodes":');
    const loaded = loadGraph(tampered);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (loaded.graph) expect(Object.getPrototypeOf(loaded.graph)).toBe(Object.prototype);
    const g = fresh();
    (g.nodes[0] as unknown as Record<string, unknown>).id = '__proto__';
    rejected(g);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('huge arrays are refused without exhausting memory or time', () => {
    const g = fresh();
    g.nodes = Array.from({ length: 200_000 }, () => ({ role: 'nothing' }) as never);
    const messages = rejected(g);
    expect(messages.length).toBeLessThanOrEqual(20);
  }, 60_000); // a second or two alone (a quadratic check would take hours); 18 s was seen on two busy cores
  it('an expression nested 100 000 deep is refused, not a stack overflow', () => {
    const g = fresh();
    const i = g.nodes.findIndex((n) => n.role === 'indicator' && (n as { base?: unknown }).base);
    const deep = '{"k":"neg","a":'.repeat(100_000) + '{"k":"num","v":1}' + '}'.repeat(100_000);
    const text = JSON.stringify({ ...g, nodes: g.nodes.map((n, j) => (j === i ? { ...n, base: '@@' } : n)) }).replace('"@@"', deep);
    rejected(text);
  });
});
