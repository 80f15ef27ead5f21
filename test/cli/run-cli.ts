// Runs the `kaoping` command line in-process with captured output.
import { main } from '../../cli/main.js';
import type { CliContext } from '../../cli/context.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], cwd = process.cwd()): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const ctx: CliContext = {
    out: (s) => (stdout += s),
    err: (s) => (stderr += s),
    cwd,
    stderrIsTTY: false,
    // An English locale: the tests read English messages unless they ask for --lang zh.
    env: { LANG: 'en_US.UTF-8' },
  };
  const code = await main(argv, ctx);
  return { code, stdout, stderr };
}
