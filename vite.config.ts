import { defineConfig } from 'vite';

// One config for the editor build (owned by editor/) and the test runner.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
});
