// Semantic diff: two rule graphs → what changed in the indicator system, in the policy's own terms
// (indicators added, removed, renamed, moved; points, rules, metadata, tiers, bonuses, links), never lines.
// Node-free: the CLI and the web editor's review view both render it.
import type {
  Adjustment,
  BonusNode,
  GExpr,
  GraphNode,
  IndicatorNode,
  InputNode,
  LinkNode,
  RuleGraph,
  SectionNode,
  TiersNode,
  TotalNode,
  ValueNode,
  ValueType,
  WarningRule,
} from '../graph/graph.js';
import { WARNING_LEVELS } from '../compiler/check-warnings.js';
import { BUILTIN_TYPES, FUNCTION_NAMES, spell, type KeywordLanguage, type KeywordName } from '../dsl/keywords.js';
import {
  GATED_MODES, INDICATOR_TYPES, METHODS, PERIOD_AGGREGATES, PERIOD_KINDS, QUOTA_ROUNDINGS, RANK_ORDERS, ROUNDING_MODES, STEP_MODES, spellValue,
} from '../compiler/value-words.js';
import { DIFF_FIELDS, diffMessage, render, type DiffArgs, type DiffKey, type Lang } from '../messages/index.js';

export interface PolicyLabel {
  name: string;
  version: string;
}

/**
 * The words a diff is shown in: the reader's language (headings, the names of properties), and each version's
 * keyword spelling, as its files spell them (a policy written with 令/得分/分档 reads 令/得分/分档).
 */
export interface DiffWords {
  lang: Lang;
  before: KeywordLanguage;
  after: KeywordLanguage;
}

/** English words and keywords: for programs that read the diff (the API's default). */
export const ENGLISH_DIFF: DiffWords = { lang: 'en', before: 'english', after: 'english' };

/** One property that differs; `null` on a side means absent there. */
export interface FieldChange {
  /** The property, in English (stable: programs match on it). */
  field: string;
  /** The property as the reader reads it (`分值`, `points`). */
  label: string;
  before: string | null;
  after: string | null;
}

export type ItemKind = 'input' | 'section' | 'indicator' | 'bonus' | 'link' | 'tiers' | 'total' | 'warning';

export interface ItemChange {
  item: ItemKind;
  /** The entity kind the item belongs to. */
  kind: string;
  /** `moved`: an indicator kept its name and went to another section (its other changes are in `fields`). */
  status: 'added' | 'removed' | 'renamed' | 'moved' | 'changed';
  /** The name in NEW (in OLD when removed). */
  name: string;
  /** The name in OLD, when renamed. */
  oldName: string | null;
  /** For renames: how alike the old and new definitions are, 0–1. */
  similarity: number | null;
  /** Indicators: their section in NEW (OLD when removed). */
  section: string | null;
  fields: FieldChange[];
}

export interface PointsRow {
  kind: string;
  /** Section name, or method as the policy spells it (`machine`, …, `unspecified`; `机考`, …, `未注明`). */
  name: string;
  before: number | null;
  after: number | null;
}

export interface SemanticDiff {
  old: PolicyLabel;
  new: PolicyLabel;
  policy: FieldChange[];
  kinds: { added: string[]; removed: string[] };
  periods: FieldChange[];
  changes: ItemChange[];
  pointsBySection: PointsRow[];
  pointsByMethod: PointsRow[];
  /** Indicator renames, old name → new name, for matching results of OLD and NEW. */
  renames: Record<string, string>;
}

/** Indicators whose definitions are at least this alike (and whose points agree) count as renamed. */
const RENAME_THRESHOLD = 0.8;

export function semanticDiff(before: RuleGraph, after: RuleGraph, words: DiffWords = ENGLISH_DIFF): SemanticDiff {
  // Compared in neutral (English) words, shown in the author's: two versions spelled differently do not differ.
  const a = new GraphView(before, ENGLISH_VIEW, { lang: words.lang, spelling: words.before });
  const b = new GraphView(after, ENGLISH_VIEW, { lang: words.lang, spelling: words.after });
  const changes: ItemChange[] = [];
  const renames = matchRenames(a, b);
  changes.push(...diffItems(a, b, 'input', (v, n) => inputFields(v, n as InputNode)));
  changes.push(...diffItems(a, b, 'section', (v, n) => sectionFields(v, n as SectionNode)));
  changes.push(...diffIndicators(a, b, renames));
  changes.push(...diffItems(a, b, 'bonus', (v, n) => bonusFields(v, n as BonusNode)));
  changes.push(...diffItems(a, b, 'link', (v, n) => linkFields(v, n as LinkNode)));
  changes.push(...diffItems(a, b, 'tiers', (v, n) => tiersFields(v, n as TiersNode)));
  changes.push(...diffItems(a, b, 'total', (v, n) => totalFields(v, n as TotalNode)));
  changes.push(...diffWarnings(a, b));
  const kindsA = before.kinds.map((k) => k.name);
  const kindsB = after.kinds.map((k) => k.name);
  return {
    old: { name: before.policy.name, version: before.policy.version },
    new: { name: after.policy.name, version: after.policy.version },
    policy: compareFieldsIn(a, b, policyFields, policyFields),
    kinds: { added: kindsB.filter((k) => !kindsA.includes(k)), removed: kindsA.filter((k) => !kindsB.includes(k)) },
    periods: compareFieldsIn(a, b, periodFields, periodFields),
    changes,
    pointsBySection: pointsRows(a, b, (v) => v.byRole('section').map((s) => [s.kind, s.name, (s as SectionNode).points, s.name])),
    pointsByMethod: pointsRows(a, b, (v) =>
      v.byRole('indicator').map((i) => {
        const method = (i as IndicatorNode).meta.method;
        return [i.kind, method ?? 'unspecified', (i as IndicatorNode).points, method ? v.shown.value(METHODS, method) : v.shown.say('unspecifiedMethod')];
      }),
    ),
    renames: Object.fromEntries(renames),
  };
}

