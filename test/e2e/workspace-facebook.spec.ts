// The seed's Facebook and Messenger use cases through the agent's screen: a visitor post answered with a
// comment and a private reply, a comment moved to private, a Messenger chat both ways, each checked
// against what the sandbox recorded as sent, and the Messenger window rules as the agent sees them.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, startApp, test } from './fixtures';
import { complete, openConversation, prepareDesk, sandbox, sentAct, setStatus, signInReady } from './workspace-helpers';

test.beforeEach(async ({ app }) => {
  await prepareDesk(app);
});

test('a visitor post gets a public comment, then the one private reply Facebook allows', async ({ app, appPage: page }) => {
  await signInReady(page, 'Ben Okafor');
  const post = await sandbox(app).post('Olivia Chen', 'The espresso machine I bought last week stopped heating. Order 5521.');
  await openConversation(page, 'Mine', 'stopped heating');
  await expect(page.getByTestId('window-banner')).toContainText('One private reply');

  await page.getByRole('textbox', { name: /Comment publicly/ }).fill('Sorry Olivia! We will sort this out.');
  await page.getByTestId('send-button').click();
  const comment = await sentAct(app, (a) => a.kind === 'comment', 'the comment');
  expect(comment).toMatchObject({ target_id: post.id, text: 'Sorry Olivia! We will sort this out.' });

  // Going private asks first, and says what will happen.
  await page.getByRole('radio', { name: 'Private' }).click();
  const ask = page.getByRole('dialog', { name: 'Switch to private?' });
  await expect(ask).toContainText('Nothing will be posted publicly');
  await ask.getByRole('button', { name: 'Yes, write privately' }).click();
  await page.getByRole('textbox', { name: /Send a private reply/ }).fill('Olivia, could you send us the serial number?');
  await page.getByTestId('send-button').click();
  const privateReply = await sentAct(app, (a) => a.kind === 'private_reply', 'the private reply');
  expect(privateReply).toMatchObject({ target_id: post.id, text: 'Olivia, could you send us the serial number?' });

  // Facebook allows one: the composer says so before anyone tries again.
  await expect(page.getByTestId('window-banner')).toContainText('already has its private reply');
  await expect(page.getByRole('radio', { name: 'Private' })).toHaveAttribute('aria-disabled', 'true');
  await complete(page, 'Escalated');
  expect((await sandbox(app).outbound()).filter((a) => a.kind === 'private_reply')).toHaveLength(1);
});

test('a comment under a Page post moves to private: the private reply and a public comment that says so', async ({ app, appPage: page }) => {
  const sb = sandbox(app);
  const post = await sb.post('Page Fan', 'Which beans do you recommend for espresso?');
  await signInReady(page, 'Ana Souza');
  const c = await sb.comment(post.id, 'Tom Becker', 'I was charged twice for my subscription this month!');
  await openConversation(page, 'Mine', 'charged twice for my subscription');
  await page.getByRole('button', { name: 'Move to private' }).click();
  const dialog = page.getByRole('dialog', { name: 'Move to private' });
  await expect(dialog).toContainText('Facebook allows one per comment');
  await dialog.getByLabel(/^Private message to/).fill('Hi Tom, we are checking your subscription now.');
  await dialog.getByLabel('Public note', { exact: true }).fill('Tom, we have sent you a private message.');
  await dialog.getByRole('button', { name: 'Send privately and post the note' }).click();
  const pr = await sentAct(app, (a) => a.kind === 'private_reply', 'the private reply');
  expect(pr).toMatchObject({ target_id: c.id, text: 'Hi Tom, we are checking your subscription now.' });
  // (The Page Fan's post got the strategy's acknowledgement as a comment while nobody was Ready.)
  const note = await sentAct(app, (a) => a.kind === 'comment' && a.text === 'Tom, we have sent you a private message.', 'the public note');
  expect(note.target_id).toBe(c.id);
  await expect(page.getByTestId('thread-message').filter({ hasText: 'checking your subscription' })).toContainText('Private');
  await complete(page, 'Refund issued');
});

