// A thread of the service's evaluation pool (tinypool): evaluations run here, off the event loop, so that
// requests are read and answered while others are evaluated, one per core.
import { Tinypool, kTransferable, kValue } from 'tinypool';
import { evaluateRequest, type EvaluationAnswer, type EvaluationTask } from './evaluate-request.js';

export default async function evaluate(task: EvaluationTask): Promise<EvaluationAnswer> {
  const answer = await evaluateRequest(task);
  if (!answer.ok) return answer;
  // The results' bytes are moved to the event loop's thread, not copied.
  return Tinypool.move({ [kTransferable]: [answer.resultsJson.buffer], [kValue]: answer }) as unknown as EvaluationAnswer;
}
