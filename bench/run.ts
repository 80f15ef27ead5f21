// `npm run bench`: compile times, evaluation throughput by size (each size in its own process, so peak
// memory is that size's), json-rules-engine and the hand-written baselines side by side, and the editor
// path. Prints a table and writes bench/results.json. `--quick` runs small sizes only.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '../compiler/index.js';
import { evaluate } from '../runtime/evaluate.js';
import { compileGraph, generatedPolicy, measureBaselines, measureColumnar, measureJsonPath, measureJsonRulesEngine, policySources, timeMs } from './measure.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const POLICIES = ['tax-provincial-2021', 'tax-provincial-2022', 'county-individual-2021'];

async function child(policy: string, units: number, runs: number): Promise<void> {
  const graph = compileGraph(policySources(path.join(root, 'policies', policy)));
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const r = await measureColumnar(graph, units, runs);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  process.stdout.write(JSON.stringify({ ...r, peakRss: peak }));
}

function inChild(policy: string, units: number, runs: number) {
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--max-old-space-size=4096', fileURLToPath(import.meta.url), '--child', policy, String(units), String(runs)], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out) as { units: number; ms: number; unitsPerSecond: number; peakRss: number; memory: NodeJS.MemoryUsage };
}

const fmt = (x: number, d = 1) => x.toLocaleString('en-US', { maximumFractionDigits: d });
const MiB = (b: number) => `${fmt(b / 2 ** 20, 0)} MiB`;

async function main(): Promise<void> {
  const runs = quick ? 3 : 5;
  const rows: [string, string, string][] = [];
  const results: Record<string, unknown> = { quick, node: process.version, date: new Date().toISOString() };

  const compileMs: Record<string, number> = {};
  for (const p of POLICIES) {
    const src = policySources(path.join(root, 'policies', p));
    compileMs[p] = await timeMs(runs, () => compile(src));
    rows.push([`compile ${p}`, `${fmt(compileMs[p]!)} ms`, '']);
  }
  const big = generatedPolicy(1000);
  compileMs['generated-1000'] = await timeMs(runs, () => compile([big]));
  rows.push(['compile generated 1,000 indicators', `${fmt(compileMs['generated-1000']!)} ms`, 'target < 200 ms']);
  results.compileMs = compileMs;

  const tax = compileGraph(policySources(path.join(root, 'policies', 'tax-provincial-2021')));
  const sizes = quick ? [36, 10_000] : [36, 10_000, 100_000, 1_000_000];
  const scaling: Record<string, unknown>[] = [];
  let previous: { units: number; ms: number } | null = null;
  for (const n of sizes) {
    const r = inChild('tax-provincial-2021', n, n >= 1_000_000 ? 3 : runs);
    scaling.push({ policy: 'tax-provincial-2021', ...r });
    // Growth against the previous size: time × for size × (equal factors: linear).
    const growth = previous ? `, time ×${fmt(r.ms / previous.ms)} for size ×${fmt(r.units / previous.units)}` : '';
    previous = r;
    rows.push([`tax-provincial-2021, ${fmt(n, 0)} 省局 (+${fmt(Math.ceil(n / 10), 0)} 特派办)`, `${fmt(r.ms)} ms · ${fmt(r.unitsPerSecond, 0)} units/s`, `peak RSS ${MiB(r.peakRss)}${growth}${n === 1_000_000 ? '; target < 10 s, < 2 GiB' : ''}`]);
  }
  const staff = quick ? 10_000 : 800_000;
  const county = inChild('county-individual-2021', staff, 3);
  scaling.push({ policy: 'county-individual-2021', ...county });
  rows.push([`county-individual-2021, ${fmt(staff, 0)} 干部`, `${fmt(county.ms)} ms · ${fmt(county.unitsPerSecond, 0)} units/s`, `peak RSS ${MiB(county.peakRss)}`]);
  results.scaling = scaling;

  const jreUnits = quick ? 300 : 3000;
  const jre = await measureJsonRulesEngine(tax, jreUnits, quick ? 1 : 3);
  rows.push([`json-rules-engine, ${jre.rules} exported rules, ${fmt(jreUnits, 0)} units`, `${fmt(jre.unitsPerSecond, 0)} units/s`, '']);
  const ref = await measureJsonPath(tax, quick ? 1000 : 10_000, 3, false);
  const refK = await measureJsonPath(tax, quick ? 1000 : 10_000, 3, true);
  rows.push([`reference evaluator, JSON data, ${fmt(ref.units, 0)} units`, `${fmt(ref.unitsPerSecond, 0)} units/s`, '']);
  rows.push([`kernels behind the same seam, JSON data`, `${fmt(refK.unitsPerSecond, 0)} units/s`, '']);
  const best = scaling.filter((s) => s.policy === 'tax-provincial-2021').reduce((m, s) => Math.max(m, s.unitsPerSecond as number), 0);
  rows.push(['kaoping (columnar, best size) ÷ json-rules-engine', `${fmt(best / jre.unitsPerSecond, 0)}×`, 'target ≥ 200×']);

  const base = await measureBaselines(tax, quick ? 10_000 : 100_000, runs);
  rows.push([`hand-written columnar, 38 per-unit indicators`, `${fmt(base.columnar.unitsPerSecond, 0)} units/s`, '']);
  rows.push([`hand-written object per unit`, `${fmt(base.objects.unitsPerSecond, 0)} units/s`, '']);
  rows.push([`kaoping kernels, the same 38 indicators`, `${fmt(base.indicators.unitsPerSecond, 0)} units/s`, `${fmt(base.columnar.unitsPerSecond / base.indicators.unitsPerSecond, 2)}× the hand-written time (target ≤ 1.5×)`]);
  rows.push([`kaoping, whole policy incl. loading, 特派办, ranks, tiers`, `${fmt(base.kernels.unitsPerSecond, 0)} units/s`, `${fmt(base.columnar.unitsPerSecond / base.kernels.unitsPerSecond, 2)}× the hand-written time`]);
  results.jsonRulesEngine = jre;
  results.jsonPath = { reference: ref, kernels: refK };
  results.baselines = base;

  const sample = path.join(root, 'policies', 'tax-provincial-2021', 'data', 'results.json');
  const { readFileSync } = await import('node:fs');
  const text = readFileSync(sample, 'utf8');
  const src = policySources(path.join(root, 'policies', 'tax-provincial-2021'));
  const editMs = await timeMs(runs, () => {
    const g = compile(src).graph!;
    return JSON.stringify(evaluate(g, text, { period: '2021' }).results);
  });
  rows.push(['editor path in Node: compile → evaluate → preview data', `${fmt(editMs)} ms`, 'target < 100 ms']);
  results.editorPathMs = editMs;
  if (!quick && existsSync('/usr/bin/chromium')) {
    try {
      const { measureEditorLatency } = await import('./editor-latency.js');
      const e = await measureEditorLatency();
      rows.push(['editor in Chromium: keystroke → preview (median)', `${fmt(e.medianMs)} ms`, `first preview ${fmt(e.firstPreviewMs, 0)} ms`]);
      results.editorChromium = e;
    } catch (e) {
      rows.push(['editor in Chromium', 'not measured', (e as Error).message.split('\n')[0]!.slice(0, 60)]);
    }
  }

  const w = Math.max(...rows.map((r) => r[0].length));
  const w2 = Math.max(...rows.map((r) => r[1].length));
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w)}  ${b.padStart(w2)}  ${c}`);
  writeFileSync(path.join(here, 'results.json'), JSON.stringify(results, null, 2) + '\n');
}

if (args[0] === '--child') await child(args[1]!, Number(args[2]), Number(args[3]));
else await main();
