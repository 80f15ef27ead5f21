// KR2xx — data: reading it (JSON, CSV, workbooks), checking it against the graph, and the limits on it.
import { family, q, say, zhList, zq, type Lang, type MessageRef, type Texts, type Voice } from './catalogue.js';
import type { Bilingual } from './kr-graph.js';

const enNames = (names: readonly string[]) => names.map(q).join(', ');

/** Where an issue stands in the data, as its first words: `data.csv:3 列「收入」 单位「甲」：`. */
export interface IssuePlace {
  file?: string;
  row?: number;
  column?: string;
  path?: string;
  unit?: string;
  field?: string;
}

/** Paths that stand for the whole data rather than a place in it. */
const WHOLE = { '(根)': { zh: '(根)', en: '(root)' }, '(数据)': { zh: '(数据)', en: '(data)' } } as Record<string, Bilingual>;

/** The place an issue is at, ready to precede its sentence ('' when it has none). */
export function placeWords(at: IssuePlace, lang: Lang): string {
  let where = '';
  if (at.file !== undefined) {
    const row = at.row !== undefined ? `:${at.row}` : '';
    const column = at.column !== undefined ? (lang === 'zh' ? ` 列${zq(at.column)}` : ` column ${q(at.column)}`) : '';
    where = `${at.file}${row}${column}`;
  } else if (at.path !== undefined) where = WHOLE[at.path]?.[lang] ?? at.path;
  const unit = at.unit !== undefined ? (lang === 'zh' ? `单位${zq(at.unit)}` : `unit ${q(at.unit)}`) : '';
  const field = at.field !== undefined ? (lang === 'zh' ? `字段${zq(at.field)}` : `field ${q(at.field)}`) : '';
  const words = [where, [unit, field].filter((s) => s !== '').join(' ')].filter((s) => s !== '').join(' ');
  return words === '' ? '' : lang === 'zh' ? `${words}：` : `${words}: `;
}

