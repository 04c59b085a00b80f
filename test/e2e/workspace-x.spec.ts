// The seed's X use cases, from the customer's first message to the disposition code, through the
// agent's screen, each checked against what the sandbox recorded as sent.
import { expect, test } from './fixtures';
import { complete, engine, openConversation, prepareDesk, sandbox, sentAct, setStatus, signInReady } from './workspace-helpers';

test.beforeEach(async ({ app }) => {
  await prepareDesk(app);
});

test('a mention gets a public reply, counted as X counts it, then a disposition code', async ({ app, appPage: page }) => {
  await signInReady(page, 'Ben Okafor');
  const mention = await sandbox(app).mention('jane_doe', 'Jane Doe', 'My order #4411 has not arrived yet, can you help?');
  await openConversation(page, 'Mine', 'has not arrived yet');

  const composer = page.getByTestId('composer');
  await expect(composer).toHaveAttribute('data-mode', 'public');
  await expect(page.getByRole('radio', { name: 'Public' })).toHaveAttribute('aria-checked', 'true');
  const box = page.getByRole('textbox', { name: /Reply publicly on X to @jane_doe/ });
  // X counts an emoji as two and a link as 23.
  await box.fill('Sorry Jane 😀 see https://example.com/track');
  await expect(page.getByTestId('composer-count')).toContainText('41 / 280');
  await box.fill('x'.repeat(281));
  await expect(page.getByTestId('send-button')).toBeDisabled();
  await box.fill('So sorry Jane! Your parcel left our warehouse this morning.');
  await page.getByTestId('send-button').click();

  const reply = await sentAct(app, (a) => a.kind === 'reply' && a.text === 'So sorry Jane! Your parcel left our warehouse this morning.', 'the public reply');
  expect(reply.target_id).toBe(mention.id);
  const sent = page.getByTestId('thread-message').filter({ hasText: 'Your parcel left our warehouse' });
  await expect(sent.getByText(/^Sent/)).toBeVisible();
  await expect(box).toHaveValue('');

  await complete(page, 'Resolved', 'Tracking shared');
  await expect(page.getByRole('heading', { name: 'Nothing open' })).toBeVisible();
  // Nothing went out privately, and the contact's history shows the outcome.
  expect((await sandbox(app).outbound()).filter((a) => a.kind === 'dm')).toHaveLength(0);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('searchbox', { name: 'Search contacts' }).fill('jane_doe');
  await page.getByRole('link', { name: /Jane Doe/ }).click();
  await expect(page.getByRole('list', { name: 'Earlier conversations' }).getByText('Resolved')).toBeVisible();
});

