// Traces as short Chinese sentences, one per step ("检查发现执法问题2起，每起扣0.5分，扣1分").
import type { Dimension, IndicatorMeta, Rounding } from '../../graph/graph.js';
import type { ConditionTrace, Step, Trace, TraceItem, TraceRecord, TraceValue } from './trace.js';

/** A number as a policy writes it: no float noise (12 significant digits at most). */
function n(x: number): string {
  return String(+x.toPrecision(12));
}

function withDim(x: number, dim: Dimension | undefined): string {
  switch (dim) {
    case 'percent':
      return `${n(x * 100)}%`;
    case 'points':
      return `${n(x)}分`;
    case 'money':
      return `${n(x)}元`;
    case 'count':
      return `${n(x)}个`;
    case 'days':
      return `${n(x)}天`;
    default:
      return n(x);
  }
}

/** A value as a sentence shows it (98.6%, 3分, 2021-11-09, 是). */
export function show(v: TraceValue): string {
  if (v.v === null) return '（缺失）';
  if (typeof v.v === 'boolean') return v.v ? '是' : '否';
  if (typeof v.v === 'number') return withDim(v.v, v.dim);
  return v.v;
}

/** How a steps count was reached, by mode. */
const STEP_COUNTING: Record<'whole' | 'pro_rata' | 'round_up', (count: string) => string> = {
  whole: (c) => `按整步计${c}步`,
  pro_rata: (c) => `按比例计${c}步`,
  round_up: (c) => `不足一步按一步计，计${c}步`,
};

/** Indicator periods (and the cadences of a run) as a policy names them. */
export const PERIOD_NAMES: Record<NonNullable<IndicatorMeta['period']>, string> = {
  monthly: '月度',
  quarterly: '季度',
  half_yearly: '半年',
  annual: '年度',
  realtime: '实时',
};

/** Why an indicator of this declared period counts in a year only. */
function yearOnly(declared: IndicatorMeta['period']): string {
  if (declared === null) return '未声明考评周期，按年度计分';
  if (declared === 'realtime') return '考评周期为实时，按全年记录计分';
  return `考评周期为${PERIOD_NAMES[declared]}`;
}

const ROUNDING: Record<Rounding, string> = { half_up: '四舍五入', half_even: '银行家舍入', down: '舍去', up: '进一' };

/** A record as `field=value，…`. */
export function record(r: TraceRecord): string {
  return Object.entries(r)
    .map(([k, v]) => `${k}=${typeof v === 'boolean' ? (v ? '是' : '否') : String(v)}`)
    .join('，');
}

