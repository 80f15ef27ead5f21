// 绩效分析 on the preview data, for marks beside the indicators: the flags the runtime's indicator analysis raises
// (绩效趋同, 不区分, 从未扣分, 过于严苛), computed on the preview's own evaluation and without the tier changes (an
// evaluation per indicator: too slow for every keystroke; `kaoping analyze` has them), with the figures behind each.
import type { IndicatorNode, RuleGraph, SectionNode } from '../../../graph/graph.js';
import type { Dataset } from '../../../runtime/index.js';
import type { EvalState } from '../../../runtime/evaluation/state.js';
import { analyzeEvaluated } from '../../../runtime/results/indicator-analysis.js';
import type { PreviewIndicatorFlags } from './protocol.js';

export function previewIndicatorFlags(graph: RuleGraph, dataset: Dataset, state: EvalState, period: string | null): PreviewIndicatorFlags[] {
  const sectionName = new Map(graph.nodes.filter((n): n is SectionNode => n.role === 'section').map((n) => [n.id, n.name]));
  const declared = new Map(
    graph.nodes
      .filter((n): n is IndicatorNode => n.role === 'indicator')
      .map((n) => [`${n.kind}\u0000${sectionName.get(n.section) ?? n.section}\u0000${n.name}`, n.span]),
  );
  return analyzeEvaluated(graph, dataset, state, period ?? undefined, { tierChanges: false })
    .filter((a) => a.flags.length > 0)
    .map((a) => {
      const span = declared.get(`${a.kind}\u0000${a.section}\u0000${a.name}`)!;
      return {
        kind: a.kind,
        indicator: a.name,
        section: a.section,
        span: { path: span.file, start: span.start, end: span.end },
        scored: a.scored,
        flags: a.flags.map((flag) => ({
          flag,
          // the units behind the flag: at full points, at zero, or all of them (one score; a line that never fired)
          count: Math.round((flag === 'uniform_full' ? a.fullShare! : flag === 'too_harsh' ? a.zeroShare! : 1) * a.scored),
          score: flag === 'constant' ? a.quartiles![0].toFixed(a.precision) : null,
          lines: flag === 'never_deducted' ? a.neverDeducted! : [],
        })),
      };
    });
}
