import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['generator/src/**/*.test.ts', 'runtime/src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores on CI: more workers only add contention.
    maxWorkers: 2,
  },
});
