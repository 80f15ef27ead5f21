// The semantic diff (and its impact on data) as a report: one document model, rendered as terminal
// text or as Markdown for a review comment.
import type { DiffImpact, IndicatorMovement, UnitImpact, UnitWarnings } from '../review/diff-impact.js';
import { WARNING_LEVEL_WORDS } from '../runtime/results/warnings.js';
import { formatNumber, type FieldChange, type ItemChange, type ItemKind, type PointsRow, type SemanticDiff } from '../review/semantic-diff.js';
import { DIFF_ITEMS, DIFF_STATUSES, diffMessage, render, type DiffArgs, type DiffKey, type Lang } from '../messages/index.js';
import { renderTable } from './table.js';
import { approxText, showNumber } from '../messages/numbers.js';

export type Block =
  | { heading: string; level: 1 | 2 | 3 }
  | { para: string }
  | { list: string[] }
  | { table: { header: string[]; rows: string[][] } }
  /** `label` ends in its colon */
  | { code: { label: string; text: string } };

export interface ImpactContext {
  data: string;
  period: string | null;
  /** how the data was evaluated where it was not as the versions declare (e.g. a period borrowed from the other version) */
  notes: string[];
  impact: DiffImpact;
  /** The decimal places means are shown at: the new version's precision */
  places: number;
  /** With a period and warning rules: the units whose warnings differ there */
  warnings: { period: string; units: UnitWarnings[] } | null;
}

/** The report's words in `lang` (messages/diff.ts). */
function wordsIn(lang: Lang) {
  return <K extends DiffKey>(key: K, ...params: DiffArgs<K>): string => render(diffMessage(key, ...params), lang);
}
type Say = ReturnType<typeof wordsIn>;

/** The report in `lang`; the rules in it are in each version's own keywords (the diff was made with them). */
export function diffDocument(diff: SemanticDiff, impact: ImpactContext | null, lang: Lang): Block[] {
  const say = wordsIn(lang);
  const blocks: Block[] = [
    { heading: `${label(diff.old)} → ${label(diff.new)}`, level: 1 },
    { list: summary(diff, lang) },
  ];
  if (diff.policy.length > 0 || diff.periods.length > 0) {
    blocks.push({ heading: say('policy'), level: 2 }, fieldsTable([...diff.policy, ...diff.periods], say));
  }
  if (diff.kinds.added.length || diff.kinds.removed.length) {
    blocks.push({ heading: say('kinds'), level: 2 }, {
      list: [...diff.kinds.added.map((kind) => say('kindAdded', { kind })), ...diff.kinds.removed.map((kind) => say('kindRemoved', { kind }))],
    });
  }
  for (const item of ['indicator', 'section', 'bonus', 'link', 'tiers', 'total', 'warning', 'input'] as ItemKind[]) {
    const changes = diff.changes.filter((c) => c.item === item);
    if (changes.length === 0) continue;
    blocks.push({ heading: DIFF_ITEMS[item][lang], level: 2 });
    for (const c of changes) blocks.push(...itemBlocks(c, lang));
  }
  blocks.push({ heading: say('pointsPerSection'), level: 2 }, pointsTable(diff.pointsBySection, say('sectionColumn'), say));
  blocks.push({ heading: say('pointsPerMethod'), level: 2 }, pointsTable(diff.pointsByMethod, say('methodColumn'), say));
  if (impact) blocks.push(...impactBlocks(impact, lang));
  return blocks;
}

function label(p: { name: string; version: string }): string {
  return `${p.name} (${p.version})`;
}

function summary(diff: SemanticDiff, lang: Lang): string[] {
  const say = wordsIn(lang);
  const count = (item: ItemKind, status: ItemChange['status']) => diff.changes.filter((c) => c.item === item && c.status === status).length;
  const lines: string[] = [];
  for (const item of ['indicator', 'section', 'bonus', 'link', 'tiers', 'warning', 'input'] as ItemKind[]) {
    const counts = (['added', 'removed', 'renamed', 'moved', 'changed'] as const)
      .map((s) => ({ status: DIFF_STATUSES[s][lang], count: count(item, s) }))
      .filter((c) => c.count > 0);
    if (counts.length > 0) lines.push(say('summaryLine', { item: DIFF_ITEMS[item][lang], counts }));
  }
  if (lines.length === 0 && diff.kinds.added.length + diff.kinds.removed.length === 0) {
    // A new yearly version before any change: only its header and periods differ.
    lines.push(diff.policy.length === 0 && diff.periods.length === 0 ? say('noChanges') : say('headerOnly'));
  }
  return lines;
}

