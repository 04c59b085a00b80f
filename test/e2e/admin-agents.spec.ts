// Admin → Agents: agents with skills, levels, groups and capacity; skills and groups; errors beside fields.
import type { ConfigOverview } from '../../preload/contract';
import { expect, test } from './fixtures';
import { engineCall, openAdmin } from './admin-helpers';

// Each journey starts its own engine and browser page; on a busy machine that alone takes a while.
test.describe.configure({ timeout: 120_000 });

test('adds, edits and deletes an agent, with each mistake shown beside its field', async ({ appPage: page }) => {
  await openAdmin(page, 'Agents');
  const table = page.getByRole('table', { name: 'Agents' });
  await expect(table.getByRole('row', { name: /Ana Souza/ })).toBeVisible();

  await page.getByRole('button', { name: 'Add agent' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add an agent' });
  await dialog.getByLabel('Name').fill('Chris Doe');
  await dialog.getByLabel('Email').fill('not-an-email');
  await dialog.getByLabel('Add a skill').selectOption({ label: 'Billing' });
  await dialog.getByRole('spinbutton', { name: 'Level of Billing' }).fill('7');
  await dialog.getByLabel('X direct message').fill('');
  await dialog.getByRole('button', { name: 'Add agent' }).click();
  // A missing number is caught before sending, beside its box.
  await expect(dialog.getByText('Enter a number from 0 to 50')).toBeVisible();
  await dialog.getByLabel('X direct message').fill('4');
  await dialog.getByRole('button', { name: 'Add agent' }).click();
  // The engine's verdict on the email lands beside the email box, and nothing typed is lost.
  const email = dialog.getByLabel('Email');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText('Enter an email address like ana@example.com')).toBeVisible();
  await expect(dialog.getByLabel('Name')).toHaveValue('Chris Doe');
  await email.fill('chris@example.com');
  await dialog.getByLabel('Private messages').check();
  await dialog.getByRole('button', { name: 'Add agent' }).click();
  await expect(dialog).toHaveCount(0);
  const row = table.getByRole('row', { name: /Chris Doe/ });
  await expect(row).toContainText('Billing 7');
  await expect(row).toContainText('Private messages');

  let c = await engineCall<ConfigOverview>(page, 'config.overview');
  const chris = c.agents.find((a) => a.name === 'Chris Doe')!;
  expect(chris).toMatchObject({ email: 'chris@example.com', capacity: { dm: 4 }, groupIds: [c.groups.find((g) => g.name === 'Private messages')!.id] });
  expect(chris.skills).toEqual([{ skillId: c.skills.find((s) => s.name === 'Billing')!.id, level: 7 }]);

  await row.getByRole('button', { name: 'Edit Chris Doe' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Chris Doe' });
  await edit.getByLabel('Role').selectOption('supervisor');
  await edit.getByRole('button', { name: 'Remove skill Billing' }).click();
  await edit.getByRole('button', { name: 'Save agent' }).click();
  await expect(edit).toHaveCount(0);
  await expect(row).toContainText('Supervisor');
  c = await engineCall<ConfigOverview>(page, 'config.overview');
  expect(c.agents.find((a) => a.name === 'Chris Doe')).toMatchObject({ role: 'supervisor', skills: [] });

  await row.getByRole('button', { name: 'Delete Chris Doe' }).click();
  await page.getByRole('dialog', { name: 'Delete Chris Doe?' }).getByRole('button', { name: 'Delete agent' }).click();
  await expect(table.getByRole('row', { name: /Chris Doe/ })).toHaveCount(0);
  c = await engineCall<ConfigOverview>(page, 'config.overview');
  expect(c.agents.some((a) => a.name === 'Chris Doe')).toBe(false);
});

test('manages skills and groups in place, and says why a used skill cannot go', async ({ appPage: page }) => {
  await openAdmin(page, 'Agents');
  await page.getByRole('tab', { name: /Skills/ }).click();
  await page.getByLabel('New skill name').fill('Returns');
  await page.getByLabel('New skill description').fill('Sending things back');
  await page.getByRole('button', { name: 'Add skill' }).click();
  await expect(page.getByLabel('Name of Returns')).toHaveValue('Returns');

  // A name already in use is refused beside the box, and the typed name stays.
  await page.getByLabel('New skill name').fill('Billing');
  await page.getByRole('button', { name: 'Add skill' }).click();
  await expect(page.getByText('Already in use')).toBeVisible();
  await expect(page.getByLabel('New skill name')).toHaveValue('Billing');
  await page.getByLabel('New skill name').fill('');

  // Rename in place with an explicit Save per row.
  await page.getByLabel('Name of Returns').fill('Returns and exchanges');
  const returnsRow = page.getByRole('row').filter({ has: page.getByLabel('Name of Returns') });
  await expect(returnsRow.getByTestId('save-status')).toHaveText('Unsaved changes');
  await returnsRow.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByLabel('Name of Returns and exchanges')).toBeVisible();

  // Billing is used by a keyword rule: the engine refuses and says which.
  await page.getByRole('button', { name: 'Delete skill Billing' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText(/used by the rule\(s\) "Money matters go to Billing"/)).toBeVisible();

  await page.getByRole('button', { name: 'Delete skill Returns and exchanges' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByLabel('Name of Returns and exchanges')).toHaveCount(0);

  await page.getByRole('tab', { name: /Groups/ }).click();
  await page.getByLabel('New group name').fill('Night shift');
  await page.getByRole('button', { name: 'Add group' }).click();
  await expect(page.getByLabel('Name of Night shift')).toBeVisible();
  const c = await engineCall<ConfigOverview>(page, 'config.overview');
  expect(c.skills.map((s) => s.name).sort()).toEqual(['Billing', 'General', 'Technical']);
  expect(c.groups.map((g) => g.name)).toContain('Night shift');
});
