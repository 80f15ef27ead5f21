// Numbers as people read them in explanations, test failures and tables: at the policy's decimal places,
// rates as percent, money in 万元/元 (yuan in English) with thousands separators, points with 分. Display only:
// results files keep their exact numbers. Rounding goes through Intl.NumberFormat on the decimal the double
// stands for (its 15 significant digits, shifted by the unit as text), so a tie rounds half up as the policy
// would (0.015 → 0.02), and float noise (0.8200000000000001) never shows.
import type { Lang } from './catalogue.js';

/** A number's dimension, as the rule graph types it (percent values are fractions: 98.6% = 0.986). */
export type Dimension = 'points' | 'money' | 'count' | 'days' | 'percent' | 'number';

/** A number shown: its text, and whether rounding to the places shown dropped anything (约 / about). */
export interface Shown {
  text: string;
  approx: boolean;
}

const formats = new Map<number, Intl.NumberFormat>();
function format(places: number): Intl.NumberFormat {
  let f = formats.get(places);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { maximumFractionDigits: places, roundingMode: 'halfExpand', signDisplay: 'negative' });
    formats.set(places, f);
  }
  return f;
}

/** `x × 10^shift` at `places` decimals, with separators; approx when digits were dropped. */
function decimal(x: number, shift: number, places: number): Shown {
  // `toPrecision(15)` is the decimal a computed double stands for; the exponent shifts it exactly.
  const exact = `${x.toPrecision(15)}e${shift}` as `${number}`;
  const text = format(places).format(exact);
  return { text, approx: text !== format(20).format(exact) };
}

/** Below this many yuan, money is shown in 元; at or above it, in 万元. */
const WAN = 10_000;

/** A number with its unit at `places` decimal places. */
export function showNumber(x: number, dim: Dimension | undefined, lang: Lang, places: number): Shown {
  switch (dim) {
    case 'percent': {
      const s = decimal(x, 2, places);
      return { ...s, text: `${s.text}%` };
    }
    case 'money': {
      if (lang === 'en') {
        const s = decimal(x, 0, places);
        return { ...s, text: `${s.text} yuan` };
      }
      const wan = Math.abs(x) >= WAN;
      const s = decimal(x, wan ? -4 : 0, places);
      return { ...s, text: `${s.text}${wan ? '万元' : '元'}` };
    }
    case 'points': {
      const s = decimal(x, 0, places);
      return { ...s, text: lang === 'zh' ? `${s.text}分` : `${s.text} ${s.text === '1' ? 'point' : 'points'}` };
    }
    case 'count': {
      const s = decimal(x, 0, places);
      return lang === 'zh' ? { ...s, text: `${s.text}个` } : s;
    }
    case 'days': {
      const s = decimal(x, 0, places);
      return { ...s, text: lang === 'zh' ? `${s.text}天` : `${s.text} ${s.text === '1' ? 'day' : 'days'}` };
    }
    default:
      return decimal(x, 0, places);
  }
}

/** A shown number as a phrase: 约99.51% / about 99.51% when rounding dropped digits. */
export function approxText(s: Shown, lang: Lang): string {
  return s.approx ? `${lang === 'zh' ? '约' : 'about '}${s.text}` : s.text;
}

/** The most decimal places shown when two different numbers must not read alike. */
const MOST_PLACES = 12;

/**
 * Two numbers that differ (a test's expected and actual) at `places` decimals, or at as many more as it takes
 * for them to read differently: a failing test never shows the same number twice.
 */
export function placesToTellApart(a: number, b: number, dim: Dimension | undefined, places: number): number {
  let p = places;
  while (a !== b && p < MOST_PLACES && showNumber(a, dim, 'en', p).text === showNumber(b, dim, 'en', p).text) p++;
  return p;
}

/** A value a test compares, as its failure shows it: numbers as `showNumber` shows them, 是/否, text as written. */
function testValue(v: unknown, dim: Dimension | null, lang: Lang, places: number): string {
  if (typeof v === 'number') return approxText(showNumber(v, dim ?? undefined, lang, places), lang);
  if (typeof v === 'boolean') return lang === 'zh' ? (v ? '是' : '否') : v ? 'yes' : 'no';
  if (v === null) return lang === 'zh' ? '（无）' : '(none)';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** A failing test's expected and actual values at the places of what is compared, told apart when they differ. */
export function expectedAndActual(f: { expected: unknown; actual: unknown; dim: Dimension | null; places: number }, lang: Lang): { expected: string; actual: string } {
  const places = typeof f.expected === 'number' && typeof f.actual === 'number' ? placesToTellApart(f.expected, f.actual, f.dim ?? undefined, f.places) : f.places;
  return { expected: testValue(f.expected, f.dim, lang, places), actual: testValue(f.actual, f.dim, lang, places) };
}
