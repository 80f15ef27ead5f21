// KR1xx — the rule graph a runtime is given: its format and its consistency.
import { family, q, say, zq } from './catalogue.js';

/** A sentence some other library wrote, kept in both languages (zod's own locales, for example). */
export interface Bilingual {
  zh: string;
  en: string;
}

export const KR_GRAPH = family({
  KR100: {
    severity: 'error',
    title: { zh: '规则图的格式版本不符', en: 'rule graph of another format' },
    meaning: { zh: '规则图由另一版本的编译器生成，本运行时读不了；请用当前版本重新编译体系。', en: 'The rule graph was built by another version of the compiler; rebuild it with this version.' },
    texts: {
      format: say(
        (p: { found: string; format: number }) => `格式版本为 ${p.found}，本运行时只读取格式 ${p.format}`,
        (p) => `the format is ${p.found}, and this runtime reads only format ${p.format}`,
      ),
    },
  },
  KR101: {
    severity: 'error',
    title: { zh: '规则图无效', en: 'invalid rule graph' },
    meaning: { zh: '规则图的 JSON 不合规定（被改动或损坏）：节点重复、引用不存在的节点、嵌套过深等。', en: 'The rule graph’s JSON is not well formed (edited or damaged): duplicate nodes, references to missing nodes, nesting too deep, ….' },
    texts: {
      json: say((p: { detail: string }) => `不是有效的 JSON（${p.detail}）`, (p) => `not valid JSON (${p.detail})`),
      tooDeep: say((p: { limit: number }) => `嵌套超过 ${p.limit} 层`, (p) => `nested more than ${p.limit} levels deep`),
      unreadable: say(() => '嵌套过深，无法检查', () => 'nested too deeply to check'),
      schema: say((p: { detail: Bilingual }) => p.detail.zh, (p) => p.detail.en),
      duplicateNode: say((p: { id: string }) => `节点编号${zq(p.id)}重复`, (p) => `node id ${q(p.id)} is used twice`),
      unknownKind: say((p: { kind: string }) => `未声明的实体类别${zq(p.kind)}`, (p) => `undeclared entity kind ${q(p.kind)}`),
      unknownRecord: say((p: { record: string }) => `未声明的记录类型${zq(p.record)}`, (p) => `undeclared record type ${q(p.record)}`),
      missingNode: say((p: { id: string }) => `引用了不存在的节点${zq(p.id)}`, (p) => `refers to node ${q(p.id)}, which does not exist`),
      laterNode: say(
        (p: { id: string; position: number }) => `引用的节点${zq(p.id)}排在本节点之后（nodes[${p.position}]）`,
        (p) => `refers to node ${q(p.id)}, which comes after this node (nodes[${p.position}])`,
      ),
    },
  },
});