// ── The graph seen by name ──────────────────────────────────────────────────

/** The language of a view's words and the spelling of its keywords. */
export interface ViewWords {
  lang: Lang;
  spelling: KeywordLanguage;
}

const ENGLISH_VIEW: ViewWords = { lang: 'en', spelling: 'english' };

/** Index of a graph's nodes by id and by role + name, with expression printing and canonical forms. */
export class GraphView {
  readonly byId = new Map<string, GraphNode>();
  private readonly canonCache = new Map<string, string>();
  /** The same graph in the words it is shown in (this view itself when none are given). */
  readonly shown: GraphView;

  constructor(readonly graph: RuleGraph, readonly words: ViewWords = ENGLISH_VIEW, shownIn?: ViewWords) {
    for (const n of graph.nodes) this.byId.set(n.id, n);
    this.shown = shownIn ? new GraphView(graph, shownIn) : this;
  }

  /** A keyword as this view's files spell it. */
  kw(keyword: KeywordName): string {
    return spell(keyword, this.words.spelling);
  }

  /** A built-in function's name as this view's files spell it. */
  fn(name: string): string {
    return this.words.spelling === 'chinese' ? ((FUNCTION_NAMES as Record<string, string>)[name] ?? name) : name;
  }

  /** A value word (`machine`, `monthly`, …) as this view's files spell it. */
  value<T extends string>(words: ReadonlyMap<string, T>, english: T): string {
    return spellValue(words, english, this.words.spelling);
  }

  /** A sentence of the diff in this view's language. */
  say<K extends DiffKey>(key: K, ...params: DiffArgs<K>): string {
    return render(diffMessage(key, ...params), this.words.lang);
  }

  byRole(role: GraphNode['role']): GraphNode[] {
    return this.graph.nodes.filter((n) => n.role === role);
  }

  named(role: GraphNode['role'], kind: string, name: string): GraphNode | undefined {
    return this.graph.nodes.find((n) => n.role === role && n.kind === kind && n.name === name);
  }

  nameOf(id: string): string {
    return this.byId.get(id)?.name ?? id;
  }

  /** Readable text of an expression (units already applied: percents print as fractions' percent form where known). */
  text(e: GExpr): string {
    return exprText(this, e, 0);
  }

  /**
   * A canonical form of an expression: lets and lifted values inlined, other nodes by name, so two
   * rules compare equal when they compute the same thing from the same names, however they are split.
   */
  canon(e: GExpr | null): string {
    if (e === null) return '-';
    switch (e.k) {
      case 'node': {
        const cached = this.canonCache.get(e.id);
        if (cached !== undefined) return cached;
        const n = this.byId.get(e.id);
        const form = n?.role === 'value' ? `(${this.canon(n.expr)})` : `@${n?.name ?? e.id}`;
        this.canonCache.set(e.id, form);
        return form;
      }
      case 'rel':
        return `@${this.nameOf(e.rel)}.${this.nameOf(e.id)}`;
      case 'pop':
        return `${e.fn}(${this.canon({ k: 'node', id: e.of })}${e.share === null ? '' : `,${e.share}`}${e.among === undefined ? '' : ` where ${this.canon({ k: 'node', id: e.among })}`})`;
      default: {
        const parts: string[] = [];
        for (const [key, value] of Object.entries(e)) {
          if (key === 'k') continue;
          parts.push(`${key}=${this.canonValue(value)}`);
        }
        return `${e.k}{${parts.join(';')}}`;
      }
    }
  }

  private canonValue(value: unknown): string {
    if (value === null || typeof value !== 'object') return JSON.stringify(value);
    if (Array.isArray(value)) return `[${value.map((v) => this.canonValue(v)).join(',')}]`;
    if ('k' in value) return this.canon(value as GExpr);
    return `{${Object.entries(value).map(([k, v]) => `${k}=${this.canonValue(v)}`).join(';')}}`;
  }

