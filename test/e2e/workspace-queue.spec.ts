// A long queue: the list is virtual (only the rows on screen exist), pages are fetched for the range in
// view, the counts stay right while mentions pour in, and an agent takes one from anywhere in it.
import { expect, test } from './fixtures';
import { engine, prepareDesk, sandbox, setStatus, signInReady } from './workspace-helpers';

test('hundreds of waiting mentions scroll as a virtual list, and one is taken from the queue', async ({ app, appPage: page }) => {
  test.setTimeout(180_000);
  await prepareDesk(app);
  const e = await engine(app);
  try {
    // Nobody is Ready, so the strategy would acknowledge every mention; this test is about the queue.
    for (const t of await e.call('config.listTemplates', {})) {
      if (t.kind === 'acknowledgement') await e.call('config.updateTemplate', { ...t, active: false });
    }
  } finally {
    e.close();
  }
  await signInReady(page, 'Ben Okafor');
  await setStatus(page, 'Break');
  const count = 600;
  await sandbox(app).request('POST', '/_sandbox/x/mentions/bulk', { count, authors: 60, text: 'Where is my order?' });

  await page.getByRole('tab', { name: /^Queue/ }).click();
  await expect(page.getByRole('tab', { name: /^Queue/ })).toContainText(String(count), { timeout: 60_000 });
  await expect(page.getByTestId('queue-total')).toHaveText(`${count} waiting in all queues`);
  const list = page.getByRole('list', { name: 'Queue I can take' });
  await expect(list.getByRole('link').first()).toContainText('#1');
  // Only what is on screen (and a little around it) is in the page.
  const rendered = await list.getByRole('listitem').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(60);

  // The end of the queue: its rows are fetched when scrolled to.
  await page.getByTestId('queue-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  const last = list.getByRole('link').filter({ hasText: `#${count}` });
  await expect(last).toBeVisible();
  expect(await list.getByRole('listitem').count()).toBeLessThan(60);

  // Take the last one (A), from the conversation view.
  await last.click();
  await expect(page.getByRole('button', { name: /^Take it/ })).toBeVisible();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('a');
  await expect(page.getByTestId('interaction-state')).toHaveText('Assigned to you');
  await expect(page.getByRole('tab', { name: /^Mine/ })).toContainText('1');
  await expect(page.getByRole('tab', { name: /^Queue/ })).toContainText(String(count - 1));
  await expect(page.getByTestId('composer')).toBeVisible();
});
