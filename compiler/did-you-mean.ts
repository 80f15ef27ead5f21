// "Did you mean …" help for a policy's unknown names: the runtime's bounded closest-name search.
import { closestName } from '../runtime/closest-name.js';

export function didYouMean(name: string, candidates: Iterable<string>): { help?: string } {
  const best = closestName(name, candidates);
  return best === null ? {} : { help: `did you mean \`${best}\`?` };
}