  /** The lets (value nodes) an expression reads, transitively, in graph order. */
  letsOf(exprs: (GExpr | null)[]): ValueNode[] {
    const seen = new Set<string>();
    const visit = (e: GExpr | null | undefined): void => {
      if (!e) return;
      forEachChild(e, visit);
      const ids = e.k === 'node' ? [e.id] : e.k === 'pop' ? [e.of, ...(e.among === undefined ? [] : [e.among])] : [];
      for (const id of ids) {
        const n = this.byId.get(id);
        if (n?.role === 'value' && !seen.has(id)) {
          seen.add(id);
          visit(n.expr);
        }
      }
    };
    exprs.forEach(visit);
    return this.graph.nodes.filter((n): n is ValueNode => n.role === 'value' && seen.has(n.id));
  }
}

function forEachChild(e: GExpr, f: (child: GExpr) => void): void {
  switch (e.k) {
    case 'neg':
    case 'not':
      return f(e.a);
    case 'arith':
    case 'cmp':
    case 'logic':
      f(e.a);
      return f(e.b);
    case 'if':
      f(e.c);
      f(e.t);
      return f(e.e);
    case 'band':
      f(e.x);
      e.arms.forEach((arm) => (f(arm.bound), f(arm.v)));
      return f(e.else);
    case 'match':
      f(e.x);
      e.arms.forEach((arm) => f(arm.v));
      if (e.else) f(e.else);
      return;
    case 'fn':
      return e.args.forEach(f);
    case 'agg':
      f(e.list);
      if (e.where) f(e.where);
      if (e.value) f(e.value);
      return;
    default:
      return;
  }
}

export { forEachChild as forEachSubexpression };

const PRECEDENCE: Record<string, number> = { or: 1, and: 2, '==': 4, '!=': 4, '<': 4, '<=': 4, '>': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6 };

function exprText(v: GraphView, e: GExpr, outer: number): string {
  const wrap = (prec: number, s: string) => (prec < outer ? `(${s})` : s);
  switch (e.k) {
    case 'num':
      return formatNumber(e.v);
    case 'str':
      return JSON.stringify(e.v);
    case 'bool':
      return v.kw(e.v ? 'true' : 'false');
    case 'date':
      return new Date(e.v * 86_400_000).toISOString().slice(0, 10);
    case 'enum':
      return e.v;
    case 'node': {
      const n = v.byId.get(e.id);
      if (n?.role === 'value' && n.name.startsWith('$')) return wrap(0, n.text);
      return n?.name ?? e.id;
    }
    case 'rel':
      return `${v.nameOf(e.rel)}.${v.nameOf(e.id)}`;
    case 'field':
      return e.name;
    case 'neg':
      return `-${exprText(v, e.a, 7)}`;
    case 'not':
      return wrap(3, `${v.kw('not')} ${exprText(v, e.a, 3)}`);
    case 'arith':
    case 'cmp':
    case 'logic': {
      const p = PRECEDENCE[e.op]!;
      const op = e.op === 'and' || e.op === 'or' ? v.kw(e.op) : e.op;
      return wrap(p, `${exprText(v, e.a, p)} ${op} ${exprText(v, e.b, p + 1)}`);
    }
    case 'if':
      return wrap(0, `${v.kw('if')} ${exprText(v, e.c, 0)} ${v.kw('then')} ${exprText(v, e.t, 0)} ${v.kw('else')} ${exprText(v, e.e, 0)}`);
    case 'band': {
      const arms = e.arms.map((arm) => `${arm.op} ${exprText(v, arm.bound, 0)}: ${exprText(v, arm.v, 0)}`);
      return `${v.kw('band')} ${exprText(v, e.x, 7)} { ${[...arms, `${v.kw('else')}: ${exprText(v, e.else, 0)}`].join(', ')} }`;
    }
    case 'match': {
      const arms = e.arms.map((arm) => `${arm.values.join(', ')}: ${exprText(v, arm.v, 0)}`);
      if (e.else) arms.push(`${v.kw('else')}: ${exprText(v, e.else, 0)}`);
      return `${v.kw('match')} ${exprText(v, e.x, 7)} { ${arms.join(', ')} }`;
    }
    case 'fn': {
      const args = e.args.map((x) => exprText(v, x, 0));
      const steps = STEP_FNS[e.fn];
      if (steps) return `${v.fn('steps')}(${args.join(', ')}, ${v.value(STEP_MODES, steps)})`;
      if (e.fn === 'interpolate') {
        const anchors: string[] = [];
        for (let i = 1; i + 1 < args.length; i += 2) anchors.push(`${args[i]} -> ${args[i + 1]}`);
        return `${v.fn('interpolate')}(${[args[0], ...anchors].join(', ')})`;
      }
      return `${v.fn(e.fn)}(${args.join(', ')})`;
    }
    case 'agg': {
      const list = exprText(v, e.list, 7) + (e.where ? ` ${v.kw('where')} ${exprText(v, e.where, 0)}` : '');
      const args = [list];
      if (e.value) args.push(exprText(v, e.value, 0));
      if (e.trim) args.push(String(e.trim.drop), String(e.trim.minCount));
      return `${v.fn(e.fn)}(${args.join(', ')})`;
    }
    case 'pop': {
      const cond = e.among === undefined ? undefined : v.byId.get(e.among);
      const among = cond?.role === 'value' ? ` ${v.kw('where')} ${exprText(v, cond.expr, 0)}` : '';
      const of = exprText(v, { k: 'node', id: e.of }, 7);
      const ranked = among === '' ? of : `(${of}${among})`; // (X where C) in top P
      if (e.fn === 'in_top' || e.fn === 'in_bottom') {
        return wrap(4, `${ranked} ${v.kw('in')} ${v.kw(e.fn === 'in_top' ? 'top' : 'bottom')} ${formatPercent(e.share ?? 0)}`);
      }
      if (e.fn === 'in_top_n' || e.fn === 'in_bottom_n') {
        return wrap(4, `${ranked} ${v.kw('in')} ${v.kw(e.fn === 'in_top_n' ? 'top' : 'bottom')} ${e.share ?? 0}名`);
      }
      return e.fn === 'rank_asc' ? `${v.fn('rank')}(${of}${among}, ${v.value(RANK_ORDERS, 'asc')})` : `${v.fn(e.fn)}(${of}${among})`;
    }
  }
}

