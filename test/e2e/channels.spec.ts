// Admin → Channels in a real browser against the web host in Sandbox mode: the sandbox accounts'
// health, adding an account against the sandbox and testing it, and clear field errors for bad input.
import { expect, test } from './fixtures';

test('adds an X account against the sandbox, tests the connection and shows its health', async ({ appPage: page, app }) => {
  expect(app.sandboxUrl).not.toBeNull();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Channels' })).toBeVisible();
  // The web host keeps secrets with a key file, and says so.
  await expect(page.getByTestId('secrets-warning')).toContainText('0600');
  // The two sandbox accounts, polling.
  const sandboxX = page.getByRole('article', { name: 'Sandbox X account' });
  await expect(sandboxX.getByTestId('account-status')).toHaveText('Connected', { timeout: 20_000 });
  await expect(page.getByRole('article', { name: 'Sandbox Facebook Page' }).getByTestId('account-status')).toHaveText('Connected', { timeout: 20_000 });

  const tokens = (await (
    await fetch(`${app.sandboxUrl}/_sandbox/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ network: 'x' }) })
  ).json()) as { access_token: string; username: string };

  await page.getByRole('button', { name: 'Add X account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add an X account' });
  await dialog.getByLabel('Name in Parley').fill('Support on X');
  await dialog.getByLabel('Access token', { exact: true }).fill(tokens.access_token);
  await dialog.getByLabel('API address').fill(app.sandboxUrl!);
  await dialog.getByRole('button', { name: 'Add and test' }).click();
  await expect(dialog).toHaveCount(0);

  const card = page.getByRole('article', { name: 'Support on X' });
  await expect(card.getByRole('status')).toContainText(`Connected as @${tokens.username}`, { timeout: 20_000 });
  await expect(card.getByTestId('account-status')).toHaveText('Connected', { timeout: 20_000 });
  await expect(card.getByTestId('last-poll')).not.toHaveText('Not yet');
  await expect(card).toContainText(`@${tokens.username}`);
  // The secret went in and does not come back out.
  await expect(page.locator('body')).not.toContainText(tokens.access_token);

  // The status bar shows it too.
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText(`@${tokens.username}`);
});

test('bad input gets a clear error on the field, and a wrong token a clear sentence', async ({ appPage: page, app }) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('button', { name: 'Add Facebook Page' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a Facebook Page' });
  await dialog.getByLabel('Page ID').fill('my page');
  await dialog.getByLabel('API address').fill('not a url');
  await dialog.getByRole('button', { name: 'Add and test' }).click();
  await expect(dialog.getByLabel('Page ID')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog).toContainText('A Page ID is a number');
  await expect(dialog).toContainText('Enter the Page access token');
  await expect(dialog).toContainText('Enter a URL such as http://127.0.0.1:4790');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Well-formed but wrong: saved, then the test says what the network said.
  await page.getByRole('button', { name: 'Add X account' }).click();
  const x = page.getByRole('dialog', { name: 'Add an X account' });
  await x.getByLabel('Name in Parley').fill('Wrong token');
  await x.getByLabel('Access token', { exact: true }).fill('not-a-real-token');
  await x.getByLabel('API address').fill(app.sandboxUrl!);
  await x.getByRole('button', { name: 'Add and test' }).click();
  const card = page.getByRole('article', { name: 'Wrong token' });
  await expect(card.getByRole('alert')).toContainText('Re-authenticate it in Admin', { timeout: 20_000 });
  await expect(card.getByTestId('account-status')).toHaveText(/Token expired/, { timeout: 20_000 });
});
