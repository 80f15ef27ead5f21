// `kaoping diff OLD NEW` — the semantic diff of two policy versions, with its impact on data; also
// works as a Git external diff driver (seven arguments, nine on a rename: see gitDriver).
import path from 'node:path';
import { Option } from 'commander';
import { semanticDiff } from '../../compiler/semantic-diff.js';
import { compareResults } from '../../compiler/diff-impact.js';
import type { RuleGraph } from '../../runtime/graph.js';
import { ExitCode, InputError, UsageError, langOf, tell, type CliContext } from '../context.js';
import type { CommandDefinition } from '../main.js';
import { compileSources, requireGraph } from '../compile-policy.js';
import { counts, renderDiagnostics } from '../render-diagnostics.js';
import { cliMessage, render } from '../../messages/index.js';
import { diffDocument, renderMarkdown, renderText, type ImpactContext } from '../diff-report.js';
import { pathKind, readText } from '../files.js';
import { readFolder, type PolicySource } from '../policy-source.js';
import { evaluateData } from '../evaluate-data.js';
import { rawData, readDataFiles } from '../load-data.js';

interface DiffOptions {
  data?: string;
  period?: string;
  format: 'text' | 'markdown';
}

export const defineDiff: CommandDefinition = (program, ctx, finish) => {
  program
    .command('diff')
    .description('semantic diff of two policy versions (and its impact on data)')
    .argument('<old>', 'old version: folder, .kp file, or Git revision spec (HEAD~1:policies/x)')
    .argument('<new>', 'new version: folder, .kp file, or Git revision spec')
    .argument('[git-args...]', 'as a Git diff driver: the five further arguments Git passes (seven on a rename)')
    .option('--data <file>', 'result data (JSON, .xlsx, CSV folder): show totals, ranks and tiers under both')
    .option('--period <period>', 'the period to evaluate (e.g. 2021)')
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'markdown']).default('text'))
    .addHelpText(
      'after',
      `
As a Git diff driver (see docs/cli.md): .gitattributes \`*.kp diff=kaoping\` and
  git config diff.kaoping.command "node $PWD/cli/kaoping.mjs diff"
Git then calls it with seven arguments (nine for a renamed or copied file); the other .kp files of the
changed file's folder are read from the working tree, so a one-file change is shown as the change to
the whole policy.`,
    )
    .action(async (oldSpec: string, newSpec: string, rest: string[], opts: DiffOptions) => {
      if (rest.length === 5 || rest.length === 7) {
        finish(await gitDriver(ctx, [oldSpec, newSpec, ...rest], opts));
        return;
      }
      if (rest.length > 0) throw new UsageError(cliMessage('diffArguments', { count: 2 + rest.length }));
      const before = await requireGraph(ctx, oldSpec);
      const after = await requireGraph(ctx, newSpec);
      ctx.out(await report(ctx, before, after, opts));
      finish(ExitCode.ok);
    });
};

async function report(ctx: CliContext, before: RuleGraph, after: RuleGraph, opts: DiffOptions): Promise<string> {
  const diff = semanticDiff(before, after);
  let impact: ImpactContext | null = null;
  if (opts.data) {
    const files = await readDataFiles(ctx, opts.data);
    const period = opts.period ?? null;
    const old = withPeriodOf(before, after, period);
    const now = withPeriodOf(after, before, period);
    const oldResults = evaluateData(ctx, old.graph, rawData(old.graph, files), period, 'OLD').results;
    const newResults = evaluateData(ctx, now.graph, rawData(now.graph, files), period, 'NEW').results;
    const notes = [old.note && `OLD: ${old.note}`, now.note && `NEW: ${now.note}`].filter((n): n is string => n !== null);
    impact = { data: opts.data, period, notes, impact: compareResults(oldResults, newResults, diff) };
  }
  const doc = diffDocument(diff, impact);
  return opts.format === 'markdown' ? renderMarkdown(doc) : renderText(doc);
}

/**
 * A review evaluates both versions on one year's data, but each version declares only its own year
 * (`periods 2021 from 2021Q1, …`). When the period asked is declared by the other version only, this
 * version is evaluated with that declaration, and the report says so.
 */
function withPeriodOf(graph: RuleGraph, other: RuleGraph, period: string | null): { graph: RuleGraph; note: string | null } {
  if (period === null || graph.periods.some((p) => p.period === period)) return { graph, note: null };
  const spec = other.periods.find((p) => p.period === period);
  if (!spec) return { graph, note: null };
  const note = `period ${period} is not declared in this version; evaluated as the other version declares it (${spec.parts.join(', ')} by ${spec.aggregate})`;
  return { graph: { ...graph, periods: [...graph.periods, spec] }, note };
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
    const oldText = oldFile === '/dev/null' ? null : await readText(path.resolve(ctx.cwd, oldFile));
    const newText = newFile === '/dev/null' ? null : await readText(path.resolve(ctx.cwd, newFile));
    // The new name did not exist before; the old one is gone after a rename, not after a copy.
    const renamed = moved !== null && /^rename from /m.test(info ?? '');
    const before = await side(ctx, file, oldText, 'OLD', moved);
    const after = await side(ctx, moved ?? file, newText, 'NEW', renamed ? file : null);
    if (before && after) ctx.out(await report(ctx, before, after, opts));
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    ctx.out(`kaoping: ${render(e.text, langOf(ctx))}\n`);
  }
  return ExitCode.ok;
}

/**
 * One side of a driver diff: the file's folder from the working tree with this side's version of the file in
 * it, and without the file `absent` (the other name of a renamed file) when it is in the same folder.
 */
async function side(ctx: CliContext, file: string, text: string | null, label: string, absent: string | null): Promise<RuleGraph | null> {
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
  return compiled.graph;
}
