// Admin → Disposition codes: add (with its mistakes beside the field), edit, deactivate, reorder, delete.
import type { Disposition } from '../../preload/contract';
import { expect, test } from './fixtures';
import { engineCall, openAdmin } from './admin-helpers';

// Each journey starts its own engine and browser page; on a busy machine that alone takes a while.
test.describe.configure({ timeout: 120_000 });

const codes = async (page: Parameters<typeof engineCall>[0]) => (await engineCall<Disposition[]>(page, 'config.listDispositions')).map((d) => d.code);

test('adds, edits, deactivates, reorders and deletes disposition codes', async ({ appPage: page }) => {
  await openAdmin(page, 'Disposition codes');
  const table = page.getByRole('table', { name: 'Disposition codes' });
  await page.getByLabel('New disposition: code').fill('call back');
  await page.getByLabel('New disposition: label').fill('Call back later');
  await page.getByRole('button', { name: 'Add code' }).click();
  await expect(page.getByText('Use letters, digits, dot, dash or underscore')).toBeVisible();
  await expect(page.getByLabel('New disposition: code')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('New disposition: code').fill('resolved');
  await page.getByRole('button', { name: 'Add code' }).click();
  await expect(page.getByText('Already in use')).toBeVisible();

  await page.getByLabel('New disposition: code').fill('call_back');
  await page.getByRole('button', { name: 'Add code' }).click();
  await expect(table.getByRole('row', { name: /call_back/ })).toContainText('Call back later');
  await expect(page.getByLabel('New disposition: code')).toHaveValue('');
  expect(await codes(page)).toEqual(['resolved', 'refund', 'escalated', 'info', 'no_action', 'spam', 'call_back']);

  // Edit in place.
  await page.getByRole('button', { name: 'Edit call_back' }).click();
  await page.getByLabel('Disposition call_back: label').fill('Customer to call back');
  await table.getByRole('row', { name: /call_back/ }).getByRole('button', { name: 'Save' }).click();
  await expect(table.getByRole('row', { name: /call_back/ })).toContainText('Customer to call back');

  // Deactivate with the switch.
  await page.getByRole('switch', { name: 'spam is active' }).click();
  await expect(page.getByRole('switch', { name: 'spam is active' })).toHaveAttribute('aria-checked', 'false');
  await expect.poll(async () => (await engineCall<Disposition[]>(page, 'config.listDispositions')).find((d) => d.code === 'spam')!.active).toBe(false);

  // Reorder by keyboard and by dragging.
  await page.getByRole('button', { name: 'Move call_back up' }).click();
  await expect.poll(() => codes(page)).toEqual(['resolved', 'refund', 'escalated', 'info', 'no_action', 'call_back', 'spam']);
  const rows = page.getByTestId('disposition-row');
  await rows.nth(5).dragTo(rows.nth(0));
  await expect.poll(() => codes(page)).toEqual(['call_back', 'resolved', 'refund', 'escalated', 'info', 'no_action', 'spam']);
  await expect(rows.nth(0)).toContainText('call_back');

  // Delete an unused code.
  await page.getByRole('button', { name: 'Delete escalated' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete code' }).click();
  await expect(table.getByRole('row', { name: /escalated/ })).toHaveCount(0);
  expect(await codes(page)).toEqual(['call_back', 'resolved', 'refund', 'info', 'no_action', 'spam']);
});
