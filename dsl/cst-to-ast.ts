// CST → AST. Works on trees that error recovery left incomplete: a node whose required parts are missing is
// skipped (the parser has already reported why), and tokens inserted by recovery (empty, NaN offsets) are ignored.
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type * as A from './ast.js';
import { message } from '../messages/index.js';
import { diagnostic, type Diagnostic } from './diagnostics.js';
import { BUILTIN_TYPES } from './keywords.js';
import { keywordOf } from './tokens.js';

type Children = Record<string, CstElement[] | undefined>;

/** The children under an absent label (shared: the helpers below read, never write, it). */
const NONE: readonly CstElement[] = [];

function isToken(e: CstElement): e is IToken {
  return 'image' in e;
}

function isReal(t: IToken): boolean {
  return !t.isInsertedInRecovery && Number.isFinite(t.startOffset) && Number.isFinite(t.endOffset);
}

/** Real tokens under a label. */
function toks(node: CstNode, label: string): IToken[] {
  return (node.children[label] ?? NONE).filter((e): e is IToken => isToken(e) && isReal(e));
}

function tok(node: CstNode, label: string): IToken | undefined {
  for (const e of node.children[label] ?? NONE) if (isToken(e) && isReal(e)) return e;
  return undefined;
}

function subs(node: CstNode, label: string): CstNode[] {
  return (node.children[label] ?? NONE).filter((e): e is CstNode => !isToken(e));
}

function sub(node: CstNode, label: string): CstNode | undefined {
  for (const e of node.children[label] ?? NONE) if (!isToken(e)) return e;
  return undefined;
}

/** The single child node of a rule that only dispatches (declaration, sectionItem, …). */
function onlyChild(node: CstNode): CstNode | undefined {
  for (const list of Object.values(node.children as Children)) {
    for (const e of list ?? []) if (!isToken(e)) return e;
  }
  return undefined;
}

const UNITS: Record<string, A.Unit> = {
  分: 'points',
  pt: 'points',
  '%': 'percent',
  元: 'yuan',
  万元: 'wan_yuan',
  亿元: 'yi_yuan',
  件: 'count',
  起: 'count',
  个: 'count',
  项: 'count',
  次: 'count',
  人: 'count',
  条: 'count',
  名: 'count',
  户: 'count',
  天: 'days',
  d: 'days',
};

const BUILTIN_BY_SPELLING = new Map<string, A.BuiltinTypeName>(
  Object.entries(BUILTIN_TYPES).flatMap(([en, zh]) => [
    [en, en as A.BuiltinTypeName],
    [zh, en as A.BuiltinTypeName],
  ]),
);

const MISSING_BY_SPELLING: Record<string, 'error' | 'peer_mean' | 'fill_peer_mean'> = {
  error: 'error',
  报错: 'error',
  peer_mean: 'peer_mean',
  同级均值: 'peer_mean',
  fill_peer_mean: 'fill_peer_mean',
  同级均值填补: 'fill_peer_mean',
};

const COUNTS_BY_SPELLING: Record<string, 'tiebreak' | 'deduction'> = { tiebreak: 'tiebreak', 排名: 'tiebreak', deduction: 'deduction', 扣分: 'deduction' };

