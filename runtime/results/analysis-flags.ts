// The flags of 绩效分析 and the thresholds that raise them: a module of its own, with no imports, so that the
// `kaoping analyze` definition can name a threshold in its help without loading the runtime.
/** Default thresholds; a policy sets its own in an `analysis` declaration (the graph's `analysis`), see thresholdsOf. */
export const ANALYSIS_THRESHOLDS = {
  /** 绩效趋同: at least this share of the units scored at full points */
  fullShare: 0.9,
  /** 过于严苛: at least this share of the units scored zero */
  zeroShare: 0.9,
  /** no flag for an indicator fewer units are scored on (a 部门 indicator only one 部门 has says nothing of spread) */
  minScored: 5,
} as const;

/** The thresholds in force for a policy: those it sets, the defaults for the others. */
export function thresholdsOf(set: Partial<Record<keyof typeof ANALYSIS_THRESHOLDS, number>> | undefined): Record<keyof typeof ANALYSIS_THRESHOLDS, number> {
  return { ...ANALYSIS_THRESHOLDS, ...set };
}

export type AnalysisFlag = 'uniform_full' | 'constant' | 'never_deducted' | 'too_harsh';

/** The flags as an analyst reads them, Chinese and English side by side. */
export const ANALYSIS_FLAG_TEXTS: Record<AnalysisFlag, { zh: string; en: string }> = {
  uniform_full: { zh: '绩效趋同', en: 'almost all at full points' },
  constant: { zh: '不区分', en: 'one score for all' },
  never_deducted: { zh: '从未扣分', en: 'a deduction never made' },
  too_harsh: { zh: '过于严苛', en: 'almost all at zero' },
};
