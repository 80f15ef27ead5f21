// "Did you mean …" help for a policy's unknown names: the runtime's bounded closest-name search. When another
// name is as close as the one suggested, the hint says so in its parameters (`tied`): its quick fix is then
// offered in the editor but not applied by `check --fix`.
import { boundedEditDistance, closestName } from '../runtime/data/closest-name.js';
import { commonMessage, type MessageRef } from '../messages/index.js';

export function didYouMean(name: string, candidates: Iterable<string>): { help?: MessageRef } {
  const all = [...candidates];
  const best = closestName(name, all);
  if (best === null) return {};
  const rival = closestName(name, all.filter((c) => c !== best));
  const limit = Math.max(1, Math.floor([...name].length / 3));
  const distance = (c: string) => boundedEditDistance([...name], [...c], limit);
  const tied = rival !== null && distance(rival) === distance(best);
  return { help: commonMessage('didYouMean', tied ? { name: best, tied } : { name: best }) };
}
