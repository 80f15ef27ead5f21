// Builds the `kaoping` command into dist/cli/: one esbuild bundle of cli/kaoping.ts with the sources and packages
// it imports (Node then loads a few files instead of hundreds: half the start-up of importing the packages from
// node_modules), split where a command loads its work lazily so that `--help` loads no compiler or runtime.
// Run by `npm run build`, and by cli/kaoping.mjs in a checkout whenever a source is newer than the last build.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const CLI_OUT = path.join(root, 'dist', 'cli');
export const CLI_ENTRY = path.join(CLI_OUT, 'kaoping.js');
/** The inputs of the last build, as esbuild listed them: what a checkout compares against. */
const META = path.join(CLI_OUT, 'meta.json');

/**
 * The SHA-256 of what a compiled graph depends on (the language, the compiler, the runtime's graph format, the
 * messages in its texts): the key of the compiled-graph cache (cli/graph-cache.ts) changes with any of them.
 */
function compilerId() {
  const hash = createHash('sha256');
  for (const dir of ['dsl', 'compiler', 'graph', 'runtime', 'messages'])
    for (const file of readdirSync(path.join(root, dir), { recursive: true }).map(String).sort())
      if (file.endsWith('.ts')) hash.update(`${dir}/${file}\0`).update(readFileSync(path.join(root, dir, file))).update('\0');
  return hash.digest('hex');
}

export async function buildCli() {
  const { build } = await import('esbuild');
  await rm(CLI_OUT, { recursive: true, force: true }); // chunks are named by content hash: old ones would pile up
  const result = await build({
    absWorkingDir: root,
    // The evaluation worker of `kaoping serve` is a file of its own, started on each thread of its pool.
    entryPoints: ['cli/kaoping.ts', 'cli/serve/evaluation-worker.ts'],
    outdir: CLI_OUT,
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // An HTTP server and its plugins, and the evaluation pool (tinypool), read their own files and start workers at run time: they stay imports of
    // node_modules (and must then be production dependencies). ExcelJS is bundled: imported dynamically by
    // reports/workbook.ts, it becomes a chunk of its own that only writing a workbook loads (one file loads in about
    // half the time of its hundreds in node_modules).
    // The SQL engines' drivers are optional dependencies with native parts, loaded only when an engine is asked for.
    external: ['fastify', '@fastify/*', 'pino', 'pino-*', 'thread-stream', 'tinypool', '@duckdb/*', 'pg', 'pg-*'],
    // CommonJS packages (commander) call require() for Node's modules; an ES module has none of its own.
    banner: { js: "import { createRequire as kaopingRequire } from 'node:module'; const require = kaopingRequire(import.meta.url);" },
    define: { KAOPING_COMPILER_ID: JSON.stringify(compilerId()) },
    metafile: true,
    logLevel: 'warning',
    legalComments: 'eof',
  });
  // The project's own sources; a change of package versions shows in package-lock.json.
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/'));
  await writeFile(META, JSON.stringify({ inputs }));
}

/** Whether dist/cli is missing or older than one of the sources it was built from (or the build script). */
export function cliIsStale() {
  let built;
  let inputs;
  try {
    built = statSync(META).mtimeMs;
    inputs = JSON.parse(readFileSync(META, 'utf8')).inputs;
  } catch {
    return true;
  }
  for (const input of [...inputs, 'scripts/build-cli.mjs', 'package-lock.json']) {
    try {
      if (statSync(path.join(root, input)).mtimeMs > built) return true;
    } catch {
      return true; // a source was moved or deleted
    }
  }
  return false;
}

const LOCK = path.join(root, 'dist', '.cli-build-lock');

/**
 * Rebuilds a stale dist/cli once however many commands start at the same time (tests run several): the
 * first takes a lock (a folder: creating it is atomic) and builds; the others wait for it, then find the
 * build fresh. A lock left by a killed build is taken over after a minute.
 */
export async function rebuildCli() {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      if (Date.now() - statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs > 60_000) rmSync(LOCK, { recursive: true, force: true });
      else await sleep(100);
    }
  }
  try {
    if (cliIsStale()) await buildCli();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
