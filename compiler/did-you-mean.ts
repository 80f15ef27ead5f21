// "Did you mean …" help for a policy's unknown names: the runtime's bounded closest-name search.
import { closestName } from '../runtime/data/closest-name.js';
import { commonMessage, type MessageRef } from '../messages/index.js';

export function didYouMean(name: string, candidates: Iterable<string>): { help?: MessageRef } {
  const best = closestName(name, candidates);
  return best === null ? {} : { help: commonMessage('didYouMean', { name: best }) };
}