function title(c: ItemChange, lang: Lang): string {
  const say = wordsIn(lang);
  const where = c.section ? ` — ${c.section}` : '';
  const kind = `[${c.kind}] `;
  switch (c.status) {
    case 'added':
    case 'removed':
      return `${kind}${c.name}${where}${say('statusSuffix', { status: DIFF_STATUSES[c.status][lang] })}`;
    case 'renamed':
      return `${kind}${c.oldName} → ${c.name}${where}${say('renamedSuffix', { similarity: formatNumber((c.similarity ?? 0) * 100) })}`;
    case 'moved': {
      const from = c.fields.find((f) => f.field === 'section')?.before;
      return `${kind}${c.name} — ${from} → ${c.section}${say('movedSuffix')}`;
    }
    case 'changed':
      return `${kind}${c.name}${where}`;
  }
}

function itemBlocks(c: ItemChange, lang: Lang): Block[] {
  const say = wordsIn(lang);
  const blocks: Block[] = [{ heading: title(c, lang), level: 3 }];
  const multiline = (f: FieldChange) => (f.before ?? '').includes('\n') || (f.after ?? '').includes('\n') || (f.before ?? '').length + (f.after ?? '').length > 80;
  const plain = c.fields.filter((f) => !multiline(f));
  if (c.status === 'added' || c.status === 'removed') {
    const side = (f: FieldChange) => (c.status === 'added' ? f.after : f.before) ?? '';
    if (plain.length) blocks.push({ table: { header: ['', c.status === 'added' ? say('new') : say('old')], rows: plain.map((f) => [f.label, side(f)]) } });
    for (const f of c.fields.filter(multiline)) blocks.push({ code: { label: say('field', { field: f.label }), text: side(f) } });
    return blocks;
  }
  if (plain.length) blocks.push(fieldsTable(plain, say));
  for (const f of c.fields.filter(multiline)) {
    blocks.push({ code: { label: say('fieldBefore', { field: f.label }), text: f.before ?? say('noValue') } });
    blocks.push({ code: { label: say('fieldAfter', { field: f.label }), text: f.after ?? say('noValue') } });
  }
  return blocks;
}

function fieldsTable(fields: FieldChange[], say: Say): Block {
  return { table: { header: ['', say('before'), say('after')], rows: fields.map((f) => [f.label, f.before ?? '—', f.after ?? '—']) } };
}

function pointsTable(rows: PointsRow[], what: string, say: Say): Block {
  return {
    table: {
      header: [say('kind'), what, say('before'), say('after'), say('change')],
      rows: rows.map((r) => [r.kind, r.name, num(r.before), num(r.after), signed((r.after ?? 0) - (r.before ?? 0))]),
    },
  };
}

function num(n: number | null): string {
  return n === null ? '—' : formatNumber(n);
}

function signed(n: number | null): string {
  if (n === null) return '—';
  const s = formatNumber(n);
  return n > 0 ? `+${s}` : s === '0' ? '0' : s;
}

/** A mean change at the policy's places, marked 约/about when rounding dropped digits (`约-0.67`). */
function signedMean(n: number, lang: Lang, places: number): string {
  const shown = showNumber(n, undefined, lang, places);
  return approxText({ ...shown, text: n > 0 && shown.text !== '0' ? `+${shown.text}` : shown.text }, lang);
}

function impactBlocks(ctx: ImpactContext, lang: Lang): Block[] {
  const say = wordsIn(lang);
  const { impact } = ctx;
  const blocks: Block[] = [{ heading: say('impactOn', { data: ctx.data, period: ctx.period }), level: 2 }];
  if (ctx.notes.length > 0) blocks.push({ list: ctx.notes });
  blocks.push({ heading: say('tierChanges'), level: 3 });
  blocks.push(impact.tierChanges.length ? standingTable(impact.tierChanges, lang) : { para: say('none') });
  if (ctx.warnings) {
    blocks.push({ heading: say('warningChanges', { period: ctx.warnings.period, units: ctx.warnings.units.length }), level: 3 });
    blocks.push(ctx.warnings.units.length ? warningsTable(ctx.warnings.units, lang) : { para: say('noWarningChanges') });
  }
  blocks.push({ heading: say('movers'), level: 3 });
  blocks.push(impact.indicators.length ? movementTable(impact.indicators, lang, ctx.places) : { para: say('noMovers') });
  blocks.push({ heading: say('allUnits'), level: 3 }, standingTable(impact.units, lang));
  return blocks;
}

