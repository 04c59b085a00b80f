import { defineConfig } from '@playwright/test';

// Browser journeys in Debian's Chromium against the web host (each test starts its own engine on port 0
// with a fresh data folder; see test/e2e/fixtures.ts). Never `npx playwright install`: no download here.
export default defineConfig({
  testDir: 'test',
  // The browser journeys, and the security spec's runtime hardening checks (test/security/*.spec.ts).
  testMatch: ['e2e/**/*.spec.ts', 'security/**/*.spec.ts'],
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: process.env.PARLEY_E2E_OUT ?? 'test-results',
  reporter: process.env.PARLEY_E2E_REPORT ? [['list'], ['json', { outputFile: process.env.PARLEY_E2E_REPORT }]] : [['list']],
  use: {
    headless: true,
    viewport: { width: 1360, height: 860 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
