// The policy's warnings (预警) on the preview data, for the 预警 tab: checked in the latest period of the data that
// a warning applies to, by the runtime's monitor, each raised warning with its message and what it was raised on.
import type { RuleGraph } from '../../../graph/graph.js';
import type { Dataset } from '../../../runtime/index.js';
import { latestWarningPeriod, monitor, warningGrounds, WARNING_LEVEL_WORDS } from '../../../runtime/results/warnings.js';
import { issueMessage, type RuntimeIssue } from '../../../runtime/issues.js';
import { editorMessage } from '../../../messages/index.js';
import type { PreviewWarnings } from './protocol.js';

/** Null when the policy declares no warnings. */
export function previewWarnings(graph: RuleGraph, dataset: Dataset): PreviewWarnings | null {
  const declared = graph.warnings?.length ?? 0;
  if (declared === 0) return null;
  const period = latestWarningPeriod(graph, dataset.periods);
  if (period === null) return { period: null, declared, checked: [], rows: [], notes: [editorMessage('warningsNoPeriod', { declared })] };
  const m = monitor(graph, dataset, period);
  const places = graph.policy.precision;
  const both = (i: RuntimeIssue) => ({ zh: issueMessage(i, 'zh'), en: issueMessage(i, 'en') });
  return {
    period,
    declared,
    checked: m.checked.map((c) => c.warning),
    rows: m.warnings.map((w) => ({
      unit: w.unit,
      name: w.unitName ?? w.unit,
      level: w.level,
      levelText: WARNING_LEVEL_WORDS[w.level],
      warning: w.warning,
      message: w.message,
      grounds: { zh: warningGrounds(w, '；', 'zh', places), en: warningGrounds(w, '; ', 'en', places) },
    })),
    notes: m.ok
      ? m.issues.map((i) => editorMessage('warningsNote', { problem: both(i) }))
      : [editorMessage('warningsFailed', { problem: m.issues[0] ? both(m.issues[0]) : { zh: '未知原因', en: 'unknown reason' } })],
  };
}