/** The step functions of the graph and the mode each stands for in `steps(x, unit, mode)`. */
const STEP_FNS: Partial<Record<string, 'whole' | 'pro_rata' | 'round_up'>> = {
  steps_whole: 'whole',
  steps_pro_rata: 'pro_rata',
  steps_round_up: 'round_up',
};

/** Numbers as people write them: no binary noise (0.1 + 0.2 prints 0.3). */
export function formatNumber(n: number): string {
  return String(Number(n.toPrecision(12)));
}

export function formatPercent(fraction: number): string {
  return `${formatNumber(fraction * 100)}%`;
}

// ── Matching items by name ───────────────────────────────────────────────────

type Fields = Record<string, string | null>;
type FieldsOf = (v: GraphView) => Fields;
const ROLE_OF: Record<Exclude<ItemKind, 'warning'>, GraphNode['role']> = {
  input: 'input',
  section: 'section',
  indicator: 'indicator',
  bonus: 'bonus',
  link: 'link',
  tiers: 'tiers',
  total: 'total',
};

function key(n: GraphNode): string {
  return `${n.kind}\u0000${n.name}`;
}

function diffItems(a: GraphView, b: GraphView, item: Exclude<ItemKind, 'warning'>, fields: (v: GraphView, n: GraphNode) => Fields): ItemChange[] {
  const role = ROLE_OF[item];
  const inA = new Map(a.byRole(role).map((n) => [key(n), n]));
  const inB = new Map(b.byRole(role).map((n) => [key(n), n]));
  const out: ItemChange[] = [];
  for (const [k, n] of inA) {
    if (!inB.has(k)) out.push(change(item, n, 'removed', null, compareFieldsIn(a, b, (v) => fields(v, n), null)));
  }
  for (const [k, n] of inB) {
    const old = inA.get(k);
    if (!old) {
      out.push(change(item, n, 'added', null, compareFieldsIn(a, b, null, (v) => fields(v, n))));
      continue;
    }
    const diffs = compareFieldsIn(a, b, (v) => fields(v, old), (v) => fields(v, n));
    if (diffs.length > 0) out.push(change(item, n, 'changed', null, diffs));
  }
  return out;
}

function change(item: ItemKind, n: GraphNode, status: ItemChange['status'], oldName: string | null, fields: FieldChange[]): ItemChange {
  return { item, kind: n.kind, status, name: n.name, oldName, similarity: null, section: null, fields };
}

/**
 * The properties of one item (or the policy) that differ: compared in the neutral views `a` and `b`, shown in
 * their `shown` views. `null`: the item is absent on that side.
 */
