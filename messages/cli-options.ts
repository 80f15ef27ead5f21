// The `kaoping` command's refusals of how it was called and of what it was given outside a policy or data file
// (options that do not fit together, standard input, the engines' set-up, the service's address), and the decision
// log's replay.
import { en, enList, say } from './catalogue.js';

export const CLI_OPTIONS = {
  optionExpected: say(
    (p: { option: string; value: string; expected: string[] }) => `${p.option} ${p.value}：应为 ${p.expected.join(' 或 ')}`,
    (p) => `${p.option} ${p.value}: expected ${enList(p.expected, false, 'or')}`,
  ),
  wholeNumberAtLeast: say(
    (p: { option: string; value: string; min: number }) => `${p.option} ${p.value}：应为不小于 ${p.min} 的整数`,
    (p) => `${p.option} ${p.value}: expected a whole number of at least ${p.min}`,
  ),
  optionNeeds: say(
    (p: { option: string; needs: string }) => `${p.option} 须与 ${p.needs} 同用`,
    (p) => `${p.option} goes with ${p.needs}`,
  ),
  logWithStream: say(
    () => '--log 不能与 --stream 同用：流式考评没有可计算哈希值的完整结果',
    () => '--log does not go with --stream: a streamed evaluation has no whole results to hash',
  ),
  notWithEngine: say((p: { option: string }) => `${p.option} 暂不能与 --engine 同用`, (p) => `${p.option} does not go with --engine yet`),
  // `--data -`
  stdinStream: say(
    () => '--data -：标准输入整体读取（JSON 或 .xlsx 工作簿）；--stream 读取 CSV 文件',
    () => '--data -: standard input is read whole (JSON or an .xlsx workbook); --stream reads CSV files',
  ),
  stdinNone: say(() => '--data -：没有可读取的标准输入', () => '--data -: there is no standard input to read'),
  stdinEmpty: say(() => '--data -：标准输入为空（应为 JSON 或 .xlsx 工作簿）', () => '--data -: standard input is empty (expected JSON or an .xlsx workbook)'),
  stdinUnknown: say(
    () => '--data -：标准输入既不是 JSON，也不是 .xlsx 工作簿（CSV 表以文件名区分：请给出文件或文件夹）',
    () => '--data -: standard input is neither JSON nor an .xlsx workbook (CSV tables are named by their files: give the file or the folder)',
  ),
  // `--engine duckdb|postgres`
  postgresNeedsDb: say(
    () => '--engine postgres 需要 --db URL（postgresql://用户@主机/数据库）',
    () => '--engine postgres needs --db URL (postgresql://user@host/database)',
  ),
  schemaNeedsPostgres: say(() => '--schema 须与 --engine postgres 同用', () => '--schema goes with --engine postgres'),
  engineNoData: say(
    () => '请给出数据：--data 文件|文件夹，或用 --db 指向存有体系各表的数据库',
    () => "give the data: --data FILE|FOLDER, or --db with the policy's tables",
  ),
  intoNeedsDb: say(() => '--into 需要 --db：结果表写入的数据库', () => '--into needs --db: the database the results table goes in'),
  duckdbDataOrDb: say(
    () => '--data 与 --db 只能给一个（DuckDB 读取 .duckdb 文件中的表，或读取数据文件）',
    () => '--data and --db: give one (DuckDB reads the tables of a .duckdb file, or the data files)',
  ),
  engineStopped: say(
    (p: { engine: string; problems: number }) => `${p.engine} 引擎已停止：${p.problems} 个问题`,
    (p) => `the ${p.engine} engine stopped: ${en(p.problems, 'problem')}`,
  ),
  // `kaoping serve`
  hostNeedsToken: say(
    (p: { host: string }) => `--host ${p.host}：没有令牌时只在本机回环地址（127.0.0.1）上服务；请给出 --token 或 KAOPING_TOKEN`,
    (p) => `--host ${p.host}: only loopback (127.0.0.1) is served without a token; give --token or KAOPING_TOKEN`,
  ),
  cannotListen: say(
    (p: { address: string; why: string }) => `无法在 ${p.address} 上监听：${p.why}`,
    (p) => `cannot listen on ${p.address}: ${p.why}`,
  ),
  serving: say(
    (p: { address: string; policies: string; log: string | null }) => `kaoping serve：正在 ${p.address} 上服务（体系：${p.policies}${p.log ? `，决策日志：${p.log}` : ''}）`,
    (p) => `kaoping serve: listening on ${p.address} (policies: ${p.policies}${p.log ? `, decision log: ${p.log}` : ''})`,
  ),
  // Files read whole, and the decision log.
  fileTooLarge: say(
    (p: { file: string; size: string; limit: string; what: 'file' | 'policyFile'; characters?: number }) =>
      `${p.file}：磁盘上 ${p.size}，超过${p.what === 'policyFile' ? `体系源文件的上限 ${p.limit}（${p.characters} 个字符）` : `文件的上限 ${p.limit}`}；未读取即拒绝`,
    (p) => `${p.file}: ${p.size} on disk, beyond the ${p.limit} ${p.what === 'policyFile' ? `a policy file (${p.characters} characters)` : 'a file'} may take; refused before reading`,
  ),
  decisionLogUnwritable: say((p: { dir: string; why: string }) => `${p.dir}：无法写入决策日志：${p.why}`, (p) => `${p.dir}: cannot write the decision log: ${p.why}`),
  // `kaoping replay`
  replayNotJson: say((p: { where: string; why: string }) => `${p.where}：不是 JSON（${p.why}）`, (p) => `${p.where}: not JSON (${p.why})`),
  replayNotDecision: say(
    (p: { where: string; field: string | null; why: string }) => `${p.where}：不是决策日志行（${p.field ?? '该行'}：${p.why}）`,
    (p) => `${p.where}: not a decision log line (${p.field ?? 'the line'}: ${p.why})`,
  ),
  replayNoLines: say((p: { file: string }) => `${p.file}：没有决策日志行`, (p) => `${p.file}: no decision log lines`),
  replayDecision: say(
    (p: ReplayedDecision) => `${p.where}：${p.time} ${p.policy}（${p.version}）${p.period ? `，期间 ${p.period}` : ''}`,
    (p) => `${p.where}: ${p.time} ${p.policy} (${p.version})${p.period ? `, period ${p.period}` : ''}`,
  ),
  replayReproduced: say(
    (p: { decision: string; results: string }) => `✓ ${p.decision}：已重现（结果 SHA-256 ${p.results}）`,
    (p) => `✓ ${p.decision}: reproduced (results SHA-256 ${p.results})`,
  ),
  replayNotReproduced: say((p: { decision: string; why: string }) => `✗ ${p.decision}：未能重现：${p.why}`, (p) => `✗ ${p.decision}: NOT reproduced: ${p.why}`),
  replaySummary: say(
    (p: { reproduced: number; failed: number }) => `${p.reproduced} 项决策已重现，${p.failed} 项未能重现`,
    (p) => `${en(p.reproduced, 'decision')} reproduced, ${p.failed} not`,
  ),
  replayWhy: say(
    (p: ReplayFailure) => {
      switch (p.why) {
        case 'policyUnreadable': return `体系无法读取：${p.detail}`;
        case 'policyNotCompiling': return `体系 ${p.spec}（在 ${p.cwd}）已不能编译`;
        case 'policyChanged': return `体系 ${p.spec}（在 ${p.cwd}）此后已修改：规则图的 SHA-256 为 ${p.now}，日志记为 ${p.logged}`;
        case 'dataUnreadable': return `数据不能整体读取：${p.detail}`;
        case 'dataNotLogged': return `数据不是日志所记的数据：其 SHA-256 为 ${p.now}，日志记为 ${p.logged}`;
        case 'dataNotEvaluating': return `数据已不能考评（${p.issues} 个问题；第一个：${p.first}）`;
        case 'resultsDiffer': return `结果不同：其 SHA-256 为 ${p.now}，日志记为 ${p.logged}`;
        case 'fileChanged': return `数据文件 ${p.name}：${p.file} 在记录后已修改（SHA-256 ${p.now}，日志记为 ${p.logged}）`;
        case 'fileMissing': return `找不到数据文件 ${p.name}${p.tried.length > 0 ? `（查找了 ${p.tried.join(' 和 ')}）` : ''}：请用 --log-data 保留数据，或用 --data 给出数据`;
      }
    },
    (p) => {
      switch (p.why) {
        case 'policyUnreadable': return `the policy cannot be read: ${p.detail}`;
        case 'policyNotCompiling': return `the policy ${p.spec} (in ${p.cwd}) no longer compiles`;
        case 'policyChanged': return `the policy ${p.spec} (in ${p.cwd}) has changed since: its graph's SHA-256 is ${p.now}, the log says ${p.logged}`;
        case 'dataUnreadable': return `the data cannot be read whole: ${p.detail}`;
        case 'dataNotLogged': return `the data is not the data logged: its SHA-256 is ${p.now}, the log says ${p.logged}`;
        case 'dataNotEvaluating': return `the data no longer evaluates (${en(p.issues, 'issue')}; first: ${p.first})`;
        case 'resultsDiffer': return `the results differ: their SHA-256 is ${p.now}, the log says ${p.logged}`;
        case 'fileChanged': return `data file ${p.name}: ${p.file} has changed since it was logged (SHA-256 ${p.now}, the log says ${p.logged})`;
        case 'fileMissing': return `data file ${p.name} is not found${p.tried.length > 0 ? ` (looked for ${p.tried.join(' and ')})` : ''}: keep data with --log-data, or give it with --data`;
      }
    },
  ),
} as const;

export interface ReplayedDecision {
  where: string;
  time: string;
  policy: string;
  version: string;
  period: string | null;
}

/** Why a logged decision was not reproduced; hashes are shortened for reading. */
export type ReplayFailure =
  | { why: 'policyUnreadable' | 'dataUnreadable'; detail: string }
  | { why: 'policyNotCompiling'; spec: string; cwd: string }
  | { why: 'policyChanged'; spec: string; cwd: string; now: string; logged: string }
  | { why: 'dataNotLogged' | 'resultsDiffer'; now: string; logged: string }
  | { why: 'dataNotEvaluating'; issues: number; first: string }
  | { why: 'fileChanged'; name: string; file: string; now: string; logged: string }
  | { why: 'fileMissing'; name: string; tried: string[] };
