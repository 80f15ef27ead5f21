// Hand-written baselines of 税务绩效管理2021年版: the per-unit indicator scores of a 省局 (the 38 indicators
// that need no other unit: not 精准监管 and 征管数据质量, which compare peers, nor the peers' mean for a
// missing 新进人员培训率), written directly in TypeScript, once over Float64Array columns and once over one
// object per unit. They use the runtime's exact helpers, so they compute what the policy says; a test checks
// they agree with kaoping. They are what a careful programmer would write by hand for one policy version.
import { compareExact as cmp, floorExact, roundTo } from '../runtime/evaluation/exact.js';
import type { ColumnarDataset, ColumnarRecords } from '../runtime/evaluation/columnar-dataset.js';

export const BASELINE_INDICATORS = [
  '政治建设', '主体责任落实', '党风廉政建设', '党史学习教育', '意识形态工作', '基层党组织建设', '一体化综合监督', '作风建设',
  '纪检监察履职', '巡视巡察整改', '干部选拔任用', '组织收入', '收入质量', '减税降费', '发票电子化改革', '精确执法', '精细服务',
  '网上办税', '风险应对', '出口退税', '社保费征收', '精诚共治', '大数据应用', '督办落实', '预算执行', '新进人员培训',
  '干部教育培训', '安全稳定', '信访舆情', '政务公开', '审计整改', '信息系统运维', '机关效能', '纳税人满意度', '缴费人满意度',
  '司局评价', '领导评价', '外部监督评价',
] as const;

const POINTS = [3, 3, 3, 2, 2, 2, 3, 2, 2, 2, 2, 6, 2, 4, 4, 3, 3, 2, 2, 2, 2, 2, 2, 4, 2, 1, 2, 2, 2, 2, 2, 2, 1, 4, 2, 3, 3, 2];

/** Clamp to [0, points] and round as the policy does (2 places, half up; 信息系统运维 1 place). */
function final(k: number, v: number): number {
  const hi = POINTS[k]!;
  const c = cmp(v, 0) < 0 ? 0 : cmp(v, hi) > 0 ? hi : v;
  return roundTo(c, k === 31 ? 1 : 2, 'half_up');
}

function interp2(x: number, x0: number, y0: number, x1: number, y1: number): number {
  return cmp(x, x0) <= 0 ? y0 : cmp(x, x1) <= 0 ? y0 + ((x - x0) * (y1 - y0)) / (x1 - x0) : y1;
}
const stepsWhole = (x: number, unit: number) => Math.max(0, floorExact(x / unit));
const stepsProRata = (x: number, unit: number) => (cmp(x / unit, 0) > 0 ? x / unit : 0);
const band3 = (x: number, a: number, b: number, c: number, va: number, vb: number, vc: number) =>
  cmp(x, a) >= 0 ? va : cmp(x, b) >= 0 ? vb : cmp(x, c) >= 0 ? vc : 0;
const capAt = (v: number, cap: number) => (cmp(v, cap) > 0 ? cap : v);

function trimmedMean(values: number[]): number {
  const n = values.length;
  let sum = 0;
  for (const v of values) sum += v;
  if (n < 5 || n <= 2) return sum / n;
  values.sort((a, b) => cmp(a, b));
  let m = 0;
  for (let q = 1; q < n - 1; q++) m += values[q]!;
  return m / (n - 2);
}

// Enum member indexes of the records, as the policy declares them.
const 类别 = { 执法: 0, 服务: 1, 廉政: 2, 作风: 3 };
const 严重程度 = { 一般: 0, 较重: 1, 严重: 2 };
const 渠道 = { 外部审计: 2, 巡视巡察: 3, 国务院督查: 4 };

// ── Columnar ─────────────────────────────────────────────────────────────────

type Lists = { start: Int32Array; f: Record<string, Float64Array> };

function listOf(r: ColumnarRecords, enums: Record<string, string[]>): Lists {
  const f: Record<string, Float64Array> = {};
  for (const [name, col] of Object.entries(r.fields))
    f[name] = col instanceof Float64Array ? col : Float64Array.from(col, (v) => (enums[name] ?? []).indexOf(v ?? ''));
  return { start: r.start, f };
}

