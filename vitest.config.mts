import { defineConfig } from 'vitest/config';

// Unit, db and integration suites. The browser suite is Playwright's (playwright.config.ts).
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/db/**/*.test.ts', 'test/integration/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: process.env.PARLEY_TEST_REPORT ? ['default', ['json', { outputFile: process.env.PARLEY_TEST_REPORT }]] : ['default'],
  },
});
