// Pass: parsed files → resolved policy. Builds the symbol table and binds every name written in an expression.
import type {
  AdjustItem, BonusDecl, Decl, EntityDecl, EnumDecl, Expr, FieldDecl, FixtureDecl, IndicatorDecl, IndividualDecl,
  InputDecl, LetItem, LinkDecl, Name, ParamDecl, PeriodsDecl, PolicyDecl, RecordDecl, RelationDecl, SectionDecl,
  SourceFile, Span, TestDecl, CoverageDecl, TestUnit, TiersDecl, TierRule, TypeExpr, AssertDecl, FieldValue, WarningDecl, AnalysisDecl,
} from '../dsl/ast.js';
import { diagnostic, type Diagnostic } from '../dsl/diagnostics.js';
import { message } from '../messages/index.js';
import { didYouMean } from './did-you-mean.js';
import { FUNCTIONS, METHOD_FILTER, POINTS_SELECTOR } from './functions.js';
import { isKindCopy, repeatedKinds, sectionPerKind } from './section-kinds.js';
import type { PassResult } from './pass.js';
import type { PolicySymbol, SymbolKind, SymbolTable } from './symbol-table.js';

export interface RecordInfo {
  decl: RecordDecl;
  fields: Map<string, FieldDecl>;
}

export interface LetInfo {
  decl: LetItem;
  kind: string;
  scope: string; // the section, indicator or bonus the let belongs to
}

export interface IndicatorInfo {
  decl: IndicatorDecl;
  section: SectionDecl;
  kind: string;
}

export interface KindInfo {
  name: string;
  decl: EntityDecl;
  inputs: Map<string, FieldDecl>;
  relations: Map<string, RelationDecl>;
  sections: SectionDecl[];
  indicators: Map<string, IndicatorInfo>;
  bonuses: Map<string, BonusDecl>;
  lets: Map<string, LetInfo[]>; // every let of the kind by name, for `REL.NAME`
}

/** What a name in an expression stands for. */
export type Binding =
  | { to: 'input'; kind: string; field: FieldDecl }
  | { to: 'relation'; kind: string; relation: RelationDecl }
  | { to: 'let'; let: LetInfo }
  | { to: 'param'; decl: ParamDecl }
  | { to: 'indicator'; kind: string; decl: IndicatorDecl }
  | { to: 'section'; kind: string; decl: SectionDecl }
  | { to: 'bonus'; kind: string; decl: BonusDecl }
  | { to: 'total'; kind: string }
  | { to: 'field'; record: string; field: FieldDecl }
  | { to: 'enum-member'; name: string }
  /** `REL.NAME`: `target` is bound on the kind the relation points to. */
  | { to: 'related'; kind: string; relation: RelationDecl; target: Binding };

export interface PolicyDecls {
  header: PolicyDecl | null;
  entities: EntityDecl[];
  enums: EnumDecl[];
  records: RecordDecl[];
  inputs: InputDecl[];
  params: ParamDecl[];
  sections: SectionDecl[];
  bonuses: BonusDecl[];
  links: LinkDecl[];
  individuals: IndividualDecl[];
  tiers: TiersDecl[];
  periods: PeriodsDecl[];
  asserts: AssertDecl[];
  fixtures: FixtureDecl[];
  tests: TestDecl[];
  warnings: WarningDecl[];
  analysis: AnalysisDecl[];
  coverage: CoverageDecl[];
}

export interface ResolvedPolicy {
  files: SourceFile[];
  decls: PolicyDecls;
  kinds: Map<string, KindInfo>;
  enums: Map<string, EnumDecl>;
  records: Map<string, RecordInfo>;
  params: Map<string, ParamDecl>;
  fixtures: Map<string, FixtureDecl>;
  tierRules: Map<string, { tiers: TiersDecl; rule: TierRule }>;
  /** The kind a section, bonus or tiers declaration applies to (`for`, or the documented default). */
  appliesTo: Map<SectionDecl | BonusDecl | TiersDecl | WarningDecl, string>;
  /** The lets visible in a section, indicator or bonus (its own). */
  lets: Map<SectionDecl | IndicatorDecl | BonusDecl | WarningDecl, Map<string, LetInfo>>;
  bindings: Map<Expr, Binding>;
  symbols: SymbolTable;
  /** The symbol of each declaration object (entity, field, relation, let, indicator, …). */
  symbolOf: Map<object, number>;
}

export const TOTAL_NAMES = new Set(['total', '总分']);

interface Scope {
  kind: string | null;
  lets: Map<string, LetInfo>[]; // innermost first
  record: RecordInfo | null;
}

