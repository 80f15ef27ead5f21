// The help of the `kaoping` command (`kaoping --help`, `kaoping eval --help`): the program's and each command's
// description, its arguments' and options' descriptions and the notes after them, in Chinese and English. One
// entry per command, read by its definition in cli/commands/; Commander's own words are in cli-usage.ts.
import { say, type Texts } from './catalogue.js';
import { ENGLISH_KEYWORDS, type Lang } from './index.js';

/** A help text in the language of the run, with its parameters checked against the text. */
export type HelpWords = <P extends object>(texts: Texts<P>, ...params: [keyof P] extends [never] ? [] : [P]) => string;

export function helpWords(lang: Lang): HelpWords {
  return (texts, ...params) => texts[lang]((params[0] ?? {}) as never, ENGLISH_KEYWORDS);
}

// Descriptions several commands share.
const POLICY_PATH = say(() => '考评体系文件夹、.kp 文件，或 Git 版本说明 REV:path', () => 'policy folder, .kp file, or Git revision spec REV:path');
const RESULT_DATA = say(
  () => '结果数据：.json 文件、.xlsx 工作簿或 CSV 文件的文件夹',
  () => 'result data: a .json file, an .xlsx workbook, or a folder of CSV files',
);
const RESULT_DATA_OR_STDIN = say(
  () => '结果数据：.json 文件、.xlsx 工作簿、CSV 文件的文件夹，或 - 表示标准输入（JSON 或 .xlsx）',
  () => 'result data: a .json file, an .xlsx workbook, a folder of CSV files, or - for standard input (JSON or .xlsx)',
);
const PERIOD = say(() => '考评的期间（如 2021 或 2021Q2）', () => 'the period to evaluate (e.g. 2021 or 2021Q2)');
const REPORT_FORMAT = say(() => '报告格式', () => 'report format');
const CSV_RAW = say(
  () => "与 --out FILE.csv 同用：以 = + - @、制表符或回车开头的文本单元格照原样写出，不加防止电子表格把它们当作公式执行的前导 '",
  () => "with --out FILE.csv: write text cells beginning with = + - @ tab or CR as they are, without the leading ' that keeps spreadsheets from running them as formulas",
);

const ENGINE_DB = say(
  () => '与 --engine 同用：存放体系数据表的数据库（.duckdb 文件或 postgresql:// URL）',
  () => "with --engine: the database holding the policy's tables (a .duckdb file, a postgresql:// URL)",
);
const ENGINE_SCHEMA = say(() => '与 --engine postgres 同用：数据表所在的 schema', () => 'with --engine postgres: the schema of the tables');