test('a mention moves to private in one act: a DM, a public note, one conversation', async ({ app, appPage: page }) => {
  await signInReady(page, 'Ana Souza');
  const mention = await sandbox(app).mention('mark_t', 'Mark Taylor', 'You charged me twice for order 8812!!');
  await openConversation(page, 'Mine', 'charged me twice');

  await page.getByRole('button', { name: 'Move to private' }).click();
  const dialog = page.getByRole('dialog', { name: 'Move to private' });
  await dialog.getByLabel('Private message to @mark_t').fill('Hi Mark, sorry about that. Which card was charged?');
  // The note comes from the "continue in private" template, with the customer's name filled in.
  await expect(dialog.getByLabel('Public note', { exact: true })).toHaveValue(/Mark Taylor/);
  await dialog.getByRole('button', { name: 'Send privately and post the note' }).click();
  await expect(dialog).toHaveCount(0);

  const dm = await sentAct(app, (a) => a.kind === 'dm', 'the DM');
  expect(dm.text).toBe('Hi Mark, sorry about that. Which card was charged?');
  expect(dm.target_id).toBe(mention.author_id);
  const note = await sentAct(app, (a) => a.kind === 'reply', 'the public note');
  expect(note.target_id).toBe(mention.id);
  expect(note.text).toContain('Mark Taylor');

  // Still one conversation, now in private mode, with both messages in its thread.
  await expect(page.getByRole('tab', { name: /^Mine/ })).toContainText('1');
  await expect(page.getByTestId('composer')).toHaveAttribute('data-mode', 'private');
  await expect(page.getByTestId('thread-message').filter({ hasText: 'Which card was charged?' }).getByText('Private')).toBeVisible();
  await expect(page.getByTestId('thread-event').filter({ hasText: 'moved the conversation to private messages' })).toBeVisible();

  // Mark answers by DM: it appears in this same conversation, and the answer goes back by DM.
  await sandbox(app).dm('mark_t', 'Mark Taylor', 'The Visa ending 4242.');
  await expect(page.getByTestId('thread-message').filter({ hasText: 'The Visa ending 4242.' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('tab', { name: /^Mine/ })).toContainText('1');
  await page.getByRole('textbox', { name: /Send a DM to @mark_t/ }).fill('Thanks Mark, refunding the second charge now.');
  await page.getByTestId('send-button').click();
  await sentAct(app, (a) => a.kind === 'dm' && a.text === 'Thanks Mark, refunding the second charge now.', 'the follow-up DM');
  await complete(page, 'Refund issued');
  await expect(page.getByRole('tab', { name: /^Mine/ })).toContainText('0');
});

test('praise is liked (the strategy\'s proposal, approved) and retweeted, and a retweet can be undone', async ({ app, appPage: page }) => {
  await signInReady(page, 'Ben Okafor');
  const praise = await sandbox(app).mention('fan_42', 'Happy Fan', 'I love this coffee, best service ever! Thank you so much!');
  await openConversation(page, 'Mine', 'best service ever');
  const post = page.getByTestId('thread-message').filter({ hasText: 'best service ever' });
  await expect(post.getByText('Like proposed by the strategy')).toBeVisible();
  await post.getByRole('button', { name: 'Approve like' }).click();
  await post.getByRole('button', { name: 'Retweet' }).click();
  expect((await sentAct(app, (a) => a.kind === 'like', 'the like')).target_id).toBe(praise.id);
  expect((await sentAct(app, (a) => a.kind === 'retweet', 'the retweet')).target_id).toBe(praise.id);
  await expect(post.getByText('Liked')).toBeVisible();
  await expect(post.getByText('Retweeted')).toBeVisible();

  await post.getByRole('button', { name: 'Undo retweet' }).click();
  expect((await sentAct(app, (a) => a.kind === 'unretweet', 'the undo')).target_id).toBe(praise.id);
  await expect(post.getByRole('button', { name: 'Retweet' })).toBeVisible();
  await complete(page, 'No action needed');
  const acts = await sandbox(app).outbound();
  expect(acts.filter((a) => a.kind === 'like')).toHaveLength(1);
  expect(acts.filter((a) => a.kind === 'reply' || a.kind === 'dm')).toHaveLength(0);
});

test('a DM goes to the DM group (Ana, not Ben), is answered privately only, then closed', async ({ app, appPage: page, context }) => {
  // Ben works in a second window of the same app.
  const ben = await context.newPage();
  await ben.goto(app.url);
  await signInReady(ben, 'Ben Okafor');
  await signInReady(page, 'Ana Souza');
  const dm = await sandbox(app).dm('sam_k', 'Sam K', 'Hi, can you check order 4411 for me?');
  await openConversation(page, 'Mine', 'check order 4411');
  await expect(page.getByTestId('conversation-meta')).toContainText('Private messages');
  await expect(ben.getByRole('tab', { name: /^Mine/ })).toContainText('0');

  await expect(page.getByTestId('composer')).toHaveAttribute('data-mode', 'private');
  await expect(page.getByRole('radio', { name: 'Public' })).toHaveAttribute('aria-disabled', 'true');
  // The switch shortcut does not offer public: a DM has nothing public to answer, and says so.
  const box = page.getByRole('textbox', { name: /Send a DM to @sam_k/ });
  await box.fill('Order 4411 ships tomorrow.');
  await page.keyboard.press('Alt+m');
  await expect(page.getByText('This is a direct message; answer it privately.').last()).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('composer')).toHaveAttribute('data-mode', 'private');
  await box.focus();
  await page.keyboard.press('Control+Enter');
  const sent = await sentAct(app, (a) => a.kind === 'dm' && a.text === 'Order 4411 ships tomorrow.', 'the DM reply');
  expect(sent.target_id).toBe(dm.sender_id);
  await complete(page, 'Information given');
  const e = await engine(app);
  try {
    const agents = await e.call('routing.agents', {});
    expect(agents.find((a) => a.name === 'Ben Okafor')!.load.dm).toBe(0);
  } finally {
    e.close();
  }
  expect((await sandbox(app).outbound()).filter((a) => a.kind === 'reply')).toHaveLength(0);
});

test('a conversation is transferred to another agent and put back in the queue, from the wrap-up actions', async ({ app, appPage: page, context }) => {
  const ben = await context.newPage();
  await ben.goto(app.url);
  await signInReady(ben, 'Ben Okafor');
  await setStatus(ben, 'Meeting');
  await signInReady(page, 'Ana Souza');
  await sandbox(app).mention('lee_w', 'Lee Wong', 'The receipts screen shows yesterday twice');
  await openConversation(page, 'Mine', 'receipts screen shows');

  // Ben is in a meeting but can still be handed it (Not ready is not Offline).
  await page.getByRole('button', { name: /^Transfer/ }).click();
  const transfer = page.getByRole('dialog', { name: 'Transfer the conversation' });
  await transfer.getByRole('radio', { name: 'An agent' }).click();
  await transfer.getByLabel('Agent').selectOption({ label: 'Ben Okafor · Not ready · Meeting' });
  await transfer.getByLabel('Note for the next person (optional)').fill('Technical: receipts screen');
  await transfer.getByRole('button', { name: 'Transfer', exact: true }).click();
  await expect(transfer).toHaveCount(0);
  await expect(page.getByRole('tab', { name: /^Mine/ })).toContainText('0');
  await openConversation(ben, 'Mine', 'receipts screen shows');
  await expect(ben.getByTestId('thread-event').filter({ hasText: 'Transferred to Ben Okafor: "Technical: receipts screen"' })).toBeVisible();

  // Ben puts it back: it goes to the next able agent, Ana.
  await ben.getByRole('button', { name: /^Back to queue/ }).click();
  const back = ben.getByRole('dialog', { name: 'Put back in the queue?' });
  await back.getByLabel('Why (optional)').fill('Needs the billing team');
  await back.getByRole('button', { name: 'Put back in the queue' }).click();
  await expect(ben.getByRole('tab', { name: /^Mine/ })).toContainText('0');
  await expect(page.getByRole('tab', { name: /^Mine/ })).toContainText('1');
  await openConversation(page, 'Mine', 'receipts screen shows');
  await expect(page.getByTestId('thread-event').filter({ hasText: 'Back in the queue: Needs the billing team' })).toBeVisible();
  expect((await sandbox(app).outbound()).filter((a) => a.kind === 'reply' || a.kind === 'dm')).toHaveLength(0);
});
