// Reports in the web host over a seeded data folder: the empty state, a custom period across the DST
// change, charts drawn under the window's CSP, tables beside them, a network filter, a refused period,
// CSV downloads checked byte by byte, and an accessibility check.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { openSqlite } from '../../db/connection';
import { migrateSqlite } from '../../db/migrate';
import { DB_FILE } from '../../main/engine';
import { expectedFor } from '../integration/reports/expected';
import { berlin, PERIOD, seedReports } from '../integration/reports/seed';
import { expect, startApp, test, type RunningApp } from './fixtures';

const DAYS = ['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31'];
const expected = (network: 'all' | 'x' | 'facebook') => expectedFor(DAYS, berlin(PERIOD.from, '00:00'), berlin('2026-04-01', '00:00'), network);

/** A data folder with the seeded history, written before the engine opens it. */
async function seededApp(): Promise<RunningApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-e2e-reports-'));
  const handle = openSqlite(path.join(dataDir, DB_FILE));
  await migrateSqlite(handle, { appVersion: 'e2e' });
  await seedReports(handle.db);
  await handle.close();
  return startApp({ dataDir });
}

const reportsTest = test.extend<{ seeded: RunningApp; reports: Page; cspViolations: string[] }>({
  seeded: async ({}, use) => {
    const app = await seededApp();
    await use(app);
    await app.stop();
    fs.rmSync(app.dataDir, { recursive: true, force: true });
  },
  cspViolations: async ({ page }, use) => {
    const seen: string[] = [];
    page.on('console', (m) => {
      if (/Content[ -]Security[ -]Policy|Refused to/i.test(m.text())) seen.push(m.text());
    });
    await use(seen);
  },
  reports: async ({ page, seeded, cspViolations: _watching }, use) => {
    await page.goto(seeded.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
    await use(page);
  },
});

async function chooseDays(page: Page, from: string, to: string): Promise<void> {
  await page.getByRole('button', { name: 'Custom' }).click();
  await page.getByLabel('First day').fill(from);
  await page.getByLabel('Last day').fill(to);
  await page.getByRole('button', { name: 'Show', exact: true }).click();
}

/** The figure a summary card shows. */
const summary = (page: Page, label: string) => page.locator(`xpath=//dl[@aria-label="Summary"]//dt[normalize-space()="${label}"]/following-sibling::dd[1]`);

/** True once Chart.js has painted something other than blank pixels on every canvas. */
async function chartsDrawn(page: Page): Promise<boolean[]> {
  return page.locator('canvas').evaluateAll((canvases) =>
    canvases.map((c) => {
      // Structural type: this file compiles without the DOM library.
      const canvas = c as unknown as { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } };
      if (!canvas.width || !canvas.height) return false;
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) return true;
      return false;
    }),
  );
}

