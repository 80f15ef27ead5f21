// The coverage of a policy's tests as a tree for people (policy → section → indicator → arms, lines, treatments;
// bonuses; tiers → tiers, gates, vetoes, ties) and the check against the policy's declared minimum.
import { coveragePercent, type CoverageCount, type CoverageGroup, type CoverageReport } from '../runtime/index.js';
import type { SourceRef } from '../graph/graph.js';
import { tell, type CliContext } from './context.js';

const TEXT_WIDTH = 60;

/** The rule as one line, cut to a width a terminal shows beside its location. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length > TEXT_WIDTH ? `${chars.slice(0, TEXT_WIDTH - 1).join('')}…` : flat;
}

const at = (span: SourceRef) => `${span.file}:${span.line}:${span.column}`;

function count(groups: CoverageGroup[]): { indicators: CoverageCount; branches: CoverageCount } {
  const all = groups.flatMap((g) => [g, ...(g.indicators ?? [])]);
  const indicators = all.filter((g) => g.role === 'indicator');
  const elements = all.flatMap((g) => g.elements);
  return {
    indicators: { reached: indicators.filter((g) => g.tests > 0).length, total: indicators.length },
    branches: { reached: elements.filter((e) => e.tests > 0).length, total: elements.length },
  };
}

function counts(ctx: CliContext, c: { indicators: CoverageCount; branches: CoverageCount }, withIndicators: boolean): string {
  const branches = tell(ctx, 'coverageCount', { measure: 'branches', ...c.branches, percent: coveragePercent(c.branches) });
  if (!withIndicators) return branches;
  return `${tell(ctx, 'coverageCount', { measure: 'indicators', ...c.indicators, percent: coveragePercent(c.indicators) })}  ${branches}`;
}

function renderGroup(ctx: CliContext, g: CoverageGroup, indent: string, lines: string[]): void {
  const role = tell(ctx, 'coverageRole', { role: g.role });
  const reached = g.role !== 'indicator' || g.tests > 0;
  const status = g.role === 'indicator' ? (reached ? tell(ctx, 'coverageTests', { tests: g.tests }) : `${tell(ctx, 'coverageUntested')}  ${at(g.span)}`) : '';
  const own = count([g]);
  const summary = g.elements.length > 0 || g.indicators ? counts(ctx, own, g.role === 'section') : '';
  lines.push(`${indent}${g.role === 'indicator' ? (reached ? '✓ ' : '✗ ') : ''}${role}${g.role === 'total' ? '' : ` ${g.name}`}${[status, summary].filter(Boolean).map((s) => `  ${s}`).join('')}`);
  for (const e of g.elements) {
    const what = tell(ctx, 'coverageWhat', { what: e.what });
    const text = e.text ? `  ${oneLine(e.text)}` : '';
    const where = e.tests > 0 ? tell(ctx, 'coverageTests', { tests: e.tests }) : at(e.span);
    lines.push(`${indent}  ${e.tests > 0 ? '✓' : '✗'} ${what}${text}  ${where}`);
  }
  for (const i of g.indicators ?? []) renderGroup(ctx, i, `${indent}  `, lines);
}

/** The tree, one line per group and element; unreached elements name where they were written. */
export function renderCoverage(ctx: CliContext, report: CoverageReport): string {
  const lines = [tell(ctx, 'coverageHeading', { policy: report.policy }), `  ${counts(ctx, report, true)}`];
  for (const g of report.groups) renderGroup(ctx, g, '  ', lines);
  return `${lines.join('\n')}\n`;
}
