import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { LOOPBACK, workspacePlugin } from './editor/server/workspace-plugin.js';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
/** The folder whose `policies/` the editor serves: the repository, or a copy (the browser tests use one). */
const workspaceRoot = process.env.KAOPING_WORKSPACE ?? repoRoot;

// One config for the web editor (dev server, preview, static build) and the test runner.
export default defineConfig({
  root: 'editor',
  base: './',
  plugins: [workspacePlugin(workspaceRoot)],
  server: { host: LOOPBACK, fs: { allow: [repoRoot] } },
  preview: { host: LOOPBACK },
  worker: { format: 'es' },
  optimizeDeps: {
    // Every module (the worker and the lazily loaded views too) is scanned up front, so the first page load
    // never discovers a dependency late and reloads the page.
    entries: ['index.html', 'src/**/*.ts'],
    include: [
      'lit',
      'lit/decorators.js',
      'chart.js',
      'papaparse',
      '@e965/xlsx',
      'chevrotain',
      'zod',
      'monaco-editor/editor',
      'monaco-editor/features/register.all',
      'monaco-editor/nls/lang/zh-cn',
    ],
  },
  build: {
    outDir: '../dist/editor',
    emptyOutDir: true,
    chunkSizeWarningLimit: 6000,
    // The size report comes from the workspace plugin; the bundler's own timing advice is noise here.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  test: {
    root: repoRoot,
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
});
