// What every command gets: where to write, where it runs, and the two kinds of expected failure.
import path from 'node:path';

/** Exit codes, as documented in the README. */
export const ExitCode = { ok: 0, failed: 1, usage: 2, internal: 3 } as const;

export interface CliContext {
  /** Writes to standard output (text as given; callers add newlines). */
  out(text: string): void;
  /** Writes to standard error. */
  err(text: string): void;
  cwd: string;
  /** Whether standard error is a terminal (progress bars only then). */
  stderrIsTTY: boolean;
}

/** A problem with the user's input (a missing file, bad data): a located message and exit 1. */
export class InputError extends Error {
  override name = 'InputError';
}

/** A problem with how the command was called: a message and exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function processContext(): CliContext {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    stderrIsTTY: Boolean(process.stderr.isTTY),
  };
}

/** A path as the user sees it: relative to the working directory when inside it. */
export function displayPath(ctx: CliContext, file: string): string {
  const rel = path.relative(ctx.cwd, path.resolve(ctx.cwd, file));
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}
