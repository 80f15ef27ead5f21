// Runs the `kaoping` command line in-process with captured output.
import { main } from '../../cli/main.js';
import type { CliContext } from '../../cli/context.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `stdin`, when given, is what the command reads on standard input (text and bytes in chunks of `chunkBytes`). */
export async function runCli(
  argv: string[],
  cwd = process.cwd(),
  stdin?: string | Uint8Array | AsyncIterable<Uint8Array>,
  chunkBytes = 65_536,
  /** more of the environment (the locale is English unless it says otherwise) */
  env: Record<string, string> = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const ctx: CliContext = {
    out: (s) => (stdout += s),
    err: (s) => (stderr += s),
    cwd,
    stderrIsTTY: false,
    // An English locale: the tests read English messages unless they ask for --lang zh.
    env: { LANG: 'en_US.UTF-8', ...env },
    ...(stdin === undefined ? {} : { stdin: typeof stdin === 'string' || stdin instanceof Uint8Array ? chunks(stdin, chunkBytes) : stdin }),
  };
  const code = await main(argv, ctx);
  return { code, stdout, stderr };
}

async function* chunks(input: string | Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
