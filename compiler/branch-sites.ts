// Where each arm of a lowered if, band or match was written: a side table from the graph's expression objects to
// source positions. It stays out of the graph, so a rule moved within its file is no change to the graph (the
// semantic diff, `fmt`) and the graph's JSON is as before. Test coverage reads it to name an untested arm by
// file:line:col (runtime/policy-tests/test-coverage.ts).
import type { GExpr, SourceRef } from '../graph/graph.js';

export interface ArmSite {
  span: SourceRef;
  text: string;
}

const sites = new WeakMap<GExpr, readonly ArmSite[]>();

/** Notes where `e`'s arms were written (if: then, else; band and match: the arms, then else) and returns `e`. */
export function noteArms<E extends GExpr>(e: E, arms: readonly ArmSite[]): E {
  sites.set(e, arms);
  return e;
}

/** Where the arms of a compiled if, band or match were written; undefined for an expression not compiled here. */
export function armSites(e: GExpr): readonly ArmSite[] | undefined {
  return sites.get(e);
}
