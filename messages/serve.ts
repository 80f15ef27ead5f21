// The service's answers (KS codes), Chinese and English side by side, with the HTTP status each is sent with;
// placeholders `{name}` are filled from the error's parameters (cli/serve/messages.ts). Part of the catalogue.

import type { Lang } from './catalogue.js';

export type Language = Lang;

export const MESSAGES = {
  KS400: { status: 400, zh: '请求无效：{detail}', en: 'Bad request: {detail}' },
  KS401: { status: 401, zh: '缺少访问令牌或令牌错误（请用 Authorization: Bearer <令牌>）', en: 'Missing or wrong token (send Authorization: Bearer <token>)' },
  KS402: { status: 400, zh: '考评办法名称无效：「{name}」（只接受办法目录下一级的文件夹名）', en: 'Invalid policy name "{name}" (only the name of a folder directly under the policies folder)' },
  KS403: { status: 400, zh: 'Git 版本写法无效：「{rev}」', en: 'Invalid Git revision "{rev}"' },
  KS404: { status: 404, zh: '没有名为「{name}」的考评办法', en: 'No policy named "{name}"' },
  KS405: { status: 404, zh: '找不到考评办法「{name}」的版本 {rev}：{detail}', en: 'Policy "{name}" has no revision {rev}: {detail}' },
  KS406: { status: 404, zh: '未知接口：{method} {url}', en: 'Unknown endpoint: {method} {url}' },
  KS407: { status: 415, zh: '不支持的请求内容类型：{type}（请用 application/json 或 multipart/form-data）', en: 'Unsupported content type: {type} (use application/json or multipart/form-data)' },
  KS408: { status: 400, zh: '请求体不是有效的 JSON：{detail}', en: 'The request body is not valid JSON: {detail}' },
  KS409: { status: 400, zh: '上传的文件无效：{detail}', en: 'Invalid upload: {detail}' },
  KS410: { status: 400, zh: '没有数据：请在请求体中发送 JSON 数据，或上传 CSV / XLSX / JSON 文件', en: 'No data: send JSON data as the body, or upload CSV / XLSX / JSON files' },
  KS411: { status: 400, zh: '文件「{file}」的类型不支持（只接受 .csv、.xlsx 或一个 .json）', en: 'File "{file}": unsupported type (only .csv, .xlsx, or a single .json)' },
  KS412: { status: 400, zh: 'HTTP 请求格式错误：{detail}（网址中的中文等字符须按百分号编码）', en: 'Malformed HTTP request: {detail} (characters such as Chinese must be percent-encoded in the URL)' },
  KS413: { status: 413, zh: '请求体超过上限 {limit} 字节', en: 'The request body exceeds the limit of {limit} bytes' },
  KS414: { status: 413, zh: '数据有 {units} 个单位，超过本服务每次请求的上限 {limit}', en: 'The data has {units} units, over this service\'s limit of {limit} per request' },
  KS415: { status: 413, zh: '上传的文件超过上限（每个文件至多 {limit} 字节，至多 {files} 个文件）', en: 'The upload exceeds the limits (at most {limit} bytes per file, {files} files)' },
  KS416: { status: 408, zh: '请求未在 {limit} 毫秒内发送完毕', en: 'The request was not sent within {limit} ms' },
  KS417: { status: 400, zh: '表单字段「{field}」不会被读取：选项（如 period）请放在网址的查询参数中', en: 'Form field "{field}" is not read: options such as period go in the query string' },
  KS418: { status: 400, zh: '复核需要更正前与更正后两份数据，缺少 {missing}（上传时文件字段名为 before 与 after，或发送 JSON {"before": 数据, "after": 数据}）', en: 'A recheck takes the data before and after the correction; {missing} is missing (upload files under the fields before and after, or send JSON {"before": data, "after": data})' },
  KS419: { status: 400, zh: '复核上传的文件须放在字段 before 或 after 下，「{field}」不是其中之一', en: 'The files of a recheck go under the fields before and after; "{field}" is neither' },
  KS420: { status: 422, zh: '考评办法「{name}」不能编译（{count} 个错误）', en: 'Policy "{name}" does not compile ({count} error(s))' },
  KS421: { status: 422, zh: '数据有 {count} 个错误，未进行考评{hint}', en: 'The data has {count} error(s); nothing was evaluated{hint}' },
  KS422: { status: 422, zh: '所有单位都因数据错误被跳过（{count} 个单位），未进行考评', en: 'Every unit was skipped for data errors ({count} unit(s)); nothing was evaluated' },
  KS423: { status: 422, zh: '无法解释单位「{unit}」', en: 'Cannot explain unit "{unit}"' },
  KS424: { status: 422, zh: '数据中没有单位「{unit}」{closest}', en: 'No unit "{unit}" in the data{closest}' },
  KS429: { status: 429, zh: '正在进行的考评已达上限 {limit} 个，请稍后再试', en: 'Too many evaluations in progress (limit {limit}); try again later' },
  KS503: { status: 503, zh: '考评超过时限 {limit} 毫秒，已中止', en: 'The evaluation took longer than {limit} ms and was stopped' },
  KS500: { status: 500, zh: '服务器内部错误（kaoping 的缺陷，请报告）：{detail}', en: 'Internal error (a bug in kaoping; please report it): {detail}' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type MessageCode = keyof typeof MESSAGES;

/** Hints appended to KS421. */
export const HINTS = {
  skippable: { zh: '（加 skipBadUnits=true 可考评其余单位，并列出被跳过的单位）', en: ' (skipBadUnits=true evaluates the others and lists the skipped units)' },
} as const;

/** The {closest} of KS424: the unit id nearest to the one asked, when one is near. */
export function closestHint(name: string | null): { zh: string; en: string } | '' {
  return name === null ? '' : { zh: `；是否指「${name}」？`, en: `; did you mean "${name}"?` };
}
