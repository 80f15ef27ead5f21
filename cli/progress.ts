// A progress bar on standard error for long evaluations — only on a terminal, only for large datasets.
import cliProgress from 'cli-progress';
import type { CliContext } from './context.js';

/** Datasets smaller than this finish before a bar would be readable. */
const LARGE_DATASET = 2000;

type Step = (label: string, units?: number) => void;

/** Runs `work`, which names its steps; a bar over the steps is shown when the dataset is large. */
export async function withProgress<T>(ctx: CliContext, work: (step: Step) => Promise<T>): Promise<T> {
  let bar: cliProgress.SingleBar | null = null;
  let done = 0;
  const step: Step = (label, units) => {
    if (!bar && ctx.stderrIsTTY && units !== undefined && units >= LARGE_DATASET) {
      bar = new cliProgress.SingleBar(
        { format: '{bar} {value}/{total} {step}', stream: process.stderr, clearOnComplete: true, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      bar.start(3, done, { step: label });
    }
    done++;
    bar?.update(done, { step: label });
  };
  try {
    const result = await work(step);
    (bar as cliProgress.SingleBar | null)?.update(3, { step: 'done' });
    return result;
  } finally {
    (bar as cliProgress.SingleBar | null)?.stop();
  }
}
