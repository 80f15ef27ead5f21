// The project's import graph, read from the sources: every relative specifier of every product file (type
// imports included, for the boundary rule) and the value imports esbuild keeps (for the cycle rule: an
// `import type` is erased and cannot form a cycle at run time).
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const root = fileURLToPath(new URL('../..', import.meta.url));
/** The product's folders; each is entered through its index.ts. */
export const FOLDERS = ['api', 'messages', 'builtins', 'dsl', 'graph', 'compiler', 'runtime', 'review', 'export', 'sql', 'cli', 'editor/src', 'bench'];

export function productFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (/\.ts$/.test(e.name) && !/\.d\.ts$/.test(e.name)) out.push(rel);
    }
  };
  for (const f of FOLDERS) walk(f);
  return out.sort();
}

/** The folder of FOLDERS a repository path lies in, or null. */
export function folderOf(path: string): string | null {
  return FOLDERS.filter((f) => path.startsWith(`${f}/`)).sort((a, b) => b.length - a.length)[0] ?? null;
}

export interface ImportEdge {
  from: string;
  to: string;
  line: number;
  /** `import type` / `export type`: erased from the JavaScript */
  typeOnly: boolean;
}

/** Every relative import, export-from and dynamic import of a file, resolved to a repository path. */
export function relativeImports(file: string): ImportEdge[] {
  const text = readFileSync(join(root, file), 'utf8');
  const edges: ImportEdge[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"]+)\1/gm;
  for (const m of text.matchAll(pattern)) {
    const target = normalize(join(dirname(file), m[2]!)).split(sep).join('/').replace(/\.js$/, '.ts');
    const statement = text.slice(Math.max(text.lastIndexOf('import', m.index), text.lastIndexOf('export', m.index)), m.index);
    edges.push({ from: file, to: target, line: text.slice(0, m.index).split('\n').length, typeOnly: /^(import|export)\s+type\b/.test(statement) });
  }
  return edges;
}

/** The value-import graph of the given files, as esbuild resolves it. */
export async function valueImports(files: string[]): Promise<Map<string, string[]>> {
  const result = await build({
    entryPoints: files.map((f) => join(root, f)),
    absWorkingDir: root,
    bundle: true,
    write: false,
    metafile: true,
    outdir: 'unused',
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
    loader: { '.json': 'json', '.css': 'empty', '.ttf': 'empty' },
  });
  const graph = new Map<string, string[]>();
  for (const [path, input] of Object.entries(result.metafile.inputs)) {
    graph.set(path, input.imports.filter((i) => !i.external).map((i) => i.path));
  }
  return graph;
}

/** The import cycles of a graph (its strongly connected components of more than one file, or a self-import). */
export function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    indexOf.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!indexOf.has(v)) visit(v);
  return found;
}

export const repoPath = (abs: string): string => relative(root, abs).split(sep).join('/');
