// `kaoping feedback PATH --data D --unit U|--all --out DIR` — a 绩效改进建议书 per unit: an HTML page (prints to
// PDF) and a workbook with its result, rank and tier, where it lost most points and why, its distance to the
// peer median and to the tier above.
// The work of the command, loaded only when it runs (the definition is in feedback.ts).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ExitCode, InputError, UsageError, langOf, tell, type CliContext } from '../context.js';
import { requireGraph } from '../policy-graph.js';
import { evaluateData } from '../evaluate-data.js';
import { writeAtomic } from '../files.js';
import { checkData, errorCount, readData, renderIssues } from '../load-data.js';
import { cliMessage } from '../../messages/index.js';
import { closestName } from '../../runtime/data/closest-name.js';
import type { RawDataset } from '../../runtime/data/dataset.js';
import type { RuleGraph } from '../../graph/graph.js';
import { appliesIn, monitor, type Monitoring } from '../../runtime/results/warnings.js';
import { unitFeedback } from '../feedback.js';
import { printPdf } from '../print-pdf.js';
import { feedbackHtml, feedbackWorkbook, fileNameOf } from '../feedback-document.js';
import type { FeedbackOptions } from './feedback.js';

/** The warnings raised in the period, when the policy declares any that apply to it; data problems stop the command. */
function warningsInForce(ctx: CliContext, graph: RuleGraph, raw: RawDataset, period: string | null): Monitoring | null {
  if (period === null || !(graph.warnings ?? []).some((r) => appliesIn(r, period))) return null;
  const m = monitor(graph, checkData(graph, raw), period);
  if (m.issues.length > 0) ctx.err(renderIssues(ctx, m.issues));
  if (!m.ok) throw new InputError(cliMessage('dataErrors', { where: null, ...errorCount(m.issues), skippable: false }));
  return m;
}

export async function runFeedback(ctx: CliContext, spec: string, opts: FeedbackOptions): Promise<number> {
  if (Boolean(opts.unit) === Boolean(opts.all)) throw new UsageError(cliMessage('unitOrAll'));
  const graph = await requireGraph(ctx, spec);
  const raw = await readData(ctx, graph, opts.data);
  const evaluated = evaluateData(ctx, graph, raw, opts.period ?? null, null);
  const units = opts.all ? evaluated.results.units : evaluated.results.units.filter((u) => u.id === opts.unit);
  const warnings = warningsInForce(ctx, graph, raw, evaluated.results.period);
  if (units.length === 0) {
    const skipped = evaluated.results.skipped.find((s) => s.unit === opts.unit);
    throw new InputError(
      skipped
        ? cliMessage('unitSkipped', { unit: opts.unit!, reasons: skipped.reasons })
        : cliMessage('noUnit', { data: opts.data, unit: opts.unit!, closest: closestName(opts.unit!, evaluated.results.units.map((u) => u.id)) }),
    );
  }
  // Every document is made before any is written, so a failure leaves the folder as it was.
  const names = new Map<string, number>();
  const files: { file: string; content: string | Uint8Array }[] = [];
  for (const unit of units) {
    const f = unitFeedback(graph, evaluated, unit, warnings, langOf(ctx));
    let base = fileNameOf(unit.id);
    const seen = names.get(base.toLowerCase()) ?? 0;
    names.set(base.toLowerCase(), seen + 1);
    if (seen > 0) base = `${base}~${seen + 1}`;
    files.push({ file: `${base}.html`, content: feedbackHtml(f) }, { file: `${base}.xlsx`, content: await feedbackWorkbook(f) });
  }
  if (opts.pdf) {
    const pages = files.filter((f) => f.file.endsWith('.html'));
    const printed = await printPdf(ctx, pages.map((p) => p.content as string));
    pages.forEach((p, k) => files.push({ file: p.file.replace(/\.html$/, '.pdf'), content: printed[k]! }));
  }
  const dir = path.resolve(ctx.cwd, opts.out);
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (e) {
    throw new InputError(cliMessage('folderNotMade', { dir: opts.out, detail: (e as Error).message }));
  }
  for (const { file, content } of files) await writeAtomic(path.join(dir, file), content);
  ctx.err(`${tell(ctx, 'wroteFiles', { count: files.length, dir: opts.out })}\n`);
  return ExitCode.ok;
}
