// Where the kaoping package is, as `kaoping serve` looks for its built editor: from the sources, from the built
// command (dist/cli and its chunks), from an installed copy; and the built command's serve, run from a
// package laid out as npm installs it, serving that package's dist/editor at /.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../cli/package-root.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const temp = mkdtempSync(path.join(tmpdir(), 'kaoping-root-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const url = (file: string) => pathToFileURL(file).href;

function writeJson(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(value));
}

describe('packageRoot', () => {
  it('finds the repository from a command module of the sources and from the built command and its chunks', () => {
    expect(packageRoot(url(path.join(REPO, 'cli/commands/serve.ts')))).toBe(REPO);
    expect(packageRoot(url(path.join(REPO, 'dist/cli/kaoping.js')))).toBe(REPO);
    expect(packageRoot(url(path.join(REPO, 'dist/cli/chunks/server-X.js')))).toBe(REPO);
  });

  it('stops at the nearest package.json named kaoping: an installed copy, not the application around it', () => {
    const app = path.join(temp, 'app');
    writeJson(path.join(app, 'package.json'), { name: 'kaoping' }); // even an application of the same name
    const installed = path.join(app, 'node_modules', 'kaoping');
    writeJson(path.join(installed, 'package.json'), { name: 'kaoping', version: '0.1.0' });
    expect(packageRoot(url(path.join(installed, 'dist/cli/kaoping.js')))).toBe(installed);
  });

  it('passes over package.json files of other names, without a name, or not JSON', () => {
    const root = path.join(temp, 'nested');
    writeJson(path.join(root, 'package.json'), { name: 'kaoping' });
    writeJson(path.join(root, 'dist', 'package.json'), { type: 'module' });
    writeJson(path.join(root, 'dist', 'cli', 'package.json'), { name: 'other' });
    mkdirSync(path.join(root, 'dist', 'cli', 'chunks'));
    writeFileSync(path.join(root, 'dist', 'cli', 'chunks', 'package.json'), '{ not json');
    expect(packageRoot(url(path.join(root, 'dist/cli/chunks/x.js')))).toBe(root);
  });

  it('is null outside any kaoping package', () => {
    const lone = path.join(temp, 'lone');
    writeJson(path.join(lone, 'package.json'), { name: 'something-else' });
    expect(packageRoot(url(path.join(lone, 'x.js')))).toBeNull();
  });
});

/** Runs `node args…` from the repository and resolves with its exit code and output. */
function node(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the built kaoping serve', () => {
  it('serves the dist/editor of the package it is installed in at /', async () => {
    // Builds dist/cli when a source is newer than it.
    expect((await node(['cli/kaoping.mjs', '--version'])).code).toBe(0);
    const pkg = path.join(temp, 'installed', 'node_modules', 'kaoping');
    writeJson(path.join(pkg, 'package.json'), { name: 'kaoping', type: 'module' });
    cpSync(path.join(REPO, 'dist/cli'), path.join(pkg, 'dist/cli'), { recursive: true });
    mkdirSync(path.join(pkg, 'dist/editor'));
    writeFileSync(path.join(pkg, 'dist/editor/index.html'), '<!doctype html><title>installed editor</title>');
    // The server's packages stay imports of node_modules in the bundle (scripts/build-cli.mjs).
    symlinkSync(path.join(REPO, 'node_modules'), path.join(pkg, 'node_modules'));

    const child = spawn(process.execPath, [path.join(pkg, 'dist/cli/kaoping.js'), 'serve', '--port', '0', '--policies', path.join(REPO, 'policies')], {
      cwd: temp,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const address = await new Promise<string>((resolve, reject) => {
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          const m = / (http:\/\/\S+) /.exec(stderr);
          if (m) resolve(m[1]!);
        });
        void closed.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
      });
      const home = await fetch(`${address}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('installed editor');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await closed).toBe(0);
  }, 120_000);
});
