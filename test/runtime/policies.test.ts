// The bundled policies, compiled: their test blocks pass through the runtime, and their sample data gives
// the same results whether read from JSON, CSV files or the xlsx workbook.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkDataset, evaluate, explain, readTables, renderTrace, runTests } from '../../runtime/index.js';
import { compileFolder } from './compile-helper.js';

const root = fileURLToPath(new URL('../../policies/', import.meta.url));
const policies = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(`${root}${d.name}/data/results.json`)).map((d) => d.name);

describe.each(policies)('%s', (name) => {
  const dir = `${root}${name}`;
  const graph = compileFolder(dir);
  const period = graph.periods[0]?.period;
  const opts = period ? { period } : {};

  it('its test blocks pass', () => {
    const failed = runTests(graph).results.filter((r) => !r.passed);
    expect(failed).toEqual([]);
  });

  it('its sample data evaluates without errors, identically from JSON, CSV and xlsx', () => {
    const json = evaluate(graph, readFileSync(`${dir}/data/results.json`, 'utf8'), opts);
    expect(json.issues.filter((i) => i.severity === 'error')).toEqual([]);
    // the only warnings: the 2022 data keeps the inputs 2021 reads, for the 2021 → 2022 review
    const extra = name === 'tax-provincial-2022' ? ['收入增幅', '经济增幅'] : [];
    expect(json.issues.map((i) => `${i.code} ${i.field}`)).toEqual(extra.map((f) => `KR206 ${f}`));
    const csvDir = `${dir}/data/csv`;
    const csv = readdirSync(csvDir).map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(`${csvDir}/${f}`)) }));
    const xlsx = [{ name: 'results.xlsx', bytes: new Uint8Array(readFileSync(`${dir}/data/results.xlsx`)) }];
    const withoutWarnings = (r: typeof json) => JSON.stringify({ ...r.results, warnings: [] });
    for (const files of [csv, xlsx]) {
      const r = evaluate(graph, checkDataset(graph, readTables(graph, files)), opts);
      expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(r.issues.map((i) => `${i.code} ${i.column}`)).toEqual(extra.map((f) => `KR214 ${f}`));
      expect(withoutWarnings(r)).toBe(withoutWarnings(json));
    }
  });

  it('every unit can be explained, and the explanation ends with its total and rank', () => {
    const data = readFileSync(`${dir}/data/results.json`, 'utf8');
    const results = evaluate(graph, data, opts).results!;
    const unit = results.units[results.units.length - 1]!;
    const text = renderTrace(explain(graph, data, unit.id, opts).trace!);
    expect(text).toContain(`【总分】${unit.total}分`);
    expect(text).toContain(`列第${unit.rank}名`);
  });
});
