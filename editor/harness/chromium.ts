// Which Chromium the browser tests and the editor benchmark drive. Debian's `chromium` when installed;
// otherwise the Chromium that ships inside the `@sparticuz/chromium` package (a devDependency): its
// brotli-compressed binary, together with the NSS/NSPR/expat libraries it links against and a font, is unpacked
// once into node_modules/.cache — nothing is downloaded. KAOPING_CHROMIUM picks one explicitly: a path, or
// `bundled` to hide the system browser (CI runs the browser suites once that way). If none can be found the
// caller gets an error saying what was tried; the tests never skip silently.
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createBrotliDecompress } from 'node:zlib';
import { randomUUID } from 'node:crypto';

export interface ChromiumChoice {
  executablePath: string;
  /** Environment for the browser process (the bundled binary finds its libraries and fonts through it). */
  env?: Record<string, string>;
  /** Where it came from, for messages. */
  source: string;
}

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const BUNDLED_PACKAGE = '@sparticuz/chromium';
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The browser to launch, following KAOPING_CHROMIUM (a path, or `bundled`), else Debian's, else the bundled one. */
export async function findChromium(choice: string | undefined): Promise<ChromiumChoice> {
  if (choice && choice !== 'bundled') {
    if (!existsSync(choice)) throw new Error(`KAOPING_CHROMIUM=${choice}: no such file`);
    return { executablePath: choice, source: `KAOPING_CHROMIUM (${choice})` };
  }
  if (!choice && existsSync(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, source: SYSTEM_CHROMIUM };
  return bundledChromium(choice ? 'hidden (KAOPING_CHROMIUM=bundled)' : 'missing');
}

/** The packaged Chromium, unpacked on first use into a folder named after the package's version. */
async function bundledChromium(systemIs: string): Promise<ChromiumChoice> {
  let packageRoot: string;
  try {
    // The package exports only its entry point (build/cjs/index.cjs); its root is three levels up.
    packageRoot = path.resolve(createRequire(import.meta.url).resolve(BUNDLED_PACKAGE), '../../..');
  } catch {
    throw new Error(
      `no browser for the editor tests: ${SYSTEM_CHROMIUM} is ${systemIs} ` +
        `and ${BUNDLED_PACKAGE} is not installed (run \`npm ci\`, or \`apt-get install chromium\`, or set KAOPING_CHROMIUM to a Chromium binary)`,
    );
  }
  const { version } = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  const dir = path.join(repoRoot, 'node_modules', '.cache', 'kaoping-chromium', version);
  if (!existsSync(path.join(dir, 'chromium'))) await unpack(path.join(packageRoot, 'bin'), dir);
  return {
    executablePath: path.join(dir, 'chromium'),
    env: { LD_LIBRARY_PATH: path.join(dir, 'lib'), FONTCONFIG_PATH: path.join(dir, 'fonts') },
    source: `${BUNDLED_PACKAGE} ${version} (${dir})`,
  };
}

/**
 * Unpacks the binary, its shared libraries (lib/: libnss3, libnspr4, libexpat… built for Amazon Linux 2023,
 * whose glibc is older than Debian 12's) and its font into `dir`. Into a scratch folder first, renamed at the
 * end, so two test files starting at once never launch a half-written binary.
 */
async function unpack(bin: string, dir: string): Promise<void> {
  // One scratch folder per call: test files run in worker threads of one process, so the pid alone is shared.
  const scratch = `${dir}.partial-${process.pid}-${randomUUID()}`;
  await rm(scratch, { recursive: true, force: true });
  await mkdir(path.join(scratch, 'fonts'), { recursive: true });
  await pipeline(
    createReadStream(path.join(bin, 'chromium.br')),
    createBrotliDecompress(),
    createWriteStream(path.join(scratch, 'chromium'), { mode: 0o755 }),
  );
  await untar(path.join(bin, 'al2023.tar.br'), scratch);
  await untar(path.join(bin, 'fonts.tar.br'), path.join(scratch, 'fonts'));
  // The package's own fonts.conf names Lambda's folders; this one names the unpacked font and the system's.
  await writeFile(
    path.join(scratch, 'fonts', 'fonts.conf'),
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
      `  <dir>${path.join(dir, 'fonts', 'fonts')}</dir>\n  <dir>/usr/share/fonts</dir>\n` +
      `  <cachedir>${path.join(dir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
  );
  try {
    await rename(scratch, dir);
  } catch (e) {
    await rm(scratch, { recursive: true, force: true });
    // Another process finished first: its copy is as good as ours.
    if (!existsSync(path.join(dir, 'chromium'))) throw e;
  }
}

/** Extracts a brotli-compressed tar with the system's tar (Node has brotli but no tar reader). */
async function untar(file: string, into: string): Promise<void> {
  // Inflated to a file first: tar stops reading at the archive's end blocks, which would cut a pipe into its
  // standard input short while the inflater still writes the padding after them.
  const archive = `${into}.tar`;
  await pipeline(createReadStream(file), createBrotliDecompress(), createWriteStream(archive));
  const tar = spawn('tar', ['-x', '-f', archive, '-C', into], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  tar.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    tar.on('error', reject);
    tar.on('close', resolve);
  });
  await rm(archive, { force: true });
  if (code !== 0) throw new Error(`unpacking ${file}: tar exited with ${code}: ${stderr.trim()}`);
}