test('a Messenger chat: messages both ways without reloading, in order, with the window shown', async ({ app, appPage: page }) => {
  const sb = sandbox(app);
  await signInReady(page, 'Ana Souza');
  const first = await sb.messenger('Maria Lopez', 'Hi! My espresso machine leaks water.');
  await openConversation(page, 'Mine', 'leaks water');
  await expect(page.getByTestId('window-banner')).toContainText('Messenger window open: reply within');
  await expect(page.getByTestId('composer')).toHaveAttribute('data-mode', 'private');

  const box = page.getByRole('textbox', { name: /Send on Messenger/ });
  await box.fill('Sorry to hear that, Maria! Which model is it?');
  await box.press('Control+Enter');
  await expect(box).toHaveValue('');
  await box.fill('A photo of the leak would help too.');
  await box.press('Control+Enter');
  await expect(box).toHaveValue('');

  // The customer answers twice; both appear in the open conversation by themselves.
  await sb.messenger('Maria Lopez', 'It is the Barista Pro.', first.psid);
  await sb.messenger('Maria Lopez', 'Photo coming in a minute.', first.psid);
  const thread = page.getByTestId('thread-message');
  await expect(thread.filter({ hasText: 'Photo coming in a minute.' })).toBeVisible({ timeout: 15_000 });
  await expect(thread).toHaveText([/leaks water/, /Which model is it\?/, /photo of the leak/, /Barista Pro/, /Photo coming/]);
  await box.fill('Thanks! A replacement seal is on its way.');
  await page.getByTestId('send-button').click();

  await expect.poll(async () => (await sb.outbound()).filter((a) => a.kind === 'messenger').length, { timeout: 15_000 }).toBe(3);
  const sent = (await sb.outbound()).filter((a) => a.kind === 'messenger');
  expect(sent.map((a) => a.text)).toEqual(['Sorry to hear that, Maria! Which model is it?', 'A photo of the leak would help too.', 'Thanks! A replacement seal is on its way.']);
  expect(sent.every((a) => a.target_id === first.psid)).toBe(true);
  await expect(thread.filter({ hasText: 'replacement seal' }).getByText(/^Sent/)).toBeVisible();
  await complete(page, 'Resolved');
  await expect(page.getByRole('tab', { name: /^Mine/ })).toContainText('0');
});

test('the Messenger window rules show before they bite: after 24 hours only a personal reply, after 7 days none', async ({ page }) => {
  test.setTimeout(120_000);
  // Two chats arrive now; the app is stopped and their customer messages moved back in time (30 hours
  // and 8 days), as if nobody had answered them; then the app starts again on the same data.
  const first = await startApp();
  const dataDir = first.dataDir;
  try {
    await prepareDesk(first);
    await sandbox(first).messenger('Nina Berg', 'My order is two days late');
    await sandbox(first).messenger('Otto Kahn', 'Can I still return a gift?');
    await page.goto(first.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('button', { name: 'Sign in as Ana Souza' }).click();
    await setStatus(page, 'Break');
    await page.getByRole('tab', { name: /^Queue/ }).click();
    await expect(page.getByRole('tab', { name: /^Queue/ })).toContainText('2', { timeout: 15_000 });
  } finally {
    await first.stop();
  }
  const db = new Database(path.join(dataDir, 'parley.db'));
  try {
    const back = (subject: string, ms: number) => {
      const { id } = db.prepare(`select id from interaction where subject = ?`).get(subject) as { id: number };
      db.prepare(`update interaction set created_at = created_at - ?, queued_at = queued_at - ?, last_inbound_at = last_inbound_at - ? where id = ?`).run(ms, ms, ms, id);
      db.prepare(`update message set sent_at = sent_at - ?, stored_at = stored_at - ? where interaction_id = ?`).run(ms, ms, id);
    };
    back('My order is two days late', 30 * 3600_000);
    back('Can I still return a gift?', 8 * 86_400_000);
  } finally {
    db.close();
  }
  const app = await startApp({ dataDir });
  try {
    await page.goto(app.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('button', { name: 'Sign in as Ana Souza' }).click();
    const queue = page.getByRole('list', { name: 'Queue I can take' });
    await page.getByRole('tab', { name: /^Queue/ }).click();
    // The rows already say where each window stands.
    await expect(queue.getByRole('link').filter({ hasText: 'Nina Berg' })).toContainText(/Agent reply only · \d+d \d+h left|Agent reply only · \d+h \d+m left/);
    await expect(queue.getByRole('link').filter({ hasText: 'Otto Kahn' })).toContainText('Messenger window closed');

    await openConversation(page, 'Queue', 'two days late');
    await expect(page.getByTestId('window-banner')).toContainText('The 24-hour window has closed. You can still answer personally (Human agent tag)');
    await page.getByRole('button', { name: /^Take it/ }).click();
    await expect(page.getByTestId('send-button')).toBeVisible();
    await expect(page.getByRole('textbox', { name: /Messenger/ })).toBeEnabled();

    await openConversation(page, 'Queue', 'return a gift');
    await expect(page.getByTestId('window-banner')).toContainText(/closed|7 days/i);
    await page.getByRole('button', { name: /^Take it/ }).click();
    // Nothing can be written that Facebook would refuse.
    await expect(page.getByTestId('send-button')).toBeDisabled();
    await expect(page.getByTestId('composer').getByRole('textbox')).toBeDisabled();
  } finally {
    await app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
