// The one registry of the language's built-in functions: what every stage agrees on about each (spellings,
// argument count, category, the rule-graph forms a call lowers to). It is a folder of its own so that the
// language (dsl/), the compiler, the runtime, the SQL engines, the export and the editor can all read it while
// the runtime still never imports the compiler. The parts one stage alone needs sit beside that stage, keyed
// by these names or by the graph forms: the type rule (`TYPE_RULES`, compiler/check-types.ts) and the lowering
// (`LOWERING`, compiler/lower-to-graph.ts) by name, so a new entry does not type-check without them; the
// reference meaning, kernel, SQL, export and explanation by graph form. test/builtins runs a hand-computed
// case of every entry through all of them (CONTRIBUTING.md, "Adding a built-in function").
import type { AggregateFn, PopulationFn, ScalarFn } from '../graph/graph.js';

export type BuiltinCategory =
  | 'scalar' // a value from values
  | 'aggregate' // a value over a list's records
  | 'population' // a unit's value among its peers
  | 'min-max' // scalar with two or more values, aggregate when the first argument is a list
  | 'period'; // a value in earlier periods: only in a warning's condition (compiler/check-warnings.ts)

/** The rule-graph expressions a call lowers to (`{ k: 'fn' }`, `{ k: 'agg' }`, `{ k: 'pop' }`); a period
 *  function lowers to a warning value read `back` periods earlier instead. */
export interface GraphForms {
  fn?: readonly ScalarFn[];
  agg?: readonly AggregateFn[];
  pop?: readonly PopulationFn[];
  warningValue?: true;
}

export interface Builtin {
  /** the canonical English spelling (the registry's key) */
  name: BuiltinName;
  chinese: string;
  category: BuiltinCategory;
  minArgs: number;
  maxArgs: number;
  lowersTo: GraphForms;
}

type Entry = Omit<Builtin, 'name'>;

const entry = (chinese: string, category: BuiltinCategory, minArgs: number, maxArgs: number, lowersTo: GraphForms): Entry =>
  ({ chinese, category, minArgs, maxArgs, lowersTo });

/** Every built-in by its English name, in the order the language reference lists them. */
const ENTRIES = {
  min: entry('最小', 'min-max', 1, Infinity, { fn: ['min'], agg: ['min'] }),
  max: entry('最大', 'min-max', 1, Infinity, { fn: ['max'], agg: ['max'] }),
  abs: entry('绝对值', 'scalar', 1, 1, { fn: ['abs'] }),
  clamp: entry('限幅', 'scalar', 3, 3, { fn: ['clamp'] }),
  round: entry('取整', 'scalar', 2, 2, { fn: ['round'] }),
  steps: entry('步数', 'scalar', 3, 3, { fn: ['steps_whole', 'steps_pro_rata', 'steps_round_up'] }),
  interpolate: entry('插值', 'scalar', 3, Infinity, { fn: ['interpolate'] }),
  progress: entry('进度', 'scalar', 0, 0, { fn: ['progress'] }),
  count: entry('计数', 'aggregate', 1, 1, { agg: ['count'] }),
  sum: entry('合计', 'aggregate', 2, 2, { agg: ['sum'] }),
  mean: entry('均值', 'aggregate', 2, 2, { agg: ['mean'] }),
  any: entry('任一', 'aggregate', 1, 1, { agg: ['any'] }),
  all: entry('全部', 'aggregate', 1, 1, { agg: ['all'] }),
  trimmed_mean: entry('去极均值', 'aggregate', 4, 4, { agg: ['trimmed_mean'] }),
  rank: entry('排名', 'population', 1, 2, { pop: ['rank', 'rank_asc'] }),
  peer_max: entry('同级最高', 'population', 1, 1, { pop: ['peer_max'] }),
  peer_min: entry('同级最低', 'population', 1, 1, { pop: ['peer_min'] }),
  peer_mean: entry('同级均值', 'population', 1, 1, { pop: ['peer_mean'] }),
  percentile: entry('百分位', 'population', 1, 1, { pop: ['percentile'] }),
  prior: entry('前期', 'period', 1, 2, { warningValue: true }),
  falling: entry('连降', 'period', 2, 2, { warningValue: true }),
} as const satisfies Record<string, Entry>;

export type BuiltinName = keyof typeof ENTRIES;

export const BUILTINS: { readonly [N in BuiltinName]: Builtin } = Object.fromEntries(
  Object.entries(ENTRIES).map(([name, e]) => [name, { name, ...e }]),
) as { readonly [N in BuiltinName]: Builtin };

export const BUILTIN_NAMES = Object.keys(ENTRIES) as BuiltinName[];

/** Every built-in by each of its spellings (English and Chinese). */
export const BUILTIN_BY_SPELLING: ReadonlyMap<string, Builtin> = new Map(
  BUILTIN_NAMES.flatMap((name) => [[name, BUILTINS[name]], [BUILTINS[name].chinese, BUILTINS[name]]] as const),
);
