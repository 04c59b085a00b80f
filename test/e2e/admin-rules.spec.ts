// Admin → Keyword rules: create with the match and action editors, test against a sample before saving,
// errors beside the field, reorder by dragging and by keyboard, switch off, delete.
import type { KeywordRule } from '../../preload/contract';
import { expect, test } from './fixtures';
import { engineCall, openAdmin } from './admin-helpers';

// Each journey starts its own engine and browser page; on a busy machine that alone takes a while.
test.describe.configure({ timeout: 120_000 });

const names = (rules: KeywordRule[]) => rules.map((r) => r.name);

test('creates a rule, tests it on a sample before saving, and shows a bad pattern beside its box', async ({ appPage: page }) => {
  await openAdmin(page, 'Keyword rules');
  await page.getByRole('button', { name: 'New rule' }).click();
  const editor = page.getByRole('form', { name: 'New rule' });
  await editor.getByLabel('Rule name').fill('Shipping questions');
  const any = editor.getByLabel('Any of these words or phrases', { exact: true });
  await any.fill('where is my order');
  await any.press('Enter');
  await any.fill('tracking, delivery');
  await any.press('Enter');
  await expect(editor.getByRole('button', { name: 'Remove delivery' })).toBeVisible();
  await editor.getByLabel('None of these', { exact: true }).fill('refund');
  await editor.getByLabel('None of these', { exact: true }).press('Enter');

  // A pattern that does not compile is marked at once, beside the box.
  const pattern = editor.getByLabel('Pattern (regular expression)');
  await pattern.fill('order #(\\d{6}');
  await expect(editor.getByText(/The pattern does not compile/)).toBeVisible();
  await editor.getByRole('button', { name: 'Create rule' }).click();
  await expect(pattern).toHaveAttribute('aria-invalid', 'true');
  await expect(editor.getByTestId('save-status')).toContainText('Not saved');
  await pattern.fill('order #?(\\d{6})');
  await expect(editor.getByText(/The pattern does not compile/)).toHaveCount(0);

  await editor.getByRole('radio', { name: 'Route to a group' }).check();
  await editor.getByLabel('Agent group').selectOption({ label: 'Private messages' });
  await editor.getByLabel('Priority').fill('7');
  await editor.getByRole('group', { name: 'Networks' }).getByLabel('X', { exact: true }).check();

  // Test against a sample, before saving.
  await editor.getByLabel('Sample message').fill('Hi, where is my order #123456? The tracking link is broken');
  await editor.getByRole('button', { name: 'Test', exact: true }).click();
  await expect(editor.getByTestId('rule-test-result')).toContainText('Matches: the rule would apply.');
  await editor.getByLabel('Sample message').fill('Where is my order #123456? I want a refund');
  await editor.getByRole('button', { name: 'Test', exact: true }).click();
  await expect(editor.getByTestId('rule-test-result')).toContainText('Does not match.');
  expect(names(await engineCall<KeywordRule[]>(page, 'config.listRules'))).not.toContain('Shipping questions');

  await editor.getByRole('button', { name: 'Create rule' }).click();
  await expect(page.getByRole('form', { name: 'Rule Shipping questions' }).getByTestId('save-status')).toHaveText(/Saved/);
  const saved = (await engineCall<KeywordRule[]>(page, 'config.listRules')).find((r) => r.name === 'Shipping questions')!;
  expect(saved).toMatchObject({
    position: 4,
    networks: ['x'],
    match: { any: ['where is my order', 'tracking', 'delivery'], none: ['refund'], regex: 'order #?(\\d{6})' },
    action: { type: 'route_group', priority: 7 },
  });

  // Edit: a missing name is refused by the engine and shown beside the name.
  const edit = page.getByRole('form', { name: 'Rule Shipping questions' });
  await edit.getByLabel('Rule name').fill('');
  await edit.getByRole('button', { name: 'Save rule' }).click();
  await expect(edit.getByText('Rule name must not be empty')).toBeVisible();
  await edit.getByLabel('Rule name').fill('Where is my parcel');
  await edit.getByRole('button', { name: 'Save rule' }).click();
  await expect(page.getByRole('list', { name: 'Keyword rules' })).toContainText('Where is my parcel');

  await page.getByRole('form', { name: 'Rule Where is my parcel' }).getByRole('button', { name: 'Delete rule' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete rule' }).click();
  await expect(page.getByRole('list', { name: 'Keyword rules' })).not.toContainText('Where is my parcel');
  expect(names(await engineCall<KeywordRule[]>(page, 'config.listRules'))).toEqual(['Spam and scams', 'Money matters go to Billing', 'Broken things go to Technical']);
});

test('reorders by dragging and by keyboard, and switches a rule off in place', async ({ appPage: page }) => {
  await openAdmin(page, 'Keyword rules');
  const items = page.getByTestId('rule-item');
  await expect(items).toHaveCount(3);

  await items.nth(2).dragTo(items.nth(0));
  await expect(items.nth(0)).toContainText('Broken things go to Technical');
  await expect.poll(async () => names(await engineCall<KeywordRule[]>(page, 'config.listRules'))).toEqual(['Broken things go to Technical', 'Spam and scams', 'Money matters go to Billing']);

  const down = page.getByRole('button', { name: 'Move Spam and scams down' });
  await down.focus();
  await page.keyboard.press('Enter');
  await expect(items.nth(2)).toContainText('Spam and scams');
  await expect.poll(async () => names(await engineCall<KeywordRule[]>(page, 'config.listRules'))).toEqual(['Broken things go to Technical', 'Money matters go to Billing', 'Spam and scams']);

  await page.getByRole('switch', { name: 'Money matters go to Billing is on' }).click();
  await expect(page.getByRole('switch', { name: 'Money matters go to Billing is on' })).toHaveAttribute('aria-checked', 'false');
  await expect.poll(async () => (await engineCall<KeywordRule[]>(page, 'config.listRules')).find((r) => r.name === 'Money matters go to Billing')!.enabled).toBe(false);

  // The order survives a reload of the window.
  await page.reload();
  await expect(page.getByTestId('rule-item').nth(0)).toContainText('Broken things go to Technical');
  await expect(page.getByTestId('rule-item').nth(2)).toContainText('Spam and scams');
});
