// `kaoping diff OLD NEW` — the semantic diff of two policy versions, with its impact on data; also
// works as a Git external diff driver (seven arguments, nine on a rename: see gitDriver).
// The work of the command, loaded only when it runs (the definition is in diff.ts).
import path from 'node:path';
import { semanticDiff } from '../../review/semantic-diff.js';
import type { RuleGraph } from '../../graph/graph.js';
import { ExitCode, InputError, UsageError, errorText, langOf, tell, type CliContext } from '../context.js';
import { keywordLanguageOf } from '../../dsl/format.js';
import type { KeywordLanguage } from '../../dsl/keywords.js';
import { cliMessage, diffMessage, render } from '../../messages/index.js';
import { compileSources } from '../compile-policy.js';
import { requireGraph } from '../policy-graph.js';
import { counts, renderDiagnostics } from '../render-diagnostics.js';
import { diffDocument, renderMarkdown, renderText, type ImpactContext } from '../diff-report.js';
import { pathKind } from '../files.js';
import { readFolder, readPolicy, readPolicyFile, type PolicySource } from '../policy-source.js';
import { evaluateData } from '../evaluate-data.js';
import { STDIN, checkData, readDataFiles } from '../load-data.js';
import { impactOnData } from '../diff-data.js';
import { monitor } from '../../runtime/results/warnings.js';
import type { RawDataset } from '../../runtime/data/dataset.js';
import type { DiffOptions } from './diff.js';

export async function runDiff(ctx: CliContext, oldSpec: string, newSpec: string, rest: string[], opts: DiffOptions): Promise<number> {
  if (rest.length === 5 || rest.length === 7) {
    return gitDriver(ctx, [oldSpec, newSpec, ...rest], opts);
  }
  if (rest.length > 0) throw new UsageError(cliMessage('diffArguments', { count: 2 + rest.length }));
  const before = await requireGraph(ctx, oldSpec);
  const after = await requireGraph(ctx, newSpec);
  const spelling = async (spec: string) => keywordLanguageOf((await readPolicy(ctx, spec)).sources.map((s) => s.text));
  ctx.out(await report(ctx, { graph: before, spelling: await spelling(oldSpec) }, { graph: after, spelling: await spelling(newSpec) }, opts));
  return ExitCode.ok;
}

/** A version to compare: its graph, and how its files spell keywords (the report quotes its rules so). */
interface Version {
  graph: RuleGraph;
  spelling: KeywordLanguage;
}

async function report(ctx: CliContext, old: Version, now: Version, opts: DiffOptions): Promise<string> {
  const lang = langOf(ctx);
  const before = old.graph;
  const after = now.graph;
  const diff = semanticDiff(before, after, { lang, before: old.spelling, after: now.spelling });
  let impact: ImpactContext | null = null;
  if (opts.data) {
    const files = await readDataFiles(ctx, opts.data);
    const period = opts.period ?? null;
    const data = opts.data === STDIN ? render(diffMessage('standardInput'), lang) : opts.data;
    const watch = (graph: RuleGraph, raw: RawDataset, at: string) => {
      const checked = monitor(graph, checkData(graph, raw), at);
      return checked.ok ? checked.warnings : null;
    };
    impact = impactOnData(before, after, diff, files, data, period, (graph, raw, at, label) => evaluateData(ctx, graph, raw, at, label).results, lang, watch);
  }
  const doc = diffDocument(diff, impact, lang);
  return opts.format === 'markdown' ? renderMarkdown(doc) : renderText(doc);
}

/**
 * Git's external diff driver: `path old-file old-hex old-mode new-file new-hex new-mode`, and on a rename or
 * copy two more, `new-path` and Git's description (`similarity index 90%\nrename from …`). A side that does not
 * exist is `/dev/null`. Never fails the whole `git diff`: problems are printed, exit 0.
 */
async function gitDriver(ctx: CliContext, args: string[], opts: DiffOptions): Promise<number> {
  const [file, oldFile, , , newFile, , , newPath, info] = args as [string, string, string, string, string, string, string, string?, string?];
  const moved = newPath !== undefined && newPath !== file ? newPath : null;
  ctx.out(`kaoping diff ${file}${moved ? ` → ${moved}` : ''}\n`);
  try {
    const oldText = oldFile === '/dev/null' ? null : await readPolicyFile(path.resolve(ctx.cwd, oldFile));
    const newText = newFile === '/dev/null' ? null : await readPolicyFile(path.resolve(ctx.cwd, newFile));
    // The new name did not exist before; the old one is gone after a rename, not after a copy.
    const renamed = moved !== null && /^rename from /m.test(info ?? '');
    const before = await side(ctx, file, oldText, 'OLD', moved);
    const after = await side(ctx, moved ?? file, newText, 'NEW', renamed ? file : null);
    if (before && after) ctx.out(await report(ctx, before, after, opts));
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    ctx.out(`kaoping: ${errorText(ctx, e)}\n`);
  }
  return ExitCode.ok;
}

/**
 * One side of a driver diff: the file's folder from the working tree with this side's version of the file in
 * it, and without the file `absent` (the other name of a renamed file) when it is in the same folder.
 */
async function side(ctx: CliContext, file: string, text: string | null, label: string, absent: string | null): Promise<Version | null> {
  const dir = path.resolve(ctx.cwd, path.dirname(file));
  let sources: PolicySource[] = [];
  if ((await pathKind(dir)) === 'dir') {
    const replace = new Map([[path.basename(file), text]]);
    if (absent !== null && path.resolve(ctx.cwd, path.dirname(absent)) === dir) replace.set(path.basename(absent), null);
    sources = await readFolder(ctx, dir, replace).catch(() => []);
  } else if (text !== null) {
    sources = [{ path: file, text }];
  }
  if (sources.length === 0) {
    ctx.out(`${tell(ctx, 'noPolicy', { label })}\n`);
    return null;
  }
  const compiled = compileSources(ctx, `${label} ${file}`, sources);
  if (!compiled.graph) {
    ctx.out(renderDiagnostics(ctx, compiled.diagnostics, compiled.texts));
    ctx.out(`${tell(ctx, 'diffNotCompiled', { label, ...counts(compiled.diagnostics) })}\n`);
  }
  return compiled.graph && { graph: compiled.graph, spelling: keywordLanguageOf(sources.map((s) => s.text)) };
}