function compareFieldsIn(a: GraphView, b: GraphView, before: FieldsOf | null, after: FieldsOf | null): FieldChange[] {
  const x = before?.(a) ?? {};
  const y = after?.(b) ?? {};
  const shownX = before?.(a.shown) ?? {};
  const shownY = after?.(b.shown) ?? {};
  const names = [...Object.keys(x), ...Object.keys(y).filter((k) => !(k in x))];
  const out: FieldChange[] = [];
  for (const field of names) {
    const p = x[field] ?? null;
    const q = y[field] ?? null;
    if (comparable(p) === comparable(q)) continue;
    const label = fieldLabel(b.shown, field);
    if (p !== null && q !== null && shownValue(p) === shownValue(q)) out.push(constantsChanged(b.shown, field, label, comparable(p)!, comparable(q)!));
    else out.push({ field, label, before: shownValue(shownX[field] ?? null), after: shownValue(shownY[field] ?? null) });
  }
  return out;
}

/** A property's name for the reader; a tier's and a period's name their own (`tier 第一段`, `period 2021`). */
function fieldLabel(v: GraphView, field: string): string {
  const known = (DIFF_FIELDS as Record<string, { zh: string; en: string } | undefined>)[field];
  if (known) return known[v.words.lang];
  if (field.startsWith('tier ')) return v.say('tierField', { tier: field.slice(5) });
  if (field.startsWith('period ')) return v.say('periodField', { period: field.slice(7) });
  return field;
}

/**
 * A rule that reads the same but means something else uses a parameter (inlined into the graph) or a
 * constant whose value changed: report the values that differ rather than two identical texts.
 */
function constantsChanged(v: GraphView, field: string, label: string, before: string, after: string): FieldChange {
  const numbers = (s: string) => s.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g) ?? [];
  const a = numbers(before);
  const b = numbers(after);
  const pairs = a.length === b.length ? a.flatMap((x, i) => (x === b[i] ? [] : [`${x}\u0000${b[i]}`])) : [];
  const differ = [...new Set(pairs)].map((p) => p.split('\u0000') as [string, string]);
  return {
    field: `${field}: a parameter or constant it uses`,
    label: v.say('constantsField', { field: label }),
    before: differ.length > 0 ? differ.map(([x]) => x).join(', ') : v.say('unchangedText'),
    after: differ.length > 0 ? differ.map(([, w]) => w).join(', ') : v.say('unchangedTextOtherMeaning'),
  };
}

// ── Indicators: renames by similarity ───────────────────────────────────────

function matchRenames(a: GraphView, b: GraphView): Map<string, string> {
  const namesB = new Set(b.byRole('indicator').map(key));
  const namesA = new Set(a.byRole('indicator').map(key));
  const removed = a.byRole('indicator').filter((n) => !namesB.has(key(n))) as IndicatorNode[];
  const added = b.byRole('indicator').filter((n) => !namesA.has(key(n))) as IndicatorNode[];
  const candidates: { from: IndicatorNode; to: IndicatorNode; score: number }[] = [];
  for (const from of removed) {
    for (const to of added) {
      if (from.kind !== to.kind || from.points !== to.points) continue;
      const score = indicatorSimilarity(a, from, b, to);
      if (score >= RENAME_THRESHOLD) candidates.push({ from, to, score });
    }
  }
  candidates.sort((x, y) => y.score - x.score || x.from.name.localeCompare(y.from.name));
  const renames = new Map<string, string>();
  const taken = new Set<string>();
  for (const c of candidates) {
    if (renames.has(c.from.name) || taken.has(c.to.name)) continue;
    renames.set(c.from.name, c.to.name);
    taken.add(c.to.name);
  }
  return renames;
}

/** 1 when the scoring rules are the same; else a blend of rule, metadata and name likeness. */
function indicatorSimilarity(a: GraphView, x: IndicatorNode, b: GraphView, y: IndicatorNode): number {
  const ruleX = ruleCanon(a, x);
  const ruleY = ruleCanon(b, y);
  if (ruleX === ruleY) return 1;
  const metaX = Object.values(x.meta).join('|');
  const metaY = Object.values(y.meta).join('|');
  return 0.6 * dice(ruleX, ruleY) + 0.2 * dice(metaX, metaY) + 0.2 * dice(x.name, y.name);
}

/** Sørensen–Dice coefficient over character bigrams. */
function dice(s: string, t: string): number {
  if (s === t) return 1;
  if (s.length < 2 || t.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i + 1 < s.length; i++) grams.set(s.slice(i, i + 2), (grams.get(s.slice(i, i + 2)) ?? 0) + 1);
  let shared = 0;
  for (let i = 0; i + 1 < t.length; i++) {
    const g = t.slice(i, i + 2);
    const left = grams.get(g) ?? 0;
    if (left > 0) {
      shared++;
      grams.set(g, left - 1);
    }
  }
  return (2 * shared) / (s.length - 1 + t.length - 1);
}

function ruleCanon(v: GraphView, n: IndicatorNode): string {
  return [
    `base=${v.canon(n.base)}`,
    ...n.adjustments.map((adj) => adjustmentCanon(v, adj)),
    `exempt=${v.canon(n.exemptWhen)}`,
    `exemptIfMissing=${n.exemptIfMissing.map((id) => v.nameOf(id)).join(',')}`,
    `peerMeanIfMissing=${n.peerMeanIfMissing.map((id) => v.nameOf(id)).join(',')}`,
  ].join('\n');
}

