// `kaoping serve` — the policies of a folder as a JSON service, with the web editor at /. The server
// (Fastify and its plugins) is loaded only when this command runs, so the other commands do not pay for it.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { ExitCode, InputError, UsageError, tell } from '../context.js';
import type { CommandDefinition } from '../main.js';
import { CLI_HELP } from '../../messages/cli-help.js';
import { packageRoot } from '../package-root.js';
import { cliMessage } from '../../messages/index.js';

interface ServeCommandOptions {
  policies: string;
  host: string;
  port: string;
  token?: string;
  log?: string;
  logData?: boolean;
  maxBody: string;
  maxUnits: string;
  timeout: string;
  maxConcurrent: string;
  workers?: string;
}

export const defineServe: CommandDefinition = (program, ctx, finish, help) => {
  program
    .command('serve')
    .description(help(CLI_HELP.serve.description))
    .option('--policies <dir>', help(CLI_HELP.serve.policies), 'policies')
    .option('--host <host>', help(CLI_HELP.serve.host), '127.0.0.1')
    .option('--port <n>', help(CLI_HELP.serve.port), '8080')
    .option('--token <token>', help(CLI_HELP.serve.token))
    .option('--log <dir>', help(CLI_HELP.serve.log))
    .option('--log-data', help(CLI_HELP.serve.logData))
    .option('--max-body <bytes>', help(CLI_HELP.serve.maxBody), String(32 * 2 ** 20))
    .option('--max-units <n>', help(CLI_HELP.serve.maxUnits), '100000')
    .option('--timeout <ms>', help(CLI_HELP.serve.timeout), '30000')
    .option('--max-concurrent <n>', help(CLI_HELP.serve.maxConcurrent), '8')
    .option('--workers <n>', help(CLI_HELP.serve.workers))
    .action(async (opts: ServeCommandOptions) => {
      const token = opts.token ?? process.env.KAOPING_TOKEN ?? null;
      const { createServer, isLoopback, DEFAULT_LIMITS } = await import('../serve/server.js');
      if (!isLoopback(opts.host) && !token) {
        throw new UsageError(cliMessage('hostNeedsToken', { host: opts.host }));
      }
      if (opts.logData && !opts.log) throw new UsageError(cliMessage('optionNeeds', { option: '--log-data', needs: '--log DIR' }));
      const app = await createServer({
        policies: path.resolve(ctx.cwd, opts.policies),
        token: token || null,
        log: opts.log ? path.resolve(ctx.cwd, opts.log) : null,
        logData: opts.logData ?? false,
        editorDir: editorDir(),
        workers: workers(opts.workers === undefined ? availableParallelism() : whole('--workers', opts.workers, 0)),
        limits: {
          ...DEFAULT_LIMITS,
          bodyBytes: whole('--max-body', opts.maxBody, 1),
          units: whole('--max-units', opts.maxUnits, 1),
          evaluationMs: whole('--timeout', opts.timeout, 1),
          concurrentEvaluations: whole('--max-concurrent', opts.maxConcurrent, 1),
        },
      });
      const port = whole('--port', opts.port, 0);
      let address: string;
      try {
        address = await app.listen({ host: opts.host, port });
      } catch (e) {
        throw new InputError(cliMessage('cannotListen', { address: `${opts.host}:${port}`, why: e instanceof Error ? e.message : String(e) }));
      }
      ctx.err(`${tell(ctx, 'serving', { address, policies: opts.policies, log: opts.log ?? null })}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => void app.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      finish(ExitCode.ok);
    });
};

/**
 * The built editor: dist/editor of the package (npm run build writes it there). Looked for from this module's
 * URL, which is cli/commands/ in the sources and dist/cli/ in the built command; null outside a kaoping package.
 */
function editorDir(): string | null {
  const root = packageRoot(import.meta.url);
  return root === null ? null : path.join(root, 'dist', 'editor');
}

/**
 * The evaluation threads: the built worker beside the built command (dist/cli/evaluation-worker.js, this module
 * being dist/cli/ or dist/cli/chunks/). From the sources (tests) there is none: evaluations run on the event loop.
 */
function workers(threads: number): { file: string; threads: number } | null {
  if (threads === 0 || !import.meta.url.endsWith('.js')) return null;
  const here = path.dirname(new URL(import.meta.url).pathname);
  const file = [path.join(here, 'evaluation-worker.js'), path.join(here, '..', 'evaluation-worker.js')].find((f) => existsSync(f));
  return file === undefined ? null : { file, threads };
}

function whole(option: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(cliMessage('wholeNumberAtLeast', { option, value, min }));
  return n;
}
