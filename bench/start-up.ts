// Start-up of the `kaoping` command: wall time of whole processes, median of `runs`, beside `node -e 0` (what any
// Node program pays). The commands take turns, so a machine getting busier or quieter affects them alike.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

export interface StartUp {
  runs: number;
  /** Median wall milliseconds of each command. */
  medianMs: { node: number; help: number; evalDefault: number; npmRunMain: number };
}

const DEFAULT_EVAL = ['eval', 'policies/tax-provincial-2021', '--data', 'policies/tax-provincial-2021/data/results.json', '--period', '2021'];

export function measureStartUp(root: string, runs: number): StartUp {
  // Through the checkout's launcher once, so that dist/cli is built from the current sources.
  execFileSync(process.execPath, ['cli/kaoping.mjs', '--version'], { cwd: root });
  const bin = path.join(root, 'dist', 'cli', 'kaoping.js');
  const commands: Record<keyof StartUp['medianMs'], [string, string[]]> = {
    node: [process.execPath, ['-e', '0']],
    help: [process.execPath, [bin, '--help']],
    evalDefault: [process.execPath, [bin, ...DEFAULT_EVAL]],
    npmRunMain: ['npm', ['run', 'main', '--silent']],
  };
  const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, [] as number[]])) as Record<keyof StartUp['medianMs'], number[]>;
  for (let i = 0; i <= runs; i++) {
    for (const [name, [cmd, args]] of Object.entries(commands) as [keyof StartUp['medianMs'], [string, string[]]][]) {
      const started = performance.now();
      const r = spawnSync(cmd, args, { cwd: root, stdio: 'ignore' });
      const ms = performance.now() - started;
      if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
      if (i > 0) samples[name].push(ms); // the first round warms the file cache
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return {
    runs,
    medianMs: {
      node: median(samples.node),
      help: median(samples.help),
      evalDefault: median(samples.evalDefault),
      npmRunMain: median(samples.npmRunMain),
    },
  };
}
