// `npm run bench`: compile times, evaluation throughput by size (each size in its own process, so peak
// memory is that size's), streamed CSV input, json-rules-engine and the hand-written baselines side by side,
// the editor path, and the loopback load test of `kaoping serve`. Prints a table and writes bench/results.json. `--quick` runs small sizes only.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '../compiler/index.js';
import { evaluate, run } from '../runtime/evaluation/evaluate.js';
import { readStreamed } from '../cli/stream-eval.js';
import { csvTables } from './csv-tables.js';
import { measureStartUp } from './start-up.js';
import { measureServeLoad } from './serve-load.js';
import { cpuMs, duckdbEngineRun, duckdbFloorRun, type EngineRun } from './sql-engines.js';
import { generateColumnar } from './generate-data.js';
import { compileGraph, generatedPolicy, peakRss, measureBaselines, measureColumnar, measureJsonPath, measureJsonRulesEngine, policySources, timeMs } from './measure.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const POLICIES = ['tax-provincial-2021', 'tax-provincial-2022', 'county-individual-2021'];

async function child(policy: string, units: number, runs: number): Promise<void> {
  const graph = compileGraph(policySources(path.join(root, 'policies', policy)));
  process.stdout.write(JSON.stringify(await measureColumnar(graph, units, runs)));
}

