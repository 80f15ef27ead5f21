// KP5xxx — warnings (预警) and the analysis thresholds a policy sets: declarations that watch the results
// rather than score them; KR260 — a warning the data cannot check in the period asked.
import { family, q, say, zhList, zq } from './catalogue.js';

export const KP_WARNINGS = family({
  KP5001: {
    severity: 'error',
    title: { zh: '预警声明有误', en: 'warning ill-formed' },
    meaning: {
      zh: '预警声明须有一个级别（提示、预警、严重）、恰好一个「当」条件和一条「消息」；「周期」只能写期间名称、年份或周期（月度、季度、半年、年度）。',
      en: 'A warning declaration has one level (notice, warning, severe), exactly one `when` condition and one `message`; its `period` lists period names, years or cadences (monthly, quarterly, half_yearly, annual).',
    },
    texts: {
      level: say(
        (p: { word: string; spellings: string[] }) => `未知的预警级别${zq(p.word)}；应为${zhList(p.spellings)}之一`,
        (p) => `unknown warning level ${q(p.word)}; expected one of ${p.spellings.map(q).join(', ')}`,
      ),
      period: say(
        (p: { word: string; spellings: string[] }) => `${zq(p.word)}不是期间；应为期间名称（如${zq('2021M06')}）、年份或周期（${zhList(p.spellings)}）`,
        (p) => `${q(p.word)} is not a period; expected a period name (such as ${q('2021M06')}), a year or a cadence (${p.spellings.map(q).join(', ')})`,
      ),
      missing: say(
        (p: { name: string; item: 'when' | 'message' }, v) => `预警${zq(p.name)}没有${zq(v.kw(p.item))}行`,
        (p, v) => `warning ${q(p.name)} has no ${q(v.kw(p.item))} line`,
      ),
      twice: say(
        (p: { name: string; item: 'when' | 'message' }, v) => `预警${zq(p.name)}有多于一个${zq(v.kw(p.item))}行；请合并为一个`,
        (p, v) => `warning ${q(p.name)} has more than one ${q(v.kw(p.item))} line; join them into one`,
      ),
      placeholder: say(
        (p: { name: string; type: string }) => `消息中的${zq(`{${p.name}}`)}是${p.type}，不能写进消息；消息只能写数、是非值、日期、文本或枚举值`,
        (p) => `${q(`{${p.name}}`)} in the message is ${p.type}, which a message cannot show; a message shows numbers, true/false, dates, text or enum values`,
      ),
    },
  },
  KP5002: {
    severity: 'error',
    title: { zh: '前期函数用错', en: 'period function misused' },
    meaning: {
      zh: '「前期(X, k)」取 X 在 k 个同类期间之前的值，「连降(X, n)」判断 X 是否连续 n 期下降；二者只能写在预警的「当」条件中，k、n 为 1 到 12 的整数常量，且不能嵌套。',
      en: '`prior(X, k)` is X k periods of the same cadence earlier and `falling(X, n)` whether X fell in each of the last n periods; both belong in a warning’s `when` condition only, with k and n whole constants from 1 to 12, and do not nest.',
    },
    texts: {
      outside: say(
        (p: { fn: string }, v) => `${zq(p.fn)}只能写在预警的${zq(v.kw('when'))}条件中`,
        (p, v) => `${q(p.fn)} can only be written in a warning's ${q(v.kw('when'))} condition`,
      ),
      count: say(
        (p: { fn: string }) => `${zq(p.fn)}应为${zq(`${p.fn}(值, 期数)`)}，期数是 1 到 12 的整数常量`,
        (p) => `${q(p.fn)} takes ${q(`${p.fn}(VALUE, PERIODS)`)}, PERIODS a whole constant from 1 to 12`,
      ),
      nested: say(
        (p: { fn: string }) => `${zq(p.fn)}不能写在另一个前期函数（前期、连降）的值中`,
        (p) => `${q(p.fn)} cannot be written inside the value of another period function (prior, falling)`,
      ),
    },
  },
  KP5003: {
    severity: 'error',
    title: { zh: '绩效分析阈值有误', en: 'analysis threshold ill-formed' },
    meaning: {
      zh: '「绩效分析」声明设定 kaoping analyze 的阈值：绩效趋同、过于严苛为 0% 到 100% 的百分比常量，最少参评为正整数；每个阈值只写一次，体系中至多一个「绩效分析」声明。',
      en: 'An `analysis` declaration sets the thresholds of kaoping analyze: uniform_full and too_harsh are percent constants from 0% to 100%, min_scored a positive whole number; each is written once, and a policy has at most one `analysis` declaration.',
    },
    texts: {
      unknown: say(
        (p: { name: string; spellings: string[] }) => `未知的分析阈值${zq(p.name)}；应为${zhList(p.spellings)}之一`,
        (p) => `unknown analysis threshold ${q(p.name)}; expected one of ${p.spellings.map(q).join(', ')}`,
      ),
      share: say(
        (p: { name: string }) => `分析阈值${zq(p.name)}应为 0% 到 100% 之间的百分比常量`,
        (p) => `analysis threshold ${q(p.name)} must be a percent constant from 0% to 100%`,
      ),
      count: say(
        (p: { name: string }) => `分析阈值${zq(p.name)}应为正整数（单位个数）`,
        (p) => `analysis threshold ${q(p.name)} must be a positive whole number (of units)`,
      ),
      twice: say(
        (p: { name: string }) => `分析阈值${zq(p.name)}写了多次`,
        (p) => `analysis threshold ${q(p.name)} is set more than once`,
      ),
      declTwice: say(
        (_p: object, v) => `体系中至多一个${zq(v.kw('analysis'))}声明`,
        (_p, v) => `a policy has at most one ${q(v.kw('analysis'))} declaration`,
      ),
    },
  },
  KR260: {
    severity: 'warning',
    title: { zh: '缺少前期数据', en: 'earlier period missing' },
    meaning: {
      zh: '预警用「前期」或「连降」读取之前的期间，但数据中没有那个期间，所以该预警在本期不检查（不是“未触发”）。',
      en: 'A warning reads an earlier period through `prior` or `falling`, but the data has no such period, so the warning is not checked in the period asked (which is not the same as not raised).',
    },
    texts: {
      earlier: say(
        (p: { warning: string; period: string; earlier: string }) => `数据中没有期间${zq(p.earlier)}，预警${zq(p.warning)}在${zq(p.period)}不检查`,
        (p) => `the data has no period ${q(p.earlier)}, so warning ${q(p.warning)} is not checked for ${q(p.period)}`,
      ),
    },
  },
});
