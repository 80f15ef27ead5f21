// The words of the semantic diff and its impact (`kaoping diff`, the Git diff driver, the editor's review):
// headings, what changed, the names of the properties compared. Keywords inside rules are spelled as each
// version's files spell them (the voice), so a policy written with 令/得分/分档 reads 令/得分/分档 here.
import { en, say } from './catalogue.js';
import { AGGREGATE_WORDS, type Aggregate } from './explain.js';

/** The properties the diff compares, by their key in `FieldChange.field`. */
export const DIFF_FIELDS = {
  name: { zh: '名称', en: 'name' },
  version: { zh: '版本', en: 'version' },
  evaluator: { zh: '考评单位', en: 'evaluator' },
  precision: { zh: '精度', en: 'precision' },
  rounding: { zh: '舍入', en: 'rounding' },
  section: { zh: '板块', en: 'section' },
  points: { zh: '分值', en: 'points' },
  method: { zh: '考核方式', en: 'method' },
  source: { zh: '数据来源', en: 'source' },
  owner: { zh: '责任单位', en: 'owner' },
  period: { zh: '考核周期', en: 'period' },
  partsBy: { zh: '分期汇总', en: 'aggregation over parts' },
  type: { zh: '类型', en: 'type' },
  doc: { zh: '说明', en: 'doc' },
  rule: { zh: '规则', en: 'rule' },
  'linked deductions': { zh: '关联扣分', en: 'linked deductions' },
  label: { zh: '标签', en: 'label' },
  missing: { zh: '缺失时', en: 'missing' },
  weight: { zh: '权重', en: 'weight' },
  cap: { zh: '封顶', en: 'cap' },
  when: { zh: '适用条件', en: 'when' },
  indicators: { zh: '指标', en: 'indicators' },
  counts: { zh: '计入', en: 'counts' },
  rules: { zh: '规则', en: 'rules' },
  target: { zh: '扣分指标', en: 'target' },
  by: { zh: '排序依据', en: 'by' },
  ties: { zh: '并列', en: 'ties' },
  quota: { zh: '名额取整', en: 'quota' },
  gated: { zh: '受限名额', en: 'gated' },
  gates: { zh: '进段限制', en: 'gates' },
  vetoes: { zh: '一票否决', en: 'vetoes' },
  sections: { zh: '板块', en: 'sections' },
  bonuses: { zh: '加分项', en: 'bonuses' },
  individual: { zh: '个人得分', en: 'individual' },
  level: { zh: '级别', en: 'level' },
  checked: { zh: '检查期间', en: 'checked in' },
  message: { zh: '消息', en: 'message' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type DiffField = keyof typeof DIFF_FIELDS;

/** The kinds of item the diff groups its changes by. */
export const DIFF_ITEMS = {
  input: { zh: '输入', en: 'Inputs' },
  section: { zh: '板块', en: 'Sections' },
  indicator: { zh: '指标', en: 'Indicators' },
  bonus: { zh: '加分项', en: 'Bonuses' },
  link: { zh: '关联扣分', en: 'Linked deductions' },
  tiers: { zh: '分段、进段限制与一票否决', en: 'Tiers, gates and vetoes' },
  total: { zh: '总分', en: 'Totals' },
  warning: { zh: '预警', en: 'Warnings' },
} as const satisfies Record<string, { zh: string; en: string }>;

export const DIFF_STATUSES = {
  added: { zh: '新增', en: 'added' },
  removed: { zh: '删除', en: 'removed' },
  renamed: { zh: '更名', en: 'renamed' },
  moved: { zh: '移动', en: 'moved' },
  changed: { zh: '修改', en: 'changed' },
} as const satisfies Record<string, { zh: string; en: string }>;

export const DIFF = {
  // Properties whose key names a tier, a period or a constant.
  tierField: say((p: { tier: string }) => `段「${p.tier}」`, (p) => `tier ${p.tier}`),
  periodField: say((p: { period: string }) => `期间 ${p.period}`, (p) => `period ${p.period}`),
  constantsField: say((p: { field: string }) => `${p.field}：所用参数或常数`, (p) => `${p.field}: a parameter or constant it uses`),
  unchangedText: say(() => '（文字未变）', () => '(unchanged text)'),
  unchangedTextOtherMeaning: say(() => '（文字未变，含义已变）', () => '(unchanged text, other meaning)'),
  fullPoints: say(() => '（满分）', () => '(full points)'),
  unspecifiedMethod: say(() => '未注明', () => 'unspecified'),
  noValue: say(() => '（无）', () => '(none)'),
  // How a review prepared the same data for both versions (review/review-data.ts).
  reviewPeriodAdopted: say(
    (p: { version: 'OLD' | 'NEW'; period: string; parts: string[]; aggregate: Aggregate }) =>
      `${p.version === 'OLD' ? '旧版本' : '新版本'}未声明期间 ${p.period}，按另一版本的声明评估（${p.parts.join('、')}${AGGREGATE_WORDS[p.aggregate].zh}）`,
    (p) => `${p.version}: period ${p.period} is not declared in this version; evaluated as the other version declares it (${p.parts.join(', ')}: ${AGGREGATE_WORDS[p.aggregate].en})`,
  ),
  reviewInputsUnread: say(
    (p: { version: 'OLD' | 'NEW'; inputs: string[] }) => `${p.version === 'OLD' ? '旧版本' : '新版本'}不读取的数据项未参与评估：${p.inputs.join('、')}`,
    (p) => `${p.version}: data items this version does not read were left out: ${p.inputs.join(', ')}`,
  ),
  everyPeriod: say(() => '每期', () => 'every period'),
  // The report.
  policy: say(() => '体系', () => 'Policy'),
  kinds: say(() => '实体类别', () => 'Entity kinds'),
  kindAdded: say((p: { kind: string }) => `新增 ${p.kind}`, (p) => `added ${p.kind}`),
  kindRemoved: say((p: { kind: string }) => `删除 ${p.kind}`, (p) => `removed ${p.kind}`),
  pointsPerSection: say(() => '各板块分值', () => 'Points per section'),
  pointsPerMethod: say(() => '各考核方式分值', () => 'Points per method'),
  summaryLine: say(
    (p: { item: string; counts: { status: string; count: number }[] }) => `${p.item}：${p.counts.map((c) => `${c.status} ${c.count} 项`).join('，')}`,
    (p) => `${p.item}: ${p.counts.map((c) => `${c.count} ${c.status}`).join(', ')}`,
  ),
  noChanges: say(() => '没有语义变化。', () => 'No semantic changes.'),
  headerOnly: say(() => '规则没有变化（只有体系的版本信息和期间不同）。', () => 'No rule changes (only the policy header and periods differ).'),
  statusSuffix: say((p: { status: string }) => `（${p.status}）`, (p) => ` (${p.status})`),
  renamedSuffix: say((p: { similarity: string }) => `（更名，相似度 ${p.similarity}%）`, (p) => ` (renamed, similarity ${p.similarity}%)`),
  movedSuffix: say(() => '（移动）', () => ' (moved)'),
  before: say(() => '原', () => 'before'),
  after: say(() => '现', () => 'after'),
  old: say(() => '旧版', () => 'old'),
  new: say(() => '新版', () => 'new'),
  // The label of a rule shown whole (its colon is the language's).
  field: say((p: { field: string }) => `${p.field}：`, (p) => `${p.field}:`),
  fieldBefore: say((p: { field: string }) => `${p.field}（原）：`, (p) => `${p.field} — before:`),
  fieldAfter: say((p: { field: string }) => `${p.field}（现）：`, (p) => `${p.field} — after:`),
  kind: say(() => '类别', () => 'kind'),
  sectionColumn: say(() => '板块', () => 'section'),
  methodColumn: say(() => '考核方式', () => 'method'),
  change: say(() => '变化', () => 'change'),
  standardInput: say(() => '标准输入', () => 'standard input'),
  impactOn: say((p: { data: string; period: string | null }) => `对 ${p.data} 的影响${p.period ? `（${p.period}）` : ''}`, (p) => `Impact on ${p.data}${p.period ? `, period ${p.period}` : ''}`),
  tierChanges: say(() => '换段的单位', () => 'Units that change tier'),
  none: say(() => '无。', () => 'None.'),
  movers: say(() => '分值变动最大的指标', () => 'Indicators that move points most'),
  noMovers: say(() => '没有指标得分变化。', () => 'No indicator score changes.'),
  allUnits: say(() => '全部单位', () => 'All units'),
  warningChanges: say((p: { period: string; units: number }) => `预警变化的单位（${p.period}，${p.units} 个）`, (p) => `Units whose warnings change (${p.period}: ${en(p.units, 'unit')})`),
  noWarningChanges: say(() => '没有单位的预警变化。', () => 'No unit\'s warnings change.'),
  warningsBefore: say(() => '原预警', () => 'warnings before'),
  warningsAfter: say(() => '现预警', () => 'warnings after'),
  raisedWarning: say((p: { warning: string; level: string }) => `${p.warning}（${p.level}）`, (p) => `${p.warning} (${p.level})`),
  // Notes on how a version was evaluated.
  // Headers of the impact tables.
  unit: say(() => '单位', () => 'unit'),
  totalBefore: say(() => '原总分', () => 'total before'),
  totalAfter: say(() => '现总分', () => 'total after'),
  rank: say(() => '名次', () => 'rank'),
  tier: say(() => '分段', () => 'tier'),
  indicator: say(() => '指标', () => 'indicator'),
  unitsChanged: say(() => '变化单位数', () => 'units changed'),
  pointsMoved: say(() => '变动分值合计', () => 'points moved'),
  meanChange: say(() => '平均变化', () => 'mean change'),
  largestChange: say(() => '最大变化', () => 'largest change'),
} as const;