export const KR_DATA = family({
  KR200: {
    severity: 'error',
    title: { zh: '不是有效的 JSON', en: 'not valid JSON' },
    meaning: { zh: '数据文件不能按 JSON 读取。', en: 'The data file cannot be read as JSON.' },
    texts: { json: say((p: { detail: string }) => `不是有效的 JSON（${p.detail}）`, (p) => `not valid JSON (${p.detail})`) },
  },
  KR201: {
    severity: 'error',
    title: { zh: 'JSON 数据的结构不对', en: 'JSON data of the wrong shape' },
    meaning: { zh: 'JSON 数据不合数据格式（见 docs/runtime.md）：缺少 units、单位缺少 id，或同时给了 inputs 与 periods。', en: 'The JSON does not follow the data format (docs/runtime.md): no units, a unit without id, or both inputs and periods.' },
    texts: {
      schema: say((p: { detail: Bilingual }) => p.detail.zh, (p) => p.detail.en),
      inputsAndPeriods: say(() => '同一单位不能同时有 inputs 与 periods', () => 'one unit cannot have both inputs and periods'),
    },
  },
  KR202: {
    severity: 'error',
    title: { zh: '未知的实体类别', en: 'unknown entity kind' },
    meaning: { zh: '数据中的单位属于体系没有声明的实体类别。', en: 'A unit in the data is of an entity kind the policy does not declare.' },
    texts: {
      unknown: say(
        (p: { kind: string; known: string[] }) => `未知的实体类别${zq(p.kind)}（本体系的类别：${p.known.join('、')}）`,
        (p) => `unknown entity kind ${q(p.kind)} (the policy's kinds: ${enNames(p.known)})`,
      ),
    },
  },
  KR203: {
    severity: 'error',
    title: { zh: '单位编号重复', en: 'duplicate unit id' },
    meaning: { zh: '同一单位编号出现了两次（同一期间）。', en: 'A unit id occurs twice (in one period).' },
    texts: {
      first: say((p: { first: string }) => `单位编号重复（首次出现于 ${p.first}）`, (p) => `duplicate unit id (first at ${p.first})`),
      also: say((p: { kind: string }) => `单位编号重复（也出现在${zq(p.kind)}中）`, (p) => `duplicate unit id (also in ${q(p.kind)})`),
    },
  },
  KR204: {
    severity: 'warning',
    title: { zh: '未知的关联，已忽略', en: 'unknown relation, ignored' },
    meaning: { zh: '数据给出的关联不是该实体类别的关联；它被忽略，消息提示最接近的名称。', en: 'The data gives a relation the unit’s kind does not have; it is ignored, and the message names the closest one.' },
    texts: {},
  },
  KR205: {
    severity: 'error',
    title: { zh: '关联不是单位编号', en: 'relation is not a unit id' },
    meaning: { zh: '关联的值应是另一个单位的编号（文本）。', en: 'A relation’s value is the id (text) of another unit.' },
    texts: { notId: say((p: { value: string }) => `关联应为单位编号，实为 ${p.value}`, (p) => `a relation is a unit id, not ${p.value}`) },
  },
  KR206: {
    severity: 'warning',
    title: { zh: '未知的字段，已忽略', en: 'unknown field, ignored' },
    meaning: { zh: '数据给出的字段不是该实体类别的输入；它被忽略（真实数据常带其他字段），消息提示最接近的名称。', en: 'The data gives a field that is not an input of the unit’s kind; it is ignored (real data often carries extra fields), and the message names the closest input.' },
    texts: {},
  },
  KR207: {
    severity: 'error',
    title: { zh: '关联的单位不存在', en: 'related unit missing' },
    meaning: { zh: '关联指向的单位编号不在数据中。', en: 'A relation names a unit id that is not in the data.' },
    texts: { missing: say((p: { id: string }) => `关联的单位${zq(p.id)}不存在`, (p) => `the related unit ${q(p.id)} does not exist`) },
  },
  KR208: {
    severity: 'error',
    title: { zh: '关联的单位类别不对', en: 'related unit of another kind' },
    meaning: { zh: '关联指向的单位属于另一个实体类别。', en: 'A relation names a unit of another entity kind than the relation’s.' },
    texts: {
      kind: say(
        (p: { id: string; kind: string; target: string }) => `关联的单位${zq(p.id)}是${zq(p.kind)}，应为${zq(p.target)}`,
        (p) => `the related unit ${q(p.id)} is a ${q(p.kind)}, not a ${q(p.target)}`,
      ),
    },
  },
  KR209: {
    severity: 'error',
    title: { zh: 'inputs 与 periods 混用', en: 'inputs and periods mixed' },
    meaning: { zh: '一个数据集要么都按单期（inputs），要么都按期间（periods）给出。', en: 'A dataset gives all its units either one period (inputs) or periods, not both.' },
    texts: { mixed: say(() => '有的单位给了 inputs、有的给了 periods：一个数据集只能用一种形式', () => 'some units give inputs and others periods: a dataset uses one form') },
  },
  KR210: {
    severity: 'error',
    title: { zh: '值与列表的形式不符', en: 'value where a list is expected, or the reverse' },
    meaning: { zh: '记录列表输入要给一组记录，单值输入要给一个值。', en: 'A record-list input takes a list of records, and any other input a single value.' },
    texts: {
      notList: say((p: { value: string }) => `应为记录列表，实为 ${p.value}`, (p) => `expected a list of records, found ${p.value}`),
      notScalar: say(() => '应为单个值，实为记录列表', () => 'expected a single value, found a list of records'),
    },
  },
  KR211: {
    severity: 'error',
    title: { zh: '记录中的未知字段', en: 'unknown record field' },
    meaning: { zh: '数据中的记录给出了记录类型没有的字段。', en: 'A record in the data gives a field its record type does not have.' },
    texts: {
      unknown: say(
        (p: { record: string; name: string; known: string[] }) => `记录${zq(p.record)}没有字段${zq(p.name)}（字段：${p.known.join('、')}）`,
        (p) => `record ${q(p.record)} has no field ${q(p.name)} (its fields: ${enNames(p.known)})`,
      ),
    },
  },
  KR212: {
    severity: 'error',
    title: { zh: '值不符合类型', en: 'value of the wrong type' },
    meaning: { zh: '值不能按输入的类型读取（不是数、不是日期、不在枚举中、超出范围……），不做任何猜测或强制转换。', en: 'A value cannot be read as its input’s type (not a number, not a date, not one of the enum, out of range, …); nothing is guessed or coerced.' },
    texts: {},
  },
  KR213: {
    severity: 'error',
    title: { zh: '记录字段缺失', en: 'record field missing' },
    meaning: { zh: '记录缺少某个字段，或字段为空；记录的每个字段都必须有值。', en: 'A record lacks a field, or the field is empty; every field of a record needs a value.' },
    texts: {
      empty: say((p: { name: string }) => `记录字段${zq(p.name)}为空`, (p) => `record field ${q(p.name)} is empty`),
      missing: say((p: { name: string }) => `记录缺少字段${zq(p.name)}`, (p) => `the record has no field ${q(p.name)}`),
    },
  },
  KR214: {
    severity: 'error',
    title: { zh: '列不对', en: 'column out of place' },
    meaning: { zh: '表格的列不是输入或关联（警告，已忽略），或记录表中有未知的列，或记录列表输入写成了列。', en: 'A table’s column is no input or relation (a warning; ignored), or a record table has an unknown column, or a record-list input is written as a column.' },
    texts: {
      listColumn: say(
        (p: { column: string; kind: string }) => `${zq(p.column)}是记录列表输入，应在名为${zq(p.column)}的表中逐条给出，不能作为${zq(p.kind)}的列`,
        (p) => `${q(p.column)} is a record-list input, given record by record in a table named ${q(p.column)}, not as a column of ${q(p.kind)}`,
      ),
      recordColumn: say(
        (p: { column: string; record: string; known: string[] }) =>
          `未知的列${p.column === '' ? '（空表头）' : zq(p.column)}：${zq(p.record)}的列有 ${p.known.length ? p.known.join('、') : '（无）'}`,
        (p) => `unknown column ${p.column === '' ? '(empty header)' : q(p.column)}: the columns of ${q(p.record)} are ${p.known.length ? enNames(p.known) : '(none)'}`,
      ),
    },
  },
  KR215: {
    severity: 'error',
    title: { zh: '编号或期间为空', en: 'empty id or period' },
    meaning: { zh: '表格一行的单位编号或期间为空。', en: 'A row of a table has an empty unit id or period.' },
    texts: {
      id: say(() => '单位编号为空', () => 'the unit id is empty'),
      period: say(() => '期间为空', () => 'the period is empty'),
    },
  },
  KR216: {
    severity: 'error',
    title: { zh: '未知或有歧义的表名', en: 'unknown or ambiguous table name' },
    meaning: { zh: '表（文件或工作表）的名称须是实体类别或记录列表输入的名称。', en: 'A table (file or sheet) is named after an entity kind or a record-list input.' },
    texts: {
      unknown: say(
        (p: { table: string; known: string[] }) => `表名${zq(p.table)}既不是实体类别也不是记录列表输入（可用：${p.known.join('、')}）`,
        (p) => `table ${q(p.table)} is neither an entity kind nor a record-list input (available: ${enNames(p.known)})`,
      ),
      ambiguous: say(
        (p: { table: string; names: string[] }) => `表名${zq(p.table)}有歧义，请改为 ${p.names.join('、')} 之一`,
        (p) => `table name ${q(p.table)} is ambiguous; rename it to one of ${enNames(p.names)}`,
      ),
    },
  },
  KR217: {
    severity: 'error',
    title: { zh: '记录所属的单位不对', en: 'record of an unknown unit' },
    meaning: { zh: '记录表中一行的单位为空、不在单位表中，或没有那个期间的数据。', en: 'A record row names no unit, a unit not in its kind’s table, or a period the unit has no data for.' },
    texts: {
      empty: say(() => '单位为空', () => 'the unit is empty'),
      notInTable: say((p: { unit: string; kind: string }) => `单位${zq(p.unit)}不在${zq(p.kind)}表中`, (p) => `unit ${q(p.unit)} is not in the ${q(p.kind)} table`),
      noPeriod: say((p: { unit: string; period: string }) => `单位${zq(p.unit)}没有期间${zq(p.period)}的数据`, (p) => `unit ${q(p.unit)} has no data for period ${q(p.period)}`),
    },
  },
  KR218: {
    severity: 'error',
    title: { zh: '同一列给了两次', en: 'column given twice' },
    meaning: { zh: '表头中两列是同一列（名称去掉首尾空格后相同，或是同一角色的两种写法，如 id 与 编号）；否则一列的值会被另一列悄悄覆盖。', en: 'Two columns of a header are the same column (the same name once trimmed, or two spellings of one role, such as id and 编号); otherwise one column’s values would silently replace the other’s.' },
    texts: {
      twice: say(
        (p: { first: string; at: number; again: string; atAgain: number }) => `第 ${p.atAgain} 列${zq(p.again)}与第 ${p.at} 列${zq(p.first)}是同一列：每列只能给出一次，否则一列的值会被另一列覆盖`,
        (p) => `column ${p.atAgain} ${q(p.again)} is the same column as column ${p.at} ${q(p.first)}: give each column once, or one would override the other`,
      ),
    },
  },
  KR220: {
    severity: 'error',
    title: { zh: '无法读取工作簿', en: 'unreadable workbook' },
    meaning: { zh: '文件不能按 Excel 工作簿读取：为空、不是 zip 压缩包、zip 目录损坏、没有工作表，或使用 ZIP64。', en: 'The file cannot be read as an Excel workbook: it is empty, not a zip archive, has a damaged zip directory, holds no sheets, or uses ZIP64.' },
    texts: {
      workbook: say((p: { detail: string }) => `无法读取工作簿（${p.detail}）`, (p) => `cannot read the workbook (${p.detail})`),
      empty: say(() => '文件为空，不是 .xlsx 工作簿', () => 'the file is empty, not an .xlsx workbook'),
      notZip: say(() => '不是 .xlsx 工作簿（文件内容不是 zip 压缩包，可能是改了扩展名的文本或 CSV）', () => 'not an .xlsx workbook (not a zip archive; perhaps text or CSV renamed)'),
      damaged: say(() => '不是完整的 .xlsx 工作簿（zip 目录缺失或损坏）', () => 'not a whole .xlsx workbook (its zip directory is missing or damaged)'),
      noSheets: say(() => '不是 .xlsx 工作簿（zip 压缩包中没有工作表）', () => 'not an .xlsx workbook (the zip archive holds no sheets)'),
      zip64: say(() => '工作簿使用 ZIP64 格式，其大小超出整体读取的上限', () => 'the workbook uses ZIP64, beyond the size read whole'),
    },
  },
  KR221: {
    severity: 'error',
    title: { zh: '含合并单元格', en: 'merged cells' },
    meaning: { zh: '合并单元格的值只在第一行，读取会丢失其余行；请取消合并并在每一行填写值。', en: 'A merged cell holds its value in its first row only; unmerge and fill in every row.' },
    texts: {
      merged: say(
        (p: { ranges: string[] }) => `含合并单元格 ${p.ranges.join('、')}：请取消合并并在每一行填写值`,
        (p) => `merged cells ${p.ranges.join(', ')}: unmerge them and fill in every row`,
      ),
    },
  },
  KR222: {
    severity: 'error',
    title: { zh: '缺少编号列或单位列', en: 'no id or unit column' },
    meaning: { zh: '单位表需要单位编号列（id 或 编号），记录表需要单位列（unit 或 单位）。', en: 'A unit table needs an id column (id or 编号), a record table a unit column (unit or 单位).' },
    texts: {
      id: say(() => '缺少单位编号列（id 或 编号）', () => 'no unit id column (id or 编号)'),
      unit: say(() => '缺少单位列（unit 或 单位）', () => 'no unit column (unit or 单位)'),
    },
  },
  KR223: {
    severity: 'error',
    title: { zh: '期间列不一致', en: 'period columns inconsistent' },
    meaning: { zh: '一个数据集的表要么都有期间列，要么都没有。', en: 'The tables of one dataset either all have a period column or none does.' },
    texts: {
      mixed: say(() => '有的表有期间列、有的没有：一个数据集只能用一种形式', () => 'some tables have a period column and others not: a dataset uses one form'),
      needed: say(() => '单位表按期间给出，本表也需要期间列', () => 'the unit tables give periods, so this table needs a period column too'),
    },
  },
  KR224: {
    severity: 'error',
    title: { zh: '输入与编号、名称或期间列同名', en: 'input named like an id, name or period column' },
    meaning: { zh: '体系的输入或关联与表格的编号、名称或期间列同名，表格无法给出它的值；请在体系中改名。', en: 'An input or relation has the name of a table’s id, name or period column, so no table can give its value; rename it in the policy.' },
    texts: {
      reserved: say(
        (p: { column: string; role: 'id' | 'name' | 'period'; kind: string }) =>
          `列${zq(p.column)}是单位${{ id: '编号', name: '名称', period: '期间' }[p.role]}列，而${zq(p.kind)}有同名的输入或关联：表格无法给出它的值，请在体系中为它改名`,
        (p) => `column ${q(p.column)} is the unit's ${p.role} column, and ${q(p.kind)} has an input or relation of that name: no table can give its value; rename it in the policy`,
      ),
    },
  },
  KR225: {
    severity: 'error',
    title: { zh: '流式读取不能考评此期间', en: 'period not readable streamed' },
    meaning: { zh: '流式读取只考评一个完整期间；由各部分汇总的期间、或一年的一部分，须整体读取。', en: 'Streamed reading evaluates one whole period; a period summed from parts, or part of a year, needs whole-file reading.' },
    texts: {
      parts: say(
        (p: { period: string; parts: string[] | null }) => `期间${zq(p.period)}${p.parts !== null ? `由 ${p.parts.join('、')} 汇总` : '是一年的一部分'}：流式读取只考评一个完整期间的数据，请不用流式读取`,
        (p) => `period ${q(p.period)} ${p.parts !== null ? `is summed from ${p.parts.join(', ')}` : 'is part of a year'}: streamed reading evaluates one whole period only; read the data without streaming`,
      ),
    },
  },
  KR226: {
    severity: 'error',
    title: { zh: '文件字节无法读取', en: 'unreadable bytes' },
    meaning: { zh: 'CSV 文件的编码不一致或末尾不完整（UTF-8 与 GB18030 混用）。', en: 'A CSV file mixes encodings or ends mid-character (UTF-8 and GB18030 mixed).' },
    texts: {
      encoding: say(
        () => '此后的字节不是有效的 UTF-8，而文件前面按 UTF-8 读取：请把整个文件存为一种编码（UTF-8 或 GB18030）',
        () => 'the bytes from here are not valid UTF-8, and the file before was read as UTF-8: save the whole file in one encoding (UTF-8 or GB18030)',
      ),
      incomplete: say(() => '文件末尾的字节不是完整的字符', () => 'the bytes at the end of the file are not a whole character'),
    },
  },
  KR227: {
    severity: 'error',
    title: { zh: '记录表缺少字段列', en: 'record table lacks field columns' },
    meaning: { zh: '流式读取的记录表必须为记录的每个字段给出一列。', en: 'A streamed record table needs a column for every field of its record.' },
    texts: {
      missing: say((p: { columns: string[] }) => `缺少记录字段的列：${p.columns.join('、')}`, (p) => `no column for the record fields ${enNames(p.columns)}`),
    },
  },
  KR228: {
    severity: 'error',
    title: { zh: '同一张表给了两次', en: 'table given twice' },
    meaning: { zh: '流式读取时每张表只能来自一个文件。', en: 'When streaming, each table comes from one file.' },
    texts: { twice: say((p: { table: string }) => `${zq(p.table)}已由另一个文件给出：每张表只能有一个文件`, (p) => `${q(p.table)} is already given by another file: each table has one file`) },
  },
  KR229: {
    severity: 'error',
    title: { zh: '引号未闭合', en: 'unclosed quote' },
    meaning: { zh: 'CSV 中一个引号从某行起一直没有闭合，文件其余内容都会被读成一个单元格，因此整个文件被拒绝。', en: 'A quote in a CSV file opens in a row and is never closed, so the rest of the file would read as one cell; the file is refused.' },
    texts: {
      unclosed: say(
        () => '此行起有一个引号（"）未闭合，其后的全部内容都成了一个单元格：请补上引号',
        () => 'a quote (") opened in this row is never closed, so the rest of the file became one cell: close the quote',
      ),
    },
  },
  KR230: {
    severity: 'error',
    title: { zh: '缺少必填的输入', en: 'required input missing' },
    meaning: {
      zh: '输入缺失时按报错处理（体系的默认），而数据中没有它的值；或输入缺失时按同级均值填补，而没有一个同级单位有它的值。',
      en: 'The input treats a missing value as an error (the policy’s default), and the data has no value for it; or it fills a missing value with the peers’ mean, and no peer has a value.',
    },
    texts: {
      emptyCell: say(() => '单元格为空，而此输入缺失时按报错处理', () => 'the cell is empty, and this input treats a missing value as an error'),
      emptyValue: say(() => '值为空，而此输入缺失时按报错处理', () => 'the value is empty, and this input treats a missing value as an error'),
      missing: say(() => '缺少此输入的值（缺失时按报错处理）', () => 'no value for this input (a missing value is an error)'),
      noPeer: say(
        () => '缺少此输入的值，且没有一个同级单位有它的值，无法按同级均值填补',
        () => 'no value for this input, and no peer has one to fill it with their mean',
      ),
    },
  },
  KR231: {
    severity: 'error',
    title: { zh: '期间不明', en: 'period unclear' },
    meaning: { zh: '要考评的期间不在数据中，或数据含多个期间而没有指定，或汇总的期间需要按期间给出数据。', en: 'The period asked for is not in the data, or the data has several and none is named, or a summed period needs data by period.' },
    texts: {
      summed: say(
        (p: { period: string; parts: string[] }) => `期间${zq(p.period)}由 ${p.parts.join('、')} 汇总，数据需要按期间（periods）给出`,
        (p) => `period ${q(p.period)} is summed from ${p.parts.join(', ')}, so the data must give periods`,
      ),
      several: say(
        (p: { periods: string[]; more: boolean }) => `数据含多个期间（${p.periods.join('、')}${p.more ? '…' : ''}），请指定要考评的期间`,
        (p) => `the data has several periods (${p.periods.join(', ')}${p.more ? '…' : ''}); name the period to evaluate`,
      ),
      missing: say(
        (p: { period: string; known: string[] | null }) => `数据中没有期间${zq(p.period)}${p.known !== null ? `（有：${p.known.join('、')}）` : ''}`,
        (p) => `the data has no period ${q(p.period)}${p.known !== null ? ` (it has ${p.known.join(', ')})` : ''}`,
      ),
    },
  },
  KR232: {
    severity: 'error',
    title: { zh: '单位缺少该期间的数据', en: 'no data for the period' },
    meaning: { zh: '单位没有要考评的期间的数据。', en: 'A unit has no data for the period evaluated.' },
    texts: { missing: say((p: { period: string }) => `没有期间${zq(p.period)}的数据`, (p) => `no data for period ${q(p.period)}`) },
  },
  KR240: {
    severity: 'error',
    title: { zh: '单位过多', en: 'too many units' },
    meaning: { zh: '一个数据集的单位数超过上限，整个数据集被拒绝；请分批考评。', en: 'A dataset has more units than the limit and is refused as a whole; evaluate in batches.' },
    texts: {
      tooMany: say(
        (p: { count: number; max: number }) => `数据有 ${p.count} 个单位，超过上限 ${p.max}；请分批考评`,
        (p) => `the data has ${p.count} units, more than the limit of ${p.max}; evaluate them in batches`,
      ),
    },
  },
  KR241: {
    severity: 'error',
    title: { zh: '记录过多', en: 'too many records' },
    meaning: { zh: '一个单位一期的记录列表超过条数上限。', en: 'One unit’s record list in one period holds more records than the limit.' },
    texts: {
      tooMany: say(
        (p: { count: number; max: number }) => `有 ${p.count} 条记录，超过每个单位每期 ${p.max} 条的上限`,
        (p) => `${p.count} records, more than the limit of ${p.max} per unit and period`,
      ),
    },
  },
  KR242: {
    severity: 'error',
    title: { zh: '另有数据问题未列出', en: 'more data problems not listed' },
    meaning: { zh: '数据问题只逐条列出前若干处（整体读取与流式读取都是如此），其余只计数；其余中有错误时为错误，否则为警告。', en: 'Only the first data problems are listed one by one (read whole or streamed); the rest are counted, as an error when any of them is one, else as a warning.' },
    texts: {
      more: say(
        (p: { count: number; listed: number }) => `另有 ${p.count} 处数据问题未列出（只列出前 ${p.listed} 处）`,
        (p) => `${p.count} more data problems not listed (only the first ${p.listed} are)`,
      ),
    },
  },
  KR243: {
    severity: 'error',
    title: { zh: '数据过大，不能整体读取', en: 'data too large to read whole' },
    meaning: { zh: '整体读取的数据超过上限（JSON 文件按磁盘上的大小在读取之前即拒绝）；请用 CSV 流式读取（kaoping eval --stream）。', en: 'Data read whole is over the limit (a JSON file is refused by its size on disk before it is read); read CSV streamed (kaoping eval --stream).' },
    texts: {
      tooLarge: say(
        (p: { mib: number; limit: number }) => `数据约 ${p.mib} MiB，超过整体读取的上限 ${p.limit} MiB：请用流式读取（CSV，kaoping eval --stream）`,
        (p) => `the data is about ${p.mib} MiB, over the limit of ${p.limit} MiB for reading it whole: read it streamed (CSV, kaoping eval --stream)`,
      ),
    },
  },
  KR245: {
    severity: 'error',
    title: { zh: '工作簿超过上限', en: 'workbook beyond the limits' },
    meaning: { zh: '.xlsx 工作簿的部件过多或解压后过大，在解压之前即被拒绝（防止压缩炸弹）。', en: 'An .xlsx workbook has too many parts or inflates too large, and is refused before it is inflated (against zip bombs).' },
    texts: {
      entries: say(
        (p: { count: number; max: number }) => `工作簿含 ${p.count} 个以上的部件，超过上限 ${p.max}：未解压即拒绝`,
        (p) => `the workbook has ${p.count} or more parts, beyond the limit of ${p.max}: refused before inflating`,
      ),
      inflated: say(
        (p: { mib: number; max: number }) => `工作簿解压后约 ${p.mib} MiB，超过上限 ${p.max} MiB：未解压即拒绝`,
        (p) => `the workbook inflates to about ${p.mib} MiB, beyond the limit of ${p.max} MiB: refused before inflating`,
      ),
    },
  },
});

