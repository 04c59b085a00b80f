// A long queue: the list is virtual (only the rows on screen exist), pages are fetched for the range in
// view, the counts stay right while mentions pour in, and an agent takes one from anywhere in it.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, startApp, test } from './fixtures';
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

test('50,000 queued conversations (a long outage): the count, both ends of a virtual list, and taking the last one', async ({ page }) => {
  test.setTimeout(180_000);
  // A first start creates the data folder (schema, demo setup); the queue is then written straight into
  // the database, as a long outage would leave it, and the app started again on it.
  const first = await startApp();
  await first.stop();
  const N = 50_000;
  const db = new Database(path.join(first.dataDir, 'parley.db'));
  try {
    const account = (db.prepare(`select id from channel_account where network = 'x' order by id limit 1`).get() as { id: number }).id;
    const now = Date.now();
    db.transaction(() => {
      const contact = db.prepare(`insert into contact (display_name, notes, created_at, updated_at) values (?, '', ?, ?)`);
      const interaction = db.prepare(
        `insert into interaction (contact_id, account_id, network, channel_kind, thread_key, state, priority, subject, created_at, queued_at, last_inbound_at, updated_at)
         values (?, ?, 'x', 'mention', ?, 'queued', 0, ?, ?, ?, ?, ?)`,
      );
      for (let i = 0; i < N; i++) {
        const c = Number(contact.run(`Customer ${i}`, now, now).lastInsertRowid);
        const at = now - (N - i) * 1000;
        interaction.run(c, account, `outage-${i}`, `Outage message ${i}`, at, at, at, now);
      }
    })();
  } finally {
    db.close();
  }
  const app = await startApp({ dataDir: first.dataDir });
  try {
    await page.goto(app.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('button', { name: 'Sign in as Ben Okafor' }).click();
    await setStatus(page, 'Break');
    await page.getByRole('tab', { name: /^Queue/ }).click();
    await expect(page.getByRole('tab', { name: /^Queue/ })).toContainText('50,000');
    await expect(page.getByTestId('queue-total')).toHaveText('50,000 waiting in all queues');
    const list = page.getByRole('list', { name: 'Queue I can take' });
    await expect(list.getByRole('link').first()).toContainText('Outage message 0');
    expect(await list.getByRole('listitem').count()).toBeLessThan(60);

    // The far end is fetched when scrolled to; the page still holds only what is on screen.
    await page.getByTestId('queue-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    const last = list.getByRole('link').filter({ hasText: `Outage message ${N - 1}` });
    await expect(last).toBeVisible();
    expect(await list.getByRole('listitem').count()).toBeLessThan(60);

    await last.click();
    await page.getByRole('button', { name: /^Take it/ }).click();
    await expect(page.getByTestId('interaction-state')).toHaveText('Assigned to you');
    await expect(page.getByRole('tab', { name: /^Mine/ })).toContainText('1');
    await expect(page.getByRole('tab', { name: /^Queue/ })).toContainText('49,999');
  } finally {
    await app.stop();
    fs.rmSync(app.dataDir, { recursive: true, force: true });
  }
});
