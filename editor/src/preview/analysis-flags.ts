// The words of the 绩效分析 flags in the editor: the short name (绩效趋同…) for a badge, and the sentence with the
// figures behind it for its title and for the mark on the indicator in the source.
import { ANALYSIS_FLAG_TEXTS } from '../../../runtime/results/analysis-flags.js';
import type { PreviewIndicatorFlags } from '../language/protocol.js';
import { UI_LANG, ui } from '../app/ui-text.js';

type Flag = PreviewIndicatorFlags['flags'][number];

export function flagName(f: Flag): string {
  return ANALYSIS_FLAG_TEXTS[f.flag][UI_LANG];
}

export function flagSentence(f: Flag, scored: number): string {
  return ui('analysisFlag', { flag: f.flag, name: ANALYSIS_FLAG_TEXTS[f.flag], scored, count: f.count, score: f.score, lines: f.lines });
}
