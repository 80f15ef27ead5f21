// `--data -`: result data on standard input — JSON (in chunks that split characters) or an .xlsx workbook give
// what the same file gives; endless input stops at the whole-file limit; CSV, nothing, and --stream are refused.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_WHOLE_DATA_BYTES, XLSX_WEIGHT } from '../../runtime/data/dataset.js';
import { runCli } from './run-cli.js';

const TAX = 'policies/tax-provincial-2021';
const JSON_DATA = `${TAX}/data/results.json`;
const XLSX_DATA = `${TAX}/data/results.xlsx`;
const evalArgs = (data: string) => ['eval', TAX, '--data', data, '--period', '2021'];

/** `first` then the same chunk for ever: counts how much of it was read. */
function endless(first: Uint8Array, chunkBytes: number): { stream: AsyncIterable<Uint8Array>; read: () => number } {
  let read = 0;
  const filler = new Uint8Array(chunkBytes).fill(0x20);
  return {
    read: () => read,
    stream: (async function* () {
      read += first.length;
      yield first;
      for (;;) {
        read += filler.length;
        yield filler;
      }
    })(),
  };
}

describe('kaoping --data -', () => {
  it('evaluates JSON on standard input as the file, in chunks that split UTF-8 characters', async () => {
    const fromFile = await runCli(evalArgs(JSON_DATA));
    const fromStdin = await runCli(evalArgs('-'), process.cwd(), readFileSync(JSON_DATA), 7);
    expect(fromFile.code).toBe(0);
    expect(fromStdin).toEqual(fromFile);
  });

  it('evaluates an .xlsx workbook on standard input as the file', async () => {
    const fromFile = await runCli(evalArgs(XLSX_DATA));
    const fromStdin = await runCli(evalArgs('-'), process.cwd(), readFileSync(XLSX_DATA));
    expect(fromFile.code).toBe(0);
    expect(fromStdin).toEqual(fromFile);
  });

  it('explains and diffs with data on standard input', async () => {
    const data = readFileSync(JSON_DATA);
    const explainArgs = ['explain', TAX, '--unit', '深圳', '--period', '2021', '--data'];
    expect(await runCli([...explainArgs, '-'], process.cwd(), data)).toEqual(await runCli([...explainArgs, JSON_DATA]));
    const diffArgs = ['diff', TAX, 'policies/tax-provincial-2022', '--period', '2021', '--data'];
    const diff = await runCli([...diffArgs, '-'], process.cwd(), data);
    expect(diff.code).toBe(0);
    const fromFile = await runCli([...diffArgs, JSON_DATA]);
    expect(fromFile.stdout).toContain(`Impact on ${JSON_DATA}, period 2021`);
    expect(diff).toEqual({ ...fromFile, stdout: fromFile.stdout.replace(`Impact on ${JSON_DATA}`, 'Impact on standard input') });
  });

  it('stops reading endless JSON at the whole-file limit, with the error files get (KR243)', async () => {
    const input = endless(new TextEncoder().encode('{"units": ['), 1 << 20);
    const r = await runCli(evalArgs('-'), process.cwd(), input.stream);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error KR243: ');
    expect(r.stderr).toMatch(/\nkaoping: the data has \d+ errors?; nothing was evaluated\n$/);
    expect(input.read()).toBeLessThanOrEqual(MAX_WHOLE_DATA_BYTES + (2 << 20));
  });

  it('stops reading an endless workbook at the limit divided by the weight of a compressed workbook', async () => {
    const input = endless(new Uint8Array([0x50, 0x4b, 3, 4]), 1 << 20);
    const r = await runCli(evalArgs('-'), process.cwd(), input.stream);
    expect([r.code, r.stderr]).toEqual([1, expect.stringContaining('error KR243: ')]);
    expect(input.read()).toBeLessThanOrEqual(MAX_WHOLE_DATA_BYTES / XLSX_WEIGHT + (2 << 20));
  });

  it('refuses CSV and empty input with a message, and --stream with a usage error', async () => {
    const csv = await runCli(evalArgs('-'), process.cwd(), 'id,name\n北京,北京市\n');
    expect([csv.code, csv.stdout, csv.stderr]).toEqual([1, '', 'kaoping: --data -: standard input is neither JSON nor an .xlsx workbook (CSV tables are named by their files: give the file or the folder)\n']);
    const empty = await runCli(evalArgs('-'), process.cwd(), ' \n');
    expect([empty.code, empty.stderr]).toEqual([1, 'kaoping: --data -: standard input is empty (expected JSON or an .xlsx workbook)\n']);
    const stream = await runCli([...evalArgs('-'), '--stream'], process.cwd(), '{}');
    expect([stream.code, stream.stderr]).toEqual([2, 'kaoping: --data -: standard input is read whole (JSON or an .xlsx workbook); --stream reads CSV files\n']);
  });

  it('reads the standard input of the real process', () => {
    const args = ['cli/kaoping.mjs', ...evalArgs('-')];
    const r = spawnSync(process.execPath, args, { input: readFileSync(JSON_DATA), encoding: 'utf8' });
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('国家税务总局浙江省税务局');
  }, 60_000);
});
