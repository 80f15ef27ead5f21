// What a kind's results show, in the order people read them: the terminal's ranking table and the results
// files both take their columns from here.
import type { Results } from '../runtime/index.js';
import type { BonusNode, IndicatorNode, RelationNode, RuleGraph, SectionNode, TiersNode, TotalNode } from '../graph/graph.js';

export type UnitRow = Results['units'][number];

/** The kind's sections in declaration order (the order its total lists them; graph order is planned order). */
function sectionsOf(graph: RuleGraph, kind: string): SectionNode[] {
  const sections = graph.nodes.filter((n): n is SectionNode => n.role === 'section' && n.kind === kind);
  const total = totalOf(graph, kind);
  if (!total) return sections;
  const position = new Map(total.sections.map((id, i) => [id, i]));
  return [...sections].sort((a, b) => (position.get(a.id) ?? Infinity) - (position.get(b.id) ?? Infinity));
}

function totalOf(graph: RuleGraph, kind: string): TotalNode | undefined {
  return graph.nodes.find((n): n is TotalNode => n.role === 'total' && n.kind === kind);
}

/** What a kind's results show besides rank, unit and total, each only when the policy has it. */
export interface KindColumns {
  totalPrecision: number;
  sections: SectionNode[];
  bonuses: BonusNode[];
  /** when the total takes a share of a related unit's (干部 of 部门): the headers, and the related total's precision */
  individual: { result: string; share: string; precision: number } | null;
  /** by the names the policy gives them (年度分段, 个人等次) */
  tiers: TiersNode[];
  indicators: IndicatorNode[];
}

export function columnsOf(graph: RuleGraph, kind: string): KindColumns {
  const own = graph.nodes.filter((n) => n.kind === kind);
  const total = totalOf(graph, kind);
  let individual: KindColumns['individual'] = null;
  if (total?.individual) {
    const relation = graph.nodes.find((n): n is RelationNode => n.id === total.individual!.relation)!;
    const precision = totalOf(graph, relation.target)?.precision ?? graph.policy.precision;
    individual = { result: `${relation.name}结果`, share: `${relation.name}结果占比`, precision };
  }
  return {
    totalPrecision: total?.precision ?? graph.policy.precision,
    sections: sectionsOf(graph, kind),
    bonuses: own.filter((n): n is BonusNode => n.role === 'bonus'),
    individual,
    tiers: own.filter((n): n is TiersNode => n.role === 'tiers'),
    indicators: own.filter((n): n is IndicatorNode => n.role === 'indicator'),
  };
}

