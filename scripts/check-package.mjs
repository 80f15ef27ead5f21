// The package as a user gets it: built and packed as `npm pack` does (its prepack builds dist/), the tarball installed into an empty folder
// (dependencies from npm's cache where it has them), and there, with plain Node and no TypeScript loader:
// `kaoping/compiler` compiles the bundled 2021 policy, `kaoping/runtime` evaluates its sample data to the results
// the installed `kaoping` command writes, the facade `kaoping` does the same, and `kaoping/runtime` bundles for
// the browser with no Node built-ins; the examples of docs/embedding.md print what the page shows. Prints the
// installed size of the production dependencies, and fails above the target of 30 MB.
// Run by .ci/run; by hand: `node scripts/check-package.mjs` (exit 1 on any difference).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
/** The target for the installed production dependencies (issue 18): what an embedding system installs besides kaoping. */
const MAX_PRODUCTION_BYTES = 30e6;
const work = mkdtempSync(path.join(os.tmpdir(), 'kaoping-package-'));
const app = path.join(work, 'app');
const started = Date.now();
const step = (what) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${what}`);
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

try {
  step('npm run build (what prepack runs), then npm pack');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
  const packed = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], repo))[0];
  const tarball = path.join(work, packed.filename);
  step(`${packed.filename}: ${mb(packed.size)} packed, ${mb(packed.unpackedSize)} unpacked, ${packed.entryCount} files`);

  step('npm install of the tarball into an empty folder');
  run('mkdir', ['-p', app]);
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'embedder', private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--omit=dev', tarball], app);
  const modules = path.join(app, 'node_modules');
  const total = du(modules);
  const own = du(path.join(modules, 'kaoping'));
  const production = productionBytes(path.join(modules, 'kaoping'));
  step(`installed: ${mb(total)} in node_modules — kaoping ${mb(own)}, its production dependencies ${mb(production)} (optional database engines not counted)`);
  if (production > MAX_PRODUCTION_BYTES) throw new Error(`the production dependencies take ${mb(production)}, over the target of ${mb(MAX_PRODUCTION_BYTES)}`);
  const forbidden = ['tsx', 'vite', 'monaco-editor', 'lit', 'chart.js', 'typescript', 'esbuild'].filter((p) => exists(path.join(modules, p)));
  if (forbidden.length > 0) throw new Error(`development packages were installed: ${forbidden.join(', ')}`);

  step('plain Node: kaoping/compiler and kaoping/runtime against the installed kaoping command');
  const policy = path.join(modules, 'kaoping', 'policies', 'tax-provincial-2021');
  const data = path.join(policy, 'data', 'results.json');
  run(path.join(modules, '.bin', 'kaoping'), ['eval', policy, '--data', data, '--period', '2021', '--out', path.join(app, 'cli.json')], app);
  writeFileSync(
    path.join(app, 'embed.mjs'),
    `import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { compile as compileStages } from 'kaoping/compiler';
import { evaluate as evaluateGraph, loadGraph } from 'kaoping/runtime';
import { compile, evaluate, explain, diff } from 'kaoping';

const policy = ${JSON.stringify(policy)};
const sources = readdirSync(policy).filter((f) => f.endsWith('.kp')).sort()
  .map((f) => ({ path: f, text: readFileSync(path.join(policy, f), 'utf8') }));
const data = readFileSync(${JSON.stringify(data)}, 'utf8');
const expected = JSON.parse(readFileSync('cli.json', 'utf8'));

const { graph, diagnostics } = compileStages(sources);
assert.ok(graph, diagnostics.map((d) => d.message).join('\\n'));
const loaded = loadGraph(JSON.stringify(graph));
assert.deepEqual(loaded.issues, []);
const viaRuntime = evaluateGraph(loaded.graph, data, { period: '2021' });
assert.deepEqual(JSON.parse(JSON.stringify(viaRuntime.results)), expected, 'kaoping/runtime differs from the CLI');

const facade = compile(sources);
const viaFacade = evaluate(facade.graph, data, { period: '2021' });
assert.deepEqual(JSON.parse(JSON.stringify(viaFacade.results)), expected, 'kaoping differs from the CLI');
const first = viaFacade.results.units[0];
assert.ok(explain(facade.graph, data, first.id, { period: '2021' }).trace);
assert.deepEqual(diff(facade.graph, facade.graph, data, { period: '2021' }).diff.changes, []);
console.log(\`\${viaFacade.results.units.length} units: the same results as the CLI\`);
`,
  );
  console.log(run('node', ['embed.mjs'], app).trim());

  step('the examples of docs/embedding.md, as written, against the installed package');
  run(path.join(modules, '.bin', 'kaoping'), ['build', 'node_modules/kaoping/policies/tax-provincial-2021', '-o', 'graph.json'], app);
  const doc = readFileSync(path.join(repo, 'docs', 'embedding.md'), 'utf8');
  const examples = [...doc.matchAll(/```js\n([\s\S]*?)```\s*\nprints\s*\n\s*```text\n([\s\S]*?)```/g)];
  if (examples.length === 0) throw new Error('no examples found in docs/embedding.md');
  examples.forEach(([, code, prints], i) => {
    writeFileSync(path.join(app, `example-${i + 1}.mjs`), code);
    const printed = run('node', [`example-${i + 1}.mjs`], app);
    if (printed !== prints) throw new Error(`docs/embedding.md example ${i + 1} printed:\n${printed}\ninstead of:\n${prints}`);
  });
  step(`${examples.length} examples print what the page shows`);

  step('browser bundle of kaoping/runtime (no Node built-ins)');
  writeFileSync(path.join(app, 'browser.mjs'), "import * as runtime from 'kaoping/runtime';\nglobalThis.kaoping = runtime;\n");
  run(path.join(repo, 'node_modules', '.bin', 'esbuild'), ['browser.mjs', '--bundle', '--platform=browser', '--format=esm', '--minify', '--outfile=browser.js', '--log-level=error'], app);
  step(`browser bundle: ${mb(statSync(path.join(app, 'browser.js')).size)} minified`);
  step('package checked');
} catch (e) {
  console.error(`package check failed: ${e instanceof Error ? e.message : e}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

function exists(p) {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

/** Bytes of the files under `dir` (as `du --apparent-size` counts them), leaving out the folder `except`. */
function du(dir, except = null) {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const parent = entry.parentPath ?? entry.path;
    if (except !== null && (parent === except || parent.startsWith(except + path.sep))) continue;
    if (entry.isFile()) bytes += statSync(path.join(parent, entry.name)).size;
  }
  return bytes;
}

/**
 * Bytes of the packages kaoping needs at run time, as installed: its `dependencies` and theirs, found as Node finds
 * them (nearest node_modules first), each package's folder counted without its own node_modules. The optional
 * dependencies (the database engines, loaded only when asked for) are not followed.
 */
function productionBytes(own) {
  const seen = new Set();
  const visit = (dir) => {
    const deps = Object.keys(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).dependencies ?? {});
    for (const name of deps) {
      const found = resolvePackage(dir, name);
      if (found === null || seen.has(found)) continue;
      seen.add(found);
      visit(found);
    }
  };
  visit(own);
  let bytes = 0;
  for (const dir of seen) bytes += du(dir, path.join(dir, 'node_modules'));
  return bytes;
}

/** The folder of package `name` as required from `from`: its node_modules, then each parent's. */
function resolvePackage(from, name) {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (exists(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

function mb(bytes) {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
