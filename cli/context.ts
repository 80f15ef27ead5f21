// What every command gets: where to write, where it runs, and the two kinds of expected failure.
import path from 'node:path';
import { cliMessage, InputError, render, type CliArgs, type CliKey, type Lang, type MessageRef } from '../messages/index.js';

/** Exit codes, as documented in docs/cli.md. */
export const ExitCode = { ok: 0, failed: 1, usage: 2, internal: 3 } as const;

export interface CliContext {
  /** Writes to standard output (text as given; callers add newlines). */
  out(text: string): void;
  /** Writes to standard error. */
  err(text: string): void;
  cwd: string;
  /** Whether standard error is a terminal (progress bars only then). */
  stderrIsTTY: boolean;
  /** Standard input, for `--data -` (absent where there is none to read). */
  stdin?: AsyncIterable<Uint8Array>;
  /** The environment: KAOPING_LANG and the locale choose the language of messages. */
  env: Readonly<Record<string, string | undefined>>;
  /** The language of messages, set once the command line is read (`--lang`, else KAOPING_LANG, else the locale). */
  lang?: Lang;
}

export { InputError };

/** A problem with how the command was called: a message and exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(readonly text: MessageRef | string) {
    super(typeof text === 'string' ? text : render(text, 'en'));
  }
}

/**
 * An error's sentence in the context's language. A plain string is a sentence of a command whose words are not
 * in the catalogue yet; it is shown as written.
 */
export function errorText(ctx: CliContext, e: InputError | UsageError): string {
  return typeof e.text === 'string' ? e.text : render(e.text, langOf(ctx));
}

/** The language messages are shown in (Chinese until the command line is read). */
export const langOf = (ctx: CliContext): Lang => ctx.lang ?? 'zh';

/** One of the command's sentences in the context's language. */
export function tell<K extends CliKey>(ctx: CliContext, key: K, ...params: CliArgs<K>): string {
  return render(cliMessage(key, ...params), langOf(ctx));
}

/**
 * Characters a terminal obeys rather than shows: C0 controls other than tab and line feed, DEL, C1 controls,
 * and the bidirectional overrides and isolates that reorder what is displayed.
 */
const TERMINAL_CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/** Text for a human: control characters that came with the data are shown escaped, never obeyed. */
export function terminalText(text: string): string {
  return text.replace(TERMINAL_CONTROLS, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

export function processContext(): CliContext {
  // A reader that stops early (`kaoping … | head`) closes the pipe. That is no error: what is left to print is
  // dropped, and the command still finishes (the files it writes, its exit code) without an EPIPE trace.
  const out = openStream(process.stdout);
  const err = openStream(process.stderr);
  return {
    // Standard output stays byte-exact when it is piped (it may be JSON or CSV); standard error is for people.
    out: (text) => out(process.stdout.isTTY ? terminalText(text) : text),
    err: (text) => err(terminalText(text)),
    cwd: process.cwd(),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    stdin: process.stdin,
    env: process.env,
  };
}

function openStream(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    closed = true;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

/** A path as the user sees it: relative to the working directory when inside it. */
export function displayPath(ctx: CliContext, file: string): string {
  const rel = path.relative(ctx.cwd, path.resolve(ctx.cwd, file));
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}
