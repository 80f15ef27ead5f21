// The policy's warnings (预警) on the preview data, for the 预警 tab: checked in the latest period of the data that
// a warning applies to, by the runtime's monitor, each raised warning with its message and what it was raised on.
import type { RuleGraph } from '../../../graph/graph.js';
import type { Dataset } from '../../../runtime/index.js';
import { latestWarningPeriod, monitor, warningGrounds, WARNING_LEVEL_WORDS } from '../../../runtime/results/warnings.js';
import type { PreviewWarnings } from './protocol.js';
import { editorMessage, render, type Lang } from '../../../messages/index.js';
import { localizeIssues } from '../../../runtime/issues.js';

/** Null when the policy declares no warnings. */
export function previewWarnings(graph: RuleGraph, dataset: Dataset, lang: Lang): PreviewWarnings | null {
  const declared = graph.warnings?.length ?? 0;
  if (declared === 0) return null;
  const period = latestWarningPeriod(graph, dataset.periods);
  if (period === null) return { period: null, declared, checked: [], rows: [], note: render(editorMessage('noWarningPeriod', { declared }), lang) };
  const m = monitor(graph, dataset, period);
  const problems = localizeIssues(m.issues, lang).map((i) => i.message);
  return {
    period,
    declared,
    checked: m.checked.map((c) => c.warning),
    rows: m.warnings.map((w) => ({
      unit: w.unit,
      name: w.unitName ?? w.unit,
      level: w.level,
      levelText: WARNING_LEVEL_WORDS[w.level][lang],
      warning: w.warning,
      message: w.message,
      grounds: warningGrounds(w, lang === 'zh' ? '；' : '; ', lang, graph.policy.precision),
    })),
    note: m.ok ? (problems.length > 0 ? problems.join(lang === 'zh' ? '；' : '; ') : null)
      : render(editorMessage('warningsNotChecked', { reason: problems[0] ?? render(editorMessage('unknownReason'), lang) }), lang),
  };
}
