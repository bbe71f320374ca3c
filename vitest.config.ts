import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['generator/src/**/*.test.ts', 'runtime/src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Generous: many tests spawn the CLI or tsc, and on a loaded 2-core machine one spawn can take
    // 10 s or more. A hang still fails, just later.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores on CI: more workers only add contention.
    maxWorkers: 2,
  },
});
