// The declarations, in any order and any file: the header once, kinds with their inputs and relations, enums,
// records, parameters, sections, indicators, bonuses, lets, links, tiers, warnings and fixtures, each declared
// in the symbol table; a name declared twice, a type that is neither enum nor record, a result named like
// its kind's data are reported here.
import type {
  BonusDecl, EnumDecl, FieldDecl, FixtureDecl, IndicatorDecl, LetItem, Name, ParamDecl, PolicyDecl, SectionDecl,
  TiersDecl, TierRule, TypeExpr, WarningDecl,
} from '../../dsl/ast.js';
import { diagnostic } from '../../dsl/diagnostics.js';
import { message } from '../../messages/index.js';
import { didYouMean } from '../did-you-mean.js';
import { isKindCopy, repeatedKinds } from '../section-kinds.js';
import type { PolicySymbol, SymbolKind } from '../symbol-table.js';
import type { NameContext } from './context.js';
import type { KindInfo, LetInfo, RecordInfo, ResolvedPolicy } from './resolved-policy.js';

/** What the declarations give the resolution of expressions and of the rules that use them. */
export interface Declared extends Pick<ResolvedPolicy, 'kinds' | 'enums' | 'records' | 'params' | 'fixtures' | 'tierRules' | 'appliesTo' | 'lets'> {
  /** every enum member by name (members of inline enums too) */
  enumMembers: Set<string>;
  /** The kind a name refers to, with a reference recorded; reported when there is none. */
  lookupKind(name: Name): KindInfo | null;
  checkNotNamedLikeData(kind: KindInfo | null | undefined, decl: { name: Name }, what: 'section' | 'indicator' | 'bonus' | 'tiers' | 'link'): void;
}

/** One header among all files. */
export function checkHeaders(c: NameContext): void {
  const { files, diagnostics } = c;
  const headers = files.flatMap((f) => f.decls.filter((d): d is PolicyDecl => d.type === 'Policy'));
  if (headers.length === 0) {
    const first = files[0];
    diagnostics.push(diagnostic({ file: first?.path ?? '', start: 0, end: 0 }, message('KP1003', 'missing')));
  }
  for (const extra of headers.slice(1)) {
    diagnostics.push(diagnostic(extra.span, message('KP1004', 'another'),
      { related: [{ text: message('KP1004', 'first'), span: headers[0]!.span }] }));
  }
}

export function declareNames(c: NameContext): Declared {
  const { decls, diagnostics, symbolOf, globals, declare, declareGlobal, refer } = c;
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

  return { kinds, enums, enumMembers, records, params, fixtures, tierRules, appliesTo, lets, lookupKind, checkNotNamedLikeData };
}
