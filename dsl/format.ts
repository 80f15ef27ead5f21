// The canonical layout of a `.kp` file, printed from its AST. Comments are placed by position: before the item
// they precede, or at the end of the line they trail. Keywords are written in the language most of the file's
// keywords already use. Printing never changes the AST (parentheses are added exactly where precedence needs them).
import type * as A from './ast.js';
import type { Diagnostic } from './diagnostics.js';
import { BUILTIN_TYPES, spell, type KeywordLanguage, type KeywordName } from './keywords.js';
import { parse } from './parse.js';
import { keywordOf, lexer } from './tokens.js';

const INDENT = '  ';

/** Band and match tables with more arms than this are written one arm per line. */
const INLINE_ARMS = 4;

/** The language most of the file's keywords are written in (English on a tie). */
export function keywordLanguage(text: string): KeywordLanguage {
  let english = 0;
  let chinese = 0;
  for (const t of lexer.tokenize(text).tokens) {
    const k = keywordOf(t.tokenType);
    if (!k) continue;
    if (t.image === k.english) english++;
    else chinese++;
  }
  return chinese > english ? 'chinese' : 'english';
}

// Binding strength, as in cst-to-ast: higher binds tighter; 0 needs parentheses inside any operator.
function precedence(e: A.Expr): number {
  switch (e.type) {
    case 'Binary':
      return { or: 1, and: 2, '+': 5, '-': 5, '*': 6, '/': 6 }[e.op as string] ?? 4;
    case 'InRank':
      return 4;
    case 'Unary':
      return e.op === 'not' ? 3 : 7;
    case 'Member':
      return 8;
    case 'If':
    case 'Where':
    case 'Anchor':
      return 0;
    default:
      return 9;
  }
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

class Printer {
  private readonly lines: string[] = [];
  private next = 0; // the first comment not yet written
  private readonly comments: A.Comment[];

  constructor(
    private readonly file: A.SourceFile,
    private readonly language: KeywordLanguage,
    private readonly itemStarts: Map<string, { start: number; end: number }[]>,
  ) {
    this.comments = [...file.comments].sort((a, b) => a.span.start - b.span.start);
  }

  kw(word: KeywordName): string {
    return spell(word, this.language);
  }

  result(): string {
    this.flushBefore(Infinity, '');
    while (this.lines.length > 0 && this.lines[this.lines.length - 1] === '') this.lines.pop();
    return this.lines.length === 0 ? '' : `${this.lines.join('\n')}\n`;
  }

  // ── Comments ───────────────────────────────────────────────────────────────

  private hasComment(before: number): boolean {
    return this.next < this.comments.length && this.comments[this.next]!.span.start < before;
  }

  /** Writes every pending comment that starts before `offset` on its own line. */
  flushBefore(offset: number, indent: string): void {
    while (this.hasComment(offset)) {
      const c = this.comments[this.next++]!;
      this.lines.push(indent + c.text.trimEnd());
      if (this.blankLineFollows(c.span.end)) this.lines.push('');
    }
  }

  /** The author left a blank line after this point (kept after comments, so comment groups stay apart). */
  private blankLineFollows(offset: number): boolean {
    const rest = this.file.text.slice(offset);
    const gap = /^[ \t\r\n\u00a0\u3000]*/.exec(rest)![0];
    return gap.length < rest.length && (gap.match(/\n/g)?.length ?? 0) >= 2;
  }

  /** Appends a comment that sits on the same source line right after `offset` (and before `before`) to the last written line. */
  trailing(offset: number, before = Infinity): boolean {
    if (this.next >= this.comments.length) return false;
    const c = this.comments[this.next]!;
    if (c.span.start < offset || c.span.start >= before || /[\r\n]/.test(this.file.text.slice(offset, c.span.start))) return false;
    this.next++;
    this.lines[this.lines.length - 1] += `  ${c.text.trimEnd()}`;
    return true;
  }

  /** Any comment inside a span the printer writes on one line. */
  private commentsWithin(span: A.Span): boolean {
    return this.comments.some((c) => c.span.start >= span.start && c.span.start < span.end);
  }

  // ── Lines and blocks ───────────────────────────────────────────────────────

  /**
   * One item: comments before it (and inside it, when it is written on one line) go above it,
   * a comment trailing its last source line stays at the end of its line.
   */
  line(span: A.Span, indent: string, print: (indent: string) => string): void {
    this.flushBefore(span.start, indent);
    const text = print(indent); // multi-line tables write their own inner comments
    this.flushBefore(span.end, indent);
    this.lines.push(indent + text);
    this.trailing(span.end);
  }

  /** `header {` items `}`; comments on the header's line trail it, others go with the items. */
  block(span: A.Span, indent: string, header: (indent: string) => string, items: (inner: string) => void): void {
    this.flushBefore(span.start, indent);
    const inner = indent + INDENT;
    const text = header(indent);
    const start = this.lines.length;
    this.lines.push(`${indent}${text} {`);
    const headerLineEnd = this.file.text.indexOf('\n', span.start);
    // Only a comment inside the block: one after a one-line block's `}` trails the block's last line instead.
    this.trailing(this.headerEnd(span, headerLineEnd), span.end);
    items(inner);
    this.flushBefore(span.end, inner);
    if (this.lines.length === start + 1) {
      // An empty block stays `{}`, with a comment of its line after it (so formatting again keeps it there).
      const open = `${indent}${text} {`;
      this.lines[start] = `${open}}${this.lines[start]!.slice(open.length)}`;
    } else {
      this.lines.push(`${indent}}`);
    }
    this.trailing(span.end);
  }

  /** A comment after the block's `{` on the header's line trails the header. */
  private headerEnd(span: A.Span, lineEnd: number): number {
    const end = lineEnd === -1 ? span.end : Math.min(lineEnd, span.end);
    const brace = this.file.text.lastIndexOf('{', end);
    return brace >= span.start ? brace + 1 : span.end;
  }

  blank(): void {
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== '') this.lines.push('');
  }

  // ── Declarations ───────────────────────────────────────────────────────────

  decls(): void {
    for (const d of this.file.decls) {
      this.blank();
      this.decl(d);
    }
  }

  private keywordLines(decl: A.Decl, keyword: string): { start: number; end: number }[] {
    return (this.itemStarts.get(keyword) ?? []).filter((s) => s.start >= decl.span.start && s.end <= decl.span.end);
  }

  private decl(d: A.Decl): void {
    const kw = (w: KeywordName): string => this.kw(w);
    switch (d.type) {
      case 'Policy':
        this.block(d.span, '', () => `${kw('policy')} ${quote(d.title)} ${kw('version')} ${quote(d.version)}`, (inner) => {
          const at = (key: string): A.Span => {
            const s = this.keywordLines(d, key)[0] ?? { start: d.span.end - 1, end: d.span.end - 1 };
            return { file: d.span.file, ...s };
          };
          if (d.evaluator !== null) this.line(at('evaluator'), inner, () => `${kw('evaluator')} ${quote(d.evaluator!)}`);
          if (d.precision !== null) this.line(at('precision'), inner, () => `${kw('precision')} ${d.precision}`);
          if (d.rounding !== null) this.line(at('rounding'), inner, () => `${kw('rounding')} ${d.rounding!.text}`);
        });
        return;
      case 'Entity': {
        const header = `${kw('entity')} ${d.name.text}${d.label === null ? '' : ` ${quote(d.label)}`}`;
        if (d.relations.length === 0) this.line(d.span, '', () => header);
        else {
          this.block(d.span, '', () => header, (inner) => {
            for (const r of d.relations) this.line(r.span, inner, () => `${r.name.text}: ${r.target.text}`);
          });
        }
        return;
      }
      case 'Enum':
        this.line(d.span, '', () => `${kw('enum')} ${d.name.text} { ${d.members.map((m) => m.text).join(', ')} }`);
        return;
      case 'Record':
        this.block(d.span, '', () => `${kw('record')} ${d.name.text}`, (inner) => this.fields(d.fields, inner));
        return;
      case 'Input':
        this.block(d.span, '', () => `${kw('input')} ${d.entity.text}`, (inner) => this.fields(d.fields, inner));
        return;
      case 'Param':
        this.line(d.span, '', (i) => `${kw('param')} ${d.name.text} = ${this.expr(d.value, 0, i)}`);
        return;
      case 'Section': {
        const header = (ind: string): string => {
          let h = `${kw('section')} ${d.name.text}`;
          if (d.entity) h += ` ${kw('for')} ${d.entity.text}`;
          if (d.points) h += ` ${kw('points')} ${this.expr(d.points, 0, ind)}`;
          if (d.weight) h += ` ${kw('weight')} ${this.expr(d.weight, 0, ind)}`;
          if (d.cap) h += ` ${kw('cap')}`;
          if (d.when) h += ` ${kw('when')} ${this.expr(d.when, 0, ind)}`;
          return h;
        };
        this.block(d.span, '', header, (inner) => {
          d.items.forEach((item, i) => {
            if (i > 0 && (item.type === 'Indicator' || d.items[i - 1]!.type === 'Indicator')) this.blank();
            if (item.type === 'Indicator') this.indicator(item, inner);
            else this.line(item.span, inner, (ind) => this.letItem(item, ind));
          });
        });
        return;
      }
      case 'Bonus': {
        const header = (ind: string): string => {
          let h = `${kw('bonus')} ${d.name.text}`;
          if (d.entity) h += ` ${kw('for')} ${d.entity.text}`;
          if (d.cap) h += ` ${kw('cap')} ${this.expr(d.cap, 0, ind)}`;
          return h;
        };
        this.block(d.span, '', header, (inner) => {
          const counts = this.keywordLines(d, 'counts')[0];
          const mode = d.counts === 'total' ? kw('total') : this.language === 'chinese' ? '排名' : 'tiebreak';
          const at = counts ? { file: d.span.file, ...counts } : { file: d.span.file, start: d.span.start, end: d.span.start };
          this.line(at, inner, () => `${kw('counts')} ${mode}`);
          for (const item of d.items) this.line(item.span, inner, (ind) => this.indicatorItem(item, ind));
        });
        return;
      }
      case 'Link':
        this.block(d.span, '', () => `${kw('link')} ${d.name.text}`, (inner) => {
          let each = `${kw('each')} ${d.list ? `${d.list.text} ${kw('of')} ` : ''}${d.source.text}`;
          if (d.where) each += ` ${kw('where')} ${this.expr(d.where, 0, inner)}`;
          const eachEnd = d.where ? d.where.span.end : d.source.span.end;
          this.line({ file: d.span.file, start: d.span.start, end: eachEnd }, inner, () => each);
          this.line({ file: d.span.file, start: eachEnd, end: d.target.span.end }, inner, (ind) =>
            `${kw('deduct')} ${this.expr(d.amount, 0, ind)} ${kw('from')} ${d.relation.text}.${d.target.text}`,
          );
        });
        return;
      case 'Individual':
        this.line(d.span, '', (i) => `${kw('individual')} ${d.entity.text} ${kw('from')} ${d.relation.text} ${kw('share')} ${this.expr(d.share, 0, i)}`);
        return;
      case 'Tiers':
        this.tiers(d);
        return;
      case 'Periods':
        this.line(d.span, '', () =>
          `${kw('periods')} ${d.period.text} ${kw('from')} ${d.parts.map((p) => p.text).join(', ')} ${kw('by')} ${d.aggregate.text}`,
        );
        return;
      case 'Assert':
        this.line(d.span, '', (i) => `${kw('assert')} ${this.expr(d.cond, 0, i)}`);
        return;
      case 'Fixture':
        this.block(d.span, '', () => `${kw('fixture')} ${d.name.text} ${kw('for')} ${d.entity.text}`, (inner) => {
          for (const f of d.fields) this.line(f.span, inner, (ind) => `${f.name.text}: ${this.expr(f.value, 0, ind)}`);
        });
        return;
      case 'Test':
        this.block(d.span, '', () => `${kw('test')} ${quote(d.title)}`, (inner) => {
          for (const u of d.units) {
            this.line(u.span, inner, (ind) => {
              const like = u.like ? ` ${kw('like')} ${u.like.text}` : '';
              return `${u.entity.text} ${u.name.text}${like} ${this.recordBody(u.fields, ind)}`;
            });
          }
          for (const e of d.expects) {
            this.line(e.span, inner, (ind) => `${kw('expect')} ${this.expr(e.cond, 0, ind)}${e.exempt ? ` ${kw('exempt')}` : ''}`);
          }
        });
        return;
    }
  }

  private fields(fields: A.FieldDecl[], indent: string): void {
    for (const f of fields) {
      this.line(f.span, indent, (ind) => {
        let s = `${f.name.text}: ${this.typeExpr(f.valueType)}`;
        if (f.label !== null) s += ` ${quote(f.label)}`;
        if (f.missing) s += ` ${this.kw('missing')} ${this.missing(f.missing, ind)}`;
        return s;
      });
    }
  }

  private typeExpr(t: A.TypeExpr): string {
    switch (t.type) {
      case 'BuiltinType':
        if (t.name === 'points' && this.language === 'english') return this.kw('points');
        return this.language === 'chinese' ? BUILTIN_TYPES[t.name] : t.name;
      case 'NamedType':
        return t.name.text;
      case 'EnumType':
        return `${this.kw('enum')}(${t.members.map((m) => m.text).join(', ')})`;
      case 'ListType':
        return `[${t.element.text}]`;
    }
  }

  private missing(m: A.MissingTreatment, indent: string): string {
    const zh = this.language === 'chinese';
    switch (m.kind) {
      case 'error':
        return zh ? '报错' : 'error';
      case 'peer_mean':
        return zh ? '同级均值' : 'peer_mean';
      case 'exempt':
        return this.kw('exempt');
      case 'default':
        return `${this.kw('default')} ${this.expr(m.value, 0, indent)}`;
    }
  }

  private indicator(d: A.IndicatorDecl, indent: string): void {
    const header = (ind: string): string => `${this.kw('indicator')} ${d.name.text} ${this.kw('points')} ${this.expr(d.points, 0, ind)}`;
    this.block(d.span, indent, header, (inner) => {
      for (const item of d.items) this.line(item.span, inner, (ind) => this.indicatorItem(item, ind));
    });
  }

  private letItem(item: A.LetItem, indent: string): string {
    return `${this.kw('let')} ${item.name.text} = ${this.expr(item.value, 0, indent)}`;
  }

  private indicatorItem(item: A.IndicatorItem, indent: string): string {
    switch (item.type) {
      case 'Meta': {
        const v = item.value;
        const value = 'text' in v ? v.text : v.type === 'String' ? quote(v.value) : v.digits;
        return `${this.kw(item.key)} ${value}`;
      }
      case 'Let':
        return this.letItem(item, indent);
      case 'Score':
        return `${this.kw('score')} = ${this.expr(item.value, 0, indent)}`;
      case 'Exempt':
        return `${this.kw('exempt')} ${this.kw('when')} ${this.expr(item.when, 0, indent)}`;
      case 'Adjust': {
        let s = `${this.kw(item.direction)} ${this.expr(item.amount, 0, indent)}`;
        if (item.per) s += ` ${this.kw('per')} ${this.expr(item.per, 0, indent)}`;
        if (item.where) s += ` ${this.kw('where')} ${this.expr(item.where, 0, indent)}`;
        if (item.distinct) s += ` ${this.kw('distinct')} ${item.distinct.text}`;
        if (item.when) s += ` ${this.kw('when')} ${this.expr(item.when, 0, indent)}`;
        if (item.cap) s += ` ${this.kw('cap')} ${this.expr(item.cap, 0, indent)}`;
        return s;
      }
    }
  }

  private tiers(d: A.TiersDecl): void {
    const kw = (w: KeywordName): string => this.kw(w);
    const header = (ind: string): string =>
      `${kw('tiers')} ${d.name.text}${d.entity ? ` ${kw('for')} ${d.entity.text}` : ''} ${kw('by')} ${this.expr(d.by, 0, ind)}`;
    this.block(d.span, '', header, (inner) => {
      if (d.ties) {
        const ties = d.ties;
        this.line(ties.span, inner, (ind) =>
          ties.mode === 'shared'
            ? `${kw('ties')} ${kw('shared')}`
            : `${kw('ties')} ${kw('by')} ${ties.keys.map((k) => this.expr(k, 0, ind)).join(', ')}`,
        );
      }
      if (d.quota) this.line(d.quota.span, inner, () => `${kw('quota')} ${d.quota!.text}`);
      if (d.gated) this.line(d.gated.span, inner, () => `${kw('gated')} ${d.gated!.text}`);
      for (const t of d.tiers) {
        this.line(t.span, inner, (ind) => {
          let s = t.name.text;
          if (t.quota) s += ` ${kw(t.quota.kind)} ${this.expr(t.quota.share, 0, ind)}`;
          if (t.rest) s += ` ${kw('rest')}`;
          if (t.when) s += ` ${kw('when')} ${this.expr(t.when, 0, ind)}`;
          return s;
        });
      }
      for (const g of d.gates) this.line(g.span, inner, (ind) => `${kw('not')} ${g.tier.text} ${kw('when')} ${this.expr(g.when, 0, ind)}`);
      for (const v of d.vetoes) this.line(v.span, inner, (ind) => `${kw('veto')} ${kw('when')} ${this.expr(v.when, 0, ind)}`);
    });
  }

  // ── Expressions ────────────────────────────────────────────────────────────

  /** Prints `e`, in parentheses when it binds looser than its place needs (`min`). */
  expr(e: A.Expr, min: number, indent: string): string {
    const s = this.bare(e, indent);
    return precedence(e) < min ? `(${s})` : s;
  }

  private bare(e: A.Expr, indent: string): string {
    switch (e.type) {
      case 'Number':
        return e.digits + e.suffix;
      case 'String':
        return quote(e.value);
      case 'Bool':
        return this.kw(e.value ? 'true' : 'false');
      case 'Date':
        return e.value;
      case 'Total':
        return this.kw('total');
      case 'Ref':
        return e.name.text;
      case 'Member': {
        const member = e.member.text === 'total' ? this.kw('total') : e.member.text;
        return `${this.expr(e.object, 8, indent)}.${member}`;
      }
      case 'Unary': {
        if (e.op === 'not') return `${this.kw('not')} ${this.expr(e.operand, 3, indent)}`;
        const operand = this.expr(e.operand, 7, indent);
        return operand.startsWith('-') ? `- ${operand}` : `-${operand}`;
      }
      case 'Binary': {
        const p = precedence(e);
        const op = e.op === 'and' || e.op === 'or' ? this.kw(e.op) : e.op;
        const leftMin = p === 4 ? 5 : p; // comparisons do not chain
        return `${this.expr(e.left, leftMin, indent)} ${op} ${this.expr(e.right, p + 1, indent)}`;
      }
      case 'InRank':
        return `${this.expr(e.subject, 5, indent)} ${this.kw('in')} ${this.kw(e.position)} ${this.expr(e.share, 5, indent)}`;
      case 'Call':
        return this.call(e, indent);
      case 'Where':
        return `${this.expr(e.list, 0, indent)} ${this.kw('where')} ${this.expr(e.cond, 0, indent)}`;
      case 'Anchor':
        return `${this.expr(e.from, 0, indent)} -> ${this.expr(e.to, 0, indent)}`;
      case 'If':
        return `${this.kw('if')} ${this.expr(e.cond, 0, indent)} ${this.kw('then')} ${this.expr(e.then, 0, indent)} ${this.kw('else')} ${this.expr(e.else, 0, indent)}`;
      case 'Band':
        return this.table(
          e,
          `${this.kw('band')} ${this.expr(e.subject, 0, indent)}`,
          e.arms.map((a) => ({ span: a.span, text: (ind: string) => `${a.op} ${this.expr(a.bound, 0, ind)}: ${this.expr(a.value, 0, ind)}` })),
          e.otherwise,
          indent,
        );
      case 'Match':
        return this.table(
          e,
          `${this.kw('match')} ${this.expr(e.subject, 0, indent)}`,
          e.arms.map((a) => ({
            span: a.span,
            text: (ind: string) => `${a.labels.map((l) => l.text).join(', ')}: ${this.expr(a.value, 0, ind)}`,
          })),
          e.otherwise,
          indent,
        );
      case 'ListLit':
        return `[${e.items.map((i) => this.expr(i, 0, indent)).join(', ')}]`;
      case 'RecordLit':
        return this.recordBody(e.fields, indent);
    }
  }

  private recordBody(fields: A.FieldValue[], indent: string): string {
    if (fields.length === 0) return '{}';
    return `{ ${fields.map((f) => `${f.name.text}: ${this.expr(f.value, 0, indent)}`).join(', ')} }`;
  }

  private call(e: Extract<A.Expr, { type: 'Call' }>, indent: string): string {
    // `points(NAME method M, …)` is the only call spelled with keywords.
    if (e.callee.text === 'points') {
      const [subject, methods] = e.args;
      const filter =
        methods && methods.type === 'Call'
          ? ` ${this.kw('method')} ${methods.args.map((m) => this.expr(m, 0, indent)).join(', ')}`
          : '';
      return `${this.kw('points')}(${subject ? this.expr(subject, 0, indent) : ''}${filter})`;
    }
    return `${e.callee.text}(${e.args.map((a) => this.expr(a, 0, indent)).join(', ')})`;
  }

  /** A band or match: inline when short and free of comments, else one arm per line with its comments. */
  private table(
    e: A.Expr,
    head: string,
    arms: { span: A.Span; text: (indent: string) => string }[],
    otherwise: A.Expr | null,
    indent: string,
  ): string {
    const elseArm = (ind: string): string => `${this.kw('else')}: ${this.expr(otherwise!, 0, ind)}`;
    const count = arms.length + (otherwise ? 1 : 0);
    if (count <= INLINE_ARMS && !this.commentsWithin(e.span)) {
      const parts = arms.map((a) => a.text(indent));
      if (otherwise) parts.push(elseArm(indent));
      return `${head} { ${parts.join(', ')} }`;
    }
    // Arms get their own lines in a scratch buffer so their comments land beside them.
    const inner = indent + INDENT;
    const saved = this.lines.splice(0);
    const all = otherwise ? [...arms, { span: { ...otherwise.span, end: e.span.end - 1 }, text: elseArm }] : arms;
    all.forEach((arm, i) => {
      this.flushBefore(arm.span.start, inner);
      const text = arm.text(inner);
      this.flushBefore(arm.span.end, inner);
      this.lines.push(inner + text + (i < all.length - 1 ? ',' : ''));
      this.trailing(i < all.length - 1 ? this.afterComma(arm.span.end) : arm.span.end);
    });
    this.flushBefore(e.span.end, inner);
    const body = this.lines.splice(0);
    this.lines.push(...saved);
    return `${head} {\n${body.join('\n')}\n${indent}}`;
  }

  /** The offset just after the comma that follows an arm in the source (so its trailing comment is found). */
  private afterComma(offset: number): number {
    const m = /^[ \t]*,/.exec(this.file.text.slice(offset));
    return m ? offset + m[0].length : offset;
  }
}