/** The members of the enum record fields the baselines read, in the policy's order. */
const MEMBERS: Record<'类别' | '严重程度' | '渠道' | '事项来源' | '等级', string[]> & Record<string, string[] | undefined> = {
  类别: ['执法', '服务', '廉政', '作风', '财务'],
  严重程度: ['一般', '较重', '严重'],
  渠道: ['内部督察', '特派办检查', '外部审计', '巡视巡察', '国务院督查', '信访举报'],
  事项来源: ['会议议定', '文件确定', '领导批示'],
  等级: ['一般', '较大', '重大'],
};

/** Columns of the 省局 kind, enum fields as indexes (preparation, not part of the measured scoring). */
export function prepareColumns(data: ColumnarDataset) {
  const k = data.kinds['省局']!;
  const num = (name: string) => k.inputs[name] as Float64Array;
  const list = (name: string, enums: Record<string, string[]>) => listOf(k.inputs[name] as ColumnarRecords, enums);
  const findingEnums = { 类别: MEMBERS.类别, 严重程度: MEMBERS.严重程度, 渠道: MEMBERS.渠道 };
  return {
    n: k.ids.length,
    num,
    findings: list('检查发现', findingEnums),
    items: list('督办事项', { 事项来源: MEMBERS.事项来源 }),
    ratings: list('司局评分', {}),
    events: list('舆情事件', { 等级: MEMBERS.等级 }),
  };
}