function adjustmentCanon(v: GraphView, adj: Adjustment): string {
  return `${adj.direction} ${v.canon(adj.amount)} per ${v.canon(adj.per)} where ${v.canon(adj.where)} distinct ${adj.distinct ?? ''} when ${v.canon(adj.when)} cap ${v.canon(adj.cap)}`;
}

/** The rule of an indicator as written: its lets, score and adjustments, one per line. */
export function indicatorRuleText(v: GraphView, n: IndicatorNode): string {
  const exprs = [n.base, n.exemptWhen, ...n.adjustments.flatMap((adj) => [adj.amount, adj.per, adj.where, adj.when, adj.cap])];
  const lines = v
    .letsOf(exprs)
    .filter((l) => !l.name.startsWith('$') && !l.name.includes('#')) // lifted sub-expressions read inline
    .map((l) => `${v.kw('let')} ${ownLet(n, l) ? '' : letOwner(l)}${l.name} = ${l.text}`);
  lines.push(`${v.kw('score')} = ${n.baseText ?? `${formatNumber(n.points)} ${v.say('fullPoints')}`}`);
  for (const adj of n.adjustments) lines.push(adj.text);
  if (n.exemptWhen) lines.push(`${v.kw('exempt')} ${v.kw('when')} ${v.text(n.exemptWhen)}`);
  return lines.join('\n');
}

/** Whether a let read by an indicator is its own or its section's (else it is written `指标.令`). */
function ownLet(n: IndicatorNode, l: ValueNode): boolean {
  return l.id === `${n.id}.${l.name}` || l.id === `${n.section}.${l.name}`;
}

function diffIndicators(a: GraphView, b: GraphView, renames: Map<string, string>): ItemChange[] {
  const renamedTo = new Map([...renames].map(([from, to]) => [to, from]));
  const out: ItemChange[] = [];
  const inB = new Map(b.byRole('indicator').map((n) => [key(n), n as IndicatorNode]));
  for (const n of a.byRole('indicator') as IndicatorNode[]) {
    if (inB.has(key(n)) || renames.has(n.name)) continue;
    out.push({ ...change('indicator', n, 'removed', null, compareFieldsIn(a, b, (v) => indicatorFields(v, n), null)), section: a.nameOf(n.section) });
  }
  for (const n of b.byRole('indicator') as IndicatorNode[]) {
    const oldName = renamedTo.get(n.name) ?? n.name;
    const old = a.named('indicator', n.kind, oldName) as IndicatorNode | undefined;
    const section = b.nameOf(n.section);
    if (!old) {
      out.push({ ...change('indicator', n, 'added', null, compareFieldsIn(a, b, null, (v) => indicatorFields(v, n))), section });
      continue;
    }
    const fields = compareFieldsIn(a, b, (v) => indicatorFields(v, old), (v) => indicatorFields(v, n));
    if (oldName !== n.name) {
      const similarity = Math.round(indicatorSimilarity(a, old, b, n) * 100) / 100;
      out.push({ ...change('indicator', n, 'renamed', oldName, fields), similarity, section });
    } else if (fields.length > 0) {
      const moved = fields.some((f) => f.field === 'section');
      out.push({ ...change('indicator', n, moved ? 'moved' : 'changed', null, fields), section });
    }
  }
  return out;
}

function indicatorFields(v: GraphView, n: IndicatorNode): Fields {
  const sameRule = ruleCanon(v, n);
  return {
    section: v.nameOf(n.section),
    points: formatNumber(n.points),
    precision: String(n.precision),
    method: n.meta.method && v.value(METHODS, n.meta.method),
    source: n.meta.source,
    owner: n.meta.owner,
    period: n.meta.period && v.value(PERIOD_KINDS, n.meta.period),
    partsBy: n.partsBy ? v.value(PERIOD_AGGREGATES, n.partsBy) : null,
    type: n.meta.type && v.value(INDICATOR_TYPES, n.meta.type),
    doc: n.meta.doc,
    // The displayed rule is the text as written; it counts as changed only when its meaning does.
    rule: `${indicatorRuleText(v, n)}\u0000${sameRule}`,
    'linked deductions': n.links.map((id) => v.nameOf(id)).join(', ') || null,
  };
}

// A field value may carry a comparison key after U+0000: the text shown is what the author wrote,
// and the key (the canonical form) decides whether the meaning changed.
function shownValue(value: string | null): string | null {
  if (value === null) return null;
  const cut = value.indexOf('\u0000');
  return cut < 0 ? value : value.slice(0, cut);
}

function comparable(value: string | null): string | null {
  if (value === null) return null;
  const cut = value.indexOf('\u0000');
  return cut < 0 ? value : value.slice(cut + 1);
}

