// `kaoping new-version SRC DEST --version V` — the yearly cycle's first step: a copy of last year's policy
// (its `.kp` sources, tests and fixtures) with the version, the year in its name and the periods bumped.
// Result data is not copied: last year's results are last year's facts (docs/cli.md).
// The work of the command, loaded only when it runs (the definition is in new-version.ts).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { newVersion } from '../../dsl/new-version.js';
import { cliMessage } from '../../messages/index.js';
import { ExitCode, InputError, tell, type CliContext } from '../context.js';
import { pathKind, writeAtomic } from '../files.js';
import { readFolder } from '../policy-source.js';
import { renderDiagnostics } from '../render-diagnostics.js';

const MAX_MENTIONS = 20;

export async function runNewVersion(ctx: CliContext, src: string, dest: string, version: string): Promise<number> {
  const destPath = path.resolve(ctx.cwd, dest);
  if ((await pathKind(destPath)) !== null) throw new InputError(cliMessage('destExists', { dest }));
  const srcPath = path.resolve(ctx.cwd, src);
  if ((await pathKind(srcPath)) !== 'dir') throw new InputError(cliMessage('notPolicyFolder', { src }));
  const sources = await readFolder(ctx, srcPath);
  const result = newVersion(sources, version);
  if (!result.ok) {
    if (result.reason === 'syntax') {
      ctx.err(renderDiagnostics(ctx, result.diagnostics, new Map(sources.map((s) => [s.path, s.text]))));
      throw new InputError(cliMessage('versionSyntax', { src }));
    }
    throw new InputError(result.reason === 'no-policy' ? cliMessage('noPolicyHeader', { src }) : cliMessage('versionNoYear', { version }));
  }
  try {
    await fs.mkdir(destPath); // not recursive: a folder made meanwhile is refused here, never overwritten
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new InputError(code === 'EEXIST' ? cliMessage('destExists', { dest }) : cliMessage('cannotCreate', { dest, why: code ?? String(e) }));
  }
  for (const s of result.sources) await writeAtomic(path.join(destPath, path.basename(s.path)), s.text);

  const lines = [tell(ctx, 'versionCreated', { dest, files: result.sources.length, from: result.oldVersion, to: version })];
  for (const e of result.edits) lines.push(`  ${tell(ctx, 'versionEdit', { place: `${path.basename(e.path)}:${e.line}`, what: e.what, before: e.before, after: e.after })}`);
  if (result.mentions.length > 0) {
    lines.push(tell(ctx, 'yearMentions', { year: result.oldYear }));
    for (const m of result.mentions.slice(0, MAX_MENTIONS)) lines.push(`  ${path.basename(m.path)}:${m.line}  ${m.text}`);
    if (result.mentions.length > MAX_MENTIONS) lines.push(`  ${tell(ctx, 'moreMentions', { count: result.mentions.length - MAX_MENTIONS })}`);
  }
  lines.push(tell(ctx, 'dataNotCopied', { dest }), tell(ctx, 'versionNext', { src, dest }));
  ctx.out(`${lines.join('\n')}\n`);
  return ExitCode.ok;
}
