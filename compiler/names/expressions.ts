// Names in expressions: each bound to what it stands for in its scope (a record's field, a let, an input or
// relation of the kind, a parameter, a result, an enum member), `REL.NAME` on the related kind, `指标.令`, and
// the arguments of built-in calls in the scope each reads.
import type { AdjustItem, Expr, Name, Span } from '../../dsl/ast.js';
import { diagnostic } from '../../dsl/diagnostics.js';
import { message } from '../../messages/index.js';
import { didYouMean } from '../did-you-mean.js';
import { FUNCTIONS } from '../functions.js';
import type { NameContext } from './context.js';
import type { Declared } from './declarations.js';
import { TOTAL_NAMES, type Binding, type KindInfo, type RecordInfo, type Scope } from './resolved-policy.js';

/** The scope of constants: parameters only. */
export const CONSTANT_SCOPE: Scope = { kind: null, lets: [], record: null };

export interface ExpressionResolver {
  resolve(expr: Expr, scope: Scope): void;
  resolveAdjust(a: AdjustItem, scope: Scope): void;
  bind(expr: Expr, span: Span, b: Binding): void;
}

export function expressionResolver(c: NameContext, d: Declared): ExpressionResolver {
  const { diagnostics, globals, bindings, refer } = c;
  const { kinds, params, enumMembers, records, lets } = d;
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

  return { resolve, resolveAdjust, bind };
}
