// Where the service's evaluations run: a pool of worker threads (tinypool: small, no dependencies, kept by the
// vitest team; a task's AbortSignal ends its thread, which a time limit needs when an evaluation does not stop
// by itself), or, without a worker file (the sources run untranspiled, in tests), the event loop.
import { pathToFileURL } from 'node:url';
import { Tinypool } from 'tinypool';
import { evaluateRequest, type EvaluationAnswer, type EvaluationTask } from './evaluate-request.js';

export interface Evaluator {
  /** threads evaluating at once (0: the event loop) */
  threads: number;
  run(task: EvaluationTask, signal: AbortSignal): Promise<EvaluationAnswer>;
  close(): Promise<void>;
}

export function inProcessEvaluator(): Evaluator {
  return { threads: 0, run: (task) => evaluateRequest(task), close: async () => undefined };
}

export function workerPool(workerFile: string, threads: number): Evaluator {
  const pool = new Tinypool({ filename: pathToFileURL(workerFile).href, minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
  return {
    threads,
    run: (task, signal) => pool.run(task, { signal }) as Promise<EvaluationAnswer>,
    close: () => pool.destroy(),
  };
}
