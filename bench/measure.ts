// The measurements behind `npm run bench`, each a function of a size and a number of runs, returning
// medians. Sizes are parameters so the test suite can run every one of them on tiny inputs.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Engine } from 'json-rules-engine';
import { compile, type PolicySource } from '../compiler/index.js';
import { exportJsonRulesEngine, registerKaopingExtensions, type EngineLike } from '../export/json-rules-engine.js';
import { BACKENDS, evaluate, run } from '../runtime/evaluation/evaluate.js';
import type { RuleGraph } from '../graph/graph.js';
import { BASELINE_INDICATORS, prepareColumns, scoreColumns, scoreObject, unitObjects } from './baseline-tax-2021.js';
import { columnarToJson, generateColumnar } from './generate-data.js';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Median wall time in milliseconds of `runs` calls (after one warm-up call). */
export async function timeMs(runs: number, f: () => unknown): Promise<number> {
  await f();
  const xs: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    await f();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

export function policySources(dir: string): PolicySource[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.kp'))
    .sort()
    .map((f) => ({ path: path.join(dir, f), text: readFileSync(path.join(dir, f), 'utf8') }));
}

export function compileGraph(sources: PolicySource[]): RuleGraph {
  const r = compile(sources);
  if (!r.graph) throw new Error(r.diagnostics.map((d) => `${d.span.file} ${d.code} ${d.message}`).join('\n'));
  return r.graph;
}

/** A policy of `indicators` indicators in sections of 20 (each section 100 points), over 10 inputs. */
export function generatedPolicy(indicators: number): PolicySource {
  const lines = ['policy "generated" version "1" { precision 2 }', 'entity 单位', 'record 发现 { 类别: enum(甲, 乙, 丙) }', 'input 单位 {'];
  for (let k = 0; k < 10; k++) lines.push(`  率${k}: percent`);
  lines.push('  发现: [发现]', '}');
  const sections = Math.ceil(indicators / 20);
  for (let s = 0; s < sections; s++) {
    const count = Math.min(20, indicators - s * 20);
    lines.push(`section 板块${s} points ${count * 5} {`);
    for (let k = 0; k < count; k++) {
      const id = s * 20 + k;
      const x = `率${id % 10}`;
      const rule = [
        `score = interpolate(${x}, 60% -> 0分, 100% -> 5分)`,
        `score = band ${x} { >= 95%: 5分, >= 85%: 3分, else: 0分 }`,
        `score = 5分 - 0.5分 * steps(100% - ${x}, 1%, whole)`,
        `deduct 0.5分 per 发现 where 类别 == 甲 cap 3分`,
      ][id % 4];
      lines.push(`  indicator 指标${id} points 5 {`, `    ${rule}`, '  }');
    }
    lines.push('}');
  }
  return { path: 'generated.kp', text: lines.join('\n') + '\n' };
}

export interface Throughput {
  units: number;
  ms: number;
  unitsPerSecond: number;
}

const throughput = (units: number, ms: number): Throughput => ({ units, ms, unitsPerSecond: units / (ms / 1000) });

/** Kernels on a columnar dataset: evaluate, rank and tier every unit. Units counted are all units of all kinds. */
/** The process's peak resident memory so far, in bytes (the kernel's count, so a synchronous run is not missed). */
export const peakRss = () => process.resourceUsage().maxRSS * 1024;

export async function measureColumnar(graph: RuleGraph, units: number, runs: number, seed = 1): Promise<Throughput & { memory: NodeJS.MemoryUsage; peakRss: number }> {
  const data = generateColumnar(graph, units, seed);
  const total = Object.values(data.kinds).reduce((s, k) => s + k.ids.length, 0);
  let failed: string | null = null;
  const evaluateAll = () => {
    const r = run(graph, data, { backend: 'kernels' });
    if (!r.state) failed = r.issues[0]?.message ?? 'no result';
  };
  // The peak of the data and one evaluation: the generator's garbage is collected first (when the process
  // allows it), and the timed runs come after, as each overlaps the garbage of the one before.
  (globalThis as { gc?: () => void }).gc?.();
  evaluateAll();
  const peak = peakRss();
  const ms = await timeMs(runs, evaluateAll);
  if (failed) throw new Error(failed);
  return { ...throughput(total, ms), memory: process.memoryUsage(), peakRss: peak };
}

/** The reference evaluator (and the kernels behind the same seam) on the JSON form. */
export async function measureJsonPath(graph: RuleGraph, units: number, runs: number, withKernels: boolean): Promise<Throughput> {
  const data = generateColumnar(graph, units);
  const json = columnarToJson(graph, data);
  const opts = { backend: withKernels ? ('kernels' as const) : ('reference' as const) };
  const ms = await timeMs(runs, () => evaluate(graph, json, opts));
  return throughput(json.units.length, ms);
}

/** json-rules-engine running the exported per-unit rules, one `engine.run` per unit (all units of the kind). */
export async function measureJsonRulesEngine(graph: RuleGraph, units: number, runs: number): Promise<Throughput & { rules: number }> {
  const exported = exportJsonRulesEngine(graph);
  const json = columnarToJson(graph, generateColumnar(graph, units));
  // The kind with the most rules; the engine resolves every rule's score for every fact set, so it gets
  // only that kind's rules and units.
  const count = (k: string) => exported.rules.filter((r) => r.event.params.kind === k).length;
  const kind = graph.kinds.map((k) => k.name).sort((a, b) => count(b) - count(a))[0]!;
  const rules = exported.rules.filter((r) => r.event.params.kind === kind);
  const engine = new Engine(rules as never, exported.engineOptions);
  registerKaopingExtensions(engine as unknown as EngineLike);
  const facts = json.units.filter((u) => u.kind === kind).map((u) => ({ kind: u.kind, ...(u.inputs as object) }));
  const ms = await timeMs(runs, async () => {
    for (const f of facts) await engine.run(f);
  });
  return { ...throughput(facts.length, ms), rules: rules.length };
}

/** The hand-written baselines: 38 per-unit indicators of every 省局, columnar and object per unit. */
export async function measureBaselines(graph: RuleGraph, units: number, runs: number): Promise<{ columnar: Throughput; objects: Throughput; kernels: Throughput; indicators: Throughput }> {
  const data = generateColumnar(graph, units);
  const cols = prepareColumns(data);
  const out = BASELINE_INDICATORS.map(() => new Float64Array(cols.n));
  const columnar = throughput(cols.n, await timeMs(runs, () => scoreColumns(cols, out)));
  const objects = unitObjects(data);
  const one = new Float64Array(BASELINE_INDICATORS.length);
  const perObject = throughput(cols.n, await timeMs(runs, () => objects.forEach((u) => scoreObject(u, one))));
  // kaoping on the same data does the whole policy (all 45 indicators, 特派办, links, ranks and tiers).
  const kernelMs = await timeMs(runs, () => run(graph, data, { backend: 'kernels' }));
  // Like for like: the same 38 indicators, each node's kernel run again over the loaded state (fresh
  // output columns, as the baseline fills its own).
  const state = run(graph, data, { backend: 'kernels' }).state!;
  const wanted = new Set<string>(BASELINE_INDICATORS);
  const nodes = graph.nodes.filter((n) => n.role === 'indicator' && n.kind === '省局' && wanted.has(n.name));
  if (nodes.length !== BASELINE_INDICATORS.length) throw new Error(`the policy has ${nodes.length} of the baseline's ${BASELINE_INDICATORS.length} indicators`);
  const indicatorMs = await timeMs(runs, () => nodes.forEach((n) => BACKENDS.kernels.evaluateNode(state, n)));
  return { columnar, objects: perObject, kernels: throughput(cols.n, kernelMs), indicators: throughput(cols.n, indicatorMs) };
}
