// Sample result data for the bundled policies: `npx tsx policies/generate-data.ts`.
// One fixed seed and a small PRNG of our own, so every run writes byte-identical files. For each policy it
// writes `data/results.json`, `data/csv/` (one CSV per entity kind and per record-list input) and
// `data/results.xlsx` (the same tables as sheets), in the runtime's dataset layout.
// The distributions are realistic (most units near target, a few far behind, some findings) and chosen so
// that every gate, veto, missing-data treatment and kind of deduction occurs at least once.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from '@e965/xlsx';

const HERE = dirname(fileURLToPath(import.meta.url));
const SEED = 20210101;

// ── deterministic randomness ─────────────────────────────────────────────────

/** mulberry32: a tiny 32-bit PRNG, good enough for sample data and identical on every platform. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let random = prng(SEED);
const uniform = (lo: number, hi: number) => lo + (hi - lo) * random();
const int = (lo: number, hi: number) => Math.floor(uniform(lo, hi + 1));
const chance = (p: number) => random() < p;
/** Approximately normal (Irwin–Hall with 4 terms), mean 0, sd 1. */
const normal = () => (random() + random() + random() + random() - 2) * Math.sqrt(3);
function pick<T>(items: readonly T[], weights?: readonly number[]): T {
  const w = weights ?? items.map(() => 1);
  let r = random() * w.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i++) {
    r -= w[i]!;
    if (r < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}
/** Round to n decimals, returning a clean double (no 0.30000000000000004 in the files). */
const round = (x: number, n: number) => Number(x.toFixed(n));
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
/** A percent as a fraction with two decimals of percent (98.63% → 0.9863), within [lo, hi]. */
const pct = (x: number, lo = 0, hi = 1) => round(clamp(x, lo, hi), 4);

// ── dataset model and writers ────────────────────────────────────────────────

type Scalar = number | string | boolean;
type Row = Record<string, Scalar>;
type Inputs = Record<string, Scalar | Row[]>;
interface Unit {
  id: string;
  kind: string;
  name: string;
  relations?: Record<string, string>;
  inputs?: Inputs;
  periods?: Record<string, Inputs>;
}
interface Dataset {
  folder: string;
  units: Unit[];
  /** names of inputs and record fields holding percents (written as `98.6%` in tables) */
  percentFields: ReadonlySet<string>;
}

/** Percent text for tables: 0.9863 → "98.63%". */
function percentText(x: number): string {
  return `${round(x * 100, 6)}%`;
}

interface Table {
  name: string;
  columns: string[];
  rows: (Scalar | undefined)[][];
}

/** One table per entity kind and one per record-list input, in first-seen order. */
function tables(ds: Dataset): Table[] {
  const byName = new Map<string, Table>();
  const table = (name: string, columns: string[]) => {
    let t = byName.get(name);
    if (!t) byName.set(name, (t = { name, columns, rows: [] }));
    for (const c of columns) if (!t.columns.includes(c)) t.columns.push(c);
    return t;
  };
  for (const u of ds.units) {
    const periodic = u.periods !== undefined;
    const parts: [string | null, Inputs][] = periodic ? Object.entries(u.periods!) : [[null, u.inputs ?? {}]];
    for (const [period, inputs] of parts) {
      const scalars = Object.entries(inputs).filter(([, v]) => !Array.isArray(v)) as [string, Scalar][];
      const head = ['id', 'name', ...(periodic ? ['period'] : []), ...Object.keys(u.relations ?? {})];
      const t = table(u.kind, [...head, ...scalars.map(([k]) => k)]);
      const cells: Record<string, Scalar> = { id: u.id, name: u.name, ...(u.relations ?? {}), ...Object.fromEntries(scalars) };
      if (period !== null) cells.period = period;
      t.rows.push(t.columns.map((c) => cells[c]));
      for (const [list, records] of Object.entries(inputs)) {
        if (!Array.isArray(records)) continue;
        for (const r of records) {
          const lt = table(list, ['unit', ...(periodic ? ['period'] : []), ...Object.keys(r)]);
          const rc: Record<string, Scalar> = { unit: u.id, ...r };
          if (period !== null) rc.period = period;
          lt.rows.push(lt.columns.map((c) => rc[c]));
        }
      }
    }
  }
  // rows added before a later column appeared are shorter; pad them so every row spans every column
  for (const t of byName.values()) for (const r of t.rows) while (r.length < t.columns.length) r.push(undefined);
  return [...byName.values()];
}

function csvCell(v: Scalar | undefined, percent: boolean): string {
  if (v === undefined) return '';
  const text = typeof v === 'number' && percent ? percentText(v) : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function writeDataset(ds: Dataset): void {
  const dir = join(HERE, ds.folder, 'data');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'csv'), { recursive: true });
  writeFileSync(join(dir, 'results.json'), `${JSON.stringify({ units: ds.units }, null, 2)}\n`);

  const book = XLSX.utils.book_new();
  for (const t of tables(ds)) {
    const isPercent = t.columns.map((c) => ds.percentFields.has(c));
    const lines = [t.columns.join(','), ...t.rows.map((r) => r.map((v, i) => csvCell(v, isPercent[i]!)).join(','))];
    writeFileSync(join(dir, 'csv', `${t.name}.csv`), `${lines.join('\n')}\n`);

    const sheet = XLSX.utils.aoa_to_sheet([t.columns, ...t.rows.map((r) => r.map((v) => (v === undefined ? null : v)))]);
    // percent cells stay numbers (the fraction) shown with a percent format, as a spreadsheet user enters them
    t.rows.forEach((r, ri) =>
      r.forEach((v, ci) => {
        if (typeof v !== 'number' || !isPercent[ci]) return;
        const cell = sheet[XLSX.utils.encode_cell({ r: ri + 1, c: ci })];
        if (cell) cell.z = '0.00%';
      }),
    );
    XLSX.utils.book_append_sheet(book, sheet, t.name);
  }
  // fixed document dates keep the workbook byte-identical between runs
  book.Props = { Title: ds.folder, CreatedDate: new Date(Date.UTC(2022, 0, 1)), ModifiedDate: new Date(Date.UTC(2022, 0, 1)) };
  const bytes = XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true });
  writeFileSync(join(dir, 'results.xlsx'), bytes);
}