// ── Other items ──────────────────────────────────────────────────────────────

function withKey(shown: string, canon: string): string {
  return `${shown}\u0000${canon}`;
}

/** A type as the policy's files write it (`percent`, `百分比`). */
function typeText(v: GraphView, t: ValueType): string {
  const builtin = (name: keyof typeof BUILTIN_TYPES) => (name === 'points' ? v.kw('points') : v.words.spelling === 'chinese' ? BUILTIN_TYPES[name] : name);
  switch (t.t) {
    case 'num':
      return builtin(t.dim);
    case 'enum':
      return t.name ?? `${v.kw('enum')}(${t.values.join(', ')})`;
    case 'list':
      return `[${t.record}]`;
    case 'ref':
      return t.kind;
    default:
      return builtin(t.t);
  }
}

/** What an input falls back to, as the policy writes it (`默认 否`, `default 50%`). */
function missingText(v: GraphView, n: InputNode): string {
  const m = n.missing;
  switch (m.kind) {
    case 'default': {
      const value = m.value;
      const shown = typeof value === 'boolean' ? v.kw(value ? 'true' : 'false')
        : typeof value === 'number' ? (n.type.t === 'num' && n.type.dim === 'percent' ? formatPercent(value) : formatNumber(value))
          : JSON.stringify(value);
      return `${v.kw('default')} ${shown}`;
    }
    case 'exempt':
      return v.kw('exempt');
    case 'error':
      return v.words.spelling === 'chinese' ? '报错' : 'error';
    case 'peer_mean':
      return v.fn('peer_mean');
    case 'fill_peer_mean':
      return v.words.spelling === 'chinese' ? '同级均值填补' : 'fill_peer_mean';
  }
}

function inputFields(v: GraphView, n: InputNode): Fields {
  return {
    type: typeText(v, n.type),
    label: n.label,
    missing: missingText(v, n),
  };
}

function sectionFields(v: GraphView, n: SectionNode): Fields {
  return {
    points: formatNumber(n.points),
    weight: n.weight === null ? null : formatPercent(n.weight),
    cap: n.cap ? v.kw('cap') : null,
    when: n.when ? withKey(v.text(n.when), v.canon(n.when)) : null,
    indicators: n.indicators.map((id) => v.nameOf(id)).join(', '),
  };
}

function adjustmentsText(v: GraphView, adjustments: Adjustment[]): string | null {
  if (adjustments.length === 0) return null;
  return withKey(adjustments.map((adj) => adj.text).join('\n'), adjustments.map((adj) => adjustmentCanon(v, adj)).join('\n'));
}

function bonusFields(v: GraphView, n: BonusNode): Fields {
  return {
    cap: n.cap === null ? null : formatNumber(n.cap),
    counts: n.counts === 'total' ? v.kw('total') : v.words.spelling === 'chinese' ? (n.counts === 'tiebreak' ? FUNCTION_NAMES.rank : '扣分') : n.counts, // `计入 排名` / `counts tiebreak`
    rules: adjustmentsText(v, n.adjustments),
    period: n.period ? v.value(PERIOD_KINDS, n.period) : null,
    partsBy: n.partsBy ? v.value(PERIOD_AGGREGATES, n.partsBy) : null,
  };
}

function linkFields(v: GraphView, n: LinkNode): Fields {
  const canon = [n.sourceKind, n.list && v.nameOf(n.list), v.canon(n.where), v.canon(n.amount), v.nameOf(n.relation), v.nameOf(n.target)].join('|');
  return { rule: withKey(n.text, canon), target: v.nameOf(n.target) };
}

function tiersFields(v: GraphView, n: TiersNode): Fields {
  const fields: Fields = {
    by: v.text({ k: 'node', id: n.by }),
    ties: n.ties.mode === 'shared' ? v.kw('shared') : `${v.kw('by')} ${n.ties.keys.map((id) => v.text({ k: 'node', id })).join(', ')}`,
    quota: v.value(QUOTA_ROUNDINGS, n.quota),
    gated: v.value(GATED_MODES, n.gated),
  };
  for (const t of n.tiers) {
    const parts = [t.quota ? `${v.kw(t.quota.kind)} ${formatPercent(t.quota.share)}` : '', t.rest ? v.kw('rest') : '', t.when ? `${v.kw('when')} ${v.text(t.when)}` : ''];
    const shown = parts.filter(Boolean).join(' ');
    const key = [t.quota ? `${t.quota.kind} ${t.quota.share}` : '', t.rest ? 'rest' : ''].join(' ');
    fields[`tier ${t.name}`] = withKey(shown, `${key}|${v.canon(t.when)}`);
  }
  fields.gates = n.gates.length
    ? withKey(n.gates.map((g) => g.text + letsRead(v, g.when)).join('\n'), // the text is the whole gate as written
       n.gates.map((g) => `${g.tier}:${v.canon(g.when)}`).join('\n'))
    : null;
  fields.vetoes = n.vetoes.length
    ? withKey(n.vetoes.map((x) => x.text + letsRead(v, x.when)).join('\n'), n.vetoes.map((x) => v.canon(x.when)).join('\n'))
    : null;
  return fields;
}