/** Scores of every unit, indicator by indicator, into `out[k]` (NaN when exempt or left to the peers' mean). */
export function scoreColumns(c: ReturnType<typeof prepareColumns>, out: Float64Array[], progress = 1): void {
  const v = <N extends string[]>(...names: N) => names.map(c.num) as { [K in keyof N]: Float64Array };
  const [政治, 主体, 党史, 意识, 支部, 内控, 纪检, 巡视, 选任] = v('政治建设测评', '主体责任测评', '党史学习教育测评', '意识形态事件', '党支部达标率', '内控风险应对率', '纪检履职考核', '巡视整改完成率', '选任工作测评');
  const [累计, 预算, 增幅, 经济, 应享, 专票, 便利, 网上, 风险, 退税, 社保, 共治, 大数据] = v('累计收入', '年度收入预算', '收入增幅', '经济增幅', '应享尽享率', '专票电子化受票率', '便利化措施落实率', '网上办税率', '风险任务应对率', '退税办理天数', '社保费征收率', '共治测评', '大数据应用测评');
  const [执行, 培训, 网学, 安全, 公开, 审计, 可用, 效能, 纳税人, 缴费人, 领导] = v('预算执行率', '新进人员培训率', '网络学习达标率', '安全事故', '政务公开评估', '审计整改完成率', '系统可用率', '机关效能测评', '纳税人满意率', '缴费人满意率', '领导评分');
  const [区域风险] = v('区域执法风险');
  const F = c.findings, FC = F.f['类别']!, FS = F.f['严重程度']!, FR = F.f['渠道']!;
  const D = c.items, DE = D.f['截止日期']!, DD = D.f['办结日期']!, DF = D.f['已办结']!;
  const R = c.ratings, RS = R.f['评分']!;
  const E = c.events, EL = E.f['等级']!;
  const kept: number[] = [];
  for (let i = 0; i < c.n; i++) {
    let 廉政 = 0, 作风 = 0, 作风严重 = 0, 执法 = 0, 服务 = 0, 外部 = 0;
    for (let q = F.start[i]!; q < F.start[i + 1]!; q++) {
      const cat = FC[q]!, sev = FS[q]!, ch = FR[q]!;
      if (cat === 类别.廉政) 廉政 += sev === 严重程度.一般 ? 0.5 : sev === 严重程度.较重 ? 1 : 2;
      if (cat === 类别.作风) {
        作风 += 0.5;
        if (sev === 严重程度.严重) 作风严重 = 1;
      }
      if (cat === 类别.执法) 执法 += 0.3;
      if (cat === 类别.服务) 服务 += 0.2;
      if (ch === 渠道.外部审计 || ch === 渠道.巡视巡察 || ch === 渠道.国务院督查) 外部 += sev === 严重程度.严重 ? 1 : 0.5;
    }
    let 执法较重 = 0, 执法严重 = 0;
    for (let q = F.start[i]!; q < F.start[i + 1]!; q++) if (FC[q] === 类别.执法 && FS[q] === 严重程度.较重) 执法较重 += 0.2;
    for (let q = F.start[i]!; q < F.start[i + 1]!; q++) if (FC[q] === 类别.执法 && FS[q] === 严重程度.严重) 执法严重 += 0.5;
    let 逾期 = 0, 未办结 = 0;
    for (let q = D.start[i]!; q < D.start[i + 1]!; q++) if (cmp(DD[q]!, DE[q]!) > 0) 逾期 += 0.2 + 0.1 * stepsWhole(DD[q]! - DE[q]!, 5);
    for (let q = D.start[i]!; q < D.start[i + 1]!; q++) if (DF[q] === 0) 未办结 += 0.3;
    let 舆情 = 0;
    for (let q = E.start[i]!; q < E.start[i + 1]!; q++) 舆情 += EL[q] === 0 ? 0.3 : EL[q] === 1 ? 1 : 0; // 重大: the veto, no deduction
    kept.length = 0;
    for (let q = R.start[i]!; q < R.start[i + 1]!; q++) kept.push(RS[q]!);

    out[0]![i] = final(0, 3 * 政治[i]!);
    out[1]![i] = final(1, interp2(主体[i]!, 0.6, 0, 0.9, 3));
    out[2]![i] = final(2, 3 - 廉政);
    out[3]![i] = final(3, band3(党史[i]!, 0.95, 0.85, 0.75, 2, 1.5, 1));
    out[4]![i] = final(4, 2 - (意识[i] === 1 ? 2 : 0));
    out[5]![i] = final(5, 2 - 0.2 * stepsWhole(1 - 支部[i]!, 0.01));
    out[6]![i] = final(6, interp2(内控[i]!, 0.8, 0, 1, 3));
    out[7]![i] = final(7, 2 - (capAt(作风, 1.5) + (作风严重 ? 0.5 : 0)));
    out[8]![i] = final(8, 2 * 纪检[i]!);
    out[9]![i] = final(9, band3(巡视[i]!, 1, 0.95, 0.9, 2, 1.5, 1));
    out[10]![i] = final(10, 2 - 0.1 * stepsProRata(0.9 - 选任[i]!, 0.01));
    out[11]![i] = final(11, 6 - 0.5 * stepsWhole(1 - 累计[i]! / (预算[i]! * progress), 0.01));
    const gap = Math.abs(增幅[i]! - 经济[i]!);
    out[12]![i] = final(12, cmp(gap, 0.02) <= 0 ? 2 : cmp(gap, 0.04) <= 0 ? 1 : 0);
    out[13]![i] = final(13, 4 - 0.4 * stepsProRata(1 - 应享[i]!, 0.01));
    out[14]![i] = Number.isNaN(专票[i]!) ? NaN : final(14, interp2(专票[i]!, 0.5, 0, 0.95, 4));
    out[15]![i] = final(15, 3 - (执法 + 执法较重 + 执法严重 + (区域风险[i] === 1 ? 1 : 0)));
    out[16]![i] = final(16, band3(便利[i]!, 1, 0.95, 0.9, 3, 2, 1) - capAt(服务, 1));
    out[17]![i] = final(17, interp2(网上[i]!, 0.7, 0, 0.95, 2));
    out[18]![i] = final(18, cmp(风险[i]!, 0.98) >= 0 ? 2 : cmp(风险[i]!, 0.9) >= 0 ? 1 : 0);
    out[19]![i] = final(19, cmp(退税[i]!, 5) <= 0 ? 2 : 2 * (2 - 退税[i]! / 5));
    out[20]![i] = final(20, interp2(社保[i]!, 0.9, 0, 1, 2));
    out[21]![i] = final(21, 2 * 共治[i]!);
    out[22]![i] = final(22, interp2(大数据[i]!, 0.6, 0, 0.8, 2));
    out[23]![i] = final(23, 4 - (逾期 + capAt(未办结, 1.5)));
    out[24]![i] = final(24, 2 - 0.2 * stepsWhole(progress - 执行[i]!, 0.01));
    out[25]![i] = Number.isNaN(培训[i]!) ? NaN : final(25, interp2(培训[i]!, 0.8, 0, 1, 1));
    out[26]![i] = final(26, cmp(网学[i]!, 0.95) >= 0 ? 2 : cmp(网学[i]!, 0.85) >= 0 ? 1 : 0);
    out[27]![i] = final(27, 2 - (安全[i] === 1 ? 2 : 0));
    out[28]![i] = final(28, 2 - 舆情);
    out[29]![i] = final(29, 2 * 公开[i]!);
    out[30]![i] = final(30, cmp(审计[i]!, 1) >= 0 ? 2 : cmp(审计[i]!, 0.95) >= 0 ? 1.5 : cmp(审计[i]!, 0.9) >= 0 ? 1 : cmp(审计[i]!, 0.85) >= 0 ? 0.5 : 0);
    out[31]![i] = final(31, cmp(可用[i]!, 0.999) >= 0 ? 2 : cmp(可用[i]!, 0.995) >= 0 ? 1 : 0);
    out[32]![i] = final(32, 1 * 效能[i]!);
    const s = 纳税人[i]!;
    out[33]![i] = final(33, cmp(s, 0.8) <= 0 ? 0 : cmp(s, 0.9) <= 0 ? 0 + ((s - 0.8) * (2.5 - 0)) / (0.9 - 0.8) : cmp(s, 0.98) <= 0 ? 2.5 + ((s - 0.9) * (4 - 2.5)) / (0.98 - 0.9) : 4);
    out[34]![i] = final(34, interp2(缴费人[i]!, 0.85, 0, 0.98, 2));
    out[35]![i] = final(35, (3 * trimmedMean(kept)) / 100);
    out[36]![i] = final(36, (3 * 领导[i]!) / 100);
    out[37]![i] = final(37, 2 - 外部);
  }
}