function step(s: Step): string {
  switch (s.step) {
    case 'read': {
      const who = s.via ? `${s.via.relation}「${s.via.unit}」的` : '';
      const missing = s.filled ? '（数据缺失，按同级均值填补）' : s.defaulted ? '（数据缺失，按默认值）' : '';
      return `${who}${s.name}为${show(s.value)}${missing}`;
    }
    case 'branch':
      if (s.form === 'if') return `条件${s.arm === 'then' ? '成立' : '不成立'}，取${show(s.value)}`;
      return s.subject
        ? `${show(s.subject)}${s.arm === 'else' ? '不满足以上各档' : `满足「${s.arm}」`}，取${show(s.value)}`
        : `取${show(s.value)}`;
    case 'steps': {
      const unit = show(s.unit);
      const gap = show(s.gap);
      const per = s.gap.dim === 'percent' ? `${n((s.unit.v as number) * 100)}个百分点` : unit;
      if (typeof s.gap.v === 'number' && s.gap.v <= 0) return `差距${gap}，未低于标准，计0步`;
      const count = STEP_COUNTING[s.mode](n(s.count));
      return `差距${gap}，每${per}为一步，${count}`;
    }
    case 'interpolate':
      if (s.from.v === s.to.v) return `${show(s.x)}在插值区间之外，取端点${show(s.from)}对应的${show(s.result)}`;
      return `${show(s.x)}在${show(s.from)}与${show(s.to)}之间按线性插值，得${show(s.result)}`;
    case 'base':
      return s.text ? `按「${s.text}」计得${n(s.value)}分` : `基础分${n(s.value)}分`;
    case 'adjust': {
      const verb = s.direction === 'deduct' ? '扣' : '加';
      const capped = s.cap ? `（原为${n(s.cap.before)}分，封顶${n(s.cap.limit)}分）` : '';
      if (s.count === null) return `「${s.text}」：${verb}${n(s.amount)}分${capped}`;
      const each = s.each !== null ? `，每起${verb}${n(s.each)}分` : '';
      const amounts = s.amounts;
      const dropped = new Set(s.superseded);
      const shown = s.records.map((r, i) =>
        dropped.has(i) ? `${record(r)}：不计（同一项已按较高者计）` : amounts ? `${record(r)}：${verb}${n(amounts[i]!)}分` : record(r));
      const list = shown.length > 0 ? `（${shown.join('；')}）` : '';
      return `「${s.text}」共${s.count}起${list}${each}，${verb}${n(s.amount)}分${capped}`;
    }
    case 'link': {
      const who = s.sourceName ? `${s.sourceName}（${s.source}）` : s.source;
      const rec = s.record ? `的记录（${record(s.record)}）` : '';
      return `关联扣分「${s.text}」：${who}${rec}，扣${n(s.amount)}分`;
    }
    case 'exempt':
      return s.reason === 'missing' ? `${s.inputs.join('、')}无数据，此项免考，分值由板块内其他指标分摊` : '符合免考条件，此项免考，分值由板块内其他指标分摊';
    case 'peer_mean':
      return `${s.inputs.join('、')}无数据，按${s.peers}个同级单位的平均得分计${n(s.value)}分`;
    case 'period_parts': {
      const how = s.aggregate === 'mean' ? '取平均' : s.aggregate === 'sum' ? '求和' : '取末期';
      const parts = s.parts.map((p) => `${p.period} ${p.score === null ? '免考' : `${n(p.score)}分`}`).join('，');
      return `各期得分：${parts}；${how}得${s.value === null ? '（免考）' : `${n(s.value)}分`}`;
    }
    case 'not_in_period':
      return `${yearOnly(s.declared)}，不在${PERIOD_NAMES[s.cadence]}考评（${s.period}）之列`;
    case 'clamp':
      return s.limit === 'zero' ? `计得${n(s.from)}分，扣完为止，计0分` : `计得${n(s.from)}分，超过上限，计${n(s.to)}分`;
    case 'round':
      return `${n(s.from)}分按${ROUNDING[s.mode]}保留${s.precision}位小数为${n(s.to)}分`;
  }
}

const LEFT_OUT = '本期不考评';

