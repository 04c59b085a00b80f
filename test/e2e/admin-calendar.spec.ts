// Admin → Calendar: time zone, weekly hours (saved when valid, errors beside the time), special days in
// the month view (add, edit, delete), and .ics import (preview, progress, 5,000 events) and export.
import fs from 'node:fs';
import type { ConfigOverview, SpecialDay } from '../../preload/contract';
import { expect, test } from './fixtures';
import { engineCall, openAdmin } from './admin-helpers';

// Each journey starts its own engine and browser page; on a busy machine that alone takes a while.
test.describe.configure({ timeout: 120_000 });

test('time zone from a searchable list, and weekly hours saved as soon as they are valid', async ({ appPage: page }) => {
  await openAdmin(page, 'Calendar');
  const tz = page.getByRole('combobox', { name: 'Change the time zone' });
  await tz.fill('berlin');
  await page.getByRole('option', { name: /Europe\/Berlin/ }).click();
  await expect(page.getByTestId('current-time-zone')).toHaveText('Europe/Berlin');
  await expect.poll(async () => (await engineCall<ConfigOverview>(page, 'config.overview')).timeZone).toBe('Europe/Berlin');

  const hours = page.getByRole('region', { name: 'Weekly hours' });
  const mondayOpens = page.getByLabel('Monday: opens at (range 1)');
  await mondayOpens.fill('25:00');
  await expect(hours.getByText('Use HH:MM, 24-hour').first()).toBeVisible();
  await expect(hours.getByTestId('save-status')).toContainText('Not saved');
  // The invalid time stays on screen; nothing was saved.
  await expect(mondayOpens).toHaveValue('25:00');
  expect((await engineCall<ConfigOverview>(page, 'config.overview')).weeklyHours.find((h) => h.weekday === 1)!.opensAt).toBe('08:00');

  await mondayOpens.fill('07:30');
  // A second range on Sunday that runs past midnight.
  await page.getByRole('button', { name: '+ Add hours on Sunday' }).click();
  await page.getByLabel('Sunday: opens at (range 1)').fill('22:00');
  await page.getByLabel('Sunday: closes at (range 1)').fill('02:00');
  await expect(hours.getByText('ends next day')).toBeVisible();
  await expect(hours.getByTestId('save-status')).toHaveText(/Saved/);
  await expect
    .poll(async () => (await engineCall<ConfigOverview>(page, 'config.overview')).weeklyHours.filter((h) => h.weekday === 1 || h.weekday === 7))
    .toEqual([
      { weekday: 1, opensAt: '07:30', closesAt: '20:00' },
      { weekday: 7, opensAt: '22:00', closesAt: '02:00' },
    ]);
});

