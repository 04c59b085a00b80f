// Admin → Channels shows the inbound items Parley could not read and kept (inbound_dead_letter): the X
// sandbox answers one mentions poll with a tweet that has no author, and the account's card counts it with
// the reason, while the next real mention is stored as usual.
import { expect, test } from './fixtures';

test('an unreadable mention is kept and counted on the account, and polling goes on', async ({ appPage: page, app }) => {
  const control = async (route: string, body: unknown) => {
    const r = await fetch(`${app.sandboxUrl}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(r.ok).toBe(true);
    return r.json() as Promise<unknown>;
  };
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  const card = page.getByRole('article', { name: 'Sandbox X account' });
  await expect(card.getByTestId('account-status')).toHaveText('Connected', { timeout: 20_000 });
  await expect(card.getByTestId('dead-letters')).toHaveText('None');

  // One mentions page with a tweet that names no author (id 1: below any cursor, so it cannot hide later ones).
  await control('/_sandbox/faults', {
    network: 'x',
    path_prefix: '/2/users/',
    status: 200,
    count: 1,
    body: { data: [{ id: '1', text: 'a tweet with no author <b>kept</b>' }], meta: { result_count: 1, newest_id: '1', oldest_id: '1' } },
  });
  await control('/_sandbox/x/mentions', { author: { username: 'after_fault', name: 'After Fault' }, text: 'still here after the odd page' });
  await expect(card.getByTestId('dead-letters')).toContainText(/^1 · last .*: missing author id$/, { timeout: 20_000 });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('searchbox').first().fill('after_fault');
  await expect(page.getByText('After Fault').first()).toBeVisible({ timeout: 20_000 });
});
