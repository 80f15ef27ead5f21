// The built-in functions of the language, by every spelling, with the argument shape each expects.
import { FUNCTION_NAMES } from '../dsl/keywords.js';

export type FunctionCategory = 'scalar' | 'aggregate' | 'population' | 'min-max' | 'period';

export interface FunctionSpec {
  name: string; // canonical English name
  category: FunctionCategory;
  minArgs: number;
  maxArgs: number;
}

/** Each function's argument shape, by its English name; its Chinese spelling comes from dsl/keywords.ts. */
const SHAPES: Record<keyof typeof FUNCTION_NAMES, [FunctionCategory, number, number]> = {
  min: ['min-max', 1, Infinity], // scalar with 2+ values, aggregate when the first argument is a list
  max: ['min-max', 1, Infinity],
  abs: ['scalar', 1, 1],
  clamp: ['scalar', 3, 3],
  round: ['scalar', 2, 2],
  steps: ['scalar', 3, 3],
  interpolate: ['scalar', 3, Infinity],
  progress: ['scalar', 0, 0],
  count: ['aggregate', 1, 1],
  sum: ['aggregate', 2, 2],
  mean: ['aggregate', 2, 2],
  any: ['aggregate', 1, 1],
  all: ['aggregate', 1, 1],
  trimmed_mean: ['aggregate', 4, 4],
  rank: ['population', 1, 2],
  peer_max: ['population', 1, 1],
  peer_min: ['population', 1, 1],
  peer_mean: ['population', 1, 1],
  percentile: ['population', 1, 1],
  // a value in earlier periods: only in a warning's condition (compiler/check-warnings.ts)
  prior: ['period', 1, 2],
  falling: ['period', 2, 2],
};

/** Every built-in by each of its spellings. */
export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map(
  (Object.entries(SHAPES) as [keyof typeof FUNCTION_NAMES, [FunctionCategory, number, number]][]).flatMap(([name, [category, minArgs, maxArgs]]) => {
    const spec = { name, category, minArgs, maxArgs };
    return [[name, spec], [FUNCTION_NAMES[name], spec]] as const;
  }),
);

/** `points(...)` and its `method` filter exist only inside assertions. */
export const POINTS_SELECTOR = new Set(['points', '分值']);
export const METHOD_FILTER = new Set(['method', '方式']);