test('adds, edits and deletes a special day from the month view', async ({ appPage: page }) => {
  await openAdmin(page, 'Calendar');
  const month = page.getByTestId('month-title');
  const target = 'March 2027';
  for (let i = 0; i < 30 && (await month.textContent()) !== target; i++) await page.getByRole('button', { name: 'Next month' }).click();
  await expect(month).toHaveText(target);

  await page.getByRole('button', { name: 'Add a special day on Wednesday 17 March 2027' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a special day' });
  await expect(dialog.getByLabel('Date', { exact: true })).toHaveValue('2027-03-17');
  await dialog.getByRole('button', { name: 'Save special day' }).click();
  await expect(dialog.getByText('Special day name must not be empty')).toBeVisible();
  await dialog.getByLabel('Name').fill('Team offsite');
  await dialog.getByLabel('Open with special hours').check();
  await dialog.getByLabel('Special hours: closes at (range 1)').fill('12:00');
  await dialog.getByRole('button', { name: 'Save special day' }).click();
  await expect(dialog).toHaveCount(0);
  const chip = page.getByRole('table', { name: 'Special days in March 2027' }).getByRole('button', { name: /Team offsite/ });
  await expect(chip).toContainText('09:00–12:00');
  let days = await engineCall<SpecialDay[]>(page, 'config.listSpecialDays', {});
  expect(days.find((d) => d.name === 'Team offsite')).toMatchObject({ date: '2027-03-17', closed: false, hours: [{ opensAt: '09:00', closesAt: '12:00' }], recurrence: 'none' });

  await chip.click();
  const edit = page.getByRole('dialog', { name: 'Edit Team offsite' });
  await edit.getByLabel('Closed all day').check();
  await edit.getByLabel('Every year on this date').check();
  await edit.getByRole('button', { name: 'Save special day' }).click();
  await expect(edit).toHaveCount(0);
  await expect(chip).toContainText('Closed');
  days = await engineCall<SpecialDay[]>(page, 'config.listSpecialDays', {});
  expect(days.find((d) => d.name === 'Team offsite')).toMatchObject({ closed: true, hours: [], recurrence: 'yearly' });

  await chip.click();
  await page.getByRole('dialog', { name: 'Edit Team offsite' }).getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog', { name: 'Delete Team offsite?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(chip).toHaveCount(0);
  days = await engineCall<SpecialDay[]>(page, 'config.listSpecialDays', {});
  expect(days.some((d) => d.name === 'Team offsite')).toBe(false);
});

function bigCalendar(events: number): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Parley tests//Large calendar//EN'];
  const start = Date.UTC(2027, 0, 1);
  const day = (i: number) => new Date(start + i * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  for (let i = 0; i < events; i++) {
    // Event 4990 repeats event 10 (same date and name) far apart in the file: reported as listed twice.
    const n = i === 4990 ? 10 : i;
    lines.push('BEGIN:VEVENT', `UID:closure-${i}@parley.test`, 'DTSTAMP:20260101T000000Z', `DTSTART;VALUE=DATE:${day(n)}`, `SUMMARY:Closure ${n}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR', '');
  return lines.join('\r\n');
}

test('imports a 5,000-event .ics with a preview and progress, and exports the calendar', async ({ appPage: page }) => {
  test.setTimeout(180_000);
  await openAdmin(page, 'Calendar');
  // Record every value the progress bar takes, to show it moved in steps rather than jumping to the end.
  await page.evaluate(() => {
    // Runs in the page; the test's own tsconfig has no DOM types, so the globals are named here.
    type El = { getAttribute(n: string): string | null };
    const g = globalThis as unknown as {
      progressSeen: string[];
      document: { querySelector(s: string): El | null; body: unknown };
      MutationObserver: new (cb: () => void) => { observe(target: unknown, options: Record<string, boolean>): void };
    };
    const seen: string[] = [];
    g.progressSeen = seen;
    new g.MutationObserver(() => {
      const bar = g.document.querySelector('[data-testid="ics-progress"]');
      if (!bar) return;
      const v = `${bar.getAttribute('aria-label')!.split(':')[0]}|${bar.getAttribute('aria-valuenow')}`;
      if (seen[seen.length - 1] !== v) seen.push(v);
    }).observe(g.document.body, { subtree: true, childList: true, attributes: true });
  });
  await page.getByRole('button', { name: 'Import .ics' }).click();
  const dialog = page.getByRole('dialog', { name: /Import special days/ });
  await dialog.getByTestId('ics-file').setInputFiles({ name: 'closures.ics', mimeType: 'text/calendar', buffer: Buffer.from(bigCalendar(5000)) });

  const summary = dialog.getByTestId('ics-summary');
  await expect(summary).toContainText('4,999to add', { timeout: 60_000 });
  await expect(summary).toContainText('1to skip');
  const table = dialog.getByRole('table', { name: 'Events in the file' });
  await expect(table.getByRole('row').nth(1)).toContainText('Closure 0');
  await table.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(table.getByRole('row', { name: /Closure 10 .*Listed twice in the file/ })).toBeVisible();
  expect(await engineCall<SpecialDay[]>(page, 'config.listSpecialDays', {})).toHaveLength(2); // nothing added yet

  await dialog.getByRole('button', { name: 'Import 4,999 special days' }).click();
  await expect(dialog.getByTestId('ics-done')).toHaveText('Added 4,999 special days; skipped 1.', { timeout: 90_000 });
  const seen = await page.evaluate(() => (globalThis as unknown as { progressSeen: string[] }).progressSeen);
  const steps = (phase: string) => seen.filter((s) => s.startsWith(phase)).map((s) => Number(s.split('|')[1]));
  expect(steps('Checking events').filter((v) => v > 0 && v < 100).length).toBeGreaterThanOrEqual(3);
  expect(steps('Importing').filter((v) => v > 0 && v < 100).length).toBeGreaterThanOrEqual(3);
  await dialog.getByRole('button', { name: 'Close' }).click();

  const days = await engineCall<SpecialDay[]>(page, 'config.listSpecialDays', {});
  expect(days).toHaveLength(5001);
  expect(days.filter((d) => d.name === 'Closure 10')).toHaveLength(1);
  await expect(page.getByRole('heading', { name: 'All special days (5001)' })).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export .ics' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('parley-special-days.ics');
  const text = fs.readFileSync(await file.path(), 'utf8');
  expect(text).toMatch(/^BEGIN:VCALENDAR/);
  expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(5001);
  expect(text).toContain('SUMMARY:Christmas Day');
});
