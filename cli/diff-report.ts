// The semantic diff (and its impact on data) as a report: one document model, rendered as terminal
// text or as Markdown for a review comment.
import type { DiffImpact, IndicatorMovement, UnitImpact } from '../review/diff-impact.js';
import { formatNumber, type FieldChange, type ItemChange, type ItemKind, type PointsRow, type SemanticDiff } from '../review/semantic-diff.js';
import { renderTable } from './table.js';

export type Block =
  | { heading: string; level: 1 | 2 | 3 }
  | { para: string }
  | { list: string[] }
  | { table: { header: string[]; rows: string[][] } }
  | { code: { label: string; text: string } };

export interface ImpactContext {
  data: string;
  period: string | null;
  /** how the data was evaluated where it was not as the versions declare (e.g. a period borrowed from the other version) */
  notes: string[];
  impact: DiffImpact;
}

const ITEM_TITLES: Record<ItemKind, string> = {
  input: 'Inputs',
  section: 'Sections',
  indicator: 'Indicators',
  bonus: 'Bonuses',
  link: 'Linked deductions',
  tiers: 'Tiers, gates and vetoes',
  total: 'Totals',
};

export function diffDocument(diff: SemanticDiff, impact: ImpactContext | null): Block[] {
  const blocks: Block[] = [
    { heading: `${label(diff.old)} → ${label(diff.new)}`, level: 1 },
    { list: summary(diff) },
  ];
  if (diff.policy.length > 0 || diff.periods.length > 0) {
    blocks.push({ heading: 'Policy', level: 2 }, fieldsTable([...diff.policy, ...diff.periods]));
  }
  if (diff.kinds.added.length || diff.kinds.removed.length) {
    blocks.push({ heading: 'Entity kinds', level: 2 }, {
      list: [...diff.kinds.added.map((k) => `added ${k}`), ...diff.kinds.removed.map((k) => `removed ${k}`)],
    });
  }
  for (const item of ['indicator', 'section', 'bonus', 'link', 'tiers', 'total', 'input'] as ItemKind[]) {
    const changes = diff.changes.filter((c) => c.item === item);
    if (changes.length === 0) continue;
    blocks.push({ heading: ITEM_TITLES[item], level: 2 });
    for (const c of changes) blocks.push(...itemBlocks(c));
  }
  blocks.push({ heading: 'Points per section', level: 2 }, pointsTable(diff.pointsBySection, 'section'));
  blocks.push({ heading: 'Points per method', level: 2 }, pointsTable(diff.pointsByMethod, 'method'));
  if (impact) blocks.push(...impactBlocks(impact));
  return blocks;
}

function label(p: { name: string; version: string }): string {
  return `${p.name} (${p.version})`;
}