export const CLI_HELP = {
  program: {
    description: say(() => '考评——绩效考评指标体系的规则即代码', () => '考评 — rules-as-code for performance-evaluation indicator systems'),
    lang: say(
      () => '消息的语言：zh 或 en（未给出时依 KAOPING_LANG，再依区域设置；都未设置时为 zh）',
      () => 'language of messages: zh or en (else KAOPING_LANG, else the locale; zh when unset)',
    ),
    exitCodes: say(
      () => '退出码：\n  0  成功\n  1  输入有错误（体系、数据、文件）或测试未通过\n  2  用法错误（未知的命令或选项，缺少参数）\n  3  内部错误（kaoping 的缺陷，请报告）',
      () => 'Exit codes:\n  0  success\n  1  errors in the input (policy, data, files) or failed tests\n  2  usage error (unknown command or option, missing argument)\n  3  internal error (a bug in kaoping; please report it)',
    ),
  },
  check: {
    description: say(() => '检查考评体系：语法、名称、类型、分值和断言', () => 'check policies: syntax, names, types, points and assertions'),
    path: POLICY_PATH,
    format: say(() => '输出格式', () => 'output format'),
    fix: say(
      () => '先把无歧义的快速修复应用到文件（逐条打印），再报告余下的问题',
      () => 'apply the unambiguous quick fixes to the files first (each one is printed), then report what is left',
    ),
    after: say(
      () => '任一体系有错误（用 --fix 时：修复后仍有错误）时退出码为 1；只有警告时退出码为 0。',
      () => 'Exit code 1 when any policy has errors (after --fix: errors left); warnings alone exit 0.',
    ),
  },
  fmt: {
    description: say(() => '就地格式化体系源文件（规范布局，保留注释）', () => 'format policy sources in place (canonical layout, comments kept)'),
    path: say(
      () => '体系文件夹、存放体系文件夹的文件夹（如 policies/）或 .kp 文件',
      () => 'policy folder, folder of policy folders (e.g. policies/), or .kp file',
    ),
    check: say(() => '不写入；列出会改变的文件，有则退出码为 1', () => 'write nothing; list the files that would change and exit 1 if any'),
    after: say(
      () => '有语法错误的文件保持原样并予报告（退出码 1）。文件以原子方式替换。',
      () => 'A file with syntax errors is left untouched and reported (exit 1). Files are replaced atomically.',
    ),
  },
  build: {
    description: say(() => '把体系编译为规则图（JSON，键序固定）', () => 'compile a policy to its rule graph (JSON, stable key order)'),
    path: POLICY_PATH,
    out: say(() => '把规则图写入此文件（默认：标准输出）', () => 'write the graph to this file (default: standard output)'),
    to: say(() => 'graph（JSON，默认）或 sql：一次考评的 SQL 脚本', () => 'graph (JSON, the default) or sql: the SQL script of an evaluation'),
    dialect: say(() => '与 --to sql 同用：duckdb 或 postgres', () => 'with --to sql: duckdb or postgres'),
    period: say(
      () => '与 --to sql 同用：考评的期间（此时数据表有期间列）',
      () => 'with --to sql: the period evaluated (the tables then have a period column)',
    ),
  },
  eval: {
    description: say(() => '考评结果数据：各单位的总分、名次和段次', () => 'evaluate result data: totals, ranks, tiers per unit'),
    path: POLICY_PATH,
    data: RESULT_DATA_OR_STDIN,
    engine: say(
      () => '在 SQL 引擎中考评：duckdb（进程内）或 postgres（见 docs/engines.md）',
      () => 'evaluate in a SQL engine: duckdb (in process) or postgres (docs/engines.md)',
    ),
    db: ENGINE_DB,
    schema: ENGINE_SCHEMA,
    into: say(
      () => '与 --engine 和 --db 同用：另把各单位的结果写入数据库的这张表（重新建表）',
      () => "with --engine and --db: also write each unit's results into this table of the database (made anew)",
    ),
    period: PERIOD,
    out: say(() => '另把结果写入文件：.json、.csv 或 .xlsx（按扩展名）', () => 'also write the results: .json, .csv or .xlsx (by extension)'),
    headers: say(
      () => '--out 所写 CSV/XLSX 的表头和标记的语言：zh（名次、总分、免考）或 en（rank、total、exempt）',
      () => 'language of the --out CSV/XLSX headers and marks: zh (名次, 总分, 免考) or en (rank, total, exempt)',
    ),
    skipBadUnits: say(() => '考评没有数据错误的单位，其余单位列为跳过', () => 'evaluate the units without data errors and list the others as skipped'),
    stream: say(
      () => '用于大量 CSV 数据（百万个单位）：分块读入各列；显示每个排名的前列和各段的单位数',
      () => 'for large CSV data (a million units): read it in chunks into columns; show the head of each ranking and the tier counts',
    ),
    top: say(() => '与 --stream 同用：每类单位显示多少个', () => 'with --stream: how many units of each kind to show'),
    csvRaw: CSV_RAW,
    log: say(
      () => '向 DIR/decisions-YYYY-MM-DD.jsonl 追加一行决策日志（供 kaoping replay 使用）',
      () => 'append a decision log line to DIR/decisions-YYYY-MM-DD.jsonl (for kaoping replay)',
    ),
    logData: say(
      () => '与 --log 同用：在 DIR/data/<sha256> 保存一份数据，replay 时不需要数据的路径',
      () => "with --log: keep a copy of the data in DIR/data/<sha256>, so that replay does not need the data's path",
    ),
    after: say(
      () => '数据有错误（每个错误都指明单位、字段、文件和行）或 --skip-bad-units 跳过了所有单位时，退出码为 1。',
      () => 'Exit code 1 when the data has errors (each named by unit, field, file and row), or when\n--skip-bad-units has skipped every unit.',
    ),
  },
  explain: {
    description: say(
      () => '解释一个单位的得分：读取的输入、适用的规则、扣分、封顶、名次和段次',
      () => "explain a unit's scores: inputs read, rules applied, deductions, caps, rank and tier",
    ),
    path: POLICY_PATH,
    data: RESULT_DATA_OR_STDIN,
    unit: say(() => '要解释的单位（其编号）', () => 'the unit to explain (its id)'),
    indicator: say(() => '只解释此指标', () => 'only this indicator'),
    period: PERIOD,
    stream: say(
      () => '用于大量 CSV 数据：像 `eval --stream` 一样分块读入各列',
      () => 'for large CSV data: read it in chunks into columns, as `eval --stream` does',
    ),
    engine: say(
      () => '在 SQL 引擎中考评（duckdb 或 postgres），只读回此单位的记录（见 docs/engines.md）',
      () => "evaluate in a SQL engine, duckdb or postgres, and read only this unit's records back (docs/engines.md)",
    ),
    db: ENGINE_DB,
    schema: ENGINE_SCHEMA,
  },
  test: {
    description: say(() => '运行体系中的测试（test 块）', () => "run the policies' test blocks"),
    path: POLICY_PATH,
    coverage: say(
      () => '另以树形打印测试走到了哪些分档、分支、行、门槛、否决和并列规则',
      () => 'also print which bands, branches, lines, gates, vetoes and tie rules the tests reached, as a tree',
    ),
    json: say(() => '以 JSON 打印结果（用 --coverage 时连同覆盖情况）', () => 'print the results (and with --coverage the coverage) as JSON'),
    after: say(
      () => '有测试失败、体系编译未通过，或测试覆盖率低于体系声明的下限时，退出码为 1。',
      () => "Exit code 1 when a test fails, a policy does not compile, or the tests' coverage is below the policy's declared minimum.",
    ),
  },
  diff: {
    description: say(() => '两个体系版本的语义差异（及其对数据的影响）', () => 'semantic diff of two policy versions (and its impact on data)'),
    old: say(
      () => '旧版本：文件夹、.kp 文件或 Git 版本说明（HEAD~1:policies/x）',
      () => 'old version: folder, .kp file, or Git revision spec (HEAD~1:policies/x)',
    ),
    new: say(() => '新版本：文件夹、.kp 文件或 Git 版本说明', () => 'new version: folder, .kp file, or Git revision spec'),
    gitArgs: say(
      () => '作为 Git 差异驱动时：Git 另外传入的五个参数（重命名时七个）',
      () => 'as a Git diff driver: the five further arguments Git passes (seven on a rename)',
    ),
    data: say(
      () => '结果数据（JSON、.xlsx、CSV 文件夹，或 - 表示标准输入）：显示两个版本下的总分、名次和段次',
      () => 'result data (JSON, .xlsx, CSV folder, or - for standard input): show totals, ranks and tiers under both',
    ),
    period: PERIOD,
    format: REPORT_FORMAT,
    after: say(
      () =>
        '作为 Git 差异驱动（见 docs/cli.md）：在 .gitattributes 中写 `*.kp diff=kaoping`，并执行\n' +
        '  git config diff.kaoping.command "node $PWD/cli/kaoping.mjs diff"\n' +
        'Git 随后以七个参数（文件改名或复制时九个）调用它；变更文件所在文件夹中的其他 .kp 文件从工作区读取，\n' +
        '所以只改一个文件时，显示的是整个体系的变化。',
      () =>
        'As a Git diff driver (see docs/cli.md): .gitattributes `*.kp diff=kaoping` and\n' +
        '  git config diff.kaoping.command "node $PWD/cli/kaoping.mjs diff"\n' +
        "Git then calls it with seven arguments (nine for a renamed or copied file); the other .kp files of the\n" +
        "changed file's folder are read from the working tree, so a one-file change is shown as the change to\n" +
        'the whole policy.',
    ),
  },
  export: {
    description: say(() => '把体系中按单位计算的规则导出给其他规则引擎', () => 'export the per-unit rules of a policy for another rule engine'),
    path: POLICY_PATH,
    to: say(() => '目标引擎', () => 'target engine'),
    out: say(() => '写入此文件（默认：标准输出）', () => 'write to this file (default: standard output)'),
    after: say(
      () =>
        '每个由单位自身数据决定的指标导出为一条 json-rules-engine 规则。需要全部单位才能计算的内容\n' +
        '（名次、同类统计、关联扣分、板块、总分、段次）列在 "notExported" 下。\n' +
        '宿主程序须注册 "extensions" 下列出的运算符和事实（见 export/json-rules-engine.ts 中的 registerKaopingExtensions）。',
      () =>
        "One json-rules-engine rule per indicator that a unit's own data decides. What needs all units\n" +
        '(ranks, peer statistics, linked deductions, sections, totals, tiers) is listed under "notExported".\n' +
        'The host registers the operators and facts listed under "extensions" (registerKaopingExtensions in\n' +
        'export/json-rules-engine.ts).',
    ),
  },
  serve: {
    description: say(
      () => '把一个文件夹中的体系作为 JSON 服务提供（OpenAPI 在 /openapi.json），并在 / 提供网页编辑器',
      () => 'serve the policies of a folder as a JSON service (OpenAPI at /openapi.json), and the web editor at /',
    ),
    policies: say(() => '其各子文件夹即各个体系的文件夹', () => 'the folder whose subfolders are the policies'),
    host: say(() => '监听的地址；非回环地址须同时给出令牌', () => 'the address to listen on; other than loopback only with a token'),
    port: say(() => '端口（0：任一空闲端口）', () => 'the port (0: any free port)'),
    token: say(
      () => '要求请求带 Authorization: Bearer <token>（默认：环境变量 KAOPING_TOKEN）',
      () => 'require Authorization: Bearer <token> (default: the KAOPING_TOKEN environment variable)',
    ),
    log: say(
      () => '每次考评向 DIR/decisions-YYYY-MM-DD.jsonl 追加一行决策日志',
      () => 'append a decision log line per evaluation to DIR/decisions-YYYY-MM-DD.jsonl',
    ),
    logData: say(
      () => '与 --log 同用：在 DIR/data/<sha256> 保存每次考评的数据，replay 时不再需要别的',
      () => "with --log: keep a copy of each evaluation's data in DIR/data/<sha256>, so that replay needs nothing else",
    ),
    maxBody: say(() => '请求体的字节数上限（JSON 或所有上传的文件）', () => 'largest request body (JSON or all uploaded files)'),
    maxUnits: say(() => '一次请求的单位数上限', () => 'most units of one request'),
    timeout: say(() => '一次考评的最长时间（毫秒）', () => 'longest evaluation'),
    maxConcurrent: say(() => '同时进行的考评请求数上限（超出时返回 429）', () => 'most evaluation requests in progress at once (beyond: 429)'),
    workers: say(
      () => '在事件循环之外同时考评的线程数（默认：每个核一个；0：在事件循环上考评）',
      () => 'threads evaluating at once, off the event loop (default: one per core; 0: on the event loop)',
    ),
  },
  replay: {
    description: say(
      () => '重新考评决策日志（kaoping eval/serve --log）记录的内容，并核对结果是否相同',
      () => 'evaluate again what decision log lines record (kaoping eval/serve --log) and check the results are the same',
    ),
    lineOrFile: say(() => '一行日志（JSON），或一个 decisions-*.jsonl 文件（其中每一行）', () => 'one log line (JSON), or a decisions-*.jsonl file (every line)'),
    policies: say(
      () => '读取此文件夹中的体系，而不是日志记录的那个（对 serve：其 --policies 文件夹）',
      () => 'read the policy in this folder instead of the one logged (for serve: the --policies folder)',
    ),
    log: say(
      () => '日志文件夹，其 data/ 中存有保存的数据（默认：日志文件所在的文件夹）',
      () => "the log folder, whose data/ holds kept data (default: the file's folder)",
    ),
    data: say(
      () => '数据：日志未保存数据、数据也不在记录的路径时给出（按其 SHA-256 核对）',
      () => 'the data, when it was neither kept nor is at its logged path (checked by its SHA-256)',
    ),
    after: say(
      () => '有一行不能重现（体系、数据或结果与日志不同）时，退出码为 1。',
      () => 'Exit code 1 when a line does not reproduce: the policy, the data or the results differ from the log.',
    ),
  },
  recheck: {
    description: say(
      () => '复核：考评更正前后的数据；哪些输入有变化，哪些单位的总分、名次和段次随之改变',
      () => '复核: evaluate the data before and after a correction; which inputs changed, who changes total, rank and tier',
    ),
    path: POLICY_PATH,
    data: say(() => '考评时的数据（JSON、.xlsx 或 CSV 文件的文件夹）', () => 'the data as evaluated (JSON, .xlsx, or a folder of CSV files)'),
    dataAfter: say(() => '更正后的数据', () => 'the corrected data'),
    period: PERIOD,
    format: REPORT_FORMAT,
    out: say(
      () => '另把报告写成带格式的工作簿（.xlsx）：每张表一个工作表',
      () => 'also write the report as a styled workbook (.xlsx): a sheet per table',
    ),
  },
  bulletin: {
    description: say(
      () => '通报：某期各类单位的排名及较上期的升降、各板块、各指标最好和最差的单位、段次，以及受门槛限制和被否决的单位',
      () => "通报: a period's ranking per kind with movement since the previous period, sections, best and worst per indicator, tiers, gated and vetoed units",
    ),
    path: POLICY_PATH,
    data: say(
      () => '含本期（及上期）的结果数据：JSON、.xlsx 或 CSV 文件的文件夹',
      () => 'result data holding the period (and the previous one): JSON, .xlsx, or a folder of CSV files',
    ),
    period: say(() => '通报的期间（如 2021Q2 或 2021）', () => 'the period of the bulletin (e.g. 2021Q2 or 2021)'),
    previous: say(() => '与之比较名次的期间（如 2021Q1）', () => 'the period to compare ranks with (e.g. 2021Q1)'),
    out: say(
      () => '通报文件：.xlsx（带格式的工作簿）、.html（可打印为 PDF 的独立网页）或 .pdf（由本机的 Chromium 打印：KAOPING_CHROMIUM，否则 PATH 中的 chromium）',
      () => 'the bulletin: .xlsx (styled workbook), .html (a self-contained page that prints to PDF) or .pdf (printed by a Chromium on the machine: KAOPING_CHROMIUM, else chromium on PATH)',
    ),
  },
  analyze: {
    description: say(
      () => '绩效分析：各指标的分布、满分率、零分率、离散程度、与总分的相关性、去掉该指标后的段次变化；标出绩效趋同、不区分、从未扣分、过于严苛',
      () => '绩效分析: per indicator distribution, 满分率, share at zero, spread, correlation with the total, tier changes without it; flags 绩效趋同, 不区分, 从未扣分, 过于严苛',
    ),
    path: POLICY_PATH,
    data: RESULT_DATA,
    period: say(() => '分析的期间（如 2021 或 2021Q2）', () => 'the period to analyse (e.g. 2021 or 2021Q2)'),
    periods: say(
      () => '多个期间的趋势：2021Q1,2021Q2,… 或 all（数据中的每个期间，体系由其他期间得出的期间除外）',
      () => 'the trend over several periods: 2021Q1,2021Q2,… or all (every period of the data but those the policy makes of others)',
    ),
    out: say(() => '另把分析写入文件：.json、.csv 或 .xlsx（按扩展名）', () => 'also write the analysis: .json, .csv or .xlsx (by extension)'),
    after: say(
      (p: { fullPercent: number }) =>
        `标记：计分的单位中满分的占 ${p.fullPercent}% 及以上为绩效趋同，零分的占同样比例为过于严苛；\n` +
        '每个计分的单位得分都相同为不区分；某扣分项没有从任何单位扣分为从未扣分。\n' +
        '体系可在「绩效分析」（analysis）声明中设定自己的阈值（见 docs/language.md）。',
      (p) =>
        `Flags: 绩效趋同 when ${p.fullPercent}% or more of the units scored are at full points, 过于严苛 when as many are at 0,\n` +
        '不区分 when every unit scored has the same score, 从未扣分 when a deduction line took nothing from any unit.\n' +
        'A policy sets its own thresholds in an `analysis` (绩效分析) declaration (docs/language.md).',
    ),
  },
  feedback: {
    description: say(
      () => '绩效改进建议书：为每个单位生成一个 HTML 页面和一个工作簿——结果、名次、段次、失分最多之处及原因、与中位数和上一段的差距',
      () => '绩效改进建议书: per unit an HTML page and a workbook — result, rank, tier, where it lost most points and why, distance to the median and to the tier above',
    ),
    path: POLICY_PATH,
    data: RESULT_DATA,
    period: PERIOD,
    unit: say(() => '单位（其编号）', () => 'the unit (its id)'),
    all: say(() => '数据中的每个单位', () => 'every unit of the data'),
    out: say(
      () => '写入 <unit>.html 和 <unit>.xlsx 的文件夹（不存在时创建）',
      () => 'the folder to write <unit>.html and <unit>.xlsx into (made if missing)',
    ),
    pdf: say(
      () => '另用本机的 Chromium（KAOPING_CHROMIUM，否则 PATH 中的 chromium）把每页打印为 <unit>.pdf',
      () => 'also print each page to <unit>.pdf with a Chromium on the machine (KAOPING_CHROMIUM, else chromium on PATH)',
    ),
  },
  monitor: {
    description: say(
      () => '预警：用某期的数据检查体系声明的预警，按单位和级别（严重、预警、提示）列出',
      () => "预警: the warnings the policy declares, checked on a period's data, listed by unit and level (严重, 预警, 提示)",
    ),
    path: POLICY_PATH,
    data: RESULT_DATA,
    period: say(() => '检查的期间（如 2021M06、2021Q2 或 2021）', () => 'the period to check (e.g. 2021M06, 2021Q2 or 2021)'),
    unit: say(() => '只列此单位的预警', () => 'only the warnings of this unit'),
    out: say(() => '另把预警写入文件：.json、.csv 或 .xlsx（按扩展名）', () => 'also write the warnings: .json, .csv or .xlsx (by extension)'),
    headers: say(
      () => '--out 所写 CSV/XLSX 表头的语言：zh（单位编号、级别、消息）或 en（id、level、message）',
      () => 'language of the --out CSV/XLSX headers: zh (单位编号, 级别, 消息) or en (id, level, message)',
    ),
    csvRaw: CSV_RAW,
    after: say(
      () => '退出码：检查了该期间时为 0（无论是否有预警），数据有误或数据中没有该单位时为 1，用法错误时为 2。',
      () => 'Exit status: 0 when the period was checked (whether or not warnings were raised), 1 for bad data or a unit not in it, 2 for a usage error.',
    ),
  },
  newVersion: {
    description: say(
      () => '开始体系的下一年度版本：复制其源文件、测试和测试数据，更新版本和期间',
      () => "start next year's version of a policy: copy its sources, tests and fixtures, bump version and periods",
    ),
    src: say(() => '作为起点的体系文件夹（如 policies/tax-provincial-2021）', () => 'the policy folder to start from (e.g. policies/tax-provincial-2021)'),
    dest: say(() => '新文件夹（不得已存在）', () => 'the new folder (must not exist)'),
    version: say(() => '新版本（如 2022）；其年份决定新的考评期间', () => 'the new version (e.g. 2022); its year sets the new periods'),
    after: say(
      () =>
        '更新「体系」（policy）声明中的版本、体系名称中的年份和「期间」（periods）声明\n' +
        '（2021 from 2021Q1, … → 2022 from 2022Q1, …）；其余不变，所以 `kaoping diff SRC DEST` 不显示规则变化。\n' +
        '仍提到旧年份的注释、说明和名称会列出，供逐一核对。不复制结果数据。',
      () =>
        "The `policy` header's version, the year in the policy's name and the `periods` declaration are bumped\n" +
        '(2021 from 2021Q1, … → 2022 from 2022Q1, …); nothing else changes, so `kaoping diff SRC DEST` shows no\n' +
        'rule change. Comments, texts and names that still mention the old year are listed for review. Result data\n' +
        'is not copied.',
    ),
  },
} as const satisfies Record<string, Record<string, Texts<never>>>;
