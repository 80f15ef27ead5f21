// The policies the service offers: the folders directly under one folder, in the working tree or at a Git
// revision, compiled once per content (graphs cached by the SHA-256 of their sources).
import { readdirSync, type Dirent } from 'node:fs';
import type { RuleGraph } from '../../graph/graph.js';
import { InputError, type CliContext } from '../context.js';
import { compileSources, diagnosticsData, type CompiledPolicy } from '../compile-policy.js';
import { readFolder, readPolicy, revisionsOf, type PolicySource, type Revision } from '../policy-source.js';
import { sha256Hex } from '../decision-log.js';
import { stableJson } from '../../reports/stable-json.js';
import { ServiceError } from './messages.js';

export interface LoadedPolicy {
  /** the folder's name; null for sources sent in a request */
  name: string | null;
  rev: string | null;
  /** the spec it was read with, relative to the policies folder (`name` or `REV:./name`) */
  spec: string;
  sourcesSha256: string;
  compiled: CompiledPolicy;
  /** SHA-256 of the graph as `kaoping build` writes it; null when the policy does not compile */
  graphSha256: string | null;
  /**
   * the graph as `kaoping build` writes it, UTF-8, in shared memory: what the evaluation threads read, given to
   * them without a copy per request; null when the policy does not compile
   */
  graphJson: Uint8Array | null;
}

/** A Git revision as the service accepts it: a name, hash or `~`/`^` walk; never an option or a range. */
const REVISION = /^[A-Za-z0-9_][A-Za-z0-9_./~^@{}-]{0,99}$/;

export class PolicyStore {
  private readonly cache = new Map<string, LoadedPolicy>();
  readonly ctx: CliContext;

  constructor(
    readonly dir: string,
    private readonly cacheSize = 64,
  ) {
    // Source paths are shown relative to the policies folder; nothing is printed. The diagnostics are compiled in
    // Chinese, the default language (each carries its `text`, for a client that shows it in English).
    this.ctx = { cwd: dir, out: () => undefined, err: () => undefined, stderrIsTTY: false, env: {} };
  }

  /** The policy folders: real directories directly under the policies folder (not symlinks, not hidden). */
  async names(): Promise<string[]> {
    let entries: Dirent[];
    try {
      entries = readdirSync(this.dir, { withFileTypes: true }); // read on every request: synchronously, as the sources are (cli/files.ts)
    } catch {
      entries = [];
    }
    return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  }

  async load(name: string, rev: string | null): Promise<LoadedPolicy> {
    if (name === '' || name.length > 200 || /[/\\\0]/.test(name) || name.startsWith('.')) throw new ServiceError('KS402', { name }, 'name');
    if (rev !== null && (!REVISION.test(rev) || rev.includes('..'))) throw new ServiceError('KS403', { rev }, 'rev');
    if (rev === null && !(await this.names()).includes(name)) throw new ServiceError('KS404', { name }, 'name');
    const spec = rev === null ? name : `${rev}:./${name}`;
    let sources: PolicySource[];
    try {
      sources = rev === null ? await readFolder(this.ctx, `${this.dir}/${name}`) : (await readPolicy(this.ctx, spec)).sources;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      throw rev === null ? new ServiceError('KS404', { name }, 'name') : new ServiceError('KS405', { name, rev, detail: e.message }, 'rev');
    }
    return { ...this.compile(spec, sources), name, rev, spec };
  }

  /** A policy whose graph the request needs: one that does not compile is answered with its diagnostics. */
  async graph(name: string, rev: string | null): Promise<PolicyWithGraph> {
    const loaded = await this.load(name, rev);
    return withGraph(loaded);
  }

  /** Sources compiled once per content: a repeated request reads the files but does not compile again. */
  compile(spec: string, sources: PolicySource[]): LoadedPolicy {
    const sourcesSha256 = sha256Hex(JSON.stringify(sources.map((s) => [s.path, s.text])));
    const hit = this.cache.get(sourcesSha256);
    if (hit) {
      this.cache.delete(sourcesSha256);
      this.cache.set(sourcesSha256, hit);
      return hit;
    }
    const compiled = compileSources(this.ctx, spec, sources);
    const graphJson = compiled.graph ? stableJson(compiled.graph) : null;
    const loaded: LoadedPolicy = {
      name: null,
      rev: null,
      spec,
      sourcesSha256,
      compiled,
      graphSha256: graphJson === null ? null : sha256Hex(graphJson),
      graphJson: graphJson === null ? null : sharedUtf8(graphJson),
    };
    this.cache.set(sourcesSha256, loaded);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    return loaded;
  }

  revisions(name: string, max: number): Promise<Revision[]> {
    return revisionsOf(this.ctx, name, max);
  }
}

function sharedUtf8(text: string): Uint8Array {
  const bytes = Buffer.from(text, 'utf8');
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
  shared.set(bytes);
  return shared;
}

export type PolicyWithGraph = LoadedPolicy & { graph: RuleGraph; graphSha256: string };

export function withGraph(loaded: LoadedPolicy): PolicyWithGraph {
  const { graph } = loaded.compiled;
  if (!graph || loaded.graphSha256 === null) {
    const errors = loaded.compiled.diagnostics.filter((d) => d.severity === 'error').length;
    throw new ServiceError('KS420', { name: loaded.name ?? loaded.spec, count: errors }, loaded.name === null ? 'body.sources' : 'name', {
      diagnostics: diagnosticsOf(loaded),
    });
  }
  return { ...loaded, graph, graphSha256: loaded.graphSha256 };
}

export function diagnosticsOf(loaded: LoadedPolicy) {
  return diagnosticsData(loaded.compiled);
}
