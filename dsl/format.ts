// The canonical layout of a `.kp` file, printed from its AST. Declarations and items are laid out line by line
// (so comments keep their places); each item is a Wadler-style document (prettier's `doc` builders) that the
// printer fits into WIDTH columns, CJK characters counting two, breaking at the natural points of the language:
// `else` of an if-chain, binary operators, band and match arms, call arguments, list items and record fields.
// Comments are placed by position: before the item they precede, or at the end of the line they trail.
// Keywords are written in the language most of the file's keywords already use. Printing never changes the
// AST: parentheses the author wrote are kept, and added exactly where precedence needs them.
import { builders, printer, type builders as B } from 'prettier/doc';
import stringWidth from 'string-width';
import type * as A from './ast.js';
import type { Diagnostic } from './diagnostics.js';
import { BUILTIN_TYPES, spell, type KeywordLanguage, type KeywordName } from './keywords.js';
import { parse } from './parse.js';
import { keywordOf, lexer } from './tokens.js';

type Doc = B.Doc;
const { align, group, hardline, ifBreak, indent, join, line, softline } = builders;

/** The documented width: no formatted line is longer unless one unbreakable token (a name, string or comment) is. */
export const WIDTH = 100;

const INDENT = '  ';

/** Band and match tables with more arms than this are written one arm per line even when they would fit. */
const INLINE_ARMS = 4;

/** The language most of the file's keywords are written in (English on a tie). */
export function keywordLanguage(text: string): KeywordLanguage {
  return keywordLanguageOf([text]);
}

