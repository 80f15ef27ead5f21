// The results' hash made from their compact bytes (the service's answer) is the hash of the results file's bytes.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { indentJsonBytes, sortKeys, stableJson } from '../../reports/stable-json.js';
import { resultsSha256, sortedResultsJson } from '../../cli/decision-log.js';
import { compileGraph, policySources } from '../../bench/measure.js';
import { evaluate } from '../../runtime/index.js';

const encoder = new TextEncoder();

/** The indented bytes made from the compact ones, gathered from pieces of `chunk` bytes. */
function indented(value: unknown, chunk: number): string {
  const pieces: Uint8Array[] = [];
  indentJsonBytes(encoder.encode(JSON.stringify(value)), (p) => pieces.push(p.slice()), chunk);
  return Buffer.concat(pieces).toString('utf8');
}

describe('indented JSON from compact bytes', () => {
  it('is JSON.stringify(v, null, 2) for any JSON value, whatever the size of the pieces', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 64 }), (v, chunk) => {
        expect(indented(v, chunk)).toBe(JSON.stringify(v, null, 2));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps brackets, commas, colons, quotes and backslashes inside strings, and empty objects and arrays, as they are', () => {
    const v = { 'a"{b': ['x,y:z', '\\"]', {}, [], [{}], { '': [] }], 中文: '「考评」\n\t', n: -0.5e-7 };
    expect(indented(v, 3)).toBe(JSON.stringify(v, null, 2));
  });

  it('gives the results file\'s SHA-256 for the service\'s compact answer (the 2021 sample: a year, a quarter)', () => {
    const dir = path.join(import.meta.dirname, '..', '..', 'policies', 'tax-provincial-2021');
    const graph = compileGraph(policySources(dir));
    for (const period of ['2021', '2021Q2']) {
      const { results } = evaluate(graph, readFileSync(path.join(dir, 'data', 'results.json'), 'utf8'), { period });
      const { json, sha256 } = sortedResultsJson(results!);
      expect(sha256).toBe(resultsSha256(results!));
      expect(sha256).toBe(createHash('sha256').update(stableJson(results)).digest('hex'));
      expect(JSON.parse(Buffer.from(json).toString('utf8'))).toEqual(JSON.parse(JSON.stringify(sortKeys(results))));
    }
  });
});
