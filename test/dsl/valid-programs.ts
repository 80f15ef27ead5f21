// fast-check arbitraries for syntactically valid `.kp` programs, built from the grammar in docs/language.md.
// A program is generated as a list of pieces: keywords are marked and get a random spelling (English or
// Chinese), and every gap between pieces gets random white space, so layouts and languages vary freely.
import fc from 'fast-check';
import { KEYWORDS, type KeywordName } from '../../dsl/keywords.js';
import { NUMBER_SUFFIXES } from '../../dsl/tokens.js';

type Pieces = string[];
type Arb = fc.Arbitrary<Pieces>;

const KEYWORD_MARK = '\u0001';
const kw = (name: KeywordName): string => KEYWORD_MARK + name;
const spellings = new Map<string, string[]>(KEYWORDS.map((k) => [k.english, [k.english, k.chinese]]));

const piece = (p: string): Arb => fc.constant<Pieces>([p]);
const seq = (...parts: (Arb | string)[]): Arb =>
  fc.tuple(...parts.map((p) => (typeof p === 'string' ? piece(p) : p))).map((xs) => xs.flat());
const optional = (arb: Arb): Arb => fc.option(arb, { nil: undefined }).map((x) => x ?? []);
const many = (arb: Arb, maxLength = 3, minLength = 0): Arb =>
  fc.array(arb, { minLength, maxLength }).map((xs) => xs.flat());
/** One or more, separated by commas (a trailing comma when `trailing` allows it). */
const commaList = (arb: Arb, maxLength = 3, trailing = false): Arb =>
  fc.tuple(fc.array(arb, { minLength: 1, maxLength }), trailing ? fc.boolean() : fc.constant(false))
    .map(([xs, comma]) => [...xs.flatMap((x, i) => (i === 0 ? x : [',', ...x])), ...(comma ? [','] : [])]);

const NAMES = ['甲', '乙', '收入实绩', '完成率', '组织收入', '检查发现', 'a', 'b2', 'x_y', 'rate', '分值调整', 'sectionA'];
const name: Arb = fc.constantFrom(...NAMES).map((n) => [n]);
const number: Arb = fc.tuple(fc.constantFrom('0', '1', '10', '0.5', '98.6', '6800', '2'), fc.constantFrom('', ...NUMBER_SUFFIXES))
  .map(([digits, suffix]) => [digits + suffix]);
const wholeNumber: Arb = fc.constantFrom('0', '1', '2', '4').map((n) => [n]);
const string: Arb = fc.constantFrom('"核心征管系统"', '""', '"a \\"b\\" \\\\ c"', '"收入完成率达到100%得满分"').map((s) => [s]);
const date: Arb = fc.constantFrom('2021-06-30', '2020-02-29').map((d) => [d]);
const period: Arb = fc.constantFrom('2021', '2021Q1', '2021M03', '2021H1').map((p) => [p]);
const word = (...words: string[]): Arb => fc.constantFrom(...words).map((w) => [w]);

const COMPARE = ['==', '!=', '<', '<=', '>', '>='];
const BINARY = ['or', 'and', ...COMPARE, '+', '-', '*', '/'];
const paren = (e: Pieces): Pieces => ['(', ...e, ')'];
/** An operand of an operator: anything but a bare atom goes in parentheses, so the tree is the one generated. */
const operand = (e: Pieces): Pieces => (e.length === 1 ? e : paren(e));

