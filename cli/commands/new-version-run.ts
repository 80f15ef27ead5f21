// `kaoping new-version SRC DEST --version V` — the yearly cycle's first step: a copy of last year's policy
// (its `.kp` sources, tests and fixtures) with the version, the year in its name and the periods bumped.
// Result data is not copied: last year's results are last year's facts (docs/cli.md).
// The work of the command, loaded only when it runs (the definition is in new-version.ts).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { newVersion, type VersionEdit } from '../../dsl/new-version.js';
import { ExitCode, InputError, type CliContext } from '../context.js';
import { pathKind, writeAtomic } from '../files.js';
import { readFolder } from '../policy-source.js';
import { renderDiagnostics } from '../render-diagnostics.js';

/** This command's messages, Chinese (written) and English side by side until the message catalogue takes them. */
const TEXT = {
  destExists: {
    zh: (dest: string) => `${dest}：已存在，不会覆盖；请换一个新文件夹`,
    en: (dest: string) => `${dest}: already exists and is not overwritten; choose a new folder`,
  },
  notFolder: {
    zh: (src: string) => `${src}：不是考评体系文件夹`,
    en: (src: string) => `${src}: not a policy folder`,
  },
  noPolicy: {
    zh: (src: string) => `${src}：没有「体系」声明（policy），不是考评体系`,
    en: (src: string) => `${src}: has no \`policy\` header, so it is not a policy`,
  },
  syntax: {
    zh: (src: string) => `${src}：有语法错误，未创建新版本`,
    en: (src: string) => `${src}: has syntax errors; no new version was made`,
  },
  cannotCreate: {
    zh: (dest: string, why: string) => `${dest}：无法创建（${why}）`,
    en: (dest: string, why: string) => `${dest}: cannot be created (${why})`,
  },
  noYear: {
    zh: (version: string) => `--version ${version}：版本中没有年份（如 2022），无法推算新的考评期间`,
    en: (version: string) => `--version ${version}: the version holds no year (e.g. 2022), so the new periods cannot be set`,
  },
  created: {
    zh: (dest: string, files: number, from: string, to: string) => `已创建 ${dest}：${files} 个文件，版本 ${from} → ${to}`,
    en: (dest: string, files: number, from: string, to: string) => `created ${dest}: ${files} files, version ${from} → ${to}`,
  },
  edit: {
    zh: { version: '版本', name: '体系名称', period: '考评期间' } as Record<VersionEdit['what'], string>,
    en: { version: 'version', name: 'policy name', period: 'period' } as Record<VersionEdit['what'], string>,
  },
  mentions: {
    zh: (year: string) => `以下注释、说明或名称仍写有「${year}」，请逐一核对：`,
    en: (year: string) => `these comments, texts or names still mention ${year}; review each:`,
  },
  noData: {
    zh: (dest: string) => `未复制结果数据（data/）：上年数据属于上一年度；预览前请把本年度数据放在 ${dest}/data/`,
    en: (dest: string) => `result data (data/) was not copied: last year's data belongs to last year; put this year's in ${dest}/data/ to preview`,
  },
  next: {
    zh: (src: string, dest: string) =>
      `下一步：\n  1. 修改指标：编辑 ${dest} 中的 .kp 文件\n  2. 运行测试：kaoping test ${dest}\n  3. 审阅变化：kaoping diff ${src} ${dest}`,
    en: (src: string, dest: string) =>
      `next:\n  1. change the indicators: edit the .kp files in ${dest}\n  2. run the tests: kaoping test ${dest}\n  3. review the changes: kaoping diff ${src} ${dest}`,
  },
} as const;

const MAX_MENTIONS = 20;

export async function runNewVersion(ctx: CliContext, src: string, dest: string, version: string): Promise<number> {
  const destPath = path.resolve(ctx.cwd, dest);
  if ((await pathKind(destPath)) !== null) throw new InputError(TEXT.destExists.zh(dest));
  const srcPath = path.resolve(ctx.cwd, src);
  if ((await pathKind(srcPath)) !== 'dir') throw new InputError(TEXT.notFolder.zh(src));
  const sources = await readFolder(ctx, srcPath);
  const result = newVersion(sources, version);
  if (!result.ok) {
    if (result.reason === 'syntax') {
      ctx.err(renderDiagnostics(ctx, result.diagnostics, new Map(sources.map((s) => [s.path, s.text]))));
      throw new InputError(TEXT.syntax.zh(src));
    }
    throw new InputError(result.reason === 'no-policy' ? TEXT.noPolicy.zh(src) : TEXT.noYear.zh(version));
  }
  try {
    await fs.mkdir(destPath); // not recursive: a folder made meanwhile is refused here, never overwritten
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new InputError(code === 'EEXIST' ? TEXT.destExists.zh(dest) : TEXT.cannotCreate.zh(dest, code ?? String(e)));
  }
  for (const s of result.sources) await writeAtomic(path.join(destPath, path.basename(s.path)), s.text);

  const lines = [TEXT.created.zh(dest, result.sources.length, result.oldVersion, version)];
  for (const e of result.edits) lines.push(`  ${path.basename(e.path)}:${e.line}  ${TEXT.edit.zh[e.what]}：${e.before} → ${e.after}`);
  if (result.mentions.length > 0) {
    lines.push(TEXT.mentions.zh(result.oldYear));
    for (const m of result.mentions.slice(0, MAX_MENTIONS)) lines.push(`  ${path.basename(m.path)}:${m.line}  ${m.text}`);
    if (result.mentions.length > MAX_MENTIONS) lines.push(`  …（另有 ${result.mentions.length - MAX_MENTIONS} 处）`);
  }
  lines.push(TEXT.noData.zh(dest), TEXT.next.zh(src, dest));
  ctx.out(`${lines.join('\n')}\n`);
  return ExitCode.ok;
}