// ── 税务绩效管理：省局与特派办 ───────────────────────────────────────────────

const PROVINCES: [id: string, name: string][] = [
  ['北京', '北京市'], ['天津', '天津市'], ['河北', '河北省'], ['山西', '山西省'], ['内蒙古', '内蒙古自治区'],
  ['辽宁', '辽宁省'], ['吉林', '吉林省'], ['黑龙江', '黑龙江省'], ['上海', '上海市'], ['江苏', '江苏省'],
  ['浙江', '浙江省'], ['安徽', '安徽省'], ['福建', '福建省'], ['江西', '江西省'], ['山东', '山东省'],
  ['河南', '河南省'], ['湖北', '湖北省'], ['湖南', '湖南省'], ['广东', '广东省'], ['广西', '广西壮族自治区'],
  ['海南', '海南省'], ['重庆', '重庆市'], ['四川', '四川省'], ['贵州', '贵州省'], ['云南', '云南省'],
  ['西藏', '西藏自治区'], ['陕西', '陕西省'], ['甘肃', '甘肃省'], ['青海', '青海省'], ['宁夏', '宁夏回族自治区'],
  ['新疆', '新疆维吾尔自治区'], ['大连', '大连市'], ['宁波', '宁波市'], ['厦门', '厦门市'], ['青岛', '青岛市'],
  ['深圳', '深圳市'],
];

/** Each office covers two province-level bureaus. */
const OFFICES: [office: string, covers: [string, string]][] = [
  ['驻北京', ['北京', '内蒙古']], ['驻天津', ['天津', '河北']], ['驻沈阳', ['辽宁', '吉林']],
  ['驻大连', ['大连', '黑龙江']], ['驻上海', ['上海', '新疆']], ['驻南京', ['江苏', '安徽']],
  ['驻杭州', ['浙江', '宁波']], ['驻福州', ['福建', '厦门']], ['驻济南', ['山东', '青岛']],
  ['驻郑州', ['河南', '山西']], ['驻武汉', ['湖北', '青海']], ['驻长沙', ['湖南', '江西']],
  ['驻广州', ['广东', '宁夏']], ['驻深圳', ['深圳', '海南']], ['驻南宁', ['广西', '云南']],
  ['驻重庆', ['重庆', '贵州']], ['驻成都', ['四川', '西藏']], ['驻西安', ['陕西', '甘肃']],
];

