// KR3xx — evaluation: a unit's value that cannot be computed, tiers, and explanations asked for.
import { family, q, say, zq } from './catalogue.js';

type Cadence = 'monthly' | 'quarterly' | 'half_yearly';
const ZH_CADENCE: Record<Cadence, string> = { monthly: '月度', quarterly: '季度', half_yearly: '半年' };
const EN_CADENCE: Record<Cadence, string> = { monthly: 'a monthly', quarterly: 'a quarterly', half_yearly: 'a half-yearly' };

export const KR_EVAL = family({
  KR301: {
    severity: 'error',
    title: { zh: '无法计算', en: 'cannot be computed' },
    meaning: { zh: '一个单位的某个值（指标、令、板块……）无法计算：读到缺失值、除以零等；其余单位照常考评。', en: 'A value of one unit (indicator, let, section, …) cannot be computed: a missing value read, a division by zero, …; the other units are evaluated as usual.' },
    texts: {
      failed: say(
        (p: { unit: string; node: string; at: string; reason: string }) => `单位${zq(p.unit)}的${zq(p.node)}（${p.at}）无法计算：${p.reason}`,
        (p) => `${q(p.node)} of unit ${q(p.unit)} (${p.at}) cannot be computed: ${p.reason}`,
      ),
    },
  },
  KR302: {
    severity: 'warning',
    title: { zh: '单位不属于任何一段', en: 'unit in no tier' },
    meaning: { zh: '分段没有「其余」段，而单位不符合任何一段（各段已满或不适用），所以没有段。', en: 'The tiers have no `rest` tier and the unit fits none of them (full or not applicable), so it gets no tier.' },
    texts: {
      none: say(
        (p: { unit: string; tiers: string }) => `单位${zq(p.unit)}在${zq(p.tiers)}中不属于任何一段（没有 rest 段，且各段都已满或不适用）`,
        (p) => `unit ${q(p.unit)} is in no tier of ${q(p.tiers)} (there is no rest tier, and every tier is full or does not apply)`,
      ),
    },
  },
  KR303: {
    severity: 'warning',
    title: { zh: '非年度考评不分段', en: 'no tiers for part of a year' },
    meaning: { zh: '分段是年度考评的结果；按季度、月度等考评时不分段，各单位的段为空。', en: 'Tiers are the year’s result; an evaluation for a quarter, month or half-year allots none, and every unit’s tier is empty.' },
    texts: {
      partOfYear: say(
        (p: { tiers: string; cadence: Cadence; period: string }) => `${zq(p.tiers)}按年度考评结果分段，${ZH_CADENCE[p.cadence]}考评（${p.period}）不分段，各单位的段为空`,
        (p) => `${q(p.tiers)} allots tiers by the year's result; ${EN_CADENCE[p.cadence]} evaluation (${p.period}) allots none, and every unit's tier is empty`,
      ),
    },
  },
  KR310: {
    severity: 'error',
    title: { zh: '没有此单位', en: 'no such unit' },
    meaning: { zh: '要解释的单位不在数据中，或因数据问题被跳过。', en: 'The unit to explain is not in the data, or was skipped for problems in its data.' },
    texts: {
      missing: say((p: { unit: string }) => `数据中没有单位${zq(p.unit)}`, (p) => `the data has no unit ${q(p.unit)}`),
      skipped: say(
        (p: { unit: string; reasons: string[] }) => `单位${zq(p.unit)}被跳过：${p.reasons.join('；')}`,
        (p) => `unit ${q(p.unit)} was skipped: ${p.reasons.join('; ')}`,
      ),
    },
  },
  KR311: {
    severity: 'error',
    title: { zh: '没有此指标', en: 'no such indicator' },
    meaning: { zh: '要解释的指标不是该单位所属类别的指标。', en: 'The indicator to explain is not one of the unit’s kind.' },
    texts: {
      missing: say((p: { kind: string; indicator: string }) => `${zq(p.kind)}没有指标${zq(p.indicator)}`, (p) => `${q(p.kind)} has no indicator ${q(p.indicator)}`),
    },
  },
});
