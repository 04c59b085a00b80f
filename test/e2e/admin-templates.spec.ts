// Admin → Templates: create with variants and a live preview, unknown placeholders flagged and refused
// beside the wording, edit, filter, delete (and refused while a strategy uses it).
import type { Template } from '../../preload/contract';
import { expect, test } from './fixtures';
import { engineCall, openAdmin } from './admin-helpers';

// Each journey starts its own engine and browser page; on a busy machine that alone takes a while.
test.describe.configure({ timeout: 120_000 });

test('creates a template with two wordings and a live preview, and flags an unknown placeholder', async ({ appPage: page }) => {
  await openAdmin(page, 'Templates');
  await page.getByRole('button', { name: 'New template' }).click();
  const editor = page.getByRole('form', { name: 'New template' });
  await editor.getByLabel('Name').fill('Holiday greeting');
  await editor.getByLabel('Kind').selectOption({ label: 'Special day' });
  await editor.getByLabel('Network').selectOption({ label: 'Facebook only' });
  await editor.getByLabel('Visibility').selectOption({ label: 'Private (DM, Messenger)' });

  const first = editor.getByLabel('Wording 1');
  await first.fill('Hi ');
  await editor.getByRole('button', { name: '{name}' }).click();
  await first.press('End');
  await first.type(', we are closed for {special_day} and back at {opens_at}.');
  await expect(first).toHaveValue('Hi {name}, we are closed for {special_day} and back at {opens_at}.');
  const preview = editor.getByTestId('template-preview').first();
  await expect(preview).toContainText('Hi Ana Silva, we are closed for Christmas Day and back at');

  await editor.getByRole('button', { name: '+ Add a wording' }).click();
  await editor.getByLabel('Wording 2').fill('Thanks {nmae}! See you after {special_day}.');
  await expect(editor.getByTestId('template-preview').nth(1)).toContainText('Unknown placeholder {nmae}');
  await editor.getByRole('button', { name: 'Create template' }).click();
  await expect(editor.getByText(/Unknown placeholder \{nmae\}; use \{name\}/)).toBeVisible();
  await expect(editor.getByLabel('Wording 2')).toHaveAttribute('aria-invalid', 'true');
  expect((await engineCall<Template[]>(page, 'config.listTemplates')).some((t) => t.name === 'Holiday greeting')).toBe(false);

  await editor.getByLabel('Wording 2').fill('Thanks {name}! See you after {special_day}.');
  await expect(editor.getByText(/Unknown placeholder \{nmae\}; use/)).toHaveCount(0);
  await editor.getByRole('button', { name: 'Create template' }).click();
  await expect(page.getByRole('form', { name: 'Template Holiday greeting' }).getByTestId('save-status')).toHaveText(/Saved/);
  const saved = (await engineCall<Template[]>(page, 'config.listTemplates')).find((t) => t.name === 'Holiday greeting')!;
  expect(saved).toMatchObject({
    kind: 'special_day',
    network: 'facebook',
    visibility: 'private',
    variants: ['Hi {name}, we are closed for {special_day} and back at {opens_at}.', 'Thanks {name}! See you after {special_day}.'],
  });

  // Filters find it; edit it; delete it.
  await page.getByLabel('Filter by network').selectOption({ label: 'Facebook only' });
  await expect(page.getByRole('list', { name: 'Special day' }).getByRole('button')).toHaveCount(1);
  const edit = page.getByRole('form', { name: 'Template Holiday greeting' });
  await edit.getByRole('button', { name: 'Remove wording 2' }).click();
  await edit.getByRole('switch', { name: 'Template is active' }).click();
  await edit.getByRole('button', { name: 'Save template' }).click();
  await expect(edit.getByTestId('save-status')).toHaveText(/Saved/);
  expect((await engineCall<Template[]>(page, 'config.listTemplates')).find((t) => t.id === saved.id)).toMatchObject({ active: false, variants: [saved.variants[0]] });

  await edit.getByRole('button', { name: 'Delete template' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete template' }).click();
  await expect(page.getByRole('form', { name: 'Template Holiday greeting' })).toHaveCount(0);
  expect((await engineCall<Template[]>(page, 'config.listTemplates')).some((t) => t.id === saved.id)).toBe(false);
});