/** Bureaus in the 2021 e-invoice (专票电子化) pilot; the others have no value and are not evaluated on it. */
const EINVOICE_PILOT = new Set(['天津', '河北', '上海', '江苏', '浙江', '安徽', '广东', '重庆', '四川', '宁波', '深圳']);

/** Annual tax-revenue budget in 亿元 (rough scale of each bureau). */
function revenueBudget(id: string): number {
  const big: Record<string, number> = { 广东: 5200, 江苏: 4600, 上海: 4500, 浙江: 3800, 北京: 4200, 山东: 3000, 深圳: 3300 };
  return big[id] ?? round(uniform(250, 2200), 0);
}

const SEVERITY = ['一般', '较重', '严重'] as const;
const CATEGORY = ['执法', '服务', '廉政', '作风', '财务'] as const;
const CHANNEL = ['内部督察', '特派办检查', '外部审计', '巡视巡察', '国务院督查', '信访举报'] as const;
const DEPARTMENTS_HQ = [
  '办公厅', '收入规划核算司', '征管和科技发展司', '纳税服务司', '稽查局', '督察内审司', '人事司', '财务管理司',
  '政策法规司', '货物和劳务税司',
];
/** Bureaus piloting fully digital e-invoices (数电发票) in 2022. */
const DIGITAL_INVOICE_PILOT = new Set(['上海', '广东', '内蒙古', '四川', '厦门', '天津', '重庆', '宁波']);

/** The policy year being generated (2021 or 2022). */
let year = 2021;

/** ISO date of day `n` (0-based) of the policy year. */
function dayOfYear(n: number): string {
  return new Date(Date.UTC(year, 0, 1 + n)).toISOString().slice(0, 10);
}

interface ProvinceProfile {
  /** overall strength: most near 0, a few far behind */
  business: number;
  /** strength in the party-leadership section, separately so the gates can bite */
  party: number;
}

/**
 * Profiles with a few deliberate cases: 深圳 strong in business but weak in 党的全面领导 (first gate),
 * 厦门 strong in 党的全面领导 with a large bonus but weak elsewhere (second gate), 海南 and 西藏 far behind.
 */
function provinceProfile(id: string): ProvinceProfile {
  const base = clamp(normal() * 0.8, -1.8, 1.8);
  const special: Record<string, ProvinceProfile> = {
    深圳: { business: 1.8, party: -2.2 },
    厦门: { business: -1.9, party: 1.8 },
    海南: { business: -2.3, party: -1.2 },
    西藏: { business: -2.0, party: -0.8 },
    浙江: { business: 1.6, party: 1.2 },
  };
  return special[id] ?? { business: base, party: clamp(base * 0.5 + normal() * 0.6, -1.8, 1.8) };
}

function findings(profile: ProvinceProfile, id: string): Row[] {
  const n = clamp(Math.round(2 - profile.business * 1.2 + normal()), 0, 7);
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const shouldHaveFound = chance(0.35);
    const category = pick(CATEGORY, [40, 20, 10, 15, 15]);
    const severity = pick(SEVERITY, [70, 22, 8]);
    const channel = pick(CHANNEL, [30, 15, 20, 15, 10, 10]);
    const foundByOffice = shouldHaveFound && chance(0.5);
    // a finding of the office's own inspection is within its remit and found by it
    const own = channel === '特派办检查';
    rows.push({ 类别: category, 严重程度: severity, 渠道: channel, 特派办应发现: shouldHaveFound || own, 特派办已发现: foundByOffice || own });
  }
  // 深圳 is weak on 党风: four 作风 findings (one serious) reach the indicator's deduction cap, and a serious 廉政 case
  if (id === '深圳')
    rows.push(
      { 类别: '作风', 严重程度: '一般', 渠道: '巡视巡察', 特派办应发现: false, 特派办已发现: false },
      { 类别: '作风', 严重程度: '较重', 渠道: '内部督察', 特派办应发现: false, 特派办已发现: false },
      { 类别: '作风', 严重程度: '一般', 渠道: '信访举报', 特派办应发现: false, 特派办已发现: false },
      { 类别: '作风', 严重程度: '严重', 渠道: '外部审计', 特派办应发现: true, 特派办已发现: false },
      { 类别: '廉政', 严重程度: '严重', 渠道: '巡视巡察', 特派办应发现: true, 特派办已发现: true },
    );
  // 海南: findings the office should have found and did not (linked deductions), one serious 执法 case
  if (id === '海南')
    rows.push(
      { 类别: '执法', 严重程度: '严重', 渠道: '国务院督查', 特派办应发现: true, 特派办已发现: false },
      { 类别: '执法', 严重程度: '较重', 渠道: '外部审计', 特派办应发现: true, 特派办已发现: false },
    );
  return rows;
}

