// "Never lose a setting": leaving a screen with an unsaved edit asks first; staying keeps the edit.
import type { KeywordRule } from '../../preload/contract';
import { expect, test } from './fixtures';
import { engineCall, openAdmin } from './admin-helpers';

// Each journey starts its own engine and browser page; on a busy machine that alone takes a while.
test.describe.configure({ timeout: 120_000 });

test('asks before leaving an unsaved edit, keeps it when the person stays, and drops it only when told', async ({ appPage: page }) => {
  await openAdmin(page, 'Keyword rules');
  const editor = page.getByRole('form', { name: 'Rule Spam and scams' });
  await editor.getByLabel('Rule name').fill('Spam, scams and bots');
  await expect(editor.getByTestId('save-status')).toHaveText('Unsaved changes');

  // Another Admin section, then another part of the app: both ask first.
  await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Templates' }).click();
  const ask = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(ask).toContainText('Rule "Spam and scams"');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Keyword rules' })).toBeVisible();
  await expect(editor.getByLabel('Rule name')).toHaveValue('Spam, scams and bots');

  // Choosing another rule in the list asks too.
  await page.getByRole('button', { name: 'Broken things go to Technical', exact: true }).click();
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(editor.getByLabel('Rule name')).toHaveValue('Spam, scams and bots');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).click();
  await ask.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inbox' })).toBeVisible();
  expect((await engineCall<KeywordRule[]>(page, 'config.listRules')).map((r) => r.name)).toContain('Spam and scams');

  // Once saved, leaving does not ask.
  await openAdmin(page, 'Keyword rules');
  await page.getByRole('form', { name: 'Rule Spam and scams' }).getByLabel('Rule name').fill('Spam, scams and bots');
  await page.getByRole('form', { name: 'Rule Spam and scams' }).getByRole('button', { name: 'Save rule' }).click();
  await expect(page.getByRole('form', { name: 'Rule Spam, scams and bots' }).getByTestId('save-status')).toHaveText(/Saved/);
  await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Templates' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Templates' })).toBeVisible();
  await expect(ask).toHaveCount(0);
});
