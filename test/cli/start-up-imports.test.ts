// What the built `kaoping` loads before any command runs (and so for `--help`): the files of dist/cli that
// dist/cli/kaoping.js imports statically, and the sources esbuild bundled into them (it names each in a
// `// path` line). Only commander and the commands' definitions: each command's work (compiler, runtime,
// ExcelJS, SheetJS, the server) is a chunk its action imports, so a static import of it here fails this test.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');

/** The files `entry` loads through static imports, itself included. */
function staticallyLoaded(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const text = readFileSync(entry, 'utf8');
  for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s*"(\.[^"]+)"|^import\s*"(\.[^"]+)"/gm)) {
    staticallyLoaded(path.resolve(path.dirname(entry), (m[1] ?? m[2])!), seen);
  }
  return seen;
}

describe('the start-up of the built kaoping', () => {
  it('loads commander and the command definitions, none of the commands’ work', () => {
    // Builds dist/cli when a source is newer than it.
    expect(spawnSync(process.execPath, ['cli/kaoping.mjs', '--version'], { cwd: REPO }).status).toBe(0);
    const files = staticallyLoaded(path.join(REPO, 'dist/cli/kaoping.js'));
    const sources = [...files].flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/^\/\/ (\S+\.[cm]?[jt]s)$/gm)].map((m) => m[1]!));
    const packages = new Set(sources.filter((s) => s.startsWith('node_modules/')).map((s) => s.split('/')[1]));
    expect([...packages]).toEqual(['commander']);
    const own = new Set(sources.filter((s) => !s.startsWith('node_modules/')));
    // The message catalogue (messages/) is the command's own words, needed before any command runs (`--lang`).
    const work = [...own].filter((s) => !s.startsWith('messages/') && (!/^cli\/commands\/[a-z-]+\.ts$/.test(s) || s.endsWith('-run.ts')));
    expect(work.sort()).toEqual(['cli/context.ts', 'cli/help.ts', 'cli/kaoping.ts', 'cli/main.ts', 'cli/package-root.ts', 'runtime/results/analysis-flags.ts']);
    // Every command's definition is there (main.ts lists them), and the check above sees the bundle's markers.
    expect([...own].filter((s) => s.startsWith('cli/commands/')).length).toBeGreaterThanOrEqual(14);
  }, 120_000);

  it('evaluates JSON data without loading the table readers (SheetJS, Papa Parse), which only CSV and workbooks need', () => {
    expect(spawnSync(process.execPath, ['cli/kaoping.mjs', '--version'], { cwd: REPO }).status).toBe(0);
    const chunks = path.join(REPO, 'dist/cli/chunks');
    const evalRun = readdirSync(chunks).filter((f) => /^eval-run-\w+\.js$/.test(f));
    expect(evalRun).toHaveLength(1);
    const files = staticallyLoaded(path.join(chunks, evalRun[0]!), staticallyLoaded(path.join(REPO, 'dist/cli/kaoping.js')));
    const sources = [...files].flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/^\/\/ (\S+\.[cm]?[jt]s)$/gm)].map((m) => m[1]!));
    // The markers are there: the evaluation's own modules are seen.
    expect(sources).toContain('runtime/data/dataset.ts');
    expect(sources.filter((s) => s === 'runtime/data/tables.ts' || s.startsWith('node_modules/@e965/xlsx/'))).toEqual([]);
  }, 120_000);
});
