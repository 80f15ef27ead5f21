// The policy's header: its precision (0–10 places) and rounding word.
import type { Rounding } from '../../graph/graph.js';
import { message } from '../../messages/index.js';
import { didYouMean } from '../did-you-mean.js';
import { ROUNDING_MODES } from '../value-words.js';
import type { StructureContext } from './context.js';

const DEFAULT_PRECISION = 2;

export function checkHeader(c: StructureContext): { precision: number; rounding: Rounding } {
  const { policy, report } = c;
  const header = policy.decls.header;
  let precision = DEFAULT_PRECISION;
  let rounding: Rounding = 'half_up';
  if (header?.precision != null) {
    if (Number.isInteger(header.precision) && header.precision >= 0 && header.precision <= 10) precision = header.precision;
    else report(header.span, message('KP3013', 'precision', { value: String(header.precision) }));
  }
  if (header?.rounding) {
    const mode = ROUNDING_MODES.get(header.rounding.text);
    if (mode) rounding = mode;
    else report(header.rounding.span, message('KP3013', 'rounding', { word: header.rounding.text, spellings: [...ROUNDING_MODES.keys()] }),
      didYouMean(header.rounding.text, ROUNDING_MODES.keys()).help);
  }
  return { precision, rounding };
}
