// The web editor's own sentences (labels, notes, summaries): Chinese by default, English with `?lang=en`
// (editor/src/app/ui-text.ts). Not codes: the compiler's and runtime's messages come with their own.
import { say } from './catalogue.js';

const en = (n: number, noun: string, plural = `${noun}s`) => `${n} ${n === 1 ? noun : plural}`;

export const EDITOR = {
  // Problems list.
  problemPlace: say((p: { file: string; line: number; column: number }) => `${p.file}:${p.line}:${p.column}`, (p) => `${p.file}:${p.line}:${p.column}`),
  problemHint: say((p: { text: string }) => `提示：${p.text}`, (p) => `hint: ${p.text}`),
  quickFixes: say((p: { count: number }) => `${p.count} 个快速修复（灯泡或 Ctrl+.）`, (p) => `${en(p.count, 'quick fix', 'quick fixes')} (light bulb or Ctrl+.)`),
  // Preview kept running on a points mismatch.
  pointsPreview: say(
    (p: { sections: string[] }) => `板块分值不符（${p.sections.join('、')}）：这是错误，须改正；预览暂按板块标明的分值计算（得分不超过该分值），以便试算`,
    (p) => `section points do not add up (${p.sections.join(', ')}): an error to fix; meanwhile the preview evaluates with the points each section states (its score capped at them), so you can try things`,
  ),
  testsNeedClean: say(
    (p: { errors: number }) => `源文件有 ${p.errors} 个错误，测试未能运行`,
    (p) => `the sources have ${en(p.errors, 'error')}: the tests were not run`,
  ),
  // What-if against the saved version.
  whatIfSummary: say(
    (p: { changed: number; tiers: number; ranks: number }) =>
      `与已保存版本相比：${p.changed} 个单位得分变化，${p.ranks} 个单位名次变化，${p.tiers} 个单位换段`,
    (p) => `against the saved version: ${en(p.changed, 'unit')} change score, ${en(p.ranks, 'unit')} change rank, ${en(p.tiers, 'unit')} change tier`,
  ),
  whatIfNone: say(() => '与已保存版本相比，没有单位的得分、名次或段次变化', () => 'against the saved version, no unit changes score, rank or tier'),
  whatIfUnavailable: say((p: { reason: string }) => `无法与已保存版本比较：${p.reason}`, (p) => `cannot compare with the saved version: ${p.reason}`),
  whatIfSavedBroken: say(() => '已保存的版本有编译错误', () => 'the saved version does not compile'),
  scoreUp: say((p: { amount: string }) => `得分比已保存版本高 ${p.amount}`, (p) => `score ${p.amount} above the saved version`),
  scoreDown: say((p: { amount: string }) => `得分比已保存版本低 ${p.amount}`, (p) => `score ${p.amount} below the saved version`),
  rankMoved: say((p: { before: number | null; after: number | null }) => `名次 ${p.before ?? '—'} → ${p.after ?? '—'}`, (p) => `rank ${p.before ?? '—'} → ${p.after ?? '—'}`),
  tierMoved: say((p: { before: string | null; after: string | null }) => `段 ${p.before ?? '—'} → ${p.after ?? '—'}`, (p) => `tier ${p.before ?? '—'} → ${p.after ?? '—'}`),
  // A gate or veto that held, beside the tier it decided (the rules as written in the title).
  tierHeld: say((p: { veto: boolean }) => (p.veto ? '否决' : '受限'), (p) => (p.veto ? 'vetoed' : 'gated')),
  changedOnly: say(() => '只看变化的单位', () => 'changed units only'),
  // Downloads.
  downloadResults: say(() => '下载结果（XLSX）', () => 'Download results (XLSX)'),
  downloadBulletin: say(() => '下载通报（HTML）', () => 'Download bulletin (HTML)'),
  downloadFailed: say((p: { reason: string }) => `下载失败：${p.reason}`, (p) => `download failed: ${p.reason}`),
  noResults: say(() => '没有可下载的结果：请先载入数据并使体系编译通过', () => 'no results to download: load data and make the policy compile first'),
  // Tests tab.
  failuresOnly: say(() => '只看未通过的测试', () => 'failures only'),
  allPassedHidden: say((p: { passed: number }) => `${p.passed} 个测试全部通过（已隐藏）`, (p) => `all ${en(p.passed, 'test')} passed (hidden)`),
  // Explanations grouped by section.
  tierReason: say(() => '名次与段次', () => 'rank and tier'),
  otherLines: say(() => '其他', () => 'other'),
  // The 预警 tab.
  warningsNone: say(() => '此体系没有声明预警（预警 … 级别 … { 当 … 消息 "…" }）。', () => 'This policy declares no warnings (warning … level … { when … message "…" }).'),
  warningsUnchecked: say(() => '没有检查预警', () => 'no warnings checked'),
  warningsSummary: say(
    (p: { period: string; checked: number; severe: number; warning: number; notice: number }) =>
      `${p.period}：检查 ${p.checked} 条预警，严重 ${p.severe}，预警 ${p.warning}，提示 ${p.notice}`,
    (p) => `${p.period}: ${en(p.checked, 'warning')} checked; ${p.severe} severe, ${p.warning} warning, ${p.notice} notice`,
  ),
  warningsColumn: say(
    (p: { column: 'unit' | 'level' | 'warning' | 'message' }) => ({ unit: '单位', level: '级别', warning: '预警', message: '消息' })[p.column],
    (p) => ({ unit: 'unit', level: 'level', warning: 'warning', message: 'message' })[p.column],
  ),
  warningGrounds: say((p: { grounds: string }) => `依据：${p.grounds}`, (p) => `grounds: ${p.grounds}`),
  warningsNoPeriod: say(
    (p: { declared: number }) => `数据中没有适用这 ${p.declared} 条预警的期间`,
    (p) => `the data has no period that any of the ${en(p.declared, 'warning')} applies to`,
  ),
  warningsFailed: say((p: { problem: { zh: string; en: string } }) => `预警未能检查：${p.problem.zh}`, (p) => `the warnings could not be checked: ${p.problem.en}`),
  warningsNote: say((p: { problem: { zh: string; en: string } }) => p.problem.zh, (p) => p.problem.en),
  // 绩效分析 flags beside the indicators (the short name comes with both spellings from the runtime's table).
  analysisFlag: say(
    (p: { flag: 'uniform_full' | 'constant' | 'never_deducted' | 'too_harsh'; name: { zh: string; en: string }; scored: number; count: number; score: string | null; lines: string[] }) => {
      const share = `${((p.count / p.scored) * 100).toFixed(1)}%`;
      return `${p.name.zh}：${{
        uniform_full: `参评 ${p.scored} 个单位中 ${p.count} 个得满分（${share}）`,
        too_harsh: `参评 ${p.scored} 个单位中 ${p.count} 个得 0 分（${share}）`,
        constant: `参评的 ${p.scored} 个单位得分相同（均为 ${p.score} 分）`,
        never_deducted: `${p.lines.map((l) => `「${l}」`).join('、')}对参评的 ${p.scored} 个单位都未扣分`,
      }[p.flag]}`;
    },
    (p) => {
      const share = `${((p.count / p.scored) * 100).toFixed(1)}%`;
      return `${p.name.en}: ${{
        uniform_full: `${p.count} of the ${p.scored} units scored are at full points (${share})`,
        too_harsh: `${p.count} of the ${p.scored} units scored are at 0 (${share})`,
        constant: `all ${p.scored} units scored have ${p.score}`,
        never_deducted: `${p.lines.map((l) => `"${l}"`).join(', ')} took nothing from any of the ${p.scored} units scored`,
      }[p.flag]}`;
    },
  ),
  analysisMark: say(
    (p: { period: string | null; text: string }) => `${p.period ? `${p.period} ` : ''}${p.text}（阈值可在「绩效分析」声明中设定）`,
    (p) => `${p.period ? `${p.period} ` : ''}${p.text} (thresholds: the \`analysis\` declaration)`,
  ),
  analysisSource: say(() => '绩效分析', () => 'indicator analysis'),
  // Save as a new version.
  newVersion: say(() => '另存为新版本…', () => 'Save as new version…'),
  newVersionFolder: say(() => '新版本的文件夹名（policies/ 下）', () => 'folder of the new version (under policies/)'),
  newVersionNumber: say(() => '版本号（如 2022）', () => 'version (e.g. 2022)'),
  newVersionCreate: say(() => '创建', () => 'Create'),
  newVersionCancel: say(() => '取消', () => 'Cancel'),
  newVersionUnsaved: say(() => '请先保存所有修改：新版本从磁盘上已保存的版本复制', () => 'save every change first: the new version is copied from the saved one on disk'),
  newVersionDone: say(
    (p: { name: string; files: number }) => `已创建 ${p.name}（${p.files} 个文件），已打开；用“版本评审”与原版本比较`,
    (p) => `created ${p.name} (${en(p.files, 'file')}) and opened it; compare it with its origin in Review`,
  ),
  newVersionFailed: say((p: { reason: string }) => `未能创建新版本：${p.reason}`, (p) => `could not create the new version: ${p.reason}`),
  newVersionRefused: say(
    (p: { reason: 'badName' | 'noSource' | 'exists' | 'syntax' | 'noPolicy' | 'noYear'; name: string; version: string }) => `未能创建新版本：${{
      badName: `文件夹名「${p.name}」只能由字母、汉字、数字、- 和 _ 组成，版本号不能为空`,
      noSource: '找不到当前体系的文件夹',
      exists: `policies/${p.name} 已存在，不会覆盖；请换一个名字`,
      syntax: '当前体系有语法错误，请先改正',
      noPolicy: '当前体系没有「体系」声明',
      noYear: `版本「${p.version}」或当前体系中没有年份（如 2022），无法推算新的考评期间`,
    }[p.reason]}`,
    (p) => `could not create the new version: ${{
      badName: `the folder name "${p.name}" may hold only letters, digits, - and _, and the version may not be empty`,
      noSource: 'the folder of the open policy was not found',
      exists: `policies/${p.name} already exists and is not overwritten; choose another name`,
      syntax: 'the open policy has syntax errors; fix them first',
      noPolicy: 'the open policy has no `policy` header',
      noYear: `the version "${p.version}" or the open policy holds no year (e.g. 2022), so the new periods cannot be set`,
    }[p.reason]}`,
  ),
} as const;
