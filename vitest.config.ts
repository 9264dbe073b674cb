import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/**/*.test.ts', 'apps/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'e2e/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most test files wait (on a browser, a child process, PostgreSQL) as much as they compute: two
    // files at a time even on a 2-core machine, where vitest's default (cores - 1) would run one.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // exceljs's UTF-8 fix, before a test file imports exceljs itself
    setupFiles: ['scripts/vitest-setup.ts'],
  },
});