/** One item of a trace (an indicator, section, bonus, total, rank or tier) as its lines. */
export function renderTraceItem(t: TraceItem, trace: Trace): string[] {
  switch (t.item) {
    case 'indicator': {
      const head = `【${t.name}】（${t.section}，${n(t.points)}分）`;
      const tail = t.notInPeriod ? LEFT_OUT : t.score === null ? '不计分' : `得${n(t.score)}分`;
      return [`${head}${tail}`, ...t.steps.map((s) => `  ${step(s)}`)];
    }
    case 'section': {
      if (t.notInPeriod) return [`【板块 ${t.name}】（${n(t.points)}分）${LEFT_OUT}：所含指标均不在本期考评之列`];
      if (!t.applicable) return [`【板块 ${t.name}】不适用于本单位`];
      const inPeriod = t.indicators.filter((x) => !x.notInPeriod);
      const left = t.indicators.length - inPeriod.length;
      const parts = inPeriod.map((x) => `${x.name}${x.exempt ? '免考' : `${n(x.score ?? 0)}分`}`).join('，') + (left > 0 ? `；另${left}项指标${LEFT_OUT}` : '');
      const worth = t.periodPoints !== undefined ? `，本期参评${n(t.periodPoints)}分` : '';
      const lines = [`【板块 ${t.name}】（${n(t.points)}分${worth}）${t.score === null ? '不计分' : `得${n(t.score)}分`}：${parts}`];
      if (t.redistributed)
        lines.push(`  参评指标合计${n(t.redistributed.sum)}分 ÷ 参评分值${n(t.redistributed.evaluatedPoints)}分 × ${worth ? '本期' : ''}板块分值${n(t.redistributed.points)}分`);
      return [...lines, ...t.steps.map((s) => `  ${step(s)}`)];
    }
    case 'bonus':
      if (t.score === null) return [`【加分 ${t.name}】${LEFT_OUT}：加分项按年度计分`];
      if (t.counts === 'deduction') return [`【扣分 ${t.name}】从总分中扣${n(-t.score || 0)}分`, ...t.steps.map((s) => `  ${step(s)}`)];
      return [`【加分 ${t.name}】得${n(t.score)}分${t.counts === 'tiebreak' ? '（仅用于排名并列时）' : ''}`, ...t.steps.map((s) => `  ${step(s)}`)];
    case 'total': {
      if (t.score === null) return [`【总分】${LEFT_OUT}：本期没有考评的板块`];
      // A deduction on the total (a part below 0) is written `− 相关扣分3分`.
      const parts = t.parts.map((p, k) => {
        const taken = p.score !== null && p.score < 0 && !p.notInPeriod;
        const sign = taken ? ' − ' : k > 0 ? ' + ' : '';
        return `${sign}${p.name}${p.notInPeriod ? LEFT_OUT : p.score === null ? '不计' : `${n(taken ? -p.score! : p.score)}分`}`;
      }).join('');
      const lines = [`【总分】${n(t.score)}分 = ${parts}`];
      if (trace.scope) lines.push(`  本期（${trace.period}）总分只合计本期考评的板块与指标`);
      if (t.individual) {
        const x = t.individual;
        lines.push(`  个人总分 = ${n(x.share * 100)}% × ${x.relation}「${x.unit}」总分${n(x.relatedTotal)}分 + ${n((1 - x.share) * 100)}% × 本人得分${n(x.own)}分`);
      }
      return lines;
    }
    case 'rank': {
      const tie = t.tiedWith.length > 0 ? `，与${t.tiedWith.join('、')}并列` : '';
      const keys = t.keys.length > 1 ? `（依次比较${t.keys.map((k) => k.name).join('、')}）` : '';
      return [`【名次】共${t.of}个单位中列第${t.rank}名${keys}${tie}`];
    }
    case 'tier': {
      const lines = [`【${t.name}】按排序位列第${t.position}（共${t.of}个），${t.tier === null ? '未归入任何一段' : `归入${t.tier}`}`];
      const place = t.places.find((p) => p.tier === t.tier);
      if (place && place.places !== null) lines.push(`  ${place.tier}名额${place.places}个，此前已占${place.filledBefore}个`);
      for (const g of t.gates) lines.push(`  限制「${g.text}」成立，不得进入${g.tier}`, ...conditionLines(g));
      for (const u of t.placeUsedUp) lines.push(`  受限单位仍占用${u}的名额（空缺）`);
      for (const v of t.vetoes) lines.push(`  一票否决「${v.text}」成立，归入最后一段`, ...conditionLines(v));
      if (t.tiedWith.length > 0) lines.push(`  与${t.tiedWith.join('、')}并列，一同归段`);
      return lines;
    }
  }
}

/** What made a gate or veto hold: the values read, and each `in top/bottom P` as a place against its cut-off. */
function conditionLines(c: ConditionTrace): string[] {
  const ranks = c.ranks.map((r) => {
    const end = r.side === 'top' ? '前' : '后';
    const within = r.share === undefined ? `取${end}${r.places}名` : `${end}${n(r.share * 100)}%为${r.places}个`;
    return `    ${r.subject}为${show(r.value)}，${end}数第${r.position}名（共${r.of}个；${within}）`;
  });
  return [...c.steps.map((s) => `    ${step(s)}`), ...ranks];
}

/** One sentence per step, one block per indicator, section, bonus, total, rank and tier. */
export function renderTraceLines(trace: Trace): string[] {
  const who = trace.name && trace.name !== trace.unit ? `${trace.name}（${trace.unit}）` : trace.unit;
  const head = [`${who} · ${trace.policy}${trace.period ? ` · ${trace.period}` : ''}`];
  if (trace.scope) {
    const evaluates = trace.scope.evaluates.map((c) => PERIOD_NAMES[c]).join('、');
    head.push(`${PERIOD_NAMES[trace.scope.cadence]}考评：只考评周期为${evaluates}的指标；其余指标、加分项和分段按年度考评，${LEFT_OUT}`);
  }
  return [...head, ...trace.items.flatMap((t) => renderTraceItem(t, trace))];
}

export function renderTrace(trace: Trace): string {
  return renderTraceLines(trace).join('\n') + '\n';
}