function supervisedItems(profile: ProvinceProfile, id: string): Row[] {
  const sources = ['会议议定', '文件确定', '领导批示'] as const;
  const topics = ['落实组织收入工作部署', '推进专票电子化改革', '优化营商环境措施', '整改审计发现问题', '党史学习教育办实事', '社保费征收衔接', '发票风险应对', '数据治理'];
  const n = int(3, 7);
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const deadline = int(60, 340);
    const late = chance(clamp(0.12 - profile.business * 0.06, 0.02, 0.4));
    const lateBy = late ? int(1, 25) : 0;
    const done = late ? deadline + lateBy : deadline - int(0, 20);
    rows.push({
      事项: `${topics[(i + id.length) % topics.length]}（第${i + 1}项）`,
      事项来源: pick(sources),
      截止日期: dayOfYear(deadline),
      办结日期: dayOfYear(done),
      已办结: true,
    });
  }
  // unfinished items: 办结日期 is the cut-off date (逾期计至统计截止日)
  if (id === '西藏' || id === '海南' || chance(0.05))
    rows.push({ 事项: '重点工作任务落实', 事项来源: '领导批示', 截止日期: dayOfYear(300), 办结日期: `${year}-12-31`, 已办结: false });
  return rows;
}

/** 省局 and 特派办 data for the 2021 version, or for the 2022 version (its inputs changed; see CHANGES.md). */
function provinceData(policyYear: 2021 | 2022): Dataset {
  year = policyYear;
  random = prng(SEED + (policyYear - 2021) * 2);
  const quarters = [1, 2, 3, 4].map((q) => `${year}Q${q}`);
  const units: Unit[] = [];
  const officeOf = new Map(OFFICES.flatMap(([o, cs]) => cs.map((c) => [c, o] as const)));
  const profiles = new Map(PROVINCES.map(([id]) => [id, provinceProfile(id)]));

  for (const [id, name] of PROVINCES) {
    const p = profiles.get(id)!;
    const b = p.business;
    const budgetYuan = revenueBudget(id) * 1e8;
    const periods: Record<string, Inputs> = {};
    let cumulativeShare = 0;
    quarters.forEach((q, qi) => {
      const progress = (qi + 1) / 4;
      cumulativeShare = progress * clamp(1.005 + 0.012 * b + normal() * 0.006, 0.9, 1.06);
      const quarter: Inputs = {
        党史学习教育测评: pct(0.9 + 0.03 * p.party + normal() * 0.03, 0.6, 1),
        累计收入: round((budgetYuan * cumulativeShare) / 1e4, 0) * 1e4,
        年度收入预算: budgetYuan,
        应享尽享率: pct(0.99 + 0.005 * b + normal() * 0.004, 0.9, 1),
        风险任务应对率: pct(0.96 + 0.02 * b + normal() * 0.015, 0.8, 1),
        社保费征收率: pct(0.975 + 0.01 * b + normal() * 0.008, 0.85, 1),
        预算执行率: pct(progress * (1.0 + 0.02 * b + normal() * 0.02), 0, 1),
        系统可用率: pct(0.9985 + 0.0006 * b + normal() * 0.0006, 0.99, 1),
      };
      if (EINVOICE_PILOT.has(id)) quarter.专票电子化受票率 = pct(0.55 + 0.1 * qi + 0.04 * b + normal() * 0.04, 0.3, 1);
      if (year === 2022 && DIGITAL_INVOICE_PILOT.has(id))
        quarter.数电发票开票率 = pct(0.35 + 0.12 * qi + 0.05 * b + normal() * 0.05, 0.05, 1);
      periods[q] = quarter;
    });

    const gdp = round(uniform(0.1, 0.15), 4);
    const annual: Inputs = {
      政治建设测评: pct(0.93 + 0.025 * p.party + normal() * 0.015, 0.7, 1),
      主体责任测评: pct(0.88 + 0.04 * p.party + normal() * 0.02, 0.5, 1),
      党支部达标率: pct(0.985 + 0.01 * p.party + normal() * 0.006, 0.85, 1),
      内控风险应对率: pct(0.95 + 0.025 * p.party + normal() * 0.015, 0.7, 1),
      纪检履职考核: pct(0.92 + 0.03 * p.party + normal() * 0.02, 0.6, 1),
      巡视整改完成率: pct(0.97 + 0.02 * p.party + normal() * 0.02, 0.8, 1),
      选任工作测评: pct(0.92 + 0.03 * p.party + normal() * 0.02, 0.6, 1),
      检查发现: findings(p, id),
      // 2022 dropped 收入质量, but its data keeps the two inputs so that it serves the 2021 → 2022 review
      // (`kaoping diff` evaluates both versions on it); the 2022 version ignores them with a warning.
      收入增幅: round(gdp + normal() * 0.025 + 0.005 * b, 4),
      经济增幅: gdp,
      便利化措施落实率: pct(0.985 + 0.01 * b + normal() * 0.01, 0.85, 1),
      网上办税率: pct(0.9 + 0.03 * b + normal() * 0.02, 0.6, 1),
      查补入库率: pct(0.78 + 0.06 * b + normal() * 0.05, 0.4, 0.99),
      数据质量指数: round(clamp(92 + 2.5 * b + normal() * 1.5, 70, 100), 1),
      退税办理天数: round(clamp(4.6 - 0.8 * b + normal() * 0.7, 2, 12), 1),
      共治测评: pct(0.9 + 0.03 * b + normal() * 0.02, 0.6, 1),
      大数据应用测评: pct(0.8 + 0.05 * b + normal() * 0.04, 0.5, 1),
      督办事项: supervisedItems(p, id),
      新进人员培训率: pct(0.97 + 0.02 * b + normal() * 0.02, 0.7, 1),
      网络学习达标率: pct(0.95 + 0.02 * b + normal() * 0.015, 0.75, 1),
      舆情事件: [],
      政务公开评估: pct(0.9 + 0.03 * b + normal() * 0.02, 0.6, 1),
      审计整改完成率: pct(0.975 + 0.02 * b + normal() * 0.015, 0.8, 1),
      机关效能测评: pct(0.92 + 0.03 * b + normal() * 0.02, 0.6, 1),
      纳税人满意率: pct(0.93 + 0.025 * b + normal() * 0.01, 0.75, 0.995),
      缴费人满意率: pct(0.94 + 0.02 * b + normal() * 0.01, 0.8, 0.995),
      司局评分: DEPARTMENTS_HQ.slice(0, int(6, 9)).map((d) => ({ 评价司局: d, 评分: round(clamp(90 + 3 * b + normal() * 3, 60, 100), 1) })),
      领导评分: round(clamp(90 + 3 * b + normal() * 2.5, 60, 100), 1),
      创新成果: [],
    };
    // missing-data cases: no new hires this year (peer mean); optional booleans left to their declared default
    if (['西藏', '青海', '宁夏'].includes(id)) delete annual.新进人员培训率;
    if (id === '厦门') annual.司局评分 = (annual.司局评分 as Row[]).slice(0, 4); // fewer than 5: no trimming
    const events: Row[] = [];
    if (chance(0.2) || id === '广西') events.push({ 等级: '一般' });
    if (id === '云南') events.push({ 等级: '较大' }, { 等级: '一般' });
    if (id === '江苏') events.push({ 等级: '重大' }); // veto: a strong bureau drops to the last tier
    else if (chance(0.5)) annual.安全事故 = false; // an optional boolean given explicitly, the others left to their default
    annual.舆情事件 = events;
    if (id === '贵州') annual.重大违纪案件 = true;
    if (id === '甘肃') annual.意识形态事件 = true;
    if (id === '吉林') annual.安全事故 = true;
    if (id === '新疆' || id === '海南') annual.区域执法风险 = true;
    const awards: Row[] = [];
    const nAwards = id === '厦门' ? 5 : clamp(Math.round(0.8 + 0.8 * b + normal() * 0.8), 0, 4);
    const levels = ['国家级', '总局级', '省级'] as const;
    for (let i = 0; i < nAwards; i++)
      awards.push({ 成果: `创新成果${i + 1}`, 层级: id === '厦门' ? '国家级' : pick(levels, [1, 3, 6]), 角色: chance(0.6) ? '牵头' : '协办' });
    // the same achievement recognised at two levels counts once, at the higher one
    if (id === '深圳') awards.push({ 成果: '创新成果1', 层级: '省级', 角色: '牵头' });
    annual.创新成果 = awards;
    periods[String(year)] = annual;

    units.push({ id, kind: '省局', name: `国家税务总局${name}税务局`, relations: { 特派办: officeOf.get(id)! }, periods });
  }

  for (const [office] of OFFICES) {
    units.push({
      id: office,
      kind: '特派办',
      name: `国家税务总局${office}特派员办事处`,
      periods: {
        [String(year)]: {
          督审任务完成率: pct(0.985 + normal() * 0.012, 0.9, 1),
          案件质量问题: office === '驻武汉' ? 4 : int(0, 2),
          党风廉政测评: pct(0.93 + normal() * 0.02, 0.8, 1),
          特派办司局评分: ['督察内审司', '稽查局', '办公厅', '人事司', '财务管理司', '机关党委'].map((d) => ({
            评价司局: d,
            评分: round(clamp(90 + normal() * 3, 70, 100), 1),
          })),
        },
      },
    });
  }

  return {
    folder: `tax-provincial-${year}`,
    units,
    percentFields: new Set([
      '政治建设测评', '主体责任测评', '党史学习教育测评', '党支部达标率', '内控风险应对率', '纪检履职考核', '巡视整改完成率',
      '选任工作测评', '收入增幅', '经济增幅', '应享尽享率', '专票电子化受票率', '便利化措施落实率', '网上办税率', '查补入库率',
      '风险任务应对率', '社保费征收率', '共治测评', '大数据应用测评', '预算执行率', '新进人员培训率', '网络学习达标率',
      '政务公开评估', '审计整改完成率', '系统可用率', '机关效能测评', '纳税人满意率', '缴费人满意率', '督审任务完成率',
      '党风廉政测评', '数电发票开票率',
    ]),
  };
}

