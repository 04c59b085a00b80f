// Admin → Emergency: switching on is confirmed, its state shows across the app, the history says who and
// when, an impossible end time is refused beside its field.
import type { Emergency } from '../../preload/contract';
import { expect, test } from './fixtures';
import { engineCall, openAdmin } from './admin-helpers';

// Each journey starts its own engine and browser page; on a busy machine that alone takes a while.
test.describe.configure({ timeout: 120_000 });

test('switches the emergency on only after confirming, shows it everywhere, and records who switched it', async ({ appPage: page }) => {
  await openAdmin(page, 'Emergency');
  await expect(page.getByTestId('emergency-state')).toContainText('Emergency is off');
  await expect(page.getByTestId('emergency-banner')).toHaveCount(0);

  await page.getByRole('radio', { name: 'X only' }).check();
  await page.getByLabel('Message').fill('Hi {name}, our app is down; replies are delayed.');

  // An end time in the past is refused beside the field, and nothing switches on.
  await page.getByLabel(/Automatic end/).fill('2020-01-01T10:00');
  await page.getByRole('button', { name: 'Switch emergency on…' }).click();
  await page.getByRole('dialog', { name: 'Switch the emergency on?' }).getByRole('button', { name: 'Switch on now' }).click();
  await expect(page.getByText('The automatic end must be in the future')).toBeVisible();
  await expect(page.getByLabel(/Automatic end/)).toHaveAttribute('aria-invalid', 'true');
  expect((await engineCall<Emergency>(page, 'config.getEmergency')).active).toBe(false);

  await page.getByLabel(/Automatic end/).fill('2099-06-01T18:00');
  await page.getByRole('button', { name: 'Switch emergency on…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Switch the emergency on?' });
  await expect(confirm).toContainText('X only');
  await expect(confirm).toContainText('our app is down');
  // Cancelling changes nothing.
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  expect((await engineCall<Emergency>(page, 'config.getEmergency')).active).toBe(false);

  await page.getByRole('button', { name: 'Switch emergency on…' }).click();
  await page.getByRole('dialog', { name: 'Switch the emergency on?' }).getByRole('button', { name: 'Switch on now' }).click();
  await expect(page.getByTestId('emergency-state')).toContainText('Emergency is ON');
  const banner = page.getByTestId('emergency-banner');
  await expect(banner).toContainText('Emergency on for X');
  await expect(banner).toContainText('Ends 1 Jun at 18:00');
  expect(await engineCall<Emergency>(page, 'config.getEmergency')).toMatchObject({ active: true, scope: 'x', message: 'Hi {name}, our app is down; replies are delayed.' });

  // The band stays on every screen while the emergency is on.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).click();
  await expect(banner).toBeVisible();
  await banner.getByRole('link', { name: 'Manage' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Emergency' })).toBeVisible();

  const history = page.getByRole('list', { name: 'Emergency history' });
  await expect(history.getByRole('listitem').first()).toContainText('Switched on');
  await expect(history.getByRole('listitem').first()).toContainText('Admin (web window)');

  await page.getByRole('button', { name: 'Switch off' }).click();
  await page.getByRole('dialog', { name: 'Switch the emergency off?' }).getByRole('button', { name: 'Switch off' }).click();
  await expect(page.getByTestId('emergency-state')).toContainText('Emergency is off');
  await expect(banner).toHaveCount(0);
  await expect(history.getByRole('listitem').first()).toContainText('Switched off');
  expect((await engineCall<Emergency>(page, 'config.getEmergency')).active).toBe(false);
});
