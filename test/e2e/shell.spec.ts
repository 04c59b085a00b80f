import { expect, test } from './fixtures';

test('opens the app and reaches every section from the navigation', async ({ appPage: page }) => {
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const [label, heading] of [
    ['Contacts', 'Contacts'],
    ['Admin', 'Channels'],
    ['Reports', 'Reports'],
    ['Inbox', 'Inbox'],
  ] as const) {
    await nav.getByRole('link', { name: label }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(nav.getByRole('link', { name: label })).toHaveAttribute('aria-current', 'page');
  }
  // The token left the address bar once the page had it.
  expect(page.url()).not.toContain('token=');
  await expect(page.getByTestId('host-kind')).toContainText('Web host');
});

test('every Admin section can be opened', async ({ appPage: page }) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  const sections = page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link');
  const names = await sections.allTextContents();
  expect(names.length).toBeGreaterThan(5);
  for (const name of names) {
    await sections.filter({ hasText: name }).first().click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  }
});

test('a page opened without the token is told how to get in and gets no data', async ({ page, app }) => {
  await page.goto(app.origin + '/');
  await expect(page.getByRole('heading', { name: 'Parley needs its access link' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
});
