// Where the service's evaluations run: a pool of worker threads (tinypool: small, no dependencies, kept by the
// vitest team; a task's AbortSignal ends its thread, which a time limit needs when an evaluation does not stop
// by itself), or, without a worker file (the sources run untranspiled, in tests), the event loop.
import { pathToFileURL } from 'node:url';
import { Tinypool } from 'tinypool';
import { evaluateRequest, type EvaluationAnswer, type EvaluationTask } from './evaluate-request.js';

export interface Evaluator {
  /** threads evaluating at once (0: the event loop) */
  threads: number;
  /** `move`: buffers of the task given to the thread rather than copied (the caller no longer reads them) */
  run(task: EvaluationTask, signal: AbortSignal, move?: ArrayBuffer[]): Promise<EvaluationAnswer>;
  close(): Promise<void>;
}

export function inProcessEvaluator(): Evaluator {
  return { threads: 0, run: (task) => evaluateRequest(task), close: async () => undefined };
}

/**
 * The young generation of an evaluation thread's heap (V8's default semi-space is 16 MiB; this is three 64 MiB
 * spaces). An evaluation's objects live for the request only, but with the default they outlived several young
 * collections and were copied each time: the larger space took a third off the CPU time of an evaluation of the
 * 2021 sample (docs/performance.md). V8 grows the space up to this only when the thread allocates that fast.
 */
const YOUNG_GENERATION_MB = 192;

export function workerPool(workerFile: string, threads: number): Evaluator {
  const pool = new Tinypool({
    filename: pathToFileURL(workerFile).href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  return {
    threads,
    run: (task, signal, move = []) => pool.run(task, { signal, transferList: move }) as Promise<EvaluationAnswer>,
    close: () => pool.destroy(),
  };
}