/** The language most of a policy's keywords are written in, over all its files (English on a tie). */
export function keywordLanguageOf(texts: Iterable<string>): KeywordLanguage {
  let english = 0;
  let chinese = 0;
  for (const text of texts) {
    for (const t of lexer.tokenize(text).tokens) {
      const k = keywordOf(t.tokenType);
      if (!k) continue;
      if (t.image === k.english) english++;
      else chinese++;
    }
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

/** A string literal that reads back as `value`. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Where a long text is best split: after punctuation or a space (not `.` or `:`, which sit inside numbers and times). */
const BREAK_AFTER = /[，。；、：！？）」”,; ]/u;

/**
 * A text cut into pieces whose quoted forms fit `first` columns (the first piece) and `rest` (the others),
 * each piece ending after punctuation when one lies in its second half. Written as adjacent strings.
 */
function splitText(value: string, first: number, rest: number): string[] {
  const width = (s: string): number => stringWidth(quote(s));
  const pieces: string[] = [];
  let piece = '';
  let breakAt = -1; // a good place to cut the current piece: just after punctuation
  for (const ch of value) {
    const limit = Math.max(pieces.length === 0 ? first : rest, 12);
    if (piece !== '' && width(piece + ch) > limit) {
      const cut = breakAt > piece.length / 2 ? breakAt : piece.length;
      pieces.push(piece.slice(0, cut));
      piece = piece.slice(cut);
      breakAt = -1;
      for (let i = piece.length; i > 0; i--) {
        if (BREAK_AFTER.test(piece[i - 1]!)) {
          breakAt = i;
          break;
        }
      }
    }
    piece += ch;
    if (BREAK_AFTER.test(ch)) breakAt = piece.length;
  }
  pieces.push(piece);
  return pieces;
}

/** `open` items `close`, on one line when they fit, else one item per line. */
function bracketed(open: string, items: Doc[], close: string): Doc {
  return group([open, indent([softline, join([',', line], items)]), softline, close]);
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

  /** Lays out one document starting at `indent` and appends its lines (a trailing comment counts towards the width). */
  private emit(indentation: string, d: Doc, trailing: string | null): void {
    const doc = [indentation, align(indentation.length, d), trailing === null ? '' : `  ${trailing}`];
    this.lines.push(...printer.printDocToString(doc, { printWidth: WIDTH, tabWidth: INDENT.length }).formatted.split('\n'));
  }

  // ── Comments ───────────────────────────────────────────────────────────────

  /** Takes every pending comment that starts before `offset`, each with whether the author left a blank line after it. */
  private takeBefore(offset: number): { text: string; blankAfter: boolean }[] {
    const out: { text: string; blankAfter: boolean }[] = [];
    while (this.next < this.comments.length && this.comments[this.next]!.span.start < offset) {
      const c = this.comments[this.next++]!;
      out.push({ text: c.text.trimEnd(), blankAfter: this.blankLineFollows(c.span.end) });
    }
    return out;
  }

  /** Writes every pending comment that starts before `offset` on its own line. */
  flushBefore(offset: number, indentation: string): void {
    for (const c of this.takeBefore(offset)) {
      this.lines.push(indentation + c.text);
      if (c.blankAfter) this.lines.push('');
    }
  }

  /** The author left a blank line after this point (kept after comments, so comment groups stay apart). */
  private blankLineFollows(offset: number): boolean {
    const rest = this.file.text.slice(offset);
    const gap = /^[ \t\r\n\u00a0\u3000]*/.exec(rest)![0];
    return gap.length < rest.length && (gap.match(/\n/g)?.length ?? 0) >= 2;
  }

  /** Takes the comment that sits on the same source line right after `offset` (and before `before`), if any. */
  private takeTrailing(offset: number, before = Infinity): string | null {
    if (this.next >= this.comments.length) return null;
    const c = this.comments[this.next]!;
    if (c.span.start < offset || c.span.start >= before || /[\r\n]/.test(this.file.text.slice(offset, c.span.start))) return null;
    this.next++;
    return c.text.trimEnd();
  }

  /** Any comment inside a span. */
  private commentsWithin(span: A.Span): boolean {
    return this.comments.some((c) => c.span.start >= span.start && c.span.start < span.end);
  }

  // ── Lines and blocks ───────────────────────────────────────────────────────

  /**
   * One item: comments before it (and inside it, outside band and match tables) go above it,
   * a comment trailing its last source line stays at the end of its last line.
   */
  line(span: A.Span, indentation: string, print: () => Doc): void {
    this.flushBefore(span.start, indentation);
    const d = print(); // band and match tables take their own inner comments
    this.flushBefore(span.end, indentation);
    this.emit(indentation, d, this.takeTrailing(span.end));
  }

  /** `header {` items `}`; comments on the header's line trail it, others go with the items. */
  block(span: A.Span, indentation: string, header: () => Doc, items: (inner: string) => void): void {
    this.flushBefore(span.start, indentation);
    const inner = indentation + INDENT;
    const head = header();
    const headerLineEnd = this.file.text.indexOf('\n', span.start);
    // Only a comment inside the block: one after a one-line block's `}` trails the block's last line instead.
    const headerComment = this.takeTrailing(this.headerEnd(span, headerLineEnd), span.end);
    const start = this.lines.length;
    this.emit(indentation, [head, ' {'], headerComment);
    const headerLines = this.lines.length;
    items(inner);
    this.flushBefore(span.end, inner);
    if (this.lines.length === headerLines) {
      // An empty block stays `{}`, with the comments of its lines after it (so formatting again keeps them there).
      this.lines.splice(start);
      const comments = [headerComment, this.takeTrailing(span.end)].filter((c) => c !== null);
      this.emit(indentation, [head, ' {}'], comments.length > 0 ? comments.join('  ') : null);
      return;
    }
    this.lines.push(`${indentation}}`);
    const closing = this.takeTrailing(span.end);
    if (closing !== null) this.lines[this.lines.length - 1] += `  ${closing}`;
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

  /**
   * ` KEYWORD expr` as a clause that goes to its own (indented) line when it does not fit on the current one.
   * Its own group, so a table broken over lines before it (`band … { … } when c`) does not push it down.
   */
  private clause(word: KeywordName, e: A.Expr | string): Doc {
    return this.clauseOf(word, typeof e === 'string' ? e : this.expr(e, 0));
  }

  private clauseOf(word: KeywordName, d: Doc): Doc {
    return group(indent([line, this.kw(word), ' ', d]));
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
        this.line(d.span, '', () => [`${kw('enum')} ${d.name.text} `, group(['{', indent([line, join([',', line], d.members.map((m) => m.text))]), line, '}'])]);
        return;
      case 'Record':
        this.block(d.span, '', () => `${kw('record')} ${d.name.text}`, (inner) => this.fields(d.fields, inner));
        return;
      case 'Input':
        this.block(d.span, '', () => `${kw('input')} ${d.entity.text}`, (inner) => this.fields(d.fields, inner));
        return;
      case 'Param':
        this.line(d.span, '', () => [`${kw('param')} ${d.name.text} = `, this.expr(d.value, 0)]);
        return;
      case 'Section': {
        const header = (): Doc => group([
          `${kw('section')} ${d.name.text}`,
          d.entity ? this.clause('for', [d.entity, ...(d.moreEntities ?? [])].map((k) => k.text).join(', ')) : '',
          d.points ? this.clause('points', d.points) : '',
          d.weight ? this.clause('weight', d.weight) : '',
          d.cap ? ` ${kw('cap')}` : '',
          d.when ? this.clause('when', d.when) : '',
        ]);
        this.block(d.span, '', header, (inner) => {
          d.items.forEach((item, i) => {
            if (i > 0 && (item.type === 'Indicator' || d.items[i - 1]!.type === 'Indicator')) this.blank();
            if (item.type === 'Indicator') this.indicator(item, inner);
            else this.line(item.span, inner, () => this.letItem(item));
          });
        });
        return;
      }
      case 'Bonus': {
        const header = (): Doc => [
          `${kw('bonus')} ${d.name.text}`,
          d.entity ? this.clause('for', d.entity.text) : '',
          d.cap ? this.clause('cap', d.cap) : '',
        ];
        this.block(d.span, '', header, (inner) => {
          const counts = this.keywordLines(d, 'counts')[0];
          const zh = this.language === 'chinese';
          const mode = d.counts === 'total' ? kw('total') : d.counts === 'deduction' ? (zh ? '扣分' : 'deduction') : zh ? '排名' : 'tiebreak';
          const at = counts ? { file: d.span.file, ...counts } : { file: d.span.file, start: d.span.start, end: d.span.start };
          this.line(at, inner, () => `${kw('counts')} ${mode}`);
          for (const item of d.items) this.line(item.span, inner, () => this.indicatorItem(item, inner));
        });
        return;
      }
      case 'Link':
        this.block(d.span, '', () => `${kw('link')} ${d.name.text}`, (inner) => {
          const each: Doc = d.list ? [`${kw('each')} ${d.list.text}`, this.clause('of', d.source.text)] : `${kw('each')} ${d.source.text}`;
          const eachEnd = d.where ? d.where.span.end : d.source.span.end;
          this.line({ file: d.span.file, start: d.span.start, end: eachEnd }, inner, () =>
            group([each, d.where ? this.clause('where', d.where) : '']),
          );
          this.line({ file: d.span.file, start: eachEnd, end: d.target.span.end }, inner, () =>
            [`${kw('deduct')} `, this.expr(d.amount, 0), this.clause('from', `${d.relation.text}.${d.target.text}`)],
          );
        });
        return;
      case 'Individual':
        this.line(d.span, '', () =>
          [`${kw('individual')} ${d.entity.text}`, this.clause('from', d.relation.text), this.clause('share', d.share)],
        );
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
        this.line(d.span, '', () => [`${kw('assert')} `, this.expr(d.cond, 0)]);
        return;
      case 'Coverage':
        this.line(d.span, '', () => [`${kw('coverage')} ${d.measure ? `${d.measure.text} ` : ''}>= `, this.expr(d.minimum, 0)]);
        return;
      case 'Fixture':
        this.block(d.span, '', () => [`${kw('fixture')} ${d.name.text}`, this.clause('for', d.entity.text)], (inner) => {
          for (const f of d.fields) this.line(f.span, inner, () => this.fieldValue(f));
        });
        return;
      case 'Test':
        this.block(d.span, '', () => `${kw('test')} ${quote(d.title)}`, (inner) => {
          for (const u of d.units) {
            this.line(u.span, inner, () => {
              return [`${u.entity.text} ${u.name.text}`, u.like ? this.clause('like', u.like.text) : '', ' ', this.recordBody(u.fields)];
            });
          }
          for (const e of d.expects) {
            this.line(e.span, inner, () => [`${kw('expect')} `, this.expr(e.cond, 0), e.exempt ? ` ${kw('exempt')}` : '']);
          }
        });
        return;
      case 'Warning':
        this.warning(d);
        return;
      case 'Analysis':
        this.block(d.span, '', () => kw('analysis'), (inner) => {
          for (const f of d.fields) this.line(f.span, inner, () => this.fieldValue(f));
        });
        return;
    }
  }

  private warning(d: A.WarningDecl): void {
    const header = (): Doc => group([
      `${this.kw('warning')} ${d.name.text}`,
      d.entity ? this.clause('for', d.entity.text) : '',
      this.clause('level', d.level.text),
      d.periods.length > 0 ? this.clause('period', d.periods.map((p) => p.text).join(', ')) : '',
    ]);
    this.block(d.span, '', header, (inner) => {
      for (const item of d.items) {
        this.line(item.span, inner, () =>
          item.type === 'Let' ? this.letItem(item)
          : item.type === 'WarningWhen' ? [`${this.kw('when')} `, this.expr(item.cond, 0)]
          : `${this.kw('message')} ${quote(item.template)}`,
        );
      }
    });
  }

  private fields(fields: A.FieldDecl[], indentation: string): void {
    for (const f of fields) {
      this.line(f.span, indentation, () => [
        `${f.name.text}: `,
        this.typeExpr(f.valueType),
        f.label === null ? '' : group(indent([line, quote(f.label)])),
        f.missing ? this.clauseOf('missing', this.missing(f.missing)) : '',
      ]);
    }
  }

  private typeExpr(t: A.TypeExpr): Doc {
    switch (t.type) {
      case 'BuiltinType':
        if (t.name === 'points' && this.language === 'english') return this.kw('points');
        return this.language === 'chinese' ? BUILTIN_TYPES[t.name] : t.name;
      case 'NamedType':
        return t.name.text;
      case 'EnumType':
        return bracketed(`${this.kw('enum')}(`, t.members.map((m) => m.text), ')');
      case 'ListType':
        return `[${t.element.text}]`;
    }
  }

  private missing(m: A.MissingTreatment): Doc {
    const zh = this.language === 'chinese';
    switch (m.kind) {
      case 'error':
        return zh ? '报错' : 'error';
      case 'peer_mean':
        return zh ? '同级均值' : 'peer_mean';
      case 'fill_peer_mean':
        return zh ? '同级均值填补' : 'fill_peer_mean';
      case 'exempt':
        return this.kw('exempt');
      case 'default':
        return [`${this.kw('default')} `, this.expr(m.value, 0)];
    }
  }

  private indicator(d: A.IndicatorDecl, indentation: string): void {
    const header = (): Doc => [`${this.kw('indicator')} ${d.name.text}`, this.clause('points', d.points)];
    this.block(d.span, indentation, header, (inner) => {
      for (const item of d.items) this.line(item.span, inner, () => this.indicatorItem(item, inner));
    });
  }

  private letItem(item: A.LetItem): Doc {
    return [`${this.kw('let')} ${item.name.text} = `, this.expr(item.value, 0)];
  }

  private indicatorItem(item: A.IndicatorItem, indentation: string): Doc {
    switch (item.type) {
      case 'Meta': {
        const v = item.value;
        const key = this.kw(item.key);
        const by = item.aggregate ? ` ${this.kw('by')} ${item.aggregate.text}` : '';
        if ('text' in v || v.type === 'Number') return `${key} ${'text' in v ? v.text : v.digits}${by}`;
        // A text too long for its line goes on as adjacent strings, one per line.
        const lead = stringWidth(`${indentation}${key} `);
        const [head, ...tail] = splitText(v.value, WIDTH - lead, WIDTH - indentation.length - INDENT.length);
        return [`${key} `, quote(head!), indent(tail.map((p) => [hardline, quote(p)]))];
      }
      case 'Let':
        return this.letItem(item);
      case 'Score':
        return [`${this.kw('score')} = `, this.expr(item.value, 0)];
      case 'Exempt':
        return [`${this.kw('exempt')} ${this.kw('when')} `, this.expr(item.when, 0)];
      case 'Adjust':
        return group([
          `${this.kw(item.direction)} `,
          this.expr(item.amount, 0),
          item.per ? this.clause('per', item.per) : '',
          item.where ? this.clause('where', item.where) : '',
          item.distinct ? group(indent([line, `${this.kw('distinct')} ${item.distinct.text}`])) : '',
          item.when ? this.clause('when', item.when) : '',
          item.cap ? this.clause('cap', item.cap) : '',
        ]);
    }
  }

  private tiers(d: A.TiersDecl): void {
    const kw = (w: KeywordName): string => this.kw(w);
    const header = (): Doc => [`${kw('tiers')} ${d.name.text}`, d.entity ? this.clause('for', d.entity.text) : '', this.clause('by', d.by)];
    this.block(d.span, '', header, (inner) => {
      if (d.ties) {
        const ties = d.ties;
        this.line(ties.span, inner, () =>
          ties.mode === 'shared'
            ? `${kw('ties')} ${kw('shared')}`
            : [`${kw('ties')} ${kw('by')} `, group(indent(join([',', line], ties.keys.map((k) => this.expr(k, 0)))))],
        );
      }
      if (d.quota) this.line(d.quota.span, inner, () => `${kw('quota')} ${d.quota!.text}`);
      if (d.gated) this.line(d.gated.span, inner, () => `${kw('gated')} ${d.gated!.text}`);
      for (const t of d.tiers) {
        this.line(t.span, inner, () => group([
          t.name.text,
          t.quota ? [` ${kw(t.quota.kind)} `, this.expr(t.quota.share, 0)] : '',
          t.rest ? ` ${kw('rest')}` : '',
          t.when ? this.clause('when', t.when) : '',
        ]));
      }
      for (const g of d.gates) this.line(g.span, inner, () => group([`${kw('not')} ${g.tier.text}`, this.clause('when', g.when)]));
      for (const v of d.vetoes) this.line(v.span, inner, () => [`${kw('veto')} ${kw('when')} `, this.expr(v.when, 0)]);
    });
  }

  // ── Expressions ────────────────────────────────────────────────────────────

  /** Prints `e`, in parentheses when the author wrote them or when it binds looser than its place needs (`min`). */
  expr(e: A.Expr, min: number): Doc {
    const d = this.bare(e);
    return e.paren || precedence(e) < min ? ['(', d, ')'] : d;
  }

  private bare(e: A.Expr): Doc {
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
        return group([this.expr(e.object, 8), indent([softline, `.${member}`])]);
      }
      case 'Unary': {
        if (e.op === 'not') return [`${this.kw('not')} `, this.expr(e.operand, 3)];
        // `- -x`, not `--x`
        const doubled = e.operand.type === 'Unary' && e.operand.op === '-' && !e.operand.paren;
        return [doubled ? '- ' : '-', this.expr(e.operand, 7)];
      }
      case 'Binary':
        return this.binary(e);
      case 'InRank':
        return group([this.expr(e.subject, 5), indent([line, `${this.kw('in')} ${this.kw(e.position)} `, this.expr(e.share, 5)])]);
      case 'Call':
        return this.call(e);
      case 'Where':
        return group([this.expr(e.list, 0), this.clause('where', e.cond)]);
      case 'Anchor':
        return group([this.expr(e.from, 0), indent([line, '-> ', this.expr(e.to, 0)])]);
      case 'If':
        return this.ifChain(e);
      case 'Band':
        return this.table(
          e,
          [`${this.kw('band')} `, this.expr(e.subject, 0)],
          e.arms.map((a) => ({ span: a.span, doc: (): Doc => [`${a.op} `, this.expr(a.bound, 0), ': ', this.expr(a.value, 0)] })),
          e.otherwise,
        );
      case 'Match':
        return this.table(
          e,
          [`${this.kw('match')} `, this.expr(e.subject, 0)],
          e.arms.map((a) => ({ span: a.span, doc: (): Doc => [group(indent(join([',', line], a.labels.map((l) => l.text)))), ': ', this.expr(a.value, 0)] })),
          e.otherwise,
        );
      case 'ListLit':
        return bracketed('[', e.items.map((i) => this.expr(i, 0)), ']');
      case 'RecordLit':
        return this.recordBody(e.fields);
    }
  }

  /** A chain of operators of one strength, `a + b - c`: when it does not fit, each operator starts a line. */
  private binary(e: Extract<A.Expr, { type: 'Binary' }>): Doc {
    const p = precedence(e);
    const op = (b: A.BinaryOp): string => (b === 'and' || b === 'or' ? this.kw(b) : b);
    if (p === 4) {
      // comparisons do not chain
      return group([this.expr(e.left, 5), indent([line, `${op(e.op)} `, this.expr(e.right, 5)])]);
    }
    const rest: Doc[] = [];
    let left: A.Expr = e;
    while (left.type === 'Binary' && precedence(left) === p && (left === e || !left.paren)) {
      rest.unshift([line, `${op(left.op)} `, this.expr(left.right, p + 1)]);
      left = left.left;
    }
    return group([this.expr(left, p), indent(rest)]);
  }

  /** `if … then … else if … then … else …`: when it does not fit, each `else` starts a line. */
  private ifChain(e: Extract<A.Expr, { type: 'If' }>): Doc {
    const arm = (c: Extract<A.Expr, { type: 'If' }>): Doc => [
      `${this.kw('if')} `, this.expr(c.cond, 0), this.clause('then', c.then),
    ];
    const rest: Doc[] = [];
    let last: A.Expr = e.else;
    while (last.type === 'If' && !last.paren) {
      rest.push([line, `${this.kw('else')} `, arm(last)]);
      last = last.else;
    }
    rest.push([line, `${this.kw('else')} `, this.expr(last, 0)]);
    return group([arm(e), indent(rest)]);
  }

  /** `{ a: 1, b: 2 }` when it fits, else one field per line (without commas, as in a fixture). */
  private recordBody(fields: A.FieldValue[]): Doc {
    if (fields.length === 0) return '{}';
    return group(['{', indent([line, join([ifBreak('', ','), line], fields.map((f) => this.fieldValue(f)))]), line, '}']);
  }

  private fieldValue(f: A.FieldValue): Doc {
    return [`${f.name.text}: `, this.expr(f.value, 0)];
  }

  private call(e: Extract<A.Expr, { type: 'Call' }>): Doc {
    // `points(NAME method M, …)` is the only call spelled with keywords.
    if (e.callee.text === 'points') {
      const [subject, methods] = e.args;
      const filter: Doc =
        methods && methods.type === 'Call'
          ? [line, `${this.kw('method')} `, join([',', line], methods.args.map((m) => this.expr(m, 0)))]
          : '';
      return group([`${this.kw('points')}(`, indent([softline, subject ? this.expr(subject, 0) : '', filter]), softline, ')']);
    }
    if (e.args.length === 0) return `${e.callee.text}()`;
    return bracketed(`${e.callee.text}(`, e.args.map((a) => this.expr(a, 0)), ')');
  }

  /** A band or match: inline when short, free of comments and fitting, else one arm per line with its comments. */
  private table(e: A.Expr, head: Doc, arms: { span: A.Span; doc: () => Doc }[], otherwise: A.Expr | null): Doc {
    const all = otherwise
      ? [...arms, { span: { ...otherwise.span, end: e.span.end - 1 }, doc: (): Doc => [`${this.kw('else')}: `, this.expr(otherwise, 0)] }]
      : arms;
    const withComments = this.commentsWithin(e.span);
    const body: Doc[] = [];
    all.forEach((arm, i) => {
      const lead = this.takeBefore(arm.span.start);
      const d = arm.doc();
      lead.push(...this.takeBefore(arm.span.end));
      const last = i === all.length - 1;
      const trailing = withComments ? this.takeTrailing(last ? arm.span.end : this.afterComma(arm.span.end)) : null;
      body.push([
        i === 0 ? '' : line,
        lead.map((c) => [c.text, hardline, c.blankAfter ? hardline : '']),
        d,
        last ? '' : ',',
        trailing === null ? '' : `  ${trailing}`, // the group is broken: a line follows
      ]);
    });
    const end = this.takeBefore(e.span.end).map((c) => [hardline, c.text]);
    return group([head, ' {', indent([line, body, end]), line, '}'], { shouldBreak: all.length > INLINE_ARMS || withComments });
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
