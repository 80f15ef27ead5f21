// KR5xx — the SQL engines: a construct they cannot evaluate yet, a missing driver, the database and its tables.
import { family, say } from './catalogue.js';

/** The values a sentence names, in the order the engine gives them. */
type Args = { args: readonly (string | number)[] };
const arg = (p: Args, i: number): string => String(p.args[i] ?? '');

export const KR_SQL = family({
  KR501: {
    severity: 'error',
    title: { zh: 'SQL 引擎尚不支持', en: 'not supported by the SQL engines' },
    meaning: { zh: '体系用到 SQL 引擎还不能求值的写法；引擎在运行前拒绝，绝不给出不同的结果。请用默认的求值器。', en: 'The policy uses a construct the SQL engines cannot evaluate yet; the engine refuses before running anything, never giving different results. Use the default evaluator.' },
    texts: { text: say((p: Args) => `SQL 引擎尚不支持：${arg(p, 0)}（请用默认的求值器）`, (p) => `not supported by the SQL engines yet: ${arg(p, 0)} (use the default evaluator)`) },
  },
  KR502: {
    severity: 'error',
    title: { zh: '未安装数据库驱动', en: 'database driver not installed' },
    meaning: { zh: '引擎的驱动是可选依赖，只在用到该引擎时加载；没有安装时照提示安装。', en: 'An engine’s driver is an optional dependency, loaded only when the engine is asked for; install it as the message says.' },
    texts: { text: say((p: Args) => `未安装 ${arg(p, 0)} 驱动：请运行 npm install ${arg(p, 1)}`, (p) => `the ${arg(p, 0)} driver is not installed: run npm install ${arg(p, 1)}`) },
  },
  KR503: {
    severity: 'error',
    title: { zh: '无法连接数据库', en: 'cannot connect to the database' },
    meaning: { zh: '连接数据库失败：消息给出地址（不含口令）和原因。', en: 'The connection to the database failed: the message gives where (without the password) and why.' },
    texts: { text: say((p: Args) => `无法连接数据库 ${arg(p, 0)}：${arg(p, 1)}`, (p) => `cannot connect to the database ${arg(p, 0)}: ${arg(p, 1)}`) },
  },
  KR504: {
    severity: 'error',
    title: { zh: '缺少表', en: 'missing table' },
    meaning: { zh: '数据库中没有体系需要的表（每个实体类别一张，每个记录列表输入一张）。', en: 'The database lacks a table the policy needs (one per entity kind, one per record-list input).' },
    texts: { text: say((p: Args) => `数据库中缺少表「${arg(p, 0)}」`, (p) => `the database has no table "${arg(p, 0)}"`) },
  },
  KR505: {
    severity: 'error',
    title: { zh: '缺少列', en: 'missing column' },
    meaning: { zh: '表中缺少体系需要的列（单位编号、单位、期间或某个输入）。', en: 'A table lacks a column the policy needs (the id, the unit, the period or an input).' },
    texts: { text: say((p: Args) => `表「${arg(p, 0)}」缺少列「${arg(p, 1)}」`, (p) => `table "${arg(p, 0)}" has no column "${arg(p, 1)}"`) },
  },
  KR506: {
    severity: 'error',
    title: { zh: '数据库执行失败', en: 'the database failed' },
    meaning: { zh: '数据库执行语句时报错；消息给出数据库自己的第一行说明。', en: 'The database reported an error running a statement; the message gives the first line of its own explanation.' },
    texts: { text: say((p: Args) => `数据库执行失败：${arg(p, 0)}`, (p) => `the database failed: ${arg(p, 0)}`) },
  },
  KR507: {
    severity: 'error',
    title: { zh: '单元格不可读', en: 'unreadable cell' },
    meaning: { zh: '表中某个单位的某列的值不符合其类型。', en: 'A value in a table does not fit its column’s type for one unit.' },
    texts: { text: say((p: Args) => `表「${arg(p, 0)}」单位「${arg(p, 1)}」列「${arg(p, 2)}」：${arg(p, 3)}`, (p) => `table "${arg(p, 0)}", unit "${arg(p, 1)}", column "${arg(p, 2)}": ${arg(p, 3)}`) },
  },
  KR508: {
    severity: 'error',
    title: { zh: '单位重复', en: 'unit given twice' },
    meaning: { zh: '同一期间里一个单位在表中出现了不止一行。', en: 'A unit has more than one row in a table for the same period.' },
    texts: { text: say((p: Args) => `表「${arg(p, 0)}」单位「${arg(p, 1)}」期间「${arg(p, 2)}」重复`, (p) => `table "${arg(p, 0)}": unit "${arg(p, 1)}" appears twice in period "${arg(p, 2)}"`) },
  },
});