// ── 县局部门与个人绩效 ───────────────────────────────────────────────────────

interface DepartmentPlan {
  id: string;
  function: string;
  staff: number;
  /** position category of the department's ordinary staff, with weights */
  posts: [string, number][];
}

const DEPARTMENTS: DepartmentPlan[] = [
  { id: '办公室', function: '综合办公', staff: 8, posts: [['行政事务岗', 1]] },
  { id: '人事教育股', function: '人事教育', staff: 6, posts: [['行政事务岗', 1]] },
  { id: '征收管理股', function: '征收管理', staff: 12, posts: [['税收业务岗', 3], ['税收管理员岗', 1]] },
  { id: '税政法规股', function: '税政法规', staff: 7, posts: [['税收业务岗', 1]] },
  { id: '计划财务股', function: '计划财务', staff: 7, posts: [['税收业务岗', 1], ['行政事务岗', 1]] },
  { id: '纳税服务股', function: '纳税服务', staff: 18, posts: [['税收业务岗', 1]] },
  { id: '稽查局', function: '税务稽查', staff: 14, posts: [['税收业务岗', 1]] },
  { id: '信息中心', function: '信息技术', staff: 8, posts: [['技术岗', 1]] },
  { id: '城区税务分局', function: '城区分局', staff: 22, posts: [['税收管理员岗', 4], ['税收业务岗', 1]] },
  { id: '农村税务分局', function: '农村分局', staff: 18, posts: [['税收管理员岗', 3], ['税收业务岗', 1]] },
];