export function cstToAst(path: string, text: string, root: CstNode, comments: IToken[]): { file: A.SourceFile; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];

  const span = (start: number, end: number): A.Span => ({ file: path, start, end });
  const tokenSpan = (t: IToken): A.Span => span(t.startOffset, t.startOffset + t.image.length);
  const join = (a: A.Span, b: A.Span): A.Span => span(a.start, b.end);

  /** A node's span from its real tokens (recovery can leave the tracked location unset). */
  function nodeSpan(node: CstNode): A.Span | null {
    const loc = node.location;
    if (loc && Number.isFinite(loc.startOffset) && Number.isFinite(loc.endOffset ?? NaN)) {
      return span(loc.startOffset, loc.endOffset! + 1);
    }
    let start = Infinity;
    let end = -Infinity;
    const walk = (n: CstNode): void => {
      for (const list of Object.values(n.children as Children)) {
        for (const e of list ?? []) {
          if (isToken(e)) {
            if (isReal(e)) {
              start = Math.min(start, e.startOffset);
              end = Math.max(end, e.startOffset + e.image.length);
            }
          } else walk(e);
        }
      }
    };
    walk(node);
    return Number.isFinite(start) ? span(start, end) : null;
  }

  function name(t: IToken | undefined): A.Name | null {
    return t ? { text: t.image, span: tokenSpan(t) } : null;
  }

  /** A keyword token as a name, normalised to English (e.g. `总分` → `total`). */
  function keywordName(t: IToken): A.Name {
    return { text: keywordOf(t.tokenType)?.english ?? t.image, span: tokenSpan(t) };
  }

  function stringValue(t: IToken): string {
    const raw = t.image;
    const closed = raw.length >= 2 && raw.endsWith('"') && t.tokenType.name === 'StringLiteral';
    const body = raw.slice(1, closed ? -1 : undefined);
    return body.replace(/\\(.?)/g, (whole, c: string, at: number) => {
      if (c === '"' || c === '\\') return c;
      const s = t.startOffset + 1 + at;
      diagnostics.push(
        diagnostic(span(s, s + whole.length), message('KP0008', 'escape', { escape: whole })),
      );
      return whole;
    });
  }

  function numberLiteral(t: IToken): Extract<A.Expr, { type: 'Number' }> {
    const m = /^(\d+(?:\.\d+)?)(.*)$/s.exec(t.image)!;
    const suffix = m[2]!;
    return { type: 'Number', digits: m[1]!, unit: UNITS[suffix] ?? null, suffix, span: tokenSpan(t) };
  }

  function dateLiteral(t: IToken): A.Expr {
    const [y, m, d] = t.image.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
      diagnostics.push(diagnostic(tokenSpan(t), message('KP0009', 'date', { date: t.image })));
    }
    return { type: 'Date', value: t.image, span: tokenSpan(t) };
  }

  // ── Expressions ────────────────────────────────────────────────────────────

  /** Binding strength of each binary operator (higher binds tighter); `not` takes operands above 3. */
  const PRECEDENCE: Record<string, number> = { or: 1, and: 2, compare: 4, in: 4, '+': 5, '-': 5, '*': 6, '/': 6 };
  const NOT_OPERAND = 4;

  /** An expression node's operands and operators, and the next operand to read (operators[pos - 1] follows the last one read). */
  interface Flat {
    operands: CstNode[];
    operators: CstNode[];
    pos: number;
  }

  // The climbing functions take the expression's state as a parameter rather than closing over it, so no
  // functions are created per expression.

  /** An expression node holds operands and operators flat; precedence climbing builds the tree. */
  function expression(node: CstNode | undefined): A.Expr | null {
    if (!node) return null;
    const x: Flat = { operands: subs(node, 'operands'), operators: subs(node, 'operators'), pos: 0 };
    if (x.operands.length === 0 || x.operators.length !== x.operands.length - 1) return null;
    const result = climb(x, 0, 0);
    return x.pos === x.operands.length ? result : null;
  }

  function operator(n: CstNode): { key: string; token: IToken; position?: IToken } | null {
    const token = tok(n, 'operator');
    if (!token) return null;
    const kw = keywordOf(token.tokenType)?.english;
    if (kw === 'in') {
      const position = tok(n, 'position');
      return position ? { key: 'in', token, position } : null;
    }
    if (kw) return { key: kw, token };
    return { key: PRECEDENCE[token.image] ? token.image : 'compare', token };
  }

  function climb(x: Flat, minPrecedence: number, prefixStart: number): A.Expr | null {
    let left = prefixed(x, prefixStart);
    let lastComparison: IToken | null = null;
    while (left && x.pos - 1 < x.operators.length) {
      const op = operator(x.operators[x.pos - 1]!);
      if (!op) return null;
      const precedence = PRECEDENCE[op.key]!;
      if (precedence < minPrecedence) break;
      if (precedence === PRECEDENCE.compare && lastComparison) {
        diagnostics.push(
          diagnostic(tokenSpan(op.token), message('KP0004', 'chained')),
        );
      }
      lastComparison = precedence === PRECEDENCE.compare ? op.token : null;
      const right = climb(x, precedence + 1, 0);
      if (!right) return null;
      const whole = join(left.span, right.span);
      left = op.position
        ? { type: 'InRank', subject: left, position: keywordOf(op.position.tokenType)!.english as 'top' | 'bottom', share: right, span: whole }
        : { type: 'Binary', op: (op.key === 'compare' ? op.token.image : op.key) as A.BinaryOp, left, right, span: whole };
    }
    return left;
  }

  /** One operand with its prefixes from index k: a leading `not` takes everything down to comparisons. */
  function prefixed(x: Flat, k: number): A.Expr | null {
    const node = x.operands[x.pos];
    if (!node) return null;
    const prefixes = toks(node, 'prefixes');
    if ((node.children.prefixes ?? []).length !== prefixes.length) return null;
    const p = prefixes[k];
    if (p && p.tokenType.name !== 'Minus') {
      const operand = climb(x, NOT_OPERAND, k + 1);
      return operand && { type: 'Unary', op: 'not', operand, span: span(p.startOffset, operand.span.end) };
    }
    return tight(x, k);
  }

  /** After a `-`, every further prefix applies to the operand alone. */
  function tight(x: Flat, k: number): A.Expr | null {
    const node = x.operands[x.pos]!;
    const p = toks(node, 'prefixes')[k];
    if (!p) {
      x.pos++;
      return postfix(node);
    }
    const operand = tight(x, k + 1);
    const op = p.tokenType.name === 'Minus' ? '-' : 'not';
    return operand && { type: 'Unary', op, operand, span: span(p.startOffset, operand.span.end) };
  }

  function postfix(node: CstNode): A.Expr | null {
    const primaryNode = sub(node, 'primary');
    let acc = primaryNode ? primary(primaryNode) : null;
    if (!acc) return null;
    for (const m of toks(node, 'members')) {
      const member = keywordName(m);
      acc = { type: 'Member', object: acc, member, span: join(acc.span, member.span) };
    }
    return acc;
  }

  function primary(node: CstNode): A.Expr | null {
    const number = tok(node, 'number');
    if (number) return numberLiteral(number);
    const string = tok(node, 'string');
    if (string) return { type: 'String', value: stringValue(string), span: tokenSpan(string) };
    const date = tok(node, 'date');
    if (date) return dateLiteral(date);
    const t = tok(node, 'true') ?? tok(node, 'false');
    if (t) return { type: 'Bool', value: t.tokenType.name === 'true', span: tokenSpan(t) };
    const total = tok(node, 'total');
    if (total) return { type: 'Total', span: tokenSpan(total) };
    const id = name(tok(node, 'name'));
    if (id) {
      if (!node.children.call) return { type: 'Ref', name: id, span: id.span };
      const args = subs(node, 'args').map(callArgument);
      const whole = nodeSpan(node);
      if (args.some((a) => a === null) || !whole) return null;
      return { type: 'Call', callee: id, args: args as A.Expr[], span: whole };
    }
    if (node.children.paren) {
      // `paren` is kept so the formatter writes the parentheses the author wrote. The span covers them: an
      // enclosing expression's span ends where its last operand's does, and its source text must keep the `)`.
      const inner = expression(sub(node, 'inner'));
      const whole = nodeSpan(node);
      if (node.children.innerWhere) {
        const cond = expression(sub(node, 'innerCond'));
        return inner && cond && whole && { type: 'Where', list: inner, cond, paren: true, span: whole };
      }
      return inner && whole && { ...inner, paren: true, span: whole };
    }
    const nested = onlyChild(node);
    if (!nested) return null;
    switch (nested.name) {
      case 'pointsCall':
        return pointsCall(nested);
      case 'ifExpr':
        return ifExpr(nested);
      case 'bandExpr':
        return bandExpr(nested);
      case 'matchExpr':
        return matchExpr(nested);
      case 'listLiteral':
        return listLiteral(nested);
      default:
        return null;
    }
  }

  function callArgument(node: CstNode): A.Expr | null {
    const value = expression(sub(node, 'value'));
    if (!value) return null;
    if (node.children.where) {
      const cond = expression(sub(node, 'cond'));
      return cond && { type: 'Where', list: value, cond, span: join(value.span, cond.span) };
    }
    if (node.children.arrow) {
      const to = expression(sub(node, 'to'));
      return to && { type: 'Anchor', from: value, to, span: join(value.span, to.span) };
    }
    return value;
  }

  function pointsCall(node: CstNode): A.Expr | null {
    const kw = tok(node, 'points');
    const subject = expression(sub(node, 'subject'));
    const whole = nodeSpan(node);
    if (!kw || !subject || !whole) return null;
    const args: A.Expr[] = [subject];
    const method = tok(node, 'method');
    if (method) {
      const methods = nameList(sub(node, 'methods'));
      if (methods.length === 0) return null;
      args.push({
        type: 'Call',
        callee: keywordName(method),
        args: methods.map((n) => ({ type: 'Ref', name: n, span: n.span })),
        span: join(tokenSpan(method), methods[methods.length - 1]!.span),
      });
    }
    return { type: 'Call', callee: keywordName(kw), args, span: whole };
  }

  function ifExpr(node: CstNode): A.Expr | null {
    const cond = expression(sub(node, 'cond'));
    const then = expression(sub(node, 'then'));
    const otherwise = expression(sub(node, 'else'));
    const whole = nodeSpan(node);
    return cond && then && otherwise && whole ? { type: 'If', cond, then, else: otherwise, span: whole } : null;
  }

  function bandExpr(node: CstNode): A.Expr | null {
    const subject = expression(sub(node, 'subject'));
    const whole = nodeSpan(node);
    if (!subject || !whole) return null;
    const arms: A.BandArm[] = [];
    let otherwise: A.Expr | null = null;
    for (const armNode of subs(node, 'arms')) {
      const value = expression(sub(armNode, 'value'));
      const armSpan = nodeSpan(armNode);
      if (!value || !armSpan) continue;
      if (tok(armNode, 'else')) {
        otherwise = value;
        continue;
      }
      const op = tok(armNode, 'operator');
      const bound = expression(sub(armNode, 'bound'));
      if (op && bound) arms.push({ op: op.image as A.CompareOp, bound, value, span: armSpan });
    }
    return { type: 'Band', subject, arms, otherwise, span: whole };
  }

  function matchExpr(node: CstNode): A.Expr | null {
    const subject = expression(sub(node, 'subject'));
    const whole = nodeSpan(node);
    if (!subject || !whole) return null;
    const arms: A.MatchArm[] = [];
    let otherwise: A.Expr | null = null;
    for (const armNode of subs(node, 'arms')) {
      const value = expression(sub(armNode, 'value'));
      const armSpan = nodeSpan(armNode);
      if (!value || !armSpan) continue;
      if (tok(armNode, 'else')) {
        otherwise = value;
        continue;
      }
      const labels = toks(armNode, 'labels').map((t) => name(t)!);
      if (labels.length > 0) arms.push({ labels, value, span: armSpan });
    }
    return { type: 'Match', subject, arms, otherwise, span: whole };
  }

  function listLiteral(node: CstNode): A.Expr | null {
    const whole = nodeSpan(node);
    const items = subs(node, 'items').map(dataValue);
    if (!whole || items.some((i) => i === null)) return null;
    return { type: 'ListLit', items: items as A.Expr[], span: whole };
  }

  function recordLiteral(node: CstNode): A.Expr | null {
    const whole = nodeSpan(node);
    return whole && { type: 'RecordLit', fields: fieldValues(sub(node, 'fields')), span: whole };
  }

  function dataValue(node: CstNode | undefined): A.Expr | null {
    if (!node) return null;
    const record = sub(node, 'record');
    return record ? recordLiteral(record) : expression(sub(node, 'value'));
  }

  function fieldValues(node: CstNode | undefined): A.FieldValue[] {
    const out: A.FieldValue[] = [];
    for (const f of node ? subs(node, 'fields') : []) {
      const n = name(tok(f, 'name'));
      const value = dataValue(sub(f, 'value'));
      if (n && value) out.push({ name: n, value, span: join(n.span, value.span) });
    }
    return out;
  }

  function nameList(node: CstNode | undefined): A.Name[] {
    return node ? toks(node, 'names').map((t) => name(t)!) : [];
  }

  // ── Declarations ───────────────────────────────────────────────────────────

  function declaration(node: CstNode): A.Decl | null {
    const d = onlyChild(node);
    if (!d) return null;
    const s = nodeSpan(d);
    if (!s) return null;
    switch (d.name) {
      case 'policyDecl':
        return policyDecl(d, s);
      case 'entityDecl':
        return entityDecl(d, s);
      case 'enumDecl': {
        const n = name(tok(d, 'name'));
        return n && { type: 'Enum', name: n, members: nameList(sub(d, 'members')), span: s };
      }
      case 'recordDecl': {
        const n = name(tok(d, 'name'));
        return n && { type: 'Record', name: n, fields: fieldDecls(d), span: s };
      }
      case 'inputDecl': {
        const entity = name(tok(d, 'entity'));
        return entity && { type: 'Input', entity, fields: fieldDecls(d), span: s };
      }
      case 'paramDecl': {
        const n = name(tok(d, 'name'));
        const value = expression(sub(d, 'value'));
        return n && value && { type: 'Param', name: n, value, span: s };
      }
      case 'sectionDecl':
        return sectionDecl(d, s);
      case 'bonusDecl':
        return bonusDecl(d, s);
      case 'linkDecl':
        return linkDecl(d, s);
      case 'individualDecl': {
        const entity = name(tok(d, 'entity'));
        const relation = name(tok(d, 'relation'));
        const share = expression(sub(d, 'share'));
        return entity && relation && share && { type: 'Individual', entity, relation, share, span: s };
      }
      case 'tiersDecl':
        return tiersDecl(d, s);
      case 'periodsDecl':
        return periodsDecl(d, s);
      case 'assertDecl': {
        const cond = expression(sub(d, 'cond'));
        return cond && { type: 'Assert', cond, span: s };
      }
      case 'fixtureDecl': {
        const n = name(tok(d, 'name'));
        const entity = name(tok(d, 'entity'));
        return n && entity && { type: 'Fixture', name: n, entity, fields: fieldValues(sub(d, 'fields')), span: s };
      }
      case 'testDecl':
        return testDecl(d, s);
      case 'warningDecl':
        return warningDecl(d, s);
      case 'analysisDecl':
        return { type: 'Analysis', fields: fieldValues(sub(d, 'fields')), span: s };
      case 'coverageDecl': {
        const minimum = expression(sub(d, 'minimum'));
        return minimum && { type: 'Coverage', measure: name(tok(d, 'measure')), minimum, span: s };
      }
      default:
        return null;
    }
  }

  function policyDecl(d: CstNode, s: A.Span): A.PolicyDecl | null {
    const title = tok(d, 'title');
    const version = tok(d, 'versionText');
    if (!title || !version) return null;
    const decl: A.PolicyDecl = {
      type: 'Policy',
      title: stringValue(title),
      version: stringValue(version),
      evaluator: null,
      precision: null,
      rounding: null,
      span: s,
    };
    for (const item of subs(d, 'items')) {
      const key = tok(item, 'key');
      const str = tok(item, 'string');
      const num = tok(item, 'number');
      const id = tok(item, 'name');
      switch (key && keywordOf(key.tokenType)?.english) {
        case 'evaluator':
          if (str) decl.evaluator = stringValue(str);
          break;
        case 'precision':
          if (num) decl.precision = wholeNumber(num);
          break;
        case 'rounding':
          if (id) decl.rounding = name(id);
          break;
      }
    }
    return decl;
  }

  /** Precision is a count of decimal places: a whole number without a unit. */
  function wholeNumber(t: IToken): number | null {
    if (!/^\d+$/.test(t.image)) {
      diagnostics.push(diagnostic(tokenSpan(t), message('KP0010', 'precision', { found: t.image })));
      return null;
    }
    return Number(t.image);
  }

  function entityDecl(d: CstNode, s: A.Span): A.EntityDecl | null {
    const n = name(tok(d, 'name'));
    if (!n) return null;
    const label = tok(d, 'label');
    const relations: A.RelationDecl[] = [];
    for (const r of subs(d, 'relations')) {
      const rn = name(tok(r, 'name'));
      const target = name(tok(r, 'target'));
      if (rn && target) relations.push({ name: rn, target, span: join(rn.span, target.span) });
    }
    return { type: 'Entity', name: n, label: label ? stringValue(label) : null, relations, span: s };
  }

  function fieldDecls(d: CstNode): A.FieldDecl[] {
    const out: A.FieldDecl[] = [];
    for (const f of subs(d, 'fields')) {
      const n = name(tok(f, 'name'));
      const typeNode = sub(f, 'valueType');
      const valueType = typeNode ? typeExpr(typeNode) : null;
      const s = nodeSpan(f);
      if (!n || !valueType || !s) continue;
      const label = tok(f, 'label');
      const missingNode = sub(f, 'missing');
      out.push({
        name: n,
        valueType,
        label: label ? stringValue(label) : null,
        missing: missingNode ? missingTreatment(missingNode) : null,
        span: s,
      });
    }
    return out;
  }

  function typeExpr(node: CstNode): A.TypeExpr | null {
    const s = nodeSpan(node);
    if (!s) return null;
    const id = tok(node, 'name');
    if (id) {
      const builtin = BUILTIN_BY_SPELLING.get(id.image);
      return builtin ? { type: 'BuiltinType', name: builtin, span: s } : { type: 'NamedType', name: name(id)!, span: s };
    }
    if (tok(node, 'pointsType')) return { type: 'BuiltinType', name: 'points', span: s };
    if (tok(node, 'enumType')) {
      const members = nameList(sub(node, 'members'));
      return members.length > 0 ? { type: 'EnumType', members, span: s } : null;
    }
    const element = name(tok(node, 'element'));
    return element && { type: 'ListType', element, span: s };
  }

  function missingTreatment(node: CstNode): A.MissingTreatment | null {
    const s = nodeSpan(node);
    if (!s) return null;
    if (tok(node, 'exempt')) return { kind: 'exempt', span: s };
    if (tok(node, 'default')) {
      const value = expression(sub(node, 'value'));
      return value && { kind: 'default', value, span: s };
    }
    const id = tok(node, 'name');
    if (!id) return null;
    const kind = MISSING_BY_SPELLING[id.image];
    if (!kind) {
      diagnostics.push(
        diagnostic(tokenSpan(id), message('KP0010', 'missing', { word: id.image })),
      );
      return null;
    }
    return { kind, span: s };
  }

  function sectionDecl(d: CstNode, s: A.Span): A.SectionDecl | null {
    const n = name(tok(d, 'name'));
    const points = d.children.points ? expression(sub(d, 'points')) : null;
    const weight = d.children.weight ? expression(sub(d, 'weight')) : null;
    if (!n || (!points && !weight)) return null;
    const items: A.SectionItem[] = [];
    for (const itemNode of subs(d, 'items')) {
      const inner = onlyChild(itemNode);
      const item = inner?.name === 'indicatorDecl' ? indicatorDecl(inner) : inner ? letItem(inner) : null;
      if (item) items.push(item);
    }
    return {
      type: 'Section',
      name: n,
      entity: name(tok(d, 'entity')),
      ...moreEntities(d),
      points,
      weight,
      cap: !!tok(d, 'cap'),
      when: d.children.when ? expression(sub(d, 'when')) : null,
      items,
      span: s,
    };
  }

  /** `适用 城区局, 县局`: the kinds after the first (absent for one kind). */
  function moreEntities(d: CstNode): { moreEntities?: A.Name[] } {
    const more = toks(d, 'moreEntities').map(name).filter((n): n is A.Name => n !== null);
    return more.length > 0 ? { moreEntities: more } : {};
  }

  function indicatorDecl(d: CstNode): A.IndicatorDecl | null {
    const n = name(tok(d, 'name'));
    const points = expression(sub(d, 'points'));
    const s = nodeSpan(d);
    if (!n || !points || !s) return null;
    const items: A.IndicatorItem[] = [];
    for (const itemNode of subs(d, 'items')) {
      const inner = onlyChild(itemNode);
      const item = inner && indicatorItem(inner);
      if (item) items.push(item);
    }
    return { type: 'Indicator', name: n, points, items, span: s };
  }

  function indicatorItem(node: CstNode): A.IndicatorItem | null {
    switch (node.name) {
      case 'metaItem':
        return metaItem(node);
      case 'letItem':
        return letItem(node);
      case 'scoreItem': {
        const value = expression(sub(node, 'value'));
        const s = nodeSpan(node);
        return value && s && { type: 'Score', value, span: s };
      }
      case 'adjustItem':
        return adjustItem(node);
      case 'exemptItem': {
        const when = expression(sub(node, 'when'));
        const s = nodeSpan(node);
        return when && s && { type: 'Exempt', when, span: s };
      }
      default:
        return null;
    }
  }

  function metaItem(node: CstNode): A.MetaItem | null {
    const key = tok(node, 'key');
    const s = nodeSpan(node);
    if (!key || !s) return null;
    const id = tok(node, 'name');
    const strs = toks(node, 'string');
    const num = tok(node, 'number');
    const value: A.MetaItem['value'] | null = id
      ? name(id)!
      : strs.length > 0
        ? { type: 'String', value: strs.map(stringValue).join(''), span: join(tokenSpan(strs[0]!), tokenSpan(strs[strs.length - 1]!)) }
        : num
          ? { type: 'Number', digits: num.image, span: tokenSpan(num) }
          : null;
    const aggregate = name(tok(node, 'aggregate'));
    return value && { type: 'Meta', key: keywordOf(key.tokenType)!.english as A.MetaKey, value, ...(aggregate ? { aggregate } : {}), span: s };
  }

  function letItem(node: CstNode): A.LetItem | null {
    const n = name(tok(node, 'name'));
    const value = expression(sub(node, 'value'));
    const s = nodeSpan(node);
    return n && value && s && { type: 'Let', name: n, value, span: s };
  }

  function adjustItem(node: CstNode): A.AdjustItem | null {
    const direction = tok(node, 'direction');
    const amount = expression(sub(node, 'amount'));
    const s = nodeSpan(node);
    if (!direction || !amount || !s) return null;
    const per = node.children.per ? expression(sub(node, 'per')) : null;
    const when = node.children.when ? expression(sub(node, 'when')) : null;
    if (!per && !when) return null;
    return {
      type: 'Adjust',
      direction: keywordOf(direction.tokenType)!.english as 'deduct' | 'add',
      amount,
      per,
      where: node.children.where ? expression(sub(node, 'where')) : null,
      distinct: node.children.distinctField ? name(tok(node, 'distinctField')) : null,
      when,
      cap: node.children.cap ? expression(sub(node, 'cap')) : null,
      span: s,
    };
  }

  function bonusDecl(d: CstNode, s: A.Span): A.BonusDecl | null {
    const n = name(tok(d, 'name'));
    if (!n) return null;
    const decl: A.BonusDecl = {
      type: 'Bonus',
      name: n,
      entity: name(tok(d, 'entity')),
      cap: d.children.cap ? expression(sub(d, 'cap')) : null,
      counts: 'total',
      items: [],
      span: s,
    };
    for (const itemNode of subs(d, 'items')) {
      if (itemNode.children.counts) {
        const mode = tok(itemNode, 'mode');
        if (mode) {
          const counts = COUNTS_BY_SPELLING[mode.image];
          if (counts) decl.counts = counts;
          else {
            diagnostics.push(
              diagnostic(tokenSpan(mode), message('KP0010', 'bonusMode', { word: mode.image })),
            );
          }
        }
        continue;
      }
      const inner = onlyChild(itemNode);
      const item = inner && indicatorItem(inner);
      if (item && (item.type === 'Adjust' || item.type === 'Let' || item.type === 'Meta')) decl.items.push(item);
    }
    return decl;
  }

  function linkDecl(d: CstNode, s: A.Span): A.LinkDecl | null {
    const n = name(tok(d, 'name'));
    const walked = name(tok(d, 'walked'));
    const source = name(tok(d, 'source'));
    const amount = expression(sub(d, 'amount'));
    const relation = name(tok(d, 'relation'));
    const target = name(tok(d, 'target'));
    if (!n || !walked || !amount || !relation || !target) return null;
    if (d.children.source && !source) return null;
    return {
      type: 'Link',
      name: n,
      list: source ? walked : null,
      source: source ?? walked,
      where: d.children.where ? expression(sub(d, 'where')) : null,
      amount,
      relation,
      target,
      span: s,
    };
  }

  function tiersDecl(d: CstNode, s: A.Span): A.TiersDecl | null {
    const n = name(tok(d, 'name'));
    const by = expression(sub(d, 'by'));
    if (!n || !by) return null;
    const decl: A.TiersDecl = {
      type: 'Tiers',
      name: n,
      entity: name(tok(d, 'entity')),
      by,
      ties: null,
      quota: null,
      gated: null,
      tiers: [],
      gates: [],
      vetoes: [],
      span: s,
    };
    for (const item of subs(d, 'items')) {
      const itemSpan = nodeSpan(item);
      if (!itemSpan) continue;
      if (item.children.ties) {
        if (tok(item, 'shared')) decl.ties = { mode: 'shared', span: itemSpan };
        else {
          const keys = subs(item, 'keys').map(expression);
          if (keys.length > 0 && keys.every((k) => k !== null)) decl.ties = { mode: 'by', keys: keys as A.Expr[], span: itemSpan };
        }
      } else if (item.children.quota) {
        decl.quota = name(tok(item, 'mode')) ?? decl.quota;
      } else if (item.children.gated) {
        decl.gated = name(tok(item, 'mode')) ?? decl.gated;
      } else if (item.children.gate) {
        const tier = name(tok(item, 'tier'));
        const when = expression(sub(item, 'when'));
        if (tier && when) decl.gates.push({ tier, when, span: itemSpan });
      } else if (item.children.veto) {
        const when = expression(sub(item, 'when'));
        if (when) decl.vetoes.push({ when, span: itemSpan });
      } else {
        const rule = sub(item, 'tier');
        const tier = rule && tierRule(rule);
        if (tier) decl.tiers.push(tier);
      }
    }
    return decl;
  }

  function tierRule(node: CstNode): A.TierRule | null {
    const n = name(tok(node, 'name'));
    const s = nodeSpan(node);
    if (!n || !s) return null;
    const kind = tok(node, 'quotaKind');
    const share = node.children.share ? expression(sub(node, 'share')) : null;
    const when = node.children.when ? expression(sub(node, 'when')) : null;
    const rest = !!tok(node, 'rest');
    if (node.children.share && !share) return null;
    if (node.children.when && !when) return null;
    if (!kind && !rest && !when) return null;
    const quota = kind && share ? { kind: keywordOf(kind.tokenType)!.english as 'top' | 'next' | 'at_most', share } : null;
    return { name: n, quota, rest, when, span: s };
  }

  function periodsDecl(d: CstNode, s: A.Span): A.PeriodsDecl | null {
    const periodName = (p: CstNode): A.Name | null => name(tok(p, 'name'));
    const periodNode = sub(d, 'period');
    const period = periodNode ? periodName(periodNode) : null;
    const parts = subs(d, 'parts').map(periodName);
    const aggregate = name(tok(d, 'aggregate'));
    if (!period || !aggregate || parts.length === 0 || parts.some((p) => p === null)) return null;
    return { type: 'Periods', period, parts: parts as A.Name[], aggregate, span: s };
  }

  function testDecl(d: CstNode, s: A.Span): A.TestDecl | null {
    const title = tok(d, 'title');
    if (!title) return null;
    const units: A.TestUnit[] = [];
    for (const u of subs(d, 'units')) {
      const entity = name(tok(u, 'entity'));
      const n = name(tok(u, 'name'));
      const us = nodeSpan(u);
      if (!entity || !n || !us) continue;
      units.push({ entity, name: n, like: name(tok(u, 'fixture')), fields: fieldValues(sub(u, 'fields')), span: us });
    }
    const expects: A.ExpectItem[] = [];
    for (const e of subs(d, 'expects')) {
      const cond = expression(sub(e, 'cond'));
      const es = nodeSpan(e);
      if (cond && es) expects.push({ cond, exempt: tok(e, 'exempt') !== undefined, span: es });
    }
    return { type: 'Test', title: stringValue(title), units, expects, span: s };
  }

  // ── Warnings (预警) ──

  function warningDecl(d: CstNode, s: A.Span): A.WarningDecl | null {
    const n = name(tok(d, 'name'));
    const level = name(tok(d, 'levelWord'));
    if (!n || !level) return null;
    const periods = subs(d, 'periods').map((p) => name(tok(p, 'name'))).filter((p): p is A.Name => p !== null);
    const items: A.WarningItem[] = [];
    for (const item of subs(d, 'items')) {
      const itemSpan = nodeSpan(item);
      if (!itemSpan) continue;
      const letNode = sub(item, 'let');
      if (letNode) {
        const l = letItem(letNode);
        if (l) items.push(l);
      } else if (item.children.when) {
        const cond = expression(sub(item, 'cond'));
        if (cond) items.push({ type: 'WarningWhen', cond, span: itemSpan });
      } else if (item.children.message) {
        const strings = toks(item, 'string');
        if (strings.length > 0) {
          items.push({ type: 'WarningMessage', template: strings.map(stringValue).join(''), placeholders: strings.flatMap(placeholders), span: itemSpan });
        }
      }
    }
    return { type: 'Warning', name: n, entity: name(tok(d, 'entity')), level, periods, items, span: s };
  }

  /** The `{NAME}` placeholders of a message string, as names located inside it. */
  function placeholders(t: IToken): A.Expr[] {
    const out: A.Expr[] = [];
    for (const m of t.image.matchAll(/\{([\p{L}_][\p{L}\p{N}_]*)\}/gu)) {
      const start = t.startOffset + m.index + 1;
      const at = span(start, start + m[1]!.length);
      out.push({ type: 'Ref', name: { text: m[1]!, span: at }, span: at });
    }
    return out;
  }

  const decls: A.Decl[] = [];
  for (const d of subs(root, 'decls')) {
    const decl = declaration(d);
    if (decl) decls.push(decl);
  }
  const fileComments: A.Comment[] = comments.map((c) => ({ text: c.image, span: tokenSpan(c) }));
  return { file: { path, text, decls, comments: fileComments }, diagnostics };
}