function runChild(args: string[]): string {
  const flags = ['--import', 'tsx', '--max-old-space-size=4096', '--expose-gc'];
  return execFileSync(process.execPath, [...flags, fileURLToPath(import.meta.url), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
}

function inChild(policy: string, units: number, runs: number) {
  return JSON.parse(runChild(['--child', policy, String(units), String(runs)])) as { units: number; ms: number; unitsPerSecond: number; peakRss: number; memory: NodeJS.MemoryUsage };
}

/** Generated data of tax-provincial-2021 written as the folder of CSV files a producer would hand over. */
function writeCsvFolder(dir: string, units: number): void {
  const graph = compileGraph(policySources(path.join(root, 'policies', 'tax-provincial-2021')));
  for (const piece of csvTables(graph, generateColumnar(graph, units, 1))) appendFileSync(path.join(dir, piece.file), piece.text);
}

/** Reading the folder streamed into columns, then evaluating it, in a process of its own (for its peak memory). */
async function csvChild(dir: string): Promise<void> {
  const graph = compileGraph(policySources(path.join(root, 'policies', 'tax-provincial-2021')));
  const files = readdirSync(dir).sort().map((f) => path.join(dir, f));
  const cpu = cpuMs();
  const started = performance.now();
  const streamed = await readStreamed(graph, files, null);
  const read = performance.now();
  const e = run(graph, streamed.data!, { backend: 'kernels' });
  if (!e.state) throw new Error(e.issues[0]?.message ?? 'no result');
  const units = [...e.state.kinds.values()].reduce((n, k) => n + k.ids.length, 0);
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  process.stdout.write(JSON.stringify({ units, bytes, readMs: read - started, evalMs: performance.now() - read, cpuMs: cpuMs() - cpu, peakRss: peakRss() }));
}

/** The DuckDB engine end to end, or the DuckDB floor, on the folder, in a process of its own. */
async function engineChild(which: string, dir: string): Promise<void> {
  const graph = compileGraph(policySources(path.join(root, 'policies', 'tax-provincial-2021')));
  const r = which === 'engine' ? await duckdbEngineRun(graph, dir) : await duckdbFloorRun(graph, dir);
  process.stdout.write(JSON.stringify(r));
}

interface StreamRun {
  units: number;
  bytes: number;
  readMs: number;
  evalMs: number;
  cpuMs: number;
  peakRss: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

/** The median of each field over runs (peak memory: the largest). */
function medianRun<T extends object>(runs: T[]): T {
  const rows = runs as unknown as Record<string, number>[];
  const out: Record<string, number> = {};
  for (const k of Object.keys(rows[0]!)) out[k] = k === 'peakRss' ? Math.max(...rows.map((r) => r[k]!)) : median(rows.map((r) => r[k]!));
  return out as unknown as T;
}

/**
 * Streamed CSV at `units` 省局, and on the same files the DuckDB engine and the DuckDB floor: `runs` rounds,
 * the three alternating within each round (so that a busy spell of the machine falls on all three), medians.
 */
function measureCsv(units: number, runs: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-bench-csv-'));
  try {
    runChild(['--write-csv', dir, String(units)]);
    const stream: StreamRun[] = [];
    const duckdb: EngineRun[] = [];
    const floor: EngineRun[] = [];
    for (let k = 0; k < runs; k++) {
      stream.push(JSON.parse(runChild(['--child-csv', dir])) as StreamRun);
      duckdb.push(JSON.parse(runChild(['--child-engine', 'engine', dir])) as EngineRun);
      floor.push(JSON.parse(runChild(['--child-engine', 'floor', dir])) as EngineRun);
    }
    return { ...medianRun(stream), runs, duckdb: medianRun(duckdb), floor: medianRun(floor) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (x: number, d = 1) => x.toLocaleString('en-US', { maximumFractionDigits: d });
const MiB = (b: number) => `${fmt(b / 2 ** 20, 0)} MiB`;

/** The streamed CSV, the DuckDB engine and the DuckDB floor at the sizes given, side by side (1M: one round). */
function csvRows(sizes: number[], runs: number, rows: [string, string, string][], results: Record<string, unknown>): void {
  const csv: Record<string, unknown>[] = [];
  const s = (ms: number) => `${fmt(ms / 1000)} s`;
  for (const n of sizes) {
    const r = measureCsv(n, n >= 1_000_000 ? 1 : runs);
    csv.push(r);
    const d = r.duckdb;
    const f = r.floor;
    const each = r.runs > 1 ? `median of ${r.runs}` : 'one run';
    rows.push([`streamed CSV, ${fmt(n, 0)} 省局 (${MiB(r.bytes)}): read + evaluate`, `${s(r.readMs + r.evalMs)} (cpu ${s(r.cpuMs)})`, `read ${s(r.readMs)}, evaluate ${s(r.evalMs)}; peak RSS ${MiB(r.peakRss)}, ${each}`]);
    rows.push([`  --engine duckdb, same files: load + evaluate`, `${s(d.loadMs + d.evalMs)} (cpu ${s(d.cpuMs)})`, `load ${s(d.loadMs)}, evaluate ${s(d.evalMs)}; peak RSS ${MiB(d.peakRss)}; ${fmt((r.readMs + r.evalMs) / (d.loadMs + d.evalMs))}× faster than the stream (cpu ${fmt(r.cpuMs / d.cpuMs)}×), target ≥ 4×`]);
    rows.push([`  DuckDB floor: read, aggregate per unit`, `${s(f.loadMs)} (cpu ${s(f.cpuMs)})`, `peak RSS ${MiB(f.peakRss)}; the engine at ${fmt((d.loadMs + d.evalMs) / f.loadMs)}× the floor (cpu ${fmt(d.cpuMs / f.cpuMs)}×), target ≤ 3×`]);
  }
  results.streamedCsv = csv;
}

function printRows(rows: [string, string, string][]): void {
  const w = Math.max(...rows.map((r) => r[0].length));
  const w2 = Math.max(...rows.map((r) => r[1].length));
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w)}  ${b.padStart(w2)}  ${c}`);
}

async function main(): Promise<void> {
  const runs = quick ? 3 : 5;
  const rows: [string, string, string][] = [];
  const results: Record<string, unknown> = { quick, node: process.version, date: new Date().toISOString() };
  if (args.includes('--csv-only')) {
    // `npm run bench -- --csv-only N [--runs R]`: only the CSV engines at N 省局.
    const csvRuns = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 3;
    csvRows([Number(args[args.indexOf('--csv-only') + 1])], csvRuns, rows, results);
    printRows(rows);
    return;
  }

  const startUp = measureStartUp(root, quick ? 3 : 10);
  const { medianMs: s } = startUp;
  rows.push([`node -e 0 (median of ${startUp.runs})`, `${fmt(s.node, 0)} ms`, 'what every Node program pays']);
  rows.push(['kaoping --help', `${fmt(s.help, 0)} ms`, `${fmt(s.help / s.node, 1)}× node -e 0; target < 300 ms`]);
  rows.push(['kaoping eval, the default evaluation (2021, 54 units)', `${fmt(s.evalDefault, 0)} ms`, `${fmt(s.evalDefault / s.node, 1)}× node -e 0`]);
  rows.push(['npm run main (the same, through npm)', `${fmt(s.npmRunMain, 0)} ms`, 'target < 800 ms']);
  results.startUp = startUp;

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

  csvRows(quick ? [10_000] : [100_000, 1_000_000], quick ? 1 : 3, rows, results);

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
  // As an embedding system calls it: the graph loaded once, the sample's JSON text evaluated whole (the year
  // from its quarters), each backend; median of 50 after a warm-up.
  const graph2021 = compile(src).graph!;
  const sampleMs: Record<string, number> = {};
  for (const backend of ['reference', 'kernels'] as const) {
    sampleMs[backend] = await timeMs(50, () => evaluate(graph2021, text, { period: '2021', backend }));
  }
  rows.push(['2021 sample (54 units) from JSON in-process: reference / kernels (the default)', `${fmt(sampleMs.reference!)} / ${fmt(sampleMs.kernels!)} ms`, 'target < 10 ms (default)']);
  results.sampleInProcessMs = sampleMs;
  const load = await measureServeLoad(8, quick ? 5 : 30);
  rows.push([
    `kaoping serve on loopback: ${load.clients} clients, ${fmt(load.seconds, 0)} s, 2021 sample`,
    `${fmt(load.evaluationsPerSecond)} evaluations/s`,
    `p50 ${fmt(load.p50Ms, 0)} ms, p99 ${fmt(load.p99Ms, 0)} ms, ${load.errors} errors, ${load.lost} lost; one evaluation in-process ${fmt(load.inProcessMs)} ms; target ≥ 100/s, p99 < 250 ms`,
  ]);
  results.serveLoad = load;
  if (!quick) {
    try {
      const { measureEditorLatency } = await import('./editor-latency.js');
      const e = await measureEditorLatency();
      rows.push(['editor in Chromium: keystroke → preview (median)', `${fmt(e.medianMs)} ms`, `first preview ${fmt(e.firstPreviewMs, 0)} ms`]);
      results.editorChromium = e;
    } catch (e) {
      rows.push(['editor in Chromium', 'not measured', (e as Error).message.split('\n')[0]!.slice(0, 60)]);
    }
  }

  printRows(rows);
  writeFileSync(path.join(here, 'results.json'), JSON.stringify(results, null, 2) + '\n');
}

if (args[0] === '--child') await child(args[1]!, Number(args[2]), Number(args[3]));
else if (args[0] === '--write-csv') writeCsvFolder(args[1]!, Number(args[2]));
else if (args[0] === '--child-csv') await csvChild(args[1]!);
else if (args[0] === '--child-engine') await engineChild(args[1]!, args[2]!);
else await main();