function groupDecls(files: SourceFile[]): PolicyDecls {
  const d: PolicyDecls = {
    header: null, entities: [], enums: [], records: [], inputs: [], params: [], sections: [], bonuses: [], links: [],
    individuals: [], tiers: [], periods: [], asserts: [], fixtures: [], tests: [], warnings: [], analysis: [], coverage: [],
  };
  const lists: { [K in Exclude<Decl['type'], 'Policy'>]: Decl[] } = {
    Entity: d.entities, Enum: d.enums, Record: d.records, Input: d.inputs, Param: d.params, Section: d.sections,
    Bonus: d.bonuses, Link: d.links, Individual: d.individuals, Tiers: d.tiers, Periods: d.periods,
    Assert: d.asserts, Fixture: d.fixtures, Test: d.tests, Warning: d.warnings, Analysis: d.analysis, Coverage: d.coverage,
  };
  for (const file of files) {
    for (const decl of file.decls) {
      if (decl.type === 'Policy') d.header ??= decl;
      else if (decl.type === 'Section') d.sections.push(...sectionPerKind(decl));
      else lists[decl.type].push(decl);
    }
  }
  return d;
}

export function resolveNames(files: SourceFile[]): PassResult<ResolvedPolicy> {
  const diagnostics: Diagnostic[] = [];
  const decls = groupDecls(files);
  const symbols: PolicySymbol[] = [];
  const references: SymbolTable['references'] = [];
  const symbolOf = new Map<object, number>();
  const globals = new Map<string, PolicySymbol>();
  const bindings = new Map<Expr, Binding>();

  function declare(
    kind: SymbolKind, name: Name, decl: { span: Span }, extra: Partial<PolicySymbol> = {},
  ): PolicySymbol {
    const symbol: PolicySymbol = {
      id: symbols.length, kind, name: name.text, span: name.span, declSpan: decl.span, entity: null,
      container: null, type: null, points: null, doc: null, ...extra,
    };
    symbols.push(symbol);
    symbolOf.set(decl, symbol.id);
    return symbol;
  }
  function declareGlobal(kind: SymbolKind, name: Name, decl: { span: Span }, extra: Partial<PolicySymbol> = {}) {
    const previous = globals.get(name.text);
    const symbol = declare(kind, name, decl, extra);
    if (previous) {
      diagnostics.push(diagnostic(name.span, message('KP1001', 'declared', { name: name.text, kind: previous.kind }),
        { related: [{ text: message('KP1001', 'firstDeclared'), span: previous.span }] }));
    } else {
      globals.set(name.text, symbol);
    }
    return symbol;
  }
  function refer(span: Span, decl: object): void {
    const id = symbolOf.get(decl);
    if (id !== undefined) references.push({ span, symbol: id });
  }

  // ── Header ──
  const headers = files.flatMap((f) => f.decls.filter((d): d is PolicyDecl => d.type === 'Policy'));
  if (headers.length === 0) {
    const first = files[0];
    diagnostics.push(diagnostic({ file: first?.path ?? '', start: 0, end: 0 }, message('KP1003', 'missing')));
  }
  for (const extra of headers.slice(1)) {
    diagnostics.push(diagnostic(extra.span, message('KP1004', 'another'),
      { related: [{ text: message('KP1004', 'first'), span: headers[0]!.span }] }));
  }

  // ── Declarations (any order, any file) ──
  const kinds = new Map<string, KindInfo>();
  for (const e of decls.entities) {
    declareGlobal('entity', e.name, e, { doc: e.label });
    if (!kinds.has(e.name.text)) {
      kinds.set(e.name.text, {
        name: e.name.text, decl: e, inputs: new Map(), relations: new Map(), sections: [], indicators: new Map(),
        bonuses: new Map(), lets: new Map(),
      });
    }
  }
  const kindNames = () => kinds.keys();
  function lookupKind(name: Name): KindInfo | null {
    const kind = kinds.get(name.text);
    if (kind) {
      refer(name.span, kind.decl);
      return kind;
    }
    diagnostics.push(diagnostic(name.span, message('KP1005', 'unknown', { name: name.text }),
      didYouMean(name.text, kindNames())));
    return null;
  }

  const enums = new Map<string, EnumDecl>();
  const enumMembers = new Set<string>();
  for (const e of decls.enums) {
    declareGlobal('enum', e.name, e);
    enums.set(e.name.text, e);
    for (const m of e.members) {
      declare('enum-member', m, { span: m.span }, { container: e.name.text });
      enumMembers.add(m.text);
    }
  }
  const records = new Map<string, RecordInfo>();
  for (const r of decls.records) {
    declareGlobal('record', r.name, r);
    const info: RecordInfo = { decl: r, fields: new Map() };
    records.set(r.name.text, info);
    for (const f of r.fields) addField(info.fields, f, 'record-field', { container: r.name.text, doc: f.label });
  }
  /** Declares a field of a record or an input of a kind, unless the name is taken there. */
  function addField(into: Map<string, FieldDecl>, f: FieldDecl, kind: SymbolKind, extra: Partial<PolicySymbol>, taken = false): void {
    declare(kind, f.name, f, extra);
    if (into.has(f.name.text) || taken) {
      diagnostics.push(diagnostic(f.name.span, message('KP1009', 'field', { name: f.name.text })));
    } else into.set(f.name.text, f);
  }
  for (const e of decls.entities) {
    const kind = kinds.get(e.name.text);
    for (const r of e.relations) {
      declare('relation', r.name, r, { entity: e.name.text, type: r.target.text });
      const target = lookupKind(r.target);
      if (!kind || kind.decl !== e || !target) continue;
      if (kind.relations.has(r.name.text)) {
        diagnostics.push(diagnostic(r.name.span, message('KP1009', 'relation', { kind: e.name.text, name: r.name.text })));
      } else kind.relations.set(r.name.text, r);
    }
  }
  for (const input of decls.inputs) {
    const kind = lookupKind(input.entity);
    for (const f of input.fields) {
      addField(kind?.inputs ?? new Map(), f, 'input', { entity: input.entity.text, doc: f.label },
        kind?.relations.has(f.name.text) ?? false);
    }
  }
  for (const r of decls.records) for (const f of r.fields) resolveTypeExpr(f.valueType);
  for (const input of decls.inputs) for (const f of input.fields) resolveTypeExpr(f.valueType);
  function resolveTypeExpr(t: TypeExpr): void {
    if (t.type === 'NamedType') {
      const e = enums.get(t.name.text);
      const r = records.get(t.name.text);
      if (e) refer(t.name.span, e);
      else if (r) refer(t.name.span, r.decl);
      else {
        diagnostics.push(diagnostic(t.name.span, message('KP1006', 'notEnumOrRecord', { name: t.name.text }),
          didYouMean(t.name.text, [...enums.keys(), ...records.keys()])));
      }
    } else if (t.type === 'ListType') {
      const r = records.get(t.element.text);
      if (r) refer(t.element.span, r.decl);
      else {
        diagnostics.push(diagnostic(t.element.span, message('KP1006', 'notRecord', { name: t.element.text }),
          didYouMean(t.element.text, records.keys())));
      }
    } else if (t.type === 'EnumType') {
      for (const m of t.members) enumMembers.add(m.text);
    }
  }

  const params = new Map<string, ParamDecl>();
  for (const p of decls.params) {
    declareGlobal('param', p.name, p);
    params.set(p.name.text, p);
  }

  // The documented default for `for`: the first declared entity kind that has inputs.
  const defaultKind = decls.entities.find((e) => (kinds.get(e.name.text)?.inputs.size ?? 0) > 0)?.name.text ?? null;
  const appliesTo = new Map<SectionDecl | BonusDecl | TiersDecl | WarningDecl, string>();
  function kindFor(decl: SectionDecl | BonusDecl | TiersDecl | WarningDecl, what: 'section' | 'bonus' | 'tiers' | 'warning'): KindInfo | null {
    if (decl.entity) {
      const kind = lookupKind(decl.entity);
      if (kind) appliesTo.set(decl, kind.name);
      return kind;
    }
    if (defaultKind === null) {
      diagnostics.push(diagnostic(decl.name.span, message('KP1010', 'noKind', { what, name: decl.name.text }),
        { help: message('KP1010', 'help') }));
      return null;
    }
    appliesTo.set(decl, defaultKind);
    return kinds.get(defaultKind) ?? null;
  }

  /** A result (indicator, section, bonus, tiers, link) shares the namespace of its kind's inputs and relations. */
  function checkNotNamedLikeData(kind: KindInfo | null | undefined, decl: { name: Name }, what: 'section' | 'indicator' | 'bonus' | 'tiers' | 'link'): void {
    const name = decl.name;
    const data = kind?.inputs.get(name.text) ?? kind?.relations.get(name.text);
    const alreadyReported = globals.get(name.text)?.id !== symbolOf.get(decl); // a duplicate of another global
    if (!kind || !data || alreadyReported) return;
    const dataKind = kind.inputs.has(name.text) ? 'input' : 'relation';
    diagnostics.push(diagnostic(name.span, message('KP1001', 'likeData', { name: name.text, data: dataKind, what, kind: kind.name }),
      { related: [{ text: message('KP1001', 'dataDeclared', { data: dataKind }), span: data.name.span }],
        help: message('KP1001', 'renameHelp', { name: name.text, data: dataKind, what }) }));
  }

  const lets = new Map<SectionDecl | IndicatorDecl | BonusDecl | WarningDecl, Map<string, LetInfo>>();
  function declareLets(owner: SectionDecl | IndicatorDecl | BonusDecl | WarningDecl, items: readonly { type: string }[], kind: KindInfo | null, ofKind = true) {
    const own = new Map<string, LetInfo>();
    lets.set(owner, own);
    for (const item of items) {
      if (item.type !== 'Let') continue;
      const l = item as LetItem;
      declare('let', l.name, l, { entity: kind?.name ?? null, container: owner.name.text });
      if (own.has(l.name.text)) {
        diagnostics.push(diagnostic(l.name.span, message('KP1001', 'letTwice', { name: l.name.text, owner: owner.name.text }),
          { related: [{ text: message('KP1001', 'firstDefined'), span: own.get(l.name.text)!.decl.name.span }] }));
        continue;
      }
      const info: LetInfo = { decl: l, kind: kind?.name ?? '', scope: owner.name.text };
      own.set(l.name.text, info);
      if (kind && ofKind) kind.lets.set(l.name.text, [...(kind.lets.get(l.name.text) ?? []), info]);
    }
  }

  for (const s of decls.sections) {
    const kind = kindFor(s, 'section');
    const copy = isKindCopy(s); // `for 城区局, 县局`: the names are the first kind's, declared once
    (copy ? declare : declareGlobal)('section', s.name, s, { entity: kind?.name ?? null });
    if (!copy) checkNotNamedLikeData(kind, s, 'section');
    for (const k of repeatedKinds(s)) diagnostics.push(diagnostic(k.span, message('KP1001', 'kindTwice', { name: k.text, section: s.name.text })));
    kind?.sections.push(s);
    declareLets(s, s.items, kind);
    for (const item of s.items) {
      if (item.type !== 'Indicator') continue;
      const doc = item.items.find((i) => i.type === 'Meta' && i.key === 'doc');
      const docText = doc?.type === 'Meta' && 'type' in doc.value && doc.value.type === 'String' ? doc.value.value : null;
      (copy ? declare : declareGlobal)('indicator', item.name, item, { entity: kind?.name ?? null, container: s.name.text, doc: docText });
      if (!copy) checkNotNamedLikeData(kind, item, 'indicator');
      if (kind && !kind.indicators.has(item.name.text)) {
        kind.indicators.set(item.name.text, { decl: item, section: s, kind: kind.name });
      }
      declareLets(item, item.items, kind);
    }
  }
  for (const b of decls.bonuses) {
    const kind = kindFor(b, 'bonus');
    declareGlobal('bonus', b.name, b, { entity: kind?.name ?? null });
    checkNotNamedLikeData(kind, b, 'bonus');
    if (kind && !kind.bonuses.has(b.name.text)) kind.bonuses.set(b.name.text, b);
    declareLets(b, b.items, kind);
  }
  for (const l of decls.links) declareGlobal('link', l.name, l);
  const tierRules = new Map<string, { tiers: TiersDecl; rule: TierRule }>();
  for (const t of decls.tiers) {
    const kind = kindFor(t, 'tiers');
    declareGlobal('tiers', t.name, t, { entity: kind?.name ?? null });
    checkNotNamedLikeData(kind, t, 'tiers');
    for (const rule of t.tiers) {
      declareGlobal('tier', rule.name, rule, { entity: kind?.name ?? null, container: t.name.text });
      if (!tierRules.has(rule.name.text)) tierRules.set(rule.name.text, { tiers: t, rule });
    }
  }
  // A warning's lets are its own: they are not results of the kind (`REL.NAME` does not reach them).
  for (const w of decls.warnings) {
    const kind = kindFor(w, 'warning');
    declareGlobal('warning', w.name, w, { entity: kind?.name ?? null });
    declareLets(w, w.items, kind, false);
  }
  const fixtures = new Map<string, FixtureDecl>();
  for (const f of decls.fixtures) {
    declareGlobal('fixture', f.name, f, { entity: f.entity.text });
    if (!fixtures.has(f.name.text)) fixtures.set(f.name.text, f);
  }

  // ── Expressions ──
  function candidates(scope: Scope): string[] {
    const kind = scope.kind === null ? null : kinds.get(scope.kind);
    return [
      ...(scope.record?.fields.keys() ?? []),
      ...scope.lets.flatMap((m) => [...m.keys()]),
      ...(kind ? [...kind.inputs.keys(), ...kind.relations.keys()] : []),
      ...params.keys(),
      ...(kind ? [...kind.indicators.keys(), ...kind.sections.map((s) => s.name.text), ...kind.bonuses.keys()] : []),
    ];
  }

  function lookup(name: string, scope: Scope): Binding | null {
    const field = scope.record?.fields.get(name);
    if (field && scope.record) return { to: 'field', record: scope.record.decl.name.text, field };
    for (const level of scope.lets) {
      const l = level.get(name);
      if (l) return { to: 'let', let: l };
    }
    const kind = scope.kind === null ? undefined : kinds.get(scope.kind);
    const onKind = kind ? lookupOnKind(kind, name, false) : null;
    if (onKind && (onKind.to === 'input' || onKind.to === 'relation')) return onKind;
    const param = params.get(name);
    if (param) return { to: 'param', decl: param };
    if (onKind) return onKind;
    if (enumMembers.has(name)) return { to: 'enum-member', name };
    return null;
  }

  /** A value carried by units of `kind`: its inputs, relations, indicators, sections, bonuses (and lets for REL.NAME). */
  function lookupOnKind(kind: KindInfo, name: string, withLets: boolean): Binding | null {
    const input = kind.inputs.get(name);
    if (input) return { to: 'input', kind: kind.name, field: input };
    const relation = kind.relations.get(name);
    if (relation) return { to: 'relation', kind: kind.name, relation };
    if (withLets) {
      const found = kind.lets.get(name);
      if (found && found.length === 1) return { to: 'let', let: found[0]! };
    }
    const indicator = kind.indicators.get(name);
    if (indicator) return { to: 'indicator', kind: kind.name, decl: indicator.decl };
    const section = kind.sections.find((s) => s.name.text === name);
    if (section) return { to: 'section', kind: kind.name, decl: section };
    const bonus = kind.bonuses.get(name);
    if (bonus) return { to: 'bonus', kind: kind.name, decl: bonus };
    if (TOTAL_NAMES.has(name)) return { to: 'total', kind: kind.name };
    return null;
  }

  function declOf(b: Binding): object | null {
    switch (b.to) {
      case 'input': case 'field': return b.field;
      case 'relation': return b.relation;
      case 'let': return b.let.decl;
      case 'param': case 'indicator': case 'section': case 'bonus': return b.decl;
      case 'related': return declOf(b.target);
      case 'total': case 'enum-member': return null;
    }
  }

  function bind(expr: Expr, span: Span, b: Binding): void {
    bindings.set(expr, b);
    const decl = declOf(b);
    if (decl) refer(span, decl);
  }

  function unknownName(name: Name, scope: Scope): void {
    const elsewhere = globals.get(name.text);
    const owner = elsewhere?.entity;
    if (elsewhere && owner && scope.kind && owner !== scope.kind) {
      const via = scope.kind ? [...(kinds.get(scope.kind)?.relations.values() ?? [])].find((r) => r.target.text === owner) : undefined;
      diagnostics.push(diagnostic(name.span, message('KP1002', 'otherKind', { name: name.text, kind: elsewhere.kind, owner, scope: scope.kind }),
        via ? { help: message('KP1002', 'throughRelation', { relation: via.name.text, name: name.text }) } : {}));
      return;
    }
    // An input of another kind (a section `for 城区局, 县局` reading what only 县局 has): say whose it is.
    const holder = scope.kind ? [...kinds.values()].find((k) => k.name !== scope.kind && k.inputs.has(name.text)) : undefined;
    if (holder && scope.kind) {
      diagnostics.push(diagnostic(name.span, message('KP1002', 'otherKind', { name: name.text, kind: 'input', owner: holder.name, scope: scope.kind })));
      return;
    }
    diagnostics.push(diagnostic(name.span, message('KP1002', 'unknown', { name: name.text }),
      didYouMean(name.text, candidates(scope))));
  }

  /** The record type of a list expression (an input or related input of list type), if it is one. */
  function recordOfList(expr: Expr): RecordInfo | null {
    const b = bindings.get(expr);
    const field = b?.to === 'input' ? b.field : b?.to === 'related' && b.target.to === 'input' ? b.target.field : null;
    return field?.valueType.type === 'ListType' ? (records.get(field.valueType.element.text) ?? null) : null;
  }

  /** Resolves a list and its `where` condition; returns the scope with the record's fields. */
  function resolveList(list: Expr, where: Expr | null, scope: Scope): Scope {
    resolve(list, scope);
    const inner: Scope = { ...scope, record: recordOfList(list) };
    if (where) resolve(where, inner);
    return inner;
  }

  function resolve(expr: Expr, scope: Scope): void {
    switch (expr.type) {
      case 'Number': case 'String': case 'Bool': case 'Date': case 'Total':
        return;
      case 'Ref': {
        const b = lookup(expr.name.text, scope);
        if (b) bind(expr, expr.name.span, b);
        else unknownName(expr.name, scope);
        return;
      }
      case 'Member': {
        resolve(expr.object, scope);
        const object = bindings.get(expr.object);
        if (resolveOwnedLet(expr, object)) return;
        if (object?.to !== 'relation') {
          if (expr.object.type === 'Ref' && object) {
            diagnostics.push(diagnostic(expr.object.span, message('KP1007', 'notRelation', { name: expr.object.name.text, member: expr.member.text }),
              didYouMean(expr.object.name.text, scope.kind ? kinds.get(scope.kind)?.relations.keys() ?? [] : [])));
          } else if (expr.object.type !== 'Ref') {
            diagnostics.push(diagnostic(expr.object.span, message('KP1007', 'onlyAfterRelation')));
          }
          return;
        }
        const target = kinds.get(object.relation.target.text);
        const b = target ? lookupOnKind(target, expr.member.text, true) : null;
        if (b && b.to !== 'relation') {
          bind(expr, expr.member.span, { to: 'related', kind: object.kind, relation: object.relation, target: b });
        } else if (target) {
          diagnostics.push(diagnostic(expr.member.span,
            message('KP1008', 'unknown', { target: target.name, relation: object.relation.name.text, member: expr.member.text }),
            didYouMean(expr.member.text, [...target.inputs.keys(), ...target.indicators.keys(),
              ...target.sections.map((s) => s.name.text), ...target.lets.keys()])));
        }
        return;
      }
      case 'Unary': return resolve(expr.operand, scope);
      case 'Binary': resolve(expr.left, scope); return resolve(expr.right, scope);
      case 'InRank': resolve(expr.subject, { ...scope, record: null }); return resolve(expr.share, scope);
      case 'Call': return resolveCall(expr, scope);
      case 'Where': resolve(expr.list, scope); return resolve(expr.cond, scope);
      case 'Anchor': resolve(expr.from, scope); return resolve(expr.to, scope);
      case 'If': resolve(expr.cond, scope); resolve(expr.then, scope); return resolve(expr.else, scope);
      case 'Band':
        resolve(expr.subject, scope);
        for (const arm of expr.arms) { resolve(arm.bound, scope); resolve(arm.value, scope); }
        if (expr.otherwise) resolve(expr.otherwise, scope);
        return;
      case 'Match':
        resolve(expr.subject, scope);
        for (const arm of expr.arms) resolve(arm.value, scope);
        if (expr.otherwise) resolve(expr.otherwise, scope);
        return;
      case 'ListLit': case 'RecordLit':
        return; // literal data belongs to fixtures and tests; check-types reports it elsewhere
    }
  }

  /**
   * `指标.名` (`收入完成.完成率`): the let NAME of an indicator, section or bonus of the unit, or of the unit
   * reached by a relation (`特派办.监督撬动.完成率`). True when `expr` is of this form (bound or reported).
   */
  function resolveOwnedLet(expr: Extract<Expr, { type: 'Member' }>, object: Binding | undefined): boolean {
    const owner = object?.to === 'related' ? object.target : object;
    if (owner?.to !== 'indicator' && owner?.to !== 'section' && owner?.to !== 'bonus') return false;
    const own = lets.get(owner.decl);
    const found = own?.get(expr.member.text);
    if (!found) {
      diagnostics.push(diagnostic(expr.member.span,
        message('KP1013', 'unknown', { owner: owner.decl.name.text, what: owner.to, member: expr.member.text }),
        didYouMean(expr.member.text, own?.keys() ?? [])));
      return true;
    }
    const b: Binding = { to: 'let', let: found };
    bind(expr, expr.member.span, object?.to === 'related' ? { ...object, target: b } : b);
    return true;
  }

  function resolveCall(call: Extract<Expr, { type: 'Call' }>, scope: Scope): void {
    const spec = FUNCTIONS.get(call.callee.text);
    const [first, ...rest] = call.args;
    if (!spec) {
      diagnostics.push(diagnostic(call.callee.span, message('KP1012', 'unknown', { name: call.callee.text }),
        didYouMean(call.callee.text, FUNCTIONS.keys())));
      for (const a of call.args) resolve(a, scope);
      return;
    }
    const listFirst = first !== undefined && (first.type === 'Where' || isListValued(first, scope));
    if (first && (spec.category === 'aggregate' || (spec.category === 'min-max' && listFirst))) {
      const inner = first.type === 'Where' ? resolveList(first.list, first.cond, scope) : resolveList(first, null, scope);
      rest.forEach((a, i) => resolve(a, spec.name === 'trimmed_mean' && i > 0 ? scope : inner));
      return;
    }
    if (spec.category === 'population') {
      if (first) resolve(first, { ...scope, record: null });
      for (const a of rest) if (a.type !== 'Ref') resolve(a, scope); // rank(X, asc): a word, checked by check-types
      return;
    }
    call.args.forEach((a, i) => {
      if (!(spec.name === 'steps' && i === 2 && a.type === 'Ref')) resolve(a, scope); // steps(x, u, whole): a word
    });
  }

  function isListValued(expr: Expr, scope: Scope): boolean {
    if (expr.type === 'Ref') {
      const b = lookup(expr.name.text, scope);
      return b?.to === 'input' && b.field.valueType.type === 'ListType';
    }
    if (expr.type === 'Member' && expr.object.type === 'Ref') {
      const rel = lookup(expr.object.name.text, scope);
      const target = rel?.to === 'relation' ? kinds.get(rel.relation.target.text) : undefined;
      return target?.inputs.get(expr.member.text)?.valueType.type === 'ListType';
    }
    return false;
  }

  function resolveAdjust(a: AdjustItem, scope: Scope): void {
    const inner = a.per ? resolveList(a.per, a.where, scope) : scope;
    if (a.distinct && inner.record) {
      const field = inner.record.fields.get(a.distinct.text);
      if (field) refer(a.distinct.span, field);
      else
        diagnostics.push(diagnostic(a.distinct.span, message('KP1002', 'distinctField', { name: a.distinct.text, record: inner.record.decl.name.text }),
          didYouMean(a.distinct.text, inner.record.fields.keys())));
    }
    resolve(a.amount, inner);
    if (a.when) resolve(a.when, scope);
    if (a.cap) resolve(a.cap, scope);
  }

  const constantScope: Scope = { kind: null, lets: [], record: null };
  for (const p of decls.params) resolve(p.value, constantScope);
  for (const input of decls.inputs) {
    for (const f of input.fields) if (f.missing?.kind === 'default') resolve(f.missing.value, constantScope);
  }
  for (const s of decls.sections) {
    const kind = appliesTo.get(s) ?? null;
    const sectionLets = lets.get(s)!;
    const sectionScope: Scope = { kind, lets: [sectionLets], record: null };
    if (s.points) resolve(s.points, constantScope);
    if (s.weight) resolve(s.weight, constantScope);
    if (s.when) resolve(s.when, sectionScope);
    for (const item of s.items) {
      if (item.type === 'Let') { resolve(item.value, sectionScope); continue; }
      resolve(item.points, constantScope);
      const scope: Scope = { kind, lets: [lets.get(item)!, sectionLets], record: null };
      for (const i of item.items) {
        if (i.type === 'Let' || i.type === 'Score') resolve(i.value, scope);
        else if (i.type === 'Adjust') resolveAdjust(i, scope);
        else if (i.type === 'Exempt') resolve(i.when, scope);
      }
    }
  }
  for (const b of decls.bonuses) {
    const scope: Scope = { kind: appliesTo.get(b) ?? null, lets: [lets.get(b)!], record: null };
    if (b.cap) resolve(b.cap, constantScope);
    for (const i of b.items) {
      if (i.type === 'Let') resolve(i.value, scope);
      else if (i.type === 'Adjust') resolveAdjust(i, scope);
    }
  }
  for (const l of decls.links) resolveLink(l);
  function resolveLink(l: LinkDecl): void {
    const source = lookupKind(l.source);
    const scope: Scope = { kind: source?.name ?? null, lets: [], record: null };
    let inner = scope;
    if (l.list && source) {
      const list = source.inputs.get(l.list.text);
      if (list) {
        refer(l.list.span, list);
        const record = list.valueType.type === 'ListType' ? records.get(list.valueType.element.text) ?? null : null;
        inner = { ...scope, record };
      } else {
        diagnostics.push(diagnostic(l.list.span, message('KP1002', 'noInput', { kind: source.name, name: l.list.text }),
          didYouMean(l.list.text, source.inputs.keys())));
      }
    }
    if (l.where) resolve(l.where, inner);
    resolve(l.amount, inner);
    if (!source) return;
    const relation = source.relations.get(l.relation.text);
    if (!relation) {
      diagnostics.push(diagnostic(l.relation.span, message('KP1007', 'noRelation', { kind: source.name, name: l.relation.text }),
        didYouMean(l.relation.text, source.relations.keys())));
      return;
    }
    refer(l.relation.span, relation);
    const target = kinds.get(relation.target.text);
    checkNotNamedLikeData(target, l, 'link');
    const indicator = target?.indicators.get(l.target.text);
    if (indicator) refer(l.target.span, indicator.decl);
    else if (target) {
      diagnostics.push(diagnostic(l.target.span, message('KP1011', 'unknown', { kind: target.name, name: l.target.text }),
        didYouMean(l.target.text, target.indicators.keys())));
    }
  }
  for (const ind of decls.individuals) {
    const kind = lookupKind(ind.entity);
    resolve(ind.share, { kind: kind?.name ?? null, lets: [], record: null });
    const relation = kind?.relations.get(ind.relation.text);
    if (relation) refer(ind.relation.span, relation);
    else if (kind) {
      diagnostics.push(diagnostic(ind.relation.span, message('KP1007', 'noRelation', { kind: kind.name, name: ind.relation.text }),
        didYouMean(ind.relation.text, kind.relations.keys())));
    }
  }
  for (const t of decls.tiers) {
    const scope: Scope = { kind: appliesTo.get(t) ?? null, lets: [], record: null };
    resolve(t.by, scope);
    if (t.ties?.mode === 'by') for (const k of t.ties.keys) resolve(k, scope);
    for (const rule of t.tiers) {
      if (rule.quota) resolve(rule.quota.share, constantScope);
      if (rule.when) resolve(rule.when, scope);
    }
    for (const g of t.gates) {
      const rule = t.tiers.find((r) => r.name.text === g.tier.text);
      if (rule) refer(g.tier.span, rule);
      resolve(g.when, scope);
    }
    for (const v of t.vetoes) resolve(v.when, scope);
  }
  for (const w of decls.warnings) {
    const scope: Scope = { kind: appliesTo.get(w) ?? null, lets: [lets.get(w)!], record: null };
    for (const item of w.items) {
      if (item.type === 'Let') resolve(item.value, scope);
      else if (item.type === 'WarningWhen') resolve(item.cond, scope);
      else for (const p of item.placeholders) resolve(p, scope);
    }
  }
  for (const a of decls.asserts) resolveSelectors(a.cond);
  function resolveSelectors(expr: Expr): void {
    if (expr.type === 'Call' && POINTS_SELECTOR.has(expr.callee.text)) {
      for (const arg of expr.args) {
        const target = arg.type === 'Ref' ? globals.get(arg.name.text) : undefined;
        if (arg.type === 'Ref' && target) references.push({ span: arg.name.span, symbol: target.id });
      }
      return;
    }
    if (expr.type === 'Call' && METHOD_FILTER.has(expr.callee.text)) return;
    // Assertions may use parameters (`assert points(A) >= 最低占比 * points(省局)`); other names stay unbound.
    const param = expr.type === 'Ref' ? params.get(expr.name.text) : undefined;
    if (expr.type === 'Ref' && param) bind(expr, expr.name.span, { to: 'param', decl: param });
    if (expr.type === 'Binary') { resolveSelectors(expr.left); resolveSelectors(expr.right); }
    else if (expr.type === 'Unary') resolveSelectors(expr.operand);
  }
  // Fixtures and tests refer to the policy's names too (the editor renames and goes to them): the inputs and
  // relations their fields set, a test's own units, and what each expectation reads (`甲.组织收入`).
  function referFields(kind: KindInfo | null, fields: readonly FieldValue[], units: ReadonlyMap<string, TestUnit>): void {
    for (const f of fields) {
      const data = kind?.inputs.get(f.name.text) ?? kind?.relations.get(f.name.text);
      if (data) refer(f.name.span, data);
      const related = f.value.type === 'Ref' && kind?.relations.has(f.name.text) ? units.get(f.value.name.text) : undefined;
      if (related) refer(f.value.span, related);
    }
  }
  /** What `UNIT.NAME` in an expectation reads, in check-structure's order: a result, else a let, else an input. */
  function expectTarget(kind: KindInfo, name: string): object | null {
    const result = kind.indicators.get(name)?.decl ?? kind.sections.find((s) => s.name.text === name) ?? kind.bonuses.get(name);
    const lets = kind.lets.get(name);
    return result ?? (lets?.length === 1 ? lets[0]!.decl : null) ?? kind.inputs.get(name) ?? null;
  }
  for (const f of decls.fixtures) referFields(lookupKind(f.entity), f.fields, new Map());
  for (const t of decls.tests) {
    const units = new Map<string, TestUnit>();
    const kindOf = new Map<TestUnit, KindInfo | null>();
    for (const u of t.units) {
      kindOf.set(u, lookupKind(u.entity));
      declare('test-unit', u.name, u, { entity: u.entity.text, container: t.title });
      if (!units.has(u.name.text)) units.set(u.name.text, u);
      if (u.like) {
        const fixture = fixtures.get(u.like.text);
        if (fixture) refer(u.like.span, fixture);
      }
    }
    for (const u of t.units) referFields(kindOf.get(u) ?? null, u.fields, units);
    for (const x of t.expects) {
      const subject = x.cond.type === 'Binary' ? x.cond.left : x.cond; // `甲.组织收入 == 6分`, or `甲.培训` alone
      if (subject.type !== 'Member' || subject.object.type !== 'Ref') continue;
      const unit = units.get(subject.object.name.text);
      if (!unit) continue;
      refer(subject.object.name.span, unit);
      const kind = kindOf.get(unit);
      const target = kind ? expectTarget(kind, subject.member.text) : null;
      if (target) refer(subject.member.span, target);
    }
  }

  return {
    value: {
      files, decls, kinds, enums, records, params, fixtures, tierRules, appliesTo, lets, bindings,
      symbols: { symbols, references }, symbolOf,
    },
    diagnostics,
  };
}

