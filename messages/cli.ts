// The `kaoping` command's own sentences: summaries, refusals and notes. Not codes: a command's outcome is said
// by its exit code, and these sentences by their key. The help and Commander's words are in cli-help.ts and
// cli-usage.ts.
import { en, say, zq } from './catalogue.js';
import { CLI_OPTIONS } from './cli-options.js';
import { COVERAGE } from './coverage.js';

/** a, b or c: the last two joined by `or`, the others by `sep`. */
const orList = (items: readonly string[], sep: string, or: string) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(sep)}${or}${items[items.length - 1]}`);

export const CLI = {
  ...COVERAGE,
  ...CLI_OPTIONS,
  counts: say(
    (p: { errors: number; warnings: number }) => `${p.errors} 个错误，${p.warnings} 个警告`,
    (p) => `${en(p.errors, 'error')}, ${en(p.warnings, 'warning')}`,
  ),
  checked: say(
    (p: { errors: number; warnings: number; files: number }) => `${p.files} 个文件中有 ${p.errors} 个错误，${p.warnings} 个警告`,
    (p) => `${en(p.errors, 'error')}, ${en(p.warnings, 'warning')} in ${en(p.files, 'file')}`,
  ),
  testsRun: say((p: { passed: number; failed: number }) => `${p.passed} 个通过，${p.failed} 个失败`, (p) => `${p.passed} passed, ${p.failed} failed`),
  expected: say(() => '预期：', () => 'expected:'),
  actual: say(() => '实际：', () => 'actual:  '),
  notCompiled: say(
    (p: { spec: string; errors: number; warnings: number }) => `${p.spec}：体系编译未通过（${p.errors} 个错误，${p.warnings} 个警告）`,
    (p) => `${p.spec}: the policy does not compile (${en(p.errors, 'error')}, ${en(p.warnings, 'warning')})`,
  ),
  dataErrors: say(
    (p: { where: string | null; errors: number; more: boolean; skippable: boolean }) =>
      `${p.where === null ? '' : `${p.where}：`}数据有${p.more ? '超过 ' : ' '}${p.errors} 个错误，未作考评${p.skippable ? '（--skip-bad-units 可考评其余单位并列出跳过的单位）' : ''}`,
    (p) => `${p.where === null ? '' : `${p.where}: `}the data has ${p.more ? 'more than ' : ''}${en(p.errors, 'error')}; nothing was evaluated${p.skippable ? ' (--skip-bad-units evaluates the others and lists the skipped units)' : ''}`,
  ),
  allSkipped: say(
    (p: { where: string | null; units: number }) => `${p.where === null ? '' : `${p.where}：`}所有单位都因数据错误被跳过（${p.units} 个单位），未作考评`,
    (p) => `${p.where === null ? '' : `${p.where}: `}every unit was skipped for data errors (${en(p.units, 'unit')}); nothing was evaluated`,
  ),
  skipped: say((p: { units: number }) => `跳过 ${p.units} 个单位：`, (p) => `skipped ${en(p.units, 'unit')}:`),
  moreIssues: say((p: { count: number }) => `…… 另有 ${p.count} 条`, (p) => `… and ${p.count} more`),
  wrote: say((p: { file: string }) => `已写入 ${p.file}`, (p) => `wrote ${p.file}`),
  wroteFiles: say((p: { count: number; dir: string }) => `已写入 ${p.count} 个文件到 ${p.dir}`, (p) => `wrote ${en(p.count, 'file')} to ${p.dir}`),
  outEnding: say(
    (p: { out: string; endings: string[] }) => `--out ${p.out}：文件名须以 ${orList(p.endings, '、', ' 或 ')} 结尾`,
    (p) => `--out ${p.out}: the file must end in ${orList(p.endings, ', ', ' or ')}`,
  ),
  previousIsPeriod: say(
    (p: { previous: string }) => `--previous ${p.previous}：比较的上期须不同于 --period`,
    (p) => `--previous ${p.previous}: the previous period must differ from --period`,
  ),
  previousNoUnit: say(
    (p: { previous: string | null; period: string | null }) =>
      `上期${p.previous === null ? '' : zq(p.previous)}与本期${p.period === null ? '' : zq(p.period)}没有共同的单位，无法列出名次变动`,
    (p) => `the previous period${p.previous === null ? '' : ` ${p.previous}`} shares no unit with ${p.period ?? 'the period'}: no movement can be shown`,
  ),
  unitOrAll: say(() => 'feedback 需要 --unit U 或 --all（二者取一）', () => 'feedback takes --unit U or --all (one of them)'),
  unitSkipped: say(
    (p: { unit: string; reasons: string[] }) => `单位${zq(p.unit)}因数据错误被跳过：${p.reasons.join('；')}`,
    (p) => `unit ${p.unit} was skipped: ${p.reasons.join('; ')}`,
  ),
  folderNotMade: say((p: { dir: string; detail: string }) => `${p.dir}：无法创建文件夹：${p.detail}`, (p) => `${p.dir}: cannot make the folder: ${p.detail}`),
  pdfNoBrowser: say(
    (p: { chosen: string | null }) =>
      p.chosen === null ? '打印 PDF 需要本机安装的 Chromium：在 PATH 中找不到 chromium，请安装，或以 KAOPING_CHROMIUM 指定其路径' : `KAOPING_CHROMIUM=${p.chosen}：没有这个文件，无法打印 PDF`,
    (p) => (p.chosen === null ? 'printing a PDF needs a Chromium on this machine: no chromium on PATH; install one, or give its path in KAOPING_CHROMIUM' : `KAOPING_CHROMIUM=${p.chosen}: no such file, so no PDF can be printed`),
  ),
  pdfFailed: say((p: { browser: string; detail: string }) => `${p.browser} 未能打印 PDF：${p.detail}`, (p) => `${p.browser} could not print the PDF: ${p.detail}`),
  exported: say(
    (p: { file: string; rules: number; left: number }) => `已写入 ${p.file}：${p.rules} 条规则，${p.left} 项未导出`,
    (p) => `wrote ${p.file}: ${en(p.rules, 'rule')}, ${en(p.left, 'item')} not exported`,
  ),
  streamed: say(
    (p: { units: number; files: number; read: string; evaluated: string }) => `${p.files} 个文件中的 ${p.units} 个单位：读取 ${p.read} 秒，考评 ${p.evaluated} 秒`,
    (p) => `${en(p.units, 'unit')} from ${en(p.files, 'file')}: read in ${p.read} s, evaluated in ${p.evaluated} s`,
  ),
  streamCsvOnly: say((p: { file: string }) => `${p.file}：--stream 只读取 CSV 文件；请不用 --stream`, (p) => `${p.file}: --stream reads CSV files only; use it without --stream`),
  cannotExplain: say((p: { unit: string }) => `无法解释单位${zq(p.unit)}`, (p) => `cannot explain unit ${p.unit}`),
  noSuchPath: say((p: { path: string }) => `${p.path}：没有这个文件或文件夹`, (p) => `${p.path}: no such file or directory`),
  noPolicyFiles: say((p: { path: string }) => `${p.path}：此文件夹中没有 .kp 文件`, (p) => `${p.path}: no .kp files in this folder`),
  notInGit: say((p: { object: string }) => `${p.object}：不是 Git 中的文件或文件夹`, (p) => `${p.object}: not a file or folder in Git`),
  gitMissing: say((p: { object: string; reason: string }) => `${p.object}：在 Git 中找不到（${p.reason}）`, (p) => `${p.object}: not found in Git (${p.reason})`),
  noDataFiles: say((p: { path: string }) => `${p.path}：此文件夹中没有 .csv 或 .xlsx 文件`, (p) => `${p.path}: no .csv or .xlsx files in this folder`),
  unknownDataFormat: say(
    (p: { path: string }) => `${p.path}：未知的数据格式（应为 .json、.xlsx、.csv 或 CSV 文件的文件夹）`,
    (p) => `${p.path}: unknown data format (expected .json, .xlsx, .csv or a folder of CSV files)`,
  ),
  fileProblem: say(
    (p: { path: string; problem: 'missing' | 'denied' | 'directory' | 'nameTooLong' | 'notDirectory' | 'other'; detail: string; writing: boolean }) =>
      `${p.path}：${p.writing ? '无法写入：' : ''}${{ missing: '没有这个文件或文件夹', denied: '没有权限', directory: '是文件夹，应为文件', nameTooLong: '文件名超出此文件系统的长度上限', notDirectory: '路径中有一段不是文件夹', other: p.detail }[p.problem]}`,
    (p) => `${p.path}: ${p.writing ? 'cannot write: ' : ''}${{ missing: 'no such file or directory', denied: 'permission denied', directory: 'is a directory, expected a file', nameTooLong: 'the file name is too long for this file system', notDirectory: 'a part of the path is not a directory', other: p.detail }[p.problem]}`,
  ),
  // `kaoping recheck` (复核): the report's sentences.
  recheckTitle: say(
    (p: { policy: string; period: string | null; before: string; after: string }) => `复核 ${p.policy}${p.period ? ` · ${p.period}` : ''}：${p.before} → ${p.after}`,
    (p) => `Recheck of ${p.policy}${p.period ? ` · ${p.period}` : ''}: ${p.before} → ${p.after}`,
  ),
  recheckSummary: say(
    (p: { part: 'changes' | 'moved' | 'tiers'; count: number; units: number }) =>
      ({ changes: `数据变更：${p.count} 项，涉及 ${p.units} 个单位`, moved: `总分、名次或分段变化：${p.count} 个单位`, tiers: `换段：${p.count} 个单位` })[p.part],
    (p) => ({ changes: `data changes: ${en(p.count, 'value')} of ${en(p.units, 'unit')}`, moved: `total, rank or tier changed: ${en(p.count, 'unit')}`, tiers: `tier changed: ${en(p.count, 'unit')}` })[p.part],
  ),
  recheckHeading: say(
    (p: { part: 'changes' | 'tiers' | 'moved' | 'indicators' }) => ({ changes: '数据变更', tiers: '换段的单位', moved: '总分、名次或分段变化的单位', indicators: '指标得分变化' })[p.part],
    (p) => ({ changes: 'Data changes', tiers: 'Units that change tier', moved: 'Units whose total, rank or tier changes', indicators: 'Indicator scores that change' })[p.part],
  ),
  recheckSameInputs: say(() => '两份数据的输入值相同。', () => 'The two data sets hold the same input values.'),
  recheckColumns: say(() => '单位|类别|期间|输入|原值|更正后|记录', () => 'unit|kind|period|input|before|corrected|records'),
  recheckRecord: say((p: { added: boolean; record: string }) => `${p.added ? '新增' : '删除'}（${p.record}）`, (p) => `${p.added ? 'added' : 'removed'} (${p.record})`),
  recheckOnlyIn: say((p: { kind: string; unit: string; data: string }) => `${p.kind}「${p.unit}」只在 ${p.data} 中`, (p) => `${p.kind} ${p.unit} is only in ${p.data}`),
  diffArguments: say(
    (p: { count: number }) => `diff 接受 OLD 和 NEW（或 Git 的七个或九个差异驱动参数），实为 ${p.count} 个参数`,
    (p) => `diff takes OLD and NEW (or Git's seven or nine driver arguments), got ${p.count} arguments`,
  ),
  noPolicy: say((p: { label: string }) => `（${p.label}：没有体系）`, (p) => `(${p.label}: no policy)`),
  diffNotCompiled: say(
    (p: { label: string; errors: number; warnings: number }) => `（${p.label}：体系编译未通过：${p.errors} 个错误，${p.warnings} 个警告）`,
    (p) => `(${p.label}: the policy does not compile: ${en(p.errors, 'error')}, ${en(p.warnings, 'warning')})`,
  ),
  fixNotGit: say((p: { spec: string }) => `${p.spec}：--fix 修改磁盘上的文件，不能修改 Git 版本`, (p) => `${p.spec}: --fix changes files on disk, not Git revisions`),
  fixed: say(
    (p: { place: string; code: string; title: string }) => `${p.place}：已修正 ${p.code}：${p.title}`,
    (p) => `${p.place}: fixed ${p.code}: ${p.title}`,
  ),
  fixSummary: say(
    (p: { applied: number; files: number; left: number }) =>
      `在 ${p.files} 个文件中修正了 ${p.applied} 处${p.left ? `；另有 ${p.left} 处修正需要作者选择或与已作的修正重叠，未应用（编辑器中作为快速修复提供）` : ''}`,
    (p) => `applied ${en(p.applied, 'fix', 'fixes')} in ${en(p.files, 'file')}${p.left ? `; ${p.left} more need the author's choice or overlap a fix made, and were not applied (the editor offers them as quick fixes)` : ''}`,
  ),
  fmtNotGit: say((p: { spec: string }) => `${p.spec}：fmt 格式化磁盘上的文件，不能格式化 Git 版本`, (p) => `${p.spec}: fmt formats files on disk, not Git revisions`),
  notFormatted: say((p: { path: string }) => `${p.path}：未格式化（有语法错误）`, (p) => `${p.path}: not formatted (syntax errors)`),
  formatted: say((p: { path: string }) => `已格式化 ${p.path}`, (p) => `formatted ${p.path}`),
  outExtension: say(
    (p: { out: string; stream: boolean }) => `--out ${p.out}：${p.stream ? '用 --stream 时结果文件是 .csv' : '文件名须以 .json、.csv 或 .xlsx 结尾'}`,
    (p) => `--out ${p.out}: ${p.stream ? 'with --stream the results file is a .csv' : 'the file must end in .json, .csv or .xlsx'}`,
  ),
  skipWithStream: say(
    () => '--skip-bad-units 不能与 --stream 同用：流式读取的数据要么整体考评，要么不考评',
    () => '--skip-bad-units does not go with --stream: streamed data is evaluated whole or not at all',
  ),
  topCount: say((p: { top: string }) => `--top ${p.top}：应为单位个数（整数）`, (p) => `--top ${p.top}: expected a whole number of units`),
  // `kaoping new-version`
  destExists: say((p: { dest: string }) => `${p.dest}：已存在，不会覆盖；请换一个新文件夹`, (p) => `${p.dest}: already exists and is not overwritten; choose a new folder`),
  notPolicyFolder: say((p: { src: string }) => `${p.src}：不是考评体系文件夹`, (p) => `${p.src}: not a policy folder`),
  noPolicyHeader: say((p: { src: string }) => `${p.src}：没有「体系」声明（policy），不是考评体系`, (p) => `${p.src}: has no \`policy\` header, so it is not a policy`),
  versionSyntax: say((p: { src: string }) => `${p.src}：有语法错误，未创建新版本`, (p) => `${p.src}: has syntax errors; no new version was made`),
  cannotCreate: say((p: { dest: string; why: string }) => `${p.dest}：无法创建（${p.why}）`, (p) => `${p.dest}: cannot be created (${p.why})`),
  versionNoYear: say(
    (p: { version: string }) => `--version ${p.version}：版本中没有年份（如 2022），无法推算新的考评期间`,
    (p) => `--version ${p.version}: the version holds no year (e.g. 2022), so the new periods cannot be set`,
  ),
  versionCreated: say(
    (p: { dest: string; files: number; from: string; to: string }) => `已创建 ${p.dest}：${p.files} 个文件，版本 ${p.from} → ${p.to}`,
    (p) => `created ${p.dest}: ${en(p.files, 'file')}, version ${p.from} → ${p.to}`,
  ),
  versionEdit: say(
    (p: { place: string; what: 'version' | 'name' | 'period'; before: string; after: string }) =>
      `${p.place}  ${{ version: '版本', name: '体系名称', period: '考评期间' }[p.what]}：${p.before} → ${p.after}`,
    (p) => `${p.place}  ${{ version: 'version', name: 'policy name', period: 'period' }[p.what]}: ${p.before} → ${p.after}`,
  ),
  yearMentions: say((p: { year: string }) => `以下注释、说明或名称仍写有「${p.year}」，请逐一核对：`, (p) => `these comments, texts or names still mention ${p.year}; review each:`),
  moreMentions: say((p: { count: number }) => `…（另有 ${p.count} 处）`, (p) => `… (${p.count} more)`),
  dataNotCopied: say(
    (p: { dest: string }) => `未复制结果数据（data/）：上年数据属于上一年度；预览前请把本年度数据放在 ${p.dest}/data/`,
    (p) => `result data (data/) was not copied: last year's data belongs to last year; put this year's in ${p.dest}/data/ to preview`,
  ),
  versionNext: say(
    (p: { src: string; dest: string }) => `下一步：\n  1. 修改指标：编辑 ${p.dest} 中的 .kp 文件\n  2. 运行测试：kaoping test ${p.dest}\n  3. 审阅变化：kaoping diff ${p.src} ${p.dest}`,
    (p) => `next:\n  1. change the indicators: edit the .kp files in ${p.dest}\n  2. run the tests: kaoping test ${p.dest}\n  3. review the changes: kaoping diff ${p.src} ${p.dest}`,
  ),
  internalError: say((p: { what: string }) => `内部错误：${p.what}（这是 kaoping 的缺陷，请报告）`, (p) => `internal error: ${p.what}`),
  noUnit: say(
    (p: { data: string; unit: string; closest: string | null }) => `${p.data}：数据中没有单位${zq(p.unit)}${p.closest ? `；是否指${zq(p.closest)}？` : ''}`,
    (p) => `${p.data}: no unit ${p.unit} in the data${p.closest ? `; did you mean ${p.closest}?` : ''}`,
  ),
  monitorSummary: say(
    (p: { period: string; rules: number; units: number; severe: number; warning: number; notice: number }) =>
      `预警 ${p.period}：${p.rules} 条预警规则，检查 ${p.units} 个单位；严重 ${p.severe}，预警 ${p.warning}，提示 ${p.notice}`,
    (p) => `warnings ${p.period}: ${en(p.rules, 'rule')} checked on ${en(p.units, 'unit')}; ${p.severe} severe, ${p.warning} warning, ${p.notice} notice`,
  ),
  monitorNoRules: say(
    (p: { period: string; declared: number }) => p.declared === 0 ? '体系没有声明预警' : `没有适用于${zq(p.period)}的预警（体系声明了 ${p.declared} 条）`,
    (p) => p.declared === 0 ? 'the policy declares no warnings' : `no warning applies to ${p.period} (the policy declares ${en(p.declared, 'warning')})`,
  ),
  trendWithPeriod: say(() => '--period 与 --periods 不能同用：--periods 已列出要分析的期间', () => '--period does not go with --periods: --periods lists the periods to analyse'),
  trendPeriods: say(
    (p: { periods: string; count: number }) => `--periods ${p.periods}：趋势至少需要两个不同的期间（${p.periods === 'all' ? `数据中可分析的期间有 ${p.count} 个` : `列出了 ${p.count} 个`}）`,
    (p) => `--periods ${p.periods}: a trend needs at least two different periods (${p.periods === 'all' ? `the data has ${en(p.count, 'period')} to analyse` : `${p.count} listed`})`,
  ),
  trendRepeated: say((p: { period: string }) => `--periods：期间${zq(p.period)}列出了两次`, (p) => `--periods: period ${p.period} is listed twice`),
  help: say((p: { text: string }) => `提示：${p.text}`, (p) => `help: ${p.text}`),
  note: say((p: { place: string; text: string }) => `注：${p.place}：${p.text}`, (p) => `note: ${p.place}: ${p.text}`),
  seePage: say((p: { page: string }) => `说明：${p.page}`, (p) => `see: ${p.page}`),
} as const;