const { expr } = fc.letrec<{ expr: Pieces; atom: Pieces; compound: Pieces; argument: Pieces }>((tie) => {
  const sub = tie('expr');
  return {
    expr: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('atom'), tie('compound')),
    atom: fc.oneof(number, name, string, date, fc.constantFrom(kw('true'), kw('false'), kw('total')).map((k) => [k])),
    compound: fc.oneof(
      fc.tuple(sub, fc.constantFrom(...BINARY), sub).map(([a, op, b]) =>
        [...operand(a), BINARY.slice(0, 2).includes(op) ? kw(op as 'or' | 'and') : op, ...operand(b)]),
      fc.tuple(fc.constantFrom('-', kw('not')), sub).map(([op, a]) => [op, ...operand(a)]),
      fc.tuple(sub, fc.constantFrom(kw('top'), kw('bottom')), sub).map(([x, pos, p]) => [...operand(x), kw('in'), pos, ...operand(p)]),
      fc.tuple(sub, name).map(([object, member]) => [...operand(object), '.', ...member]),
      seq(name, '(', optional(commaList(tie('argument'))), ')'),
      seq(kw('points'), '(', sub, optional(seq(kw('method'), commaList(name))), ')'),
      fc.tuple(sub, sub, sub).map(([c, t, e]) => [kw('if'), ...c, kw('then'), ...t, kw('else'), ...e]),
      seq(kw('band'), sub, '{', commaList(seq(word(...COMPARE), sub, ':', sub)), optional(seq(',', kw('else'), ':', sub)), optional(piece(',')), '}'),
      seq(kw('match'), sub, '{', commaList(seq(commaList(name, 2), ':', sub)), optional(seq(',', kw('else'), ':', sub)), optional(piece(',')), '}'),
      seq('[', optional(commaList(sub, 3, true)), ']'),
    ),
    argument: fc.oneof(sub, seq(sub, kw('where'), sub), seq(sub, '->', sub)),
  };
});

// ── Declarations ──
const typeExpr: Arb = fc.oneof(
  word('number', '数值', 'percent', 'money', '金额', 'count', 'bool', 'date', 'text', '文本'), name,
  piece(kw('points')), seq(kw('enum'), '(', commaList(name), ')'), seq('[', name, ']'),
);
const missing: Arb = seq(kw('missing'), fc.oneof(word('error', '报错', 'peer_mean', '同级均值'), piece(kw('exempt')), seq(kw('default'), expr)));
const field = (withMissing: boolean): Arb => seq(name, ':', typeExpr, optional(string), withMissing ? optional(missing) : fc.constant<Pieces>([]));
const meta: Arb = fc.oneof(
  seq(fc.constantFrom(kw('method'), kw('owner'), kw('period'), kw('type')).map((k) => [k]), fc.oneof(name, string)),
  seq(kw('source'), string), seq(kw('doc'), string), seq(kw('precision'), wholeNumber),
  seq(kw('period'), word('monthly', '季度'), kw('by'), word('sum', '均值', '末期')),
);
const letItem: Arb = seq(kw('let'), name, '=', expr);
const adjust: Arb = seq(
  fc.constantFrom(kw('deduct'), kw('add')).map((k) => [k]), expr,
  fc.oneof(seq(kw('per'), expr, optional(seq(kw('where'), expr)), optional(seq(kw('distinct'), name))), seq(kw('when'), expr)),
  optional(seq(kw('cap'), expr)),
);
const indicator: Arb = seq(kw('indicator'), name, kw('points'), expr, '{',
  many(fc.oneof(meta, letItem, seq(kw('score'), '=', expr), adjust, seq(kw('exempt'), kw('when'), expr)), 4), '}');
const fieldValues = (data: Arb): Arb => many(seq(name, ':', data, optional(piece(','))), 3);
const data: Arb = fc.letrec<{ data: Pieces }>((tie) => ({
  data: fc.oneof({ depthSize: 'small' }, expr, seq('{', fieldValues(tie('data')), '}')),
})).data;