// ── One object per unit ──────────────────────────────────────────────────────

type Row = Record<string, number | string | boolean | null>;
export type UnitObject = Record<string, number | boolean | string | Row[] | null | undefined>;

/** A unit's scores in BASELINE_INDICATORS order, from one object of named inputs (dates as day numbers). */
export function scoreObject(u: UnitObject, out: Float64Array, progress = 1): void {
  const x = (name: string) => u[name] as number;
  const rows = (name: string) => (u[name] as Row[] | undefined) ?? [];
  let 廉政 = 0, 作风 = 0, 作风严重 = false, 执法 = 0, 服务 = 0, 外部 = 0, 执法较重 = 0, 执法严重 = 0;
  for (const f of rows('检查发现')) {
    if (f['类别'] === '廉政') 廉政 += f['严重程度'] === '一般' ? 0.5 : f['严重程度'] === '较重' ? 1 : 2;
    if (f['类别'] === '作风') {
      作风 += 0.5;
      if (f['严重程度'] === '严重') 作风严重 = true;
    }
    if (f['类别'] === '执法') 执法 += 0.3;
    if (f['类别'] === '服务') 服务 += 0.2;
    if (f['渠道'] === '外部审计' || f['渠道'] === '巡视巡察' || f['渠道'] === '国务院督查') 外部 += f['严重程度'] === '严重' ? 1 : 0.5;
  }
  for (const f of rows('检查发现')) if (f['类别'] === '执法' && f['严重程度'] === '较重') 执法较重 += 0.2;
  for (const f of rows('检查发现')) if (f['类别'] === '执法' && f['严重程度'] === '严重') 执法严重 += 0.5;
  let 逾期 = 0, 未办结 = 0, 舆情 = 0;
  for (const d of rows('督办事项')) {
    const late = (d['办结日期'] as number) - (d['截止日期'] as number);
    if (cmp(d['办结日期'] as number, d['截止日期'] as number) > 0) 逾期 += 0.2 + 0.1 * stepsWhole(late, 5);
  }
  for (const d of rows('督办事项')) if (!d['已办结']) 未办结 += 0.3;
  for (const e of rows('舆情事件')) 舆情 += e['等级'] === '一般' ? 0.3 : e['等级'] === '较大' ? 1 : 0;
  const kept = rows('司局评分').map((r) => r['评分'] as number);
  const gap = Math.abs(x('收入增幅') - x('经济增幅'));
  const s = x('纳税人满意率');
  const scores = [
    3 * x('政治建设测评'),
    interp2(x('主体责任测评'), 0.6, 0, 0.9, 3),
    3 - 廉政,
    band3(x('党史学习教育测评'), 0.95, 0.85, 0.75, 2, 1.5, 1),
    2 - (u['意识形态事件'] ? 2 : 0),
    2 - 0.2 * stepsWhole(1 - x('党支部达标率'), 0.01),
    interp2(x('内控风险应对率'), 0.8, 0, 1, 3),
    2 - (capAt(作风, 1.5) + (作风严重 ? 0.5 : 0)),
    2 * x('纪检履职考核'),
    band3(x('巡视整改完成率'), 1, 0.95, 0.9, 2, 1.5, 1),
    2 - 0.1 * stepsProRata(0.9 - x('选任工作测评'), 0.01),
    6 - 0.5 * stepsWhole(1 - x('累计收入') / (x('年度收入预算') * progress), 0.01),
    cmp(gap, 0.02) <= 0 ? 2 : cmp(gap, 0.04) <= 0 ? 1 : 0,
    4 - 0.4 * stepsProRata(1 - x('应享尽享率'), 0.01),
    u['专票电子化受票率'] == null ? NaN : interp2(x('专票电子化受票率'), 0.5, 0, 0.95, 4),
    3 - (执法 + 执法较重 + 执法严重 + (u['区域执法风险'] ? 1 : 0)),
    band3(x('便利化措施落实率'), 1, 0.95, 0.9, 3, 2, 1) - capAt(服务, 1),
    interp2(x('网上办税率'), 0.7, 0, 0.95, 2),
    cmp(x('风险任务应对率'), 0.98) >= 0 ? 2 : cmp(x('风险任务应对率'), 0.9) >= 0 ? 1 : 0,
    cmp(x('退税办理天数'), 5) <= 0 ? 2 : 2 * (2 - x('退税办理天数') / 5),
    interp2(x('社保费征收率'), 0.9, 0, 1, 2),
    2 * x('共治测评'),
    interp2(x('大数据应用测评'), 0.6, 0, 0.8, 2),
    4 - (逾期 + capAt(未办结, 1.5)),
    2 - 0.2 * stepsWhole(progress - x('预算执行率'), 0.01),
    u['新进人员培训率'] == null ? NaN : interp2(x('新进人员培训率'), 0.8, 0, 1, 1),
    cmp(x('网络学习达标率'), 0.95) >= 0 ? 2 : cmp(x('网络学习达标率'), 0.85) >= 0 ? 1 : 0,
    2 - (u['安全事故'] ? 2 : 0),
    2 - 舆情,
    2 * x('政务公开评估'),
    cmp(x('审计整改完成率'), 1) >= 0 ? 2 : cmp(x('审计整改完成率'), 0.95) >= 0 ? 1.5 : cmp(x('审计整改完成率'), 0.9) >= 0 ? 1 : cmp(x('审计整改完成率'), 0.85) >= 0 ? 0.5 : 0,
    cmp(x('系统可用率'), 0.999) >= 0 ? 2 : cmp(x('系统可用率'), 0.995) >= 0 ? 1 : 0,
    1 * x('机关效能测评'),
    cmp(s, 0.8) <= 0 ? 0 : cmp(s, 0.9) <= 0 ? 0 + ((s - 0.8) * (2.5 - 0)) / (0.9 - 0.8) : cmp(s, 0.98) <= 0 ? 2.5 + ((s - 0.9) * (4 - 2.5)) / (0.98 - 0.9) : 4,
    interp2(x('缴费人满意率'), 0.85, 0, 0.98, 2),
    (3 * trimmedMean(kept)) / 100,
    (3 * x('领导评分')) / 100,
    2 - 外部,
  ];
  for (let k = 0; k < scores.length; k++) out[k] = Number.isNaN(scores[k]!) ? NaN : final(k, scores[k]!);
}

/** One object per 省局 with its inputs by name (records as objects; dates as day numbers). */
export function unitObjects(data: ColumnarDataset): UnitObject[] {
  const k = data.kinds['省局']!;
  return k.ids.map((_, i) => {
    const u: UnitObject = {};
    for (const [name, col] of Object.entries(k.inputs)) {
      if (col instanceof Float64Array) u[name] = Number.isNaN(col[i]!) ? null : col[i]!;
      else if (Array.isArray(col)) u[name] = col[i] ?? null;
      else {
        const rows: Row[] = [];
        for (let q = col.start[i]!; q < col.start[i + 1]!; q++) {
          const row: Row = {};
          // Enum members given by index become their names, as in data read from JSON.
          for (const [f, fc] of Object.entries(col.fields)) row[f] = fc instanceof Float64Array && MEMBERS[f] ? MEMBERS[f][fc[q]!]! : (fc[q] ?? null);
          rows.push(row);
        }
        u[name] = rows;
      }
    }
    return u;
  });
}
