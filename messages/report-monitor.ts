// The words of `kaoping monitor` (预警): the columns of its terminal table and of its files, and the files' sheet.
// The warnings' names and messages come from the policy as written; their levels from WARNING_LEVEL_WORDS.
import { say } from './catalogue.js';

export type MonitorColumn = 'kind' | 'id' | 'name' | 'level' | 'warning' | 'message' | 'grounds' | 'rule';

const COLUMNS: Record<MonitorColumn, { zh: string; en: string }> = {
  kind: { zh: '单位类别', en: 'kind' },
  id: { zh: '单位编号', en: 'id' },
  name: { zh: '单位名称', en: 'name' },
  level: { zh: '级别', en: 'level' },
  warning: { zh: '预警', en: 'warning' },
  message: { zh: '消息', en: 'message' },
  grounds: { zh: '依据', en: 'grounds' },
  rule: { zh: '规则', en: 'rule' },
};

export const REPORT_MONITOR = {
  column: say((p: { column: MonitorColumn }) => COLUMNS[p.column].zh, (p) => COLUMNS[p.column].en),
  sheet: say(() => '预警', () => 'warnings'),
} as const;
