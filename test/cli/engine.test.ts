// `kaoping eval --engine` gives the output, files and exit codes of `kaoping eval`; `build --to sql` prints the script.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { PG_URLS } from '../sql/pg-env.js';

const TAX = 'policies/tax-provincial-2021';
const COUNTY = 'policies/county-individual-2021';

async function both(args: string[], engine: string[]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kp-engine-'));
  const a = await runCli(['eval', ...args, '--out', path.join(dir, 'a.json')]);
  const b = await runCli(['eval', ...args, ...engine, '--out', path.join(dir, 'b.json')]);
  expect(b.code).toBe(a.code);
  expect(b.stdout).toBe(a.stdout);
  expect(b.stderr.replace('b.json', 'a.json')).toBe(a.stderr);
  expect(readFileSync(path.join(dir, 'b.json'), 'utf8')).toBe(readFileSync(path.join(dir, 'a.json'), 'utf8'));
}

describe('eval --engine', () => {
  it('duckdb on a CSV folder, the year from its quarters: the same output and results file', async () => {
    await both([TAX, '--data', `${TAX}/data/csv`, '--period', '2021'], ['--engine', 'duckdb']);
  }, 300_000);
  it('duckdb on JSON data (read by the runtime, then loaded)', async () => {
    await both([COUNTY, '--data', `${COUNTY}/data/results.json`], ['--engine', 'duckdb']);
  }, 300_000);
  it.skipIf(PG_URLS.length === 0)('postgres: the same output and results file, again and again on one server (the data a run loads is its own)', async () => {
    await both([COUNTY, '--data', `${COUNTY}/data/csv`], ['--engine', 'postgres', '--db', PG_URLS[0]!]);
    await both([COUNTY, '--data', `${COUNTY}/data/csv`], ['--engine', 'postgres', '--db', PG_URLS[0]!]);
  }, 300_000);
  it('usage errors: an unknown engine, postgres without --db', async () => {
    expect((await runCli(['eval', COUNTY, '--data', `${COUNTY}/data/csv`, '--engine', 'sqlite'])).code).toBe(2);
    const r = await runCli(['eval', COUNTY, '--data', `${COUNTY}/data/csv`, '--engine', 'postgres']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--db');
  });
  it('a server that is not there: exit 1, where and why, no stack trace', async () => {
    const r = await runCli(['eval', COUNTY, '--data', `${COUNTY}/data/csv`, '--engine', 'postgres', '--db', 'postgresql://u:pw@%2Fno-such-dir/db']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/KR503: cannot connect to the database postgresql:\/\/u:\*\*\*@/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('build --to sql', () => {
  it.each(['duckdb', 'postgres'])('prints the %s script of a period, its parameters in comments', async (dialect) => {
    const r = await runCli(['build', TAX, '--to', 'sql', '--dialect', dialect, '--period', '2021']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('-- $1 = "2021Q1"');
    expect(r.stdout).toMatch(/CREATE TEMP TABLE "kp_4_1_units" AS SELECT/);
    expect(r.stdout.includes('kp_div(')).toBe(dialect === 'duckdb');
  });
});
