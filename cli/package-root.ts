// The folder of the kaoping package, found from a module's own URL: the same answer from the sources
// (cli/commands/serve.ts run by tsx), from the built command (dist/cli/kaoping.js) and from an installed copy
// (node_modules/kaoping/dist/cli/…), whose depths below the package differ.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder at or above `moduleUrl`'s whose package.json names the package `kaoping`; null when none does. */
export function packageRoot(moduleUrl: string | URL): string | null {
  for (let dir = path.dirname(fileURLToPath(moduleUrl)); ; dir = path.dirname(dir)) {
    if (packageName(path.join(dir, 'package.json')) === 'kaoping') return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

function packageName(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null; // no package.json in this folder (or not readable): look further up
  }
  try {
    return (JSON.parse(text) as { name?: unknown }).name;
  } catch {
    return null; // not JSON: not the package's own, whose package.json npm has read
  }
}
