import { defineConfig } from 'vitest/config';

// Unit, db and integration suites. The browser suite is Playwright's (playwright.config.ts).
// Two projects: "sqlite" runs everything on the local SQLite file (the default); "postgres" runs the
// suites that exercise the data layer (repositories, ingest, routing, contacts, configuration, reports)
// a second time against a throwaway PostgreSQL cluster, plus the team-mode tests that need one.
export const postgresSuites = [
  'test/db/configService.test.ts',
  'test/integration/ingest/ingest.test.ts',
  'test/integration/ingest/strategy.test.ts',
  'test/integration/routing/routing.test.ts',
  'test/integration/contacts/contacts.test.ts',
  'test/integration/contacts/messageSearch.test.ts',
  'test/integration/workspace/inboxRows.test.ts',
  'test/integration/reports/pipeline.test.ts',
  'test/integration/reports/percentile.test.ts',
  'test/postgres/**/*.test.ts',
  'test/team/**/*.test.ts',
  'test/reliability/deadLetter.test.ts',
];

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: process.env.PARLEY_TEST_REPORT ? ['default', ['json', { outputFile: process.env.PARLEY_TEST_REPORT }]] : ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['test/unit/**/*.test.ts', 'test/db/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/reliability/**/*.test.ts', 'test/security/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: postgresSuites,
          env: { PARLEY_TEST_DB: 'postgres' },
          globalSetup: ['test/postgres/globalSetup.ts'],
        },
      },
    ],
  },
});
