// The tables a policy reads from a database: the same layout as its CSV tables (one per entity kind, one per
// record-list input), typed. What the generator needs to know of them is which tables and columns exist.
import type { InputNode, RecordSpec, RelationNode, RuleGraph } from '../graph/graph.js';
import { tableTargets } from '../runtime/data/table-layout.js';

export interface KindTable {
  kind: string;
  table: string;
  inputs: InputNode[]; // scalar and list inputs of the kind
  relations: RelationNode[];
}

export interface ListTable {
  kind: string;
  input: InputNode;
  record: RecordSpec;
  table: string;
}

export interface TableSet {
  kinds: Map<string, KindTable>;
  /** by list input node id */
  lists: Map<string, ListTable>;
}

/** The tables of a graph, by the names the CSV tables have. */
export function policyTables(graph: RuleGraph): TableSet {
  const targets = tableTargets(graph);
  const kinds = new Map<string, KindTable>();
  const lists = new Map<string, ListTable>();
  for (const k of graph.kinds) {
    const shape = targets.shapes.get(k.name)!;
    kinds.set(k.name, { kind: k.name, table: k.name, inputs: [...shape.inputs.values()], relations: [...shape.relations.values()] });
    for (const input of shape.inputs.values()) {
      if (input.type.t !== 'list') continue;
      const shared = (targets.lists.get(input.name) ?? []).length > 1;
      const record = graph.records.find((r) => r.name === (input.type as { record: string }).record)!;
      lists.set(input.id, { kind: k.name, input, record, table: shared ? `${k.name}.${input.name}` : input.name });
    }
  }
  return { kinds, lists };
}

/** What a database holds of those tables: the columns of each table present (lower-case names not assumed). */
export type Catalog = Map<string, Set<string>>;

/** Column names of the layout: a kind table's id/name/period, a list table's unit/period. */
export const ID = 'id';
export const NAME = 'name';
export const PERIOD = 'period';
export const UNIT = 'unit';