/** The lets a condition reads (`收入完成.完成率`), with their definitions: a changed let changes the condition. */
function letsRead(v: GraphView, e: GExpr): string {
  const lets = v.letsOf([e]).filter((l) => !l.name.startsWith('$') && !l.name.includes('#'));
  return lets.map((l) => `（${letOwner(l)}${l.name} = ${l.text}）`).join('');
}

/** `收入完成.` for a let of the indicator 收入完成 (the owner part of its id `县局.收入完成.完成率`). */
function letOwner(l: ValueNode): string {
  return l.id.slice(l.kind.length + 1, l.id.length - l.name.length);
}

function totalFields(v: GraphView, n: TotalNode): Fields {
  return {
    sections: n.sections.map((id) => v.nameOf(id)).join(', '),
    bonuses: n.bonuses.map((id) => v.nameOf(id)).join(', ') || null,
    individual: n.individual
      ? withKey(`${v.nameOf(n.individual.relation)} ${v.kw('share')} ${n.individual.shareText}`, v.canon(n.individual.share))
      : null,
  };
}

function policyFields(v: GraphView): Fields {
  const p = v.graph.policy;
  return { name: p.name, version: p.version, evaluator: p.evaluator, precision: String(p.precision), rounding: v.value(ROUNDING_MODES, p.rounding) };
}

// ── Warnings (预警) ──────────────────────────────────────────────────────────

/** Warning rules added, removed and changed, matched by kind and name. */
function diffWarnings(a: GraphView, b: GraphView): ItemChange[] {
  const rules = (v: GraphView) => new Map((v.graph.warnings ?? []).map((w) => [`${w.kind}\u0000${w.name}`, w]));
  const inA = rules(a);
  const inB = rules(b);
  const item = (w: WarningRule, status: ItemChange['status'], fields: FieldChange[]): ItemChange =>
    ({ item: 'warning', kind: w.kind, status, name: w.name, oldName: null, similarity: null, section: null, fields });
  const out: ItemChange[] = [];
  for (const [k, w] of inA) if (!inB.has(k)) out.push(item(w, 'removed', compareFieldsIn(a, b, (v) => warningFields(v, w), null)));
  for (const [k, w] of inB) {
    const old = inA.get(k);
    const fields = compareFieldsIn(a, b, old ? (v) => warningFields(v, old) : null, (v) => warningFields(v, w));
    if (!old) out.push(item(w, 'added', fields));
    else if (fields.length > 0) out.push(item(w, 'changed', fields));
  }
  return out;
}

function warningFields(v: GraphView, w: WarningRule): Fields {
  const lets = w.values.filter((x) => x.back === undefined);
  const shown = [...lets.map((x) => `${v.kw('let')} ${x.name} = ${x.text}`), `${v.kw('when')} ${w.text}`].join('\n');
  const canon = [...w.values.map((x) => `${x.name}${x.back === undefined ? '' : `@-${x.back}`}=${v.canon(x.expr)}`), v.canon(w.when)].join('\n');
  const cadence = (p: string) => (PERIOD_KINDS.has(p) ? v.value(PERIOD_KINDS, PERIOD_KINDS.get(p)!) : p);
  return {
    level: v.value(WARNING_LEVELS, w.level),
    checked: w.periods.length > 0 ? w.periods.map(cadence).join(', ') : v.say('everyPeriod'),
    rule: withKey(shown, canon),
    message: w.message.template,
  };
}

function periodFields(v: GraphView): Fields {
  return Object.fromEntries(v.graph.periods.map((p) => [`period ${p.period}`, `${p.parts.join(', ')} ${v.kw('by')} ${v.value(PERIOD_AGGREGATES, p.aggregate)}`]));
}

/** Points summed by kind and a key (section, method); `label` is the key as shown (the last side's spelling). */
function pointsRows(a: GraphView, b: GraphView, entries: (v: GraphView) => [kind: string, key: string, points: number, label: string][]): PointsRow[] {
  const rows = new Map<string, PointsRow>();
  const add = (v: GraphView, side: 'before' | 'after') => {
    for (const [kind, key, points, name] of entries(v)) {
      const k = `${kind}\u0000${key}`;
      const row = rows.get(k) ?? { kind, name, before: null, after: null };
      row.name = name;
      row[side] = Number(((row[side] ?? 0) + points).toPrecision(12));
      rows.set(k, row);
    }
  };
  add(a, 'before');
  add(b, 'after');
  return [...rows.values()];
}
