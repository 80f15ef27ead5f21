// The architecture as a test: which folder may use which, and no import cycles between files (docs in
// CONTRIBUTING.md). Tests are white-box and may import any module.
import { describe, expect, it } from 'vitest';
import { cycles, folderOf, productFiles, relativeImports, valueImports } from './import-scan.js';

/** What each folder may import, besides itself. */
const MAY_USE: Record<string, string[]> = {
  messages: [],
  graph: [],
  // the built-in functions' registry: the graph forms a call lowers to are the graph's types
  builtins: ['graph'],
  dsl: ['builtins', 'messages'],
  runtime: ['builtins', 'graph', 'messages'],
  compiler: ['builtins', 'dsl', 'graph', 'runtime', 'messages'],
  review: ['builtins', 'compiler', 'dsl', 'graph', 'runtime', 'messages'],
  export: ['builtins', 'graph', 'runtime', 'messages'],
  sql: ['builtins', 'graph', 'runtime', 'messages'],
  api: ['builtins', 'compiler', 'dsl', 'graph', 'runtime', 'review', 'messages'],
  // the downloads write the CLI's results workbook and bulletin page (editor/src/language/downloads.ts)
  'editor/src': ['builtins', 'compiler', 'dsl', 'graph', 'runtime', 'review', 'export', 'cli', 'messages'],
  cli: ['api', 'builtins', 'compiler', 'dsl', 'graph', 'runtime', 'review', 'export', 'sql', 'messages'],
  bench: ['api', 'builtins', 'compiler', 'dsl', 'graph', 'runtime', 'review', 'export', 'sql', 'cli', 'messages'],
};

/** Folders a folder may take types from only (`import type`): the catalogue's sentences take keyword names
 *  and tier reasons as typed parameters. */
const TYPES_FROM: Record<string, string[]> = {
  messages: ['dsl', 'runtime'],
};

describe('architecture', () => {
  const files = productFiles();
  const edges = files.flatMap(relativeImports);

  it('each folder uses only the folders it may', () => {
    const wrong: string[] = [];
    for (const e of edges) {
      const from = folderOf(e.from)!;
      const to = folderOf(e.to);
      if (to === null || to === from || MAY_USE[from]!.includes(to)) continue;
      if (e.typeOnly && TYPES_FROM[from]?.includes(to)) continue;
      wrong.push(`${e.from}:${e.line} uses ${to}/ (${from}/ may use ${MAY_USE[from]!.join(', ') || 'nothing'})`);
    }
    expect(wrong).toEqual([]);
  });

  it('has no import cycles', async () => {
    const graph = await valueImports(files);
    expect(cycles(graph)).toEqual([]);
  }, 60_000);
});
