// `missing fill_peer_mean` (`缺失 同级均值填补`): a unit without the input's value gets the mean of the values its
// peers (the units of its kind in the run) have. The one input is filled, not the indicator's score replaced
// (that is `peer_mean`). The mean is exact, then stored as the column's number like any input value; with no
// peer having the value there is nothing to fill from and the units stay missing.
import * as Q from './rational.js';
import { DEFAULTED, MISSING } from './state.js';

/** Fills the missing entries (NaN) of an input's column in place with the peers' mean; flags them DEFAULTED. */
export function fillPeerMean(values: Float64Array, flags: Uint8Array): void {
  let sum = Q.ZERO;
  let count = 0n;
  for (const x of values) {
    if (x !== x) continue;
    sum = Q.add(sum, Q.fromNumber(x));
    count++;
  }
  if (count === 0n) return;
  const mean = Q.toNumber(Q.div(sum, Q.rational(count))!);
  for (let i = 0; i < values.length; i++) {
    if (values[i] === values[i]) continue;
    values[i] = mean;
    flags[i] = (flags[i]! & ~MISSING) | DEFAULTED;
  }
}