function summary(diff: SemanticDiff): string[] {
  const count = (item: ItemKind, status: ItemChange['status']) => diff.changes.filter((c) => c.item === item && c.status === status).length;
  const lines: string[] = [];
  for (const item of ['indicator', 'section', 'bonus', 'link', 'tiers', 'input'] as ItemKind[]) {
    const parts = (['added', 'removed', 'renamed', 'moved', 'changed'] as const)
      .map((s) => [s, count(item, s)] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}`);
    if (parts.length > 0) lines.push(`${ITEM_TITLES[item]}: ${parts.join(', ')}`);
  }
  if (lines.length === 0 && diff.kinds.added.length + diff.kinds.removed.length === 0) {
    // A new yearly version before any change: only its header and periods differ.
    lines.push(diff.policy.length === 0 && diff.periods.length === 0 ? 'No semantic changes.' : 'No rule changes (only the policy header and periods differ).');
  }
  return lines;
}

function title(c: ItemChange): string {
  const where = c.section ? ` — ${c.section}` : '';
  const kind = `[${c.kind}] `;
  switch (c.status) {
    case 'added':
      return `${kind}${c.name}${where} (added)`;
    case 'removed':
      return `${kind}${c.name}${where} (removed)`;
    case 'renamed':
      return `${kind}${c.oldName} → ${c.name}${where} (renamed, similarity ${formatNumber((c.similarity ?? 0) * 100)}%)`;
    case 'moved': {
      const from = c.fields.find((f) => f.field === 'section')?.before;
      return `${kind}${c.name} — ${from} → ${c.section} (moved)`;
    }
    case 'changed':
      return `${kind}${c.name}${where}`;
  }
}

function itemBlocks(c: ItemChange): Block[] {
  const blocks: Block[] = [{ heading: title(c), level: 3 }];
  const multiline = (f: FieldChange) => (f.before ?? '').includes('\n') || (f.after ?? '').includes('\n') || (f.before ?? '').length + (f.after ?? '').length > 80;
  const plain = c.fields.filter((f) => !multiline(f));
  if (c.status === 'added' || c.status === 'removed') {
    const side = (f: FieldChange) => (c.status === 'added' ? f.after : f.before) ?? '';
    if (plain.length) blocks.push({ table: { header: ['', c.status === 'added' ? 'new' : 'old'], rows: plain.map((f) => [f.field, side(f)]) } });
    for (const f of c.fields.filter(multiline)) blocks.push({ code: { label: f.field, text: side(f) } });
    return blocks;
  }
  if (plain.length) blocks.push(fieldsTable(plain));
  for (const f of c.fields.filter(multiline)) {
    blocks.push({ code: { label: `${f.field} — before`, text: f.before ?? '(none)' } });
    blocks.push({ code: { label: `${f.field} — after`, text: f.after ?? '(none)' } });
  }
  return blocks;
}

function fieldsTable(fields: FieldChange[]): Block {
  return { table: { header: ['', 'before', 'after'], rows: fields.map((f) => [f.field, f.before ?? '—', f.after ?? '—']) } };
}

function pointsTable(rows: PointsRow[], what: string): Block {
  return {
    table: {
      header: ['kind', what, 'before', 'after', 'change'],
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

function impactBlocks(ctx: ImpactContext): Block[] {
  const { impact } = ctx;
  const period = ctx.period ? `, period ${ctx.period}` : '';
  const blocks: Block[] = [{ heading: `Impact on ${ctx.data}${period}`, level: 2 }];
  if (ctx.notes.length > 0) blocks.push({ list: ctx.notes });
  blocks.push({ heading: 'Units that change tier', level: 3 });
  blocks.push(impact.tierChanges.length ? standingTable(impact.tierChanges, 'en') : { para: 'None.' });
  blocks.push({ heading: 'Indicators that move points most', level: 3 });
  blocks.push(impact.indicators.length ? movementTable(impact.indicators, 'en') : { para: 'No indicator score changes.' });
  blocks.push({ heading: 'All units', level: 3 }, standingTable(impact.units, 'en'));
  return blocks;
}

/** The headers of the impact tables, for a reviewer (English) or an analyst (Chinese). */
const IMPACT_HEADERS = {
  standing: {
    en: ['unit', 'kind', 'total before', 'total after', 'change', 'rank', 'tier'],
    zh: ['单位', '类别', '原总分', '现总分', '变化', '名次', '分段'],
  },
  movement: {
    en: ['indicator', 'kind', 'units changed', 'points moved', 'mean change', 'largest change'],
    zh: ['指标', '类别', '变化单位数', '变动分值合计', '平均变化', '最大变化'],
  },
  status: {
    en: { added: 'added', removed: 'removed' },
    zh: { added: '新增', removed: '删除' },
  },
} as const;

/** Each unit's total, rank and tier before and after (`3 → 5`, `第一段 → 第二段`). */
export function standingTable(units: readonly UnitImpact[], lang: 'en' | 'zh'): Block {
  const rows = units.map((u) => [
    u.name === u.id ? u.id : `${u.name} (${u.id})`,
    u.kind,
    num(u.before?.total ?? null),
    num(u.after?.total ?? null),
    signed(u.change),
    arrow(u.before?.rank ?? null, u.after?.rank ?? null),
    arrow(u.before?.tier ?? null, u.after?.tier ?? null),
  ]);
  return { table: { header: [...IMPACT_HEADERS.standing[lang]], rows } };
}

/** The indicators whose scores moved, most points first. */
export function movementTable(movements: readonly IndicatorMovement[], lang: 'en' | 'zh'): Block {
  const rows = movements.map((m) => [
    (m.oldName ? `${m.oldName} → ${m.name}` : m.name) + (m.status === 'kept' ? '' : ` (${IMPACT_HEADERS.status[lang][m.status]})`),
    m.kind,
    String(m.unitsChanged),
    formatNumber(m.pointsMoved),
    signed(m.meanChange),
    m.largest ? `${m.largest.unit} ${signed(m.largest.change)}` : '—',
  ]);
  return { table: { header: [...IMPACT_HEADERS.movement[lang]], rows } };
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
    } else out.push(`${b.code.label}:\n\n\`\`\`\n${b.code.text}\n\`\`\``);
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
    else out.push(`  ${b.code.label}:\n${indent(indent(b.code.text))}`);
  }
  return out.join('\n') + '\n';
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