async function downloadCsv(page: Page, section: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Download ${section} as CSV` }).click()]);
  return { name: download.suggestedFilename(), bytes: fs.readFileSync((await download.path())!) };
}

reportsTest('an empty period says so; a custom period shows every chart beside its table', async ({ reports: page, cspViolations }, testInfo) => {
  // The default period (the last 7 days of today's date) holds none of the seeded March history.
  await expect(page.getByRole('heading', { name: 'Nothing happened in this period' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Last 7 days' })).toHaveAttribute('aria-pressed', 'true');

  await chooseDays(page, PERIOD.from, PERIOD.to);
  const want = expected('all');
  await expect(page.getByRole('status').filter({ hasText: 'Europe/Berlin' })).toContainText('X and Facebook');
  await expect(summary(page, 'Conversations')).toHaveText(String(want.totals.conversations));
  await expect(summary(page, 'Customer messages')).toHaveText(String(want.totals.messages));
  await expect(summary(page, 'Handled automatically')).toContainText(String(want.totals.automatic));
  await expect(summary(page, 'Reached agents')).toContainText(String(want.totals.reachedAgents));

  for (const title of ['Volume by day', 'Automatic handling', 'Waiting, response and handling times', 'Disposition codes', 'Agents']) {
    const section = page.getByRole('region', { name: title, exact: true });
    await expect(section.getByRole('img')).toBeVisible();
    await expect(section.getByRole('table')).toBeVisible();
  }
  await expect.poll(() => chartsDrawn(page)).toEqual([true, true, true, true, true]);

  // The table is the chart's figures: the 29th (23 hours long) has its own row with its own counts.
  const volume = page.getByRole('region', { name: 'Volume by day', exact: true }).getByRole('table');
  await expect(volume.getByRole('row')).toHaveCount(1 + DAYS.length + 1);
  const i29 = DAYS.indexOf('2026-03-29');
  const row29 = volume.getByRole('row').nth(1 + i29);
  await expect(row29.getByRole('rowheader')).toContainText('29');
  await expect(row29.getByRole('cell').last()).toHaveText(String(want.conversationsByDay[i29]));
  const agents = page.getByRole('region', { name: 'Agents', exact: true }).getByRole('table');
  await expect(agents.getByRole('row', { name: /Chloé Dupont/ })).toContainText('Refund, "goodwill": 1');

  // The page scrolls inside the shell, so a tall window shows the whole report in one picture.
  await page.setViewportSize({ width: 1360, height: 3000 });
  await expect.poll(() => chartsDrawn(page)).toEqual([true, true, true, true, true]);
  await page.screenshot({ path: testInfo.outputPath('reports.png') });
  expect(cspViolations).toEqual([]);
});

reportsTest('filters by network and refuses a period that ends before it begins', async ({ reports: page }) => {
  await chooseDays(page, PERIOD.from, PERIOD.to);
  await page.getByLabel('Network', { exact: true }).selectOption('facebook');
  const want = expected('facebook');
  await expect(page.getByRole('status').filter({ hasText: 'Europe/Berlin' })).toContainText('Facebook');
  await expect(summary(page, 'Conversations')).toHaveText(String(want.totals.conversations));
  const volume = page.getByRole('region', { name: 'Volume by day', exact: true }).getByRole('table');
  await expect(volume.getByRole('columnheader')).toHaveText(['Day', 'Page posts', 'Comments', 'Messenger', 'Messages', 'New conversations']);

  await chooseDays(page, '2026-03-31', '2026-03-01');
  await expect(page.getByText('The last day must not be before the first day')).toBeVisible();
  await expect(page.getByLabel('Last day')).toHaveAttribute('aria-invalid', 'true');
});

reportsTest('downloads each table as a CSV a spreadsheet opens correctly', async ({ reports: page }) => {
  await chooseDays(page, PERIOD.from, PERIOD.to);
  await expect(page.getByRole('region', { name: 'Agents', exact: true }).getByRole('table')).toBeVisible();
  const want = expected('all');

  const agents = await downloadCsv(page, 'Agents');
  expect(agents.name).toBe('parley_agents_2026-03-27_2026-03-31_all.csv');
  expect([...agents.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = agents.bytes.subarray(3).toString('utf8');
  const lines = text.split('\r\n');
  expect(lines.at(-1)).toBe('');
  expect(lines[0]).toBe('"Agent","Handled","Still open","Median handling time (seconds)","Median first response (seconds)","Dispositions"');
  const chloe = want.agents.find((a) => a.name === 'Chloé Dupont')!;
  expect(lines).toContain(
    `"Chloé Dupont",${chloe.handled},${chloe.open},${chloe.medianHandlingMs! / 1000},${chloe.medianFirstResponseMs! / 1000},"Resolved: 3; Refund, ""goodwill"": 1"`,
  );
  // A name that starts like a formula is written as text.
  expect(lines.some((l) => l.startsWith(`"'=Dora (night shift)",`))).toBe(true);

  const volume = await downloadCsv(page, 'Volume by day');
  const rows = volume.bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
  expect(rows[0]).toBe('"Day","Mentions","Direct messages","Page posts","Comments","Messenger","Messages","New conversations"');
  expect(rows.slice(1, -1).map((r) => r.split(',').at(-1))).toEqual(want.conversationsByDay.map(String));
  expect(rows.at(-1)).toBe(`"Total",${['mention', 'dm', 'post', 'comment', 'messenger'].map((k) => want.messagesByDay.reduce((s, d) => s + d[k]!, 0)).join(',')},${want.totals.messages},${want.totals.conversations}`);
});

reportsTest('has no serious accessibility violations, empty or full', async ({ reports: page }) => {
  await expect(page.getByRole('heading', { name: 'Nothing happened in this period' })).toBeVisible();
  const serious = async () => (await new AxeBuilder({ page }).include('#main').analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(await serious()).toEqual([]);
  await chooseDays(page, PERIOD.from, PERIOD.to);
  await expect(page.getByRole('region', { name: 'Agents', exact: true }).getByRole('table')).toBeVisible();
  expect(await serious()).toEqual([]);
});
