// A progress bar on standard error while an evaluation runs — only on a terminal, only for large datasets.
import cliProgress from 'cli-progress';
import type { CliContext } from './context.js';

/** Datasets smaller than this finish before a bar would be readable. */
const LARGE_DATASET = 2000;

export type OnProgress = (done: number, total: number) => void;

/** Data files smaller than this are read before a bar would be readable. */
const LARGE_DATA_BYTES = 16 * 2 ** 20;

function progressBar(label: string): { onProgress: OnProgress; stop(): void } {
  const bar = new cliProgress.SingleBar(
    { format: `{bar} {percentage}% ${label}`, stream: process.stderr, clearOnComplete: true, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const onProgress: OnProgress = (done, total) => {
    if (!started) {
      bar.start(total, done);
      started = true;
    } else bar.update(done);
    if (bar.getTotal() !== total) bar.setTotal(total); // a restart after skipping bad units
  };
  return { onProgress, stop: () => started && bar.stop() };
}

/**
 * Runs `work`, handing it the runtime's `onProgress` callback when a bar is shown (a terminal and at least
 * LARGE_DATASET units), else nothing. The bar counts node evaluations; it redraws at most a few times a
 * second, so calling it per node stays cheap, and it is cleared when the work ends.
 */
export function withProgress<T>(ctx: CliContext, units: number, work: (onProgress: OnProgress | undefined) => T): T {
  if (!ctx.stderrIsTTY || units < LARGE_DATASET) return work(undefined);
  const bar = progressBar(`evaluating ${units} units`);
  try {
    return work(bar.onProgress);
  } finally {
    bar.stop();
  }
}

/** The same for reading `bytes` of data in chunks (streamed CSV): the bar counts bytes read. */
export async function withReadProgress<T>(ctx: CliContext, bytes: number, work: (onProgress: OnProgress | undefined) => Promise<T>): Promise<T> {
  if (!ctx.stderrIsTTY || bytes < LARGE_DATA_BYTES) return work(undefined);
  const bar = progressBar(`reading ${Math.round(bytes / 2 ** 20)} MiB`);
  try {
    return await work(bar.onProgress);
  } finally {
    bar.stop();
  }
}
