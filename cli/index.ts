// The public surface of cli/.
export { evaluateRequest } from './serve/evaluate-request.js';
export type { EvaluationTask } from './serve/evaluate-request.js';
export { readStreamed } from './stream-eval.js';