/** Each department reports the data of its own indicators only. */
function departmentOwnInputs(fn: string, s: number): Inputs {
  switch (fn) {
    case '综合办公':
      return { 公文办理及时率: pct(0.985 + 0.008 * s + normal() * 0.005, 0.9, 1), 信息采用: int(8, 18) };
    case '人事教育':
      return { 培训计划完成率: pct(0.97 + 0.02 * s, 0.8, 1), 人事数据准确率: pct(0.985 + 0.01 * s, 0.9, 1) };
    case '征收管理':
      return { 征管六率达标率: pct(0.96 + 0.02 * s, 0.85, 1), 欠税清缴率: pct(0.82 + 0.06 * s, 0.4, 1) };
    case '税政法规':
      return { 执法准确率: pct(0.984 + 0.004 * s, 0.95, 1), 复议败诉: 0 };
    case '计划财务':
      return { 收入预测偏差: round(0.035 - 0.01 * s + normal() * 0.01, 4), 经费执行率: pct(0.93 + 0.03 * s, 0.7, 1) };
    case '纳税服务':
      return { 办税等候分钟: round(clamp(9 - 2 * s + normal(), 3, 25), 1), 办税服务好评率: pct(0.985 + 0.005 * s, 0.9, 1) };
    case '税务稽查':
      return { 查补入库率: pct(0.85 + 0.06 * s, 0.4, 1), 按期结案率: pct(0.88 + 0.04 * s, 0.6, 1) };
    case '信息技术':
      return { 系统可用率: pct(0.996 + 0.002 * s, 0.98, 1), 数据质量问题: int(0, 3) };
    case '城区分局':
      return { 重点税源收入完成率: pct(0.99 + 0.02 * s, 0.8, 1), 纳税评估补税: round(uniform(300, 700), 0) * 1000 };
    default:
      return { 定额公示率: pct(0.985 + 0.01 * s, 0.9, 1), 委托代征完成率: pct(0.95 + 0.03 * s, 0.7, 1) };
  }
}

