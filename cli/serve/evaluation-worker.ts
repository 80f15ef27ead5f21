// A thread of the service's evaluation pool (tinypool): evaluations run here, off the event loop, so that
// requests are read and answered while others are evaluated, one per core.
import { evaluateRequest, type EvaluationAnswer, type EvaluationTask } from './evaluate-request.js';

export default function evaluate(task: EvaluationTask): EvaluationAnswer {
  return evaluateRequest(task);
}
