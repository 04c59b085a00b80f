// The seed's Facebook and Messenger use cases through the agent's screen: a visitor post answered with a
// comment and a private reply, a comment moved to private, and a Messenger chat both ways, each checked
// against what the sandbox recorded as sent.
import { expect, test } from './fixtures';
import { complete, openConversation, prepareDesk, sandbox, sentAct, signInReady } from './workspace-helpers';

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
