// Builds the package's library (`kaoping`, `kaoping/runtime`, `kaoping/compiler`) as ES modules bundled by esbuild,
// with the packages they use (chevrotain, papaparse, SheetJS, prettier's document printer) inlined, so that an
// embedding system installs none of them; zod stays a dependency, as the published schemas are zod's. Shared code
// is split into dist/lib/ chunks, so importing the runtime alone loads no compiler. The declarations are tsc's
// (`npm run build:lib` runs it first).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: { 'api/index': 'api/index.ts', 'runtime/index': 'runtime/index.ts', 'compiler/index': 'compiler/index.ts' },
  outdir: 'dist',
  chunkNames: 'lib/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  // The runtime runs in browsers too: packages' browser builds (papaparse's leaves out Node streams, unused here).
  platform: 'browser',
  target: 'es2022',
  external: ['zod'],
  logLevel: 'warning',
  legalComments: 'eof',
});