/** Each staff member reports the data of their position category's indicators only. */
function staffOwnInputs(post: string, s: number): Inputs {
  switch (post) {
    case '管理岗':
      return { 管理测评: pct(0.88 + 0.05 * s + normal() * 0.03, 0.6, 1), 创新项目: clamp(Math.round(1 + s + normal() * 0.7), 0, 3) };
    case '税收管理员岗':
      return {
        户管收入完成率: pct(0.99 + 0.02 * s + normal() * 0.01, 0.8, 1),
        征管质量达标率: pct(0.96 + 0.02 * s + normal() * 0.01, 0.85, 1),
        纳税评估户数: clamp(Math.round(11 + 2 * s + normal() * 2), 3, 20),
      };
    case '税收业务岗':
      return { 办件完成率: pct(0.96 + 0.02 * s + normal() * 0.01, 0.85, 1), 业务差错: clamp(Math.round(0.6 - s + normal() * 0.6), 0, 4) };
    case '技术岗':
      return { 运维响应及时率: pct(0.93 + 0.03 * s + normal() * 0.015, 0.75, 1), 系统故障: clamp(Math.round(0.3 - s * 0.6 + normal() * 0.4), 0, 3) };
    default:
      return { 事务办理及时率: pct(0.98 + 0.015 * s + normal() * 0.008, 0.9, 1), 文稿采用: clamp(Math.round(3 + 1.5 * s + normal()), 0, 8) };
  }
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈'.split('');
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华建国志红玉兰海燕俊峰文斌'.split('');

function countyData(): Dataset {
  random = prng(SEED + 1);
  const units: Unit[] = [];
  const staff: Unit[] = [];
  let serial = 0;
  for (const d of DEPARTMENTS) {
    const s = d.id === '农村税务分局' ? -1.6 : d.id === '纳税服务股' ? 1.2 : clamp(normal() * 0.7, -1.5, 1.5);
    units.push({
      id: d.id,
      kind: '部门',
      name: `县税务局${d.id}`,
      inputs: {
        职能: d.function,
        任务完成率: pct(0.95 + 0.03 * s + normal() * 0.015, 0.7, 1),
        督办逾期: clamp(Math.round(0.4 - s + normal() * 0.5), 0, 4),
        执法过错: d.id === '稽查局' ? 1 : d.id === '农村税务分局' ? 2 : 0,
        服务满意率: pct(0.985 + 0.006 * s + normal() * 0.003, 0.9, 1),
        ...departmentOwnInputs(d.function, s),
      },
    });
    for (let i = 0; i < d.staff; i++) {
      serial++;
      const duty = i === 0 ? '负责人' : i <= (d.staff >= 12 ? 2 : 1) ? '副职' : '一般干部';
      const post = duty === '一般干部' ? pick(d.posts.map(([p]) => p), d.posts.map(([, w]) => w)) : '管理岗';
      const ability = clamp(0.4 * s + normal() * 0.8, -2.2, 2);
      const ratings: Row[] = [];
      const rate = (who: string, n: number) => {
        for (let k = 0; k < n; k++) ratings.push({ 评价人: who, 评分: round(clamp(86 + 5 * ability + normal() * 4, 50, 100), 0) });
      };
      rate('领导', 2);
      rate('同事', int(4, 8));
      rate('服务对象', int(3, 5));
      const id = `G${String(serial).padStart(3, '0')}`;
      const inputs: Inputs = {
        岗位类别: post,
        职务: duty,
        测评: ratings,
        网络学习达标: chance(0.92),
        缺勤天数: chance(0.85) ? 0 : int(1, 3),
        ...staffOwnInputs(post, ability),
      };
      if (serial === 37) inputs.违纪处分 = true; // veto
      if (serial === 71) inputs.缺勤天数 = 7; // may not be 优秀
      else if (chance(0.3)) inputs.违纪处分 = false;
      staff.push({
        id,
        kind: '干部',
        name: `${SURNAMES[int(0, SURNAMES.length - 1)]}${GIVEN[int(0, GIVEN.length - 1)]}${chance(0.5) ? GIVEN[int(0, GIVEN.length - 1)] : ''}`,
        relations: { 部门: d.id },
        inputs,
      });
    }
  }
  return {
    folder: 'county-individual-2021',
    units: [...units, ...staff],
    percentFields: new Set([
      '任务完成率', '服务满意率', '公文办理及时率', '培训计划完成率', '人事数据准确率', '征管六率达标率', '欠税清缴率',
      '执法准确率', '收入预测偏差', '经费执行率', '办税服务好评率', '查补入库率', '按期结案率', '系统可用率',
      '重点税源收入完成率', '定额公示率', '委托代征完成率', '管理测评', '户管收入完成率', '征管质量达标率', '办件完成率',
      '运维响应及时率', '事务办理及时率',
    ]),
  };
}

// ── 省局 monthly revenue (预警: 双过半, 收入进度连续下滑) ─────────────────────────

/**
 * 2021M01–2021M06 for the 省局: 累计收入 and 年度收入预算, consistent with the quarters (March is Q1's cumulative
 * revenue, June Q2's), the months between them on the way from one quarter's progress to the next. A random stream
 * of its own, so the yearly data stays as it was.
 */
function monthlyData(ds: Dataset): { units: Unit[] } {
  random = prng(SEED + 100);
  const units = ds.units.map((u): Unit => {
    if (u.kind !== '省局') return { id: u.id, kind: u.kind, name: u.name, periods: {} };
    const q1 = u.periods!['2021Q1']!;
    const q2 = u.periods!['2021Q2']!;
    const budget = q2.年度收入预算 as number;
    // progress against the time-proportional target (年度预算 × 月数/12) at March and June
    const march = (q1.累计收入 as number) / (budget * 3 / 12);
    const june = (q2.累计收入 as number) / (budget * 6 / 12);
    const ratio = [march + normal() * 0.004, march + normal() * 0.004, march, march + (june - march) / 3 + normal() * 0.002, march + (2 * (june - march)) / 3 + normal() * 0.002, june];
    const periods: Record<string, Inputs> = {};
    ratio.forEach((r, m) => {
      const cumulative = m === 2 ? q1.累计收入 as number : m === 5 ? q2.累计收入 as number : round((budget * r * (m + 1)) / 12 / 1e4, 0) * 1e4;
      periods[`2021M0${m + 1}`] = { 累计收入: cumulative, 年度收入预算: budget };
    });
    return { id: u.id, kind: u.kind, name: u.name, relations: u.relations!, periods };
  });
  return { units };
}

for (const ds of [provinceData(2021), provinceData(2022), countyData()]) {
  writeDataset(ds);
  console.log(`${ds.folder}: ${ds.units.length} units`);
  if (ds.folder === 'tax-provincial-2021') {
    writeFileSync(join(HERE, ds.folder, 'data', 'monthly.json'), `${JSON.stringify(monthlyData(ds), null, 2)}\n`);
    console.log(`${ds.folder}: monthly.json, 2021M01–2021M06`);
  }
}