/** Where policy-header and bonus lines that have no span of their own start and end, found from the tokens. */
function keywordItemSpans(text: string): Map<string, { start: number; end: number }[]> {
  const tokens = lexer.tokenize(text).tokens;
  const out = new Map<string, { start: number; end: number }[]>();
  tokens.forEach((t, i) => {
    const k = keywordOf(t.tokenType)?.english;
    if (k !== 'evaluator' && k !== 'precision' && k !== 'rounding' && k !== 'counts') return;
    const value = tokens[i + 1] ?? t;
    const list = out.get(k) ?? [];
    list.push({ start: t.startOffset, end: value.startOffset + value.image.length });
    out.set(k, list);
  });
  return out;
}

/** The canonical text of a file that parsed without errors. */
export function format(file: A.SourceFile): string {
  const printer = new Printer(file, keywordLanguage(file.text), keywordItemSpans(file.text));
  printer.decls();
  return printer.result();
}

/** Formats source text; a file with syntax errors is refused (`text: null`) and its diagnostics returned. */
export function formatSource(path: string, text: string): { text: string | null; diagnostics: Diagnostic[] } {
  const { file, diagnostics } = parse(path, text);
  if (diagnostics.some((d) => d.severity === 'error')) return { text: null, diagnostics };
  return { text: format(file), diagnostics };
}