/** Sentences several KR codes share: a field or column that is not there, and values a type refuses. */
export const DATA_COMMON = {
  unknownField: say(
    (p: { kind: string; name: string; noun: 'field' | 'relation' | 'column'; guess: string | null; count: number }) =>
      `${zq(p.kind)}的输入与关联中没有${p.name === '' ? '（空表头）' : zq(p.name)}，此${{ field: '字段', relation: '关联', column: '列' }[p.noun]}已忽略${p.guess === null ? '' : `，是否想写${zq(p.guess)}？`}${p.count > 1 ? `（共 ${p.count} 处，此为第一处）` : ''}`,
    (p) => `${q(p.kind)} has no input or relation ${p.name === '' ? '(empty header)' : q(p.name)}, so this ${p.noun} is ignored${p.guess === null ? '' : `; did you mean ${q(p.guess)}?`}${p.count > 1 ? ` (${p.count} places; this is the first)` : ''}`,
  ),
  outOfRange: say(
    (p: { value: string; max: number }) => `数值 ${p.value} 超出可精确计算的范围（绝对值至多 ${p.max}）`,
    (p) => `the number ${p.value} is outside the range computed exactly (at most ${p.max} in absolute value)`,
  ),
  notFinite: say((p: { value: string }) => `不是有限数值：${p.value}`, (p) => `not a finite number: ${p.value}`),
  notPercentField: say((p: { value: string }) => `此字段不是百分比，不能写成 ${p.value}`, (p) => `this field is not a percent, so it cannot be written ${p.value}`),
  thousands: say((p: { value: string }) => `数值 ${p.value} 含千位分隔符，请去掉逗号`, (p) => `the number ${p.value} has thousands separators; remove the commas`),
  numberInQuotes: say(
    (p: { value: string }) => `应为 JSON 数值，实为字符串 ${p.value}：请去掉引号（百分比字段可写 "98.6%"）`,
    (p) => `expected a JSON number, got the string ${p.value}: remove the quotes (a percent field may be written "98.6%")`,
  ),
  notNumber: say((p: { value: string }) => `应为数值，实为 ${p.value}`, (p) => `expected a number, found ${p.value}`),
  ambiguousPercent: say(
    (p: { value: string; percent: number; fraction: number }) => `百分比 ${p.value} 有歧义：不带“%”的数按小数读取，只能在 -1 到 1 之间；请写成 ${p.percent}% 或 ${p.fraction}`,
    (p) => `the percent ${p.value} is ambiguous: a number without "%" reads as a fraction, between -1 and 1; write ${p.percent}% or ${p.fraction}`,
  ),
  notBool: say((p: { value: string }) => `应为布尔值（true/false 或 是/否），实为 ${p.value}`, (p) => `expected true or false (true/false or 是/否), found ${p.value}`),
  noSuchDate: say((p: { value: string }) => `日期 ${p.value} 不存在`, (p) => `the date ${p.value} does not exist`),
  notDate: say((p: { value: string }) => `应为日期 YYYY-MM-DD，实为 ${p.value}`, (p) => `expected a date YYYY-MM-DD, found ${p.value}`),
  notEnumValue: say(
    (p: { value: string; values: string[] }) => `${p.value} 不是可选值之一（可选：${zhList(p.values, false)}）`,
    (p) => `${p.value} is not one of the values (${p.values.join(', ')})`,
  ),
  notText: say((p: { value: string }) => `应为文本，实为 ${p.value}`, (p) => `expected text, found ${p.value}`),
  notCount: say(
    (p: { value: string; because: MessageRef | null }, v) => `${p.because === null ? '' : `${refusal(p.because, 'zh', v)}；`}计数应为非负整数，实为 ${p.value}`,
    (p, v) => `${p.because === null ? '' : `${refusal(p.because, 'en', v)}; `}a count is a whole number ≥ 0, not ${p.value}`,
  ),
  cellTooLong: say(
    (p: { length: number; max: number }) => `单元格有 ${p.length} 个字符，超过上限 ${p.max}`,
    (p) => `the cell has ${p.length} characters, more than the limit of ${p.max}`,
  ),
  listInCell: say(() => '记录列表不能写在单元格里', () => 'a list of records cannot be written in a cell'),
  notBoolFlag: say((p: { value: number }) => `布尔值应为 1 或 0，实为 ${p.value}`, (p) => `a true/false value is 1 or 0, not ${p.value}`),
  notWholeDays: say((p: { value: number }) => `日期应为整日数，实为 ${p.value}`, (p) => `a date is a whole number of days, not ${p.value}`),
  emptyRecordField: say(() => '记录字段为空', () => 'the record field is empty'),
  columnShape: say(
    (p: { shape: 'records' | 'strings' | 'numbers'; count: number }) =>
      `应为${{ records: '记录列表（start 与各字段）', strings: '字符串数组', numbers: 'Float64Array' }[p.shape]}，按单位排列（${p.count} 个）`,
    (p) => `expected ${{ records: 'a record list (start and the fields)', strings: 'an array of strings', numbers: 'a Float64Array' }[p.shape]}, one per unit (${p.count})`,
  ),
  fieldLength: say((p: { count: number }) => `记录字段应有 ${p.count} 个值`, (p) => `the record field needs ${p.count} values`),
} as const;

/** Why a count was refused before it was checked for being one (a number out of range, say). */
function refusal(because: MessageRef, lang: Lang, v: Voice): string {
  return (DATA_COMMON as Record<string, Texts<unknown>>)[because.key]![lang](because.params, v);
}
