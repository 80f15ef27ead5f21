// The built-in functions of the language, by every spelling, with the argument shape each expects.

export type FunctionCategory = 'scalar' | 'aggregate' | 'population' | 'min-max' | 'period';

export interface FunctionSpec {
  name: string; // canonical English name
  category: FunctionCategory;
  minArgs: number;
  maxArgs: number;
}

const SPECS: [string, string, FunctionCategory, number, number][] = [
  ['min', '最小', 'min-max', 1, Infinity], // scalar with 2+ values, aggregate when the first argument is a list
  ['max', '最大', 'min-max', 1, Infinity],
  ['abs', '绝对值', 'scalar', 1, 1],
  ['clamp', '限幅', 'scalar', 3, 3],
  ['round', '取整', 'scalar', 2, 2],
  ['steps', '步数', 'scalar', 3, 3],
  ['interpolate', '插值', 'scalar', 3, Infinity],
  ['progress', '进度', 'scalar', 0, 0],
  ['count', '计数', 'aggregate', 1, 1],
  ['sum', '合计', 'aggregate', 2, 2],
  ['mean', '均值', 'aggregate', 2, 2],
  ['any', '任一', 'aggregate', 1, 1],
  ['all', '全部', 'aggregate', 1, 1],
  ['trimmed_mean', '去极均值', 'aggregate', 4, 4],
  ['rank', '排名', 'population', 1, 2],
  ['peer_max', '同级最高', 'population', 1, 1],
  ['peer_min', '同级最低', 'population', 1, 1],
  ['peer_mean', '同级均值', 'population', 1, 1],
  ['percentile', '百分位', 'population', 1, 1],
  // a value in earlier periods: only in a warning's condition (compiler/check-warnings.ts)
  ['prior', '前期', 'period', 1, 2],
  ['falling', '连降', 'period', 2, 2],
];

export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map(
  SPECS.flatMap(([name, chinese, category, minArgs, maxArgs]) => {
    const spec = { name, category, minArgs, maxArgs };
    return [[name, spec], [chinese, spec]] as const;
  }),
);

/** `points(...)` and its `method` filter exist only inside assertions. */
export const POINTS_SELECTOR = new Set(['points', '分值']);
export const METHOD_FILTER = new Set(['method', '方式']);
