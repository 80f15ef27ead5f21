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
  };
  const code = await main(argv, ctx);
  return { code, stdout, stderr };
}