const declaration: Arb = fc.oneof(
  seq(kw('policy'), string, kw('version'), string, '{',
    optional(seq(kw('evaluator'), string)), optional(seq(kw('precision'), wholeNumber)), optional(seq(kw('rounding'), word('half_up', '四舍五入'))), '}'),
  seq(kw('entity'), name, optional(string), optional(seq('{', many(seq(name, ':', name)), '}'))),
  seq(kw('enum'), name, '{', commaList(name, 3, true), '}'),
  seq(kw('record'), name, '{', many(field(false)), '}'),
  seq(kw('input'), name, '{', many(field(true)), '}'),
  seq(kw('param'), name, '=', expr),
  seq(kw('section'), name, optional(seq(kw('for'), name)), fc.oneof(seq(kw('points'), expr), seq(kw('weight'), expr)),
    optional(piece(kw('cap'))), optional(seq(kw('when'), expr)), '{', many(fc.oneof(indicator, letItem), 3), '}'),
  seq(kw('bonus'), name, optional(seq(kw('for'), name)), optional(seq(kw('cap'), expr)), '{',
    optional(seq(kw('counts'), fc.oneof(piece(kw('total')), word('tiebreak', '排名')))), many(fc.oneof(adjust, letItem, meta)), '}'),
  seq(kw('link'), name, '{', kw('each'), name, optional(seq(kw('of'), name)), optional(seq(kw('where'), expr)),
    kw('deduct'), expr, kw('from'), name, '.', name, '}'),
  seq(kw('individual'), name, kw('from'), name, kw('share'), expr),
  seq(kw('tiers'), name, optional(seq(kw('for'), name)), kw('by'), expr, '{', many(fc.oneof(
    seq(kw('ties'), fc.oneof(piece(kw('shared')), seq(kw('by'), commaList(expr)))),
    seq(kw('quota'), word('half_up', 'floor', '向上')), seq(kw('gated'), word('passes_on', '空缺')),
    seq(kw('not'), name, kw('when'), expr), seq(kw('veto'), kw('when'), expr),
    seq(name, fc.constantFrom(kw('top'), kw('next'), kw('at_most')).map((k) => [k]), expr, optional(seq(kw('when'), expr))),
    seq(name, kw('when'), expr), seq(name, kw('rest')),
  ), 4), '}'),
  seq(kw('periods'), period, kw('from'), commaList(period), kw('by'), word('mean', 'sum', '末期')),
  seq(kw('assert'), expr),
  seq(kw('fixture'), name, kw('for'), name, '{', fieldValues(data), '}'),
  seq(kw('test'), string, '{', many(fc.oneof(
    seq(name, name, optional(seq(kw('like'), name)), '{', fieldValues(data), '}'),
    seq(kw('expect'), expr, optional(piece(kw('exempt')))),
  )), '}'),
  seq(kw('warning'), name, optional(seq(kw('for'), name)), kw('level'), fc.oneof(word('notice', '严重'), piece(kw('warning'))),
    optional(seq(kw('period'), commaList(fc.oneof(period, word('monthly', '季度'))))), '{',
    many(fc.oneof(letItem, seq(kw('when'), expr), seq(kw('message'), string)), 3), '}'),
  seq(kw('analysis'), '{', fieldValues(expr), '}'),
);

const GAPS = [' ', ' ', ' ', '\n', '\n  ', '\t', '　', '\n\n'];
const COMMENTS = ['# 扣完为止\n', '// note\n'];

/** A valid program: declarations with comments between some of them, random spellings and white space. */
export const validProgram: fc.Arbitrary<string> = program((p) => p);

const LONG_SUFFIX = ['与年度预算执行进度综合', '_of_the_yearly_budget_plan'];

/**
 * Valid programs that need breaking: every name made 24–34 columns long (the longest unbreakable token),
 * and more declarations, so expressions, calls, tables and records run past the formatter's width.
 */
export const longProgram: fc.Arbitrary<string> = program((p) => (NAMES.includes(p) ? p + LONG_SUFFIX[p.length % 2]! : p), 6);

function program(rename: (piece: string) => string, maxDecls = 4): fc.Arbitrary<string> {
  return fc.tuple(
    fc.array(fc.tuple(optional(fc.constantFrom(...COMMENTS).map((c) => [c])), declaration).map(([c, d]) => [...c, ...d]),
      { minLength: 1, maxLength: maxDecls }),
    fc.infiniteStream(fc.tuple(fc.boolean(), fc.nat(GAPS.length - 1))),
  )
  .map(([decls, choices]) => {
    const pieces = decls.flat();
    const it = choices[Symbol.iterator]();
    return pieces.map((p) => {
      const [chinese, gap] = it.next().value as [boolean, number];
      const text = p.startsWith(KEYWORD_MARK) ? spellings.get(p.slice(1))![chinese ? 1 : 0]! : rename(p);
      return text + (text.endsWith('\n') ? '' : GAPS[gap]!);
    }).join('');
  });
}