/** Each unit's total, rank and tier before and after (`3 → 5`, `第一段 → 第二段`). */
export function standingTable(units: readonly UnitImpact[], lang: Lang): Block {
  const say = wordsIn(lang);
  const rows = units.map((u) => [
    u.name === u.id ? u.id : `${u.name} (${u.id})`,
    u.kind,
    num(u.before?.total ?? null),
    num(u.after?.total ?? null),
    signed(u.change),
    arrow(u.before?.rank ?? null, u.after?.rank ?? null),
    arrow(u.before?.tier ?? null, u.after?.tier ?? null),
  ]);
  return { table: { header: [say('unit'), say('kind'), say('totalBefore'), say('totalAfter'), say('change'), say('rank'), say('tier')], rows } };
}

/** The warnings of each unit whose warnings change, under OLD and under NEW. */
function warningsTable(units: readonly UnitWarnings[], lang: Lang): Block {
  const say = wordsIn(lang);
  const list = (ws: UnitWarnings['before']) => ws.map((w) => say('raisedWarning', { warning: w.warning, level: WARNING_LEVEL_WORDS[w.level][lang] })).join(lang === 'zh' ? '；' : '; ') || '—';
  const rows = units.map((u) => [u.name === u.id ? u.id : `${u.name} (${u.id})`, u.kind, list(u.before), list(u.after)]);
  return { table: { header: [say('unit'), say('kind'), say('warningsBefore'), say('warningsAfter')], rows } };
}

/** The indicators whose scores moved, most points first. */
export function movementTable(movements: readonly IndicatorMovement[], lang: Lang, places: number): Block {
  const say = wordsIn(lang);
  const rows = movements.map((m) => [
    (m.oldName ? `${m.oldName} → ${m.name}` : m.name) + (m.status === 'kept' ? '' : say('statusSuffix', { status: DIFF_STATUSES[m.status][lang] })),
    m.kind,
    String(m.unitsChanged),
    formatNumber(m.pointsMoved),
    signedMean(m.meanChange, lang, places),
    m.largest ? `${m.largest.unit} ${signed(m.largest.change)}` : '—',
  ]);
  return { table: { header: [say('indicator'), say('kind'), say('unitsChanged'), say('pointsMoved'), say('meanChange'), say('largestChange')], rows } };
}

function arrow(before: string | number | null, after: string | number | null): string {
  const b = before === null ? '—' : String(before);
  const a = after === null ? '—' : String(after);
  return b === a ? a : `${b} → ${a}`;
}

// ── Renderers ────────────────────────────────────────────────────────────────

export function renderMarkdown(blocks: Block[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
  const out: string[] = [];
  for (const b of blocks) {
    if ('heading' in b) out.push(`${'#'.repeat(b.level)} ${b.heading}`);
    else if ('para' in b) out.push(b.para);
    else if ('list' in b) out.push(b.list.map((l) => `- ${l}`).join('\n'));
    else if ('table' in b) {
      const { header, rows } = b.table;
      out.push([header, header.map(() => '---'), ...rows].map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n'));
    } else out.push(`${b.code.label}\n\n\`\`\`\n${b.code.text}\n\`\`\``);
  }
  return out.join('\n\n') + '\n';
}

export function renderText(blocks: Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if ('heading' in b) out.push(b.level === 1 ? `${b.heading}\n${'='.repeat(40)}` : b.level === 2 ? `\n${b.heading}\n${'-'.repeat(40)}` : `\n* ${b.heading}`);
    else if ('para' in b) out.push(`  ${b.para}`);
    else if ('list' in b) out.push(b.list.map((l) => `  ${l}`).join('\n'));
    else if ('table' in b) out.push(indent(renderTable(b.table.header, b.table.rows).trimEnd()));
    else out.push(`  ${b.code.label}\n${indent(indent(b.code.text))}`);
  }
  return out.join('\n') + '\n';
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
