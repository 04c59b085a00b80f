// The Contacts page: find a customer by handle or by what they wrote, edit their details (with errors
// beside the field), keep notes, and merge the same person's X and Facebook contacts into one.
import { expect, test } from './fixtures';
import { prepareDesk, sandbox } from './workspace-helpers';

test('search, edit, notes and merge: one person across X and Facebook', async ({ app, appPage: page }) => {
  await prepareDesk(app);
  // Profile pictures that never arrive (a CDN out of reach): the initials must show meanwhile, not an empty circle.
  await page.route('https://pbs.twimg.com/**', () => undefined);
  const sb = sandbox(app);
  await sb.mention('jdoe_x', 'Jane Doe', 'Where is my espresso grinder?');
  await sb.messenger('Jane D.', 'Hello, following up about my grinder order');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
  const search = page.getByRole('searchbox', { name: 'Search contacts' });

  // By a word they wrote: both conversations mention the grinder.
  await search.fill('grinder');
  const results = page.getByRole('list', { name: 'Contacts found' });
  await expect(results.getByRole('link')).toHaveCount(2, { timeout: 20_000 });
  await expect(results.getByRole('link', { name: /Jane D\./ }).locator('mark')).toHaveText('grinder');

  // By handle, then open and edit: a wrong e-mail is refused beside its field.
  await search.fill('jdoe_x');
  await results.getByRole('link', { name: /Jane Doe/ }).click();
  await expect(page.getByRole('heading', { name: 'Jane Doe', level: 2 })).toBeVisible();
  await expect(page.getByRole('main').getByText('JD', { exact: true }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Edit details' }).click();
  const form = page.getByRole('form', { name: 'Edit contact' });
  await form.getByLabel('E-mail').fill('not-an-address');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('Enter an e-mail address like ana@example.com')).toBeVisible();
  await form.getByLabel('E-mail').fill('jane@example.com');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);
  await expect(page.getByText('jane@example.com')).toBeVisible();

  const notes = page.getByRole('textbox', { name: 'Notes about Jane Doe' });
  await notes.fill('Prefers e-mail. Grinder order 7731.');
  await page.getByRole('button', { name: 'Save notes' }).click();
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();

  // The Messenger contact is the same person: merge it in.
  await page.getByRole('button', { name: 'Merge with another contact…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge another contact into Jane Doe' });
  await dialog.getByRole('searchbox', { name: 'Search for the contact to merge' }).fill('Jane D.');
  await dialog.getByRole('radio', { name: /Jane D\./ }).check();
  await dialog.getByRole('button', { name: 'Merge Jane D. into Jane Doe' }).click();
  await expect(dialog).toHaveCount(0);
  const identities = page.getByRole('list', { name: 'Identities on each network' });
  await expect(identities.getByRole('listitem')).toHaveCount(2);
  await expect(identities).toContainText('@jdoe_x');
  await expect(identities).toContainText('Facebook id');
  await expect(page.getByRole('list', { name: 'Earlier conversations' }).getByRole('listitem')).toHaveCount(2);
  const timeline = page.getByRole('region', { name: 'Every message' });
  await expect(timeline.getByText('Hello, following up about my grinder order')).toBeVisible();
  await expect(timeline.getByText('Where is my espresso grinder?')).toBeVisible();
  await expect(notes).toHaveValue('Prefers e-mail. Grinder order 7731.');

  // Searching again finds one person, not two.
  await search.fill('grinder');
  await expect(results.getByRole('link')).toHaveCount(1);
});
