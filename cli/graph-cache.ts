// Compiled graphs kept on disk by the SHA-256 of their sources and of the compiler that built them, so that a
// command on an unchanged policy neither loads the compiler (chevrotain) nor compiles: the default evaluation's
// start-up was mostly that. Only clean compiles are kept (no diagnostics to show). Safe against tampering as far
// as a file can be: the folder and files must belong to the user and be writable by no one else, a file must name
// the key it was asked for and the SHA-256 of its graph's text (a file cut short or changed by accident), and
// the graph's format must be this runtime's; anything else is ignored and compiled anew. (The graph is not
// checked against the schema again: that took longer than the evaluation.) Built commands only: the sources
// under tsx have no compiler id.
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
// From its own module, not runtime/index.js, whose table readers (SheetJS) a command loads only when it reads tables.
import { GRAPH_FORMAT, type RuleGraph } from '../graph/graph.js';
import type { PolicySource } from './policy-source.js';

/** Set by the build (scripts/build-cli.mjs): the SHA-256 of the compiler's, the language's and the runtime's sources. */
declare const KAOPING_COMPILER_ID: string | undefined;

const compilerId = (): string | null => (typeof KAOPING_COMPILER_ID === 'string' ? KAOPING_COMPILER_ID : null);

/** The cache's folder: KAOPING_CACHE_DIR (empty: no cache), else $XDG_CACHE_HOME/kaoping, else ~/.cache/kaoping. */
function cacheDir(env: NodeJS.ProcessEnv): string | null {
  if (env.KAOPING_CACHE_DIR !== undefined) return env.KAOPING_CACHE_DIR === '' ? null : path.resolve(env.KAOPING_CACHE_DIR);
  return path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'kaoping');
}

export interface GraphCache {
  read(): RuleGraph | null;
  write(graph: RuleGraph): void;
}

/** The cache entry of these sources compiled in `lang`; null when there is no cache (unbuilt sources, turned off). */
export function graphCache(env: NodeJS.ProcessEnv, sources: readonly PolicySource[], lang: string): GraphCache | null {
  const id = compilerId();
  const dir = cacheDir(env);
  if (id === null || dir === null) return null;
  const key = sha256(JSON.stringify([id, lang, sources.map((s) => [s.path, s.text])]));
  const folder = path.join(dir, 'graphs');
  const file = path.join(folder, `${key}.json`);
  return {
    read() {
      try {
        if (!ownedAndPrivate(folder) || !ownedAndPrivate(file)) return null;
        const text = readFileSync(file, 'utf8');
        const newline = text.indexOf('\n');
        const [givenKey, givenSha256] = text.slice(0, newline).split(' ');
        const graphJson = text.slice(newline + 1);
        if (newline < 0 || givenKey !== key || givenSha256 !== sha256(graphJson)) return null;
        const graph = JSON.parse(graphJson) as RuleGraph;
        return graph.format === GRAPH_FORMAT ? graph : null;
      } catch {
        return null; // absent or unreadable: compiled anew
      }
    },
    write(graph) {
      try {
        mkdirSync(folder, { recursive: true, mode: 0o700 });
        if (!ownedAndPrivate(folder)) return;
        const temp = `${file}.${process.pid}.tmp`;
        const graphJson = JSON.stringify(graph);
        writeFileSync(temp, `${key} ${sha256(graphJson)}\n${graphJson}`, { mode: 0o600 });
        renameSync(temp, file);
      } catch {
        // a cache that cannot be written only costs the next start-up its compile
      }
    },
  };
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A real file or folder (no link) of this user, which no one else may write. */
function ownedAndPrivate(p: string): boolean {
  const s = lstatSync(p);
  if (s.isSymbolicLink() || (!s.isFile() && !s.isDirectory())) return false;
  const uid = process.getuid?.();
  return (uid === undefined || s.uid === uid) && (s.mode & 0o022) === 0;
}
