// The rest of the agent's desk, through the screen: what a reply that cannot go out says (retrying
// until T, failed with the reason and Retry), canned responses with their placeholders filled,
// transfer to a skill and to a group, the automatic acknowledgement in the thread, and a like on
// Facebook with its undo. Each checked against what the sandbox recorded.
import { expect, test } from './fixtures';
import { complete, openConversation, prepareDesk, sandbox, sentAct, signInReady } from './workspace-helpers';

test.beforeEach(async ({ app }) => {
  await prepareDesk(app);
});

test('a reply X refuses says why and goes out on Retry; a server hiccup shows "retrying until" and then sends', async ({ app, appPage: page }) => {
  await signInReady(page, 'Ana Souza');
  const sb = sandbox(app);
  const mention = await sb.mention('nora_b', 'Nora Berg', 'Is the Grinder X1 back in stock?');
  await openConversation(page, 'Mine', 'Grinder X1');
  const box = page.getByRole('textbox', { name: /Reply publicly on X to @nora_b/ });

  // X answers 403: a refusal Parley must not repeat on its own.
  await sb.request('POST', '/_sandbox/faults', { network: 'x', path_prefix: '/2/tweets', status: 403, count: 1 });
  await box.fill('Yes Nora, it is back since Monday.');
  await page.getByTestId('send-button').click();
  const refused = page.getByTestId('thread-message').filter({ hasText: 'it is back since Monday' });
  await expect(refused.getByText(/^Failed: X refused/)).toBeVisible();
  expect((await sb.outbound()).filter((a) => a.kind === 'reply')).toHaveLength(0);
  await refused.getByRole('button', { name: 'Retry' }).click();
  const first = await sentAct(app, (a) => a.kind === 'reply' && a.text === 'Yes Nora, it is back since Monday.', 'the retried reply');
  expect(first.target_id).toBe(mention.id);
  await expect(refused.getByText(/^Sent/)).toBeVisible();

  // Two 503s: Parley keeps trying by itself, says until when, and the reply arrives once.
  await sb.request('POST', '/_sandbox/faults', { network: 'x', path_prefix: '/2/tweets', status: 503, count: 2 });
  await box.fill('We also restocked the filters.');
  await page.getByTestId('send-button').click();
  const retried = page.getByTestId('thread-message').filter({ hasText: 'restocked the filters' });
  await expect(retried.getByText(/^Retrying until \d{1,2}:\d{2}/)).toBeVisible();
  await sentAct(app, (a) => a.kind === 'reply' && a.text === 'We also restocked the filters.', 'the reply after the retries');
  await expect(retried.getByText(/^Sent/)).toBeVisible();
  expect((await sb.outbound()).filter((a) => a.kind === 'reply')).toHaveLength(2);
  await complete(page, 'Information given');
});

test('a canned response goes in with the customer\'s name filled, is edited and sent as written', async ({ app, appPage: page }) => {
  await signInReady(page, 'Ana Souza');
  await sandbox(app).dm('omar_h', 'Omar Haddad', 'Where is my parcel?');
  await openConversation(page, 'Mine', 'Where is my parcel?');
  await page.getByRole('button', { name: 'Canned responses' }).click();
  const dialog = page.getByRole('dialog', { name: 'Insert a canned response' });
  await dialog.getByRole('searchbox', { name: 'Filter canned responses' }).fill('order number');
  await dialog.getByRole('button', { name: /Ask for order number/ }).click();
  await expect(dialog).toHaveCount(0);
  const box = page.getByRole('textbox', { name: /Send a DM to @omar_h/ });
  await expect(box).toHaveValue('Hi Omar Haddad, could you send us your order number? We will look into it right away.');
  await box.press('End');
  await box.pressSequentially(' Thanks!');
  await page.getByTestId('send-button').click();
  await sentAct(app, (a) => a.kind === 'dm' && a.text === 'Hi Omar Haddad, could you send us your order number? We will look into it right away. Thanks!', 'the canned DM');
  // No placeholder reached the customer.
  expect((await sandbox(app).outbound()).some((a) => /\{\w+\}/.test(a.text ?? ''))).toBe(false);
  await complete(page, 'Information given');
});

test('a conversation transferred to a skill reaches the agent who has it, and to a group its member', async ({ app, appPage: page, context }) => {
  // Ana is the only one Ready when it arrives, so it is hers; then Ben starts his day.
  await signInReady(page, 'Ana Souza');
  await sandbox(app).mention('ivy_p', 'Ivy Park', 'The app crashes when I open my receipts');
  await openConversation(page, 'Mine', 'crashes when I open');
  const ben = await context.newPage();
  await ben.goto(app.url);
  await signInReady(ben, 'Ben Okafor');

  // Ana hands it to the Technical skill: only Ben has it.
  await page.getByRole('button', { name: /^Transfer/ }).click();
  let transfer = page.getByRole('dialog', { name: 'Transfer the conversation' });
  await transfer.getByRole('radio', { name: 'A skill' }).click();
  // Nothing chosen yet: the dialog says what is missing instead of sending it nowhere.
  await transfer.getByRole('button', { name: 'Transfer', exact: true }).click();
  await expect(transfer.getByText('Choose a skill')).toBeVisible();
  await transfer.getByLabel('Skill', { exact: true }).selectOption({ label: 'Technical' });
  await transfer.getByLabel('Lowest level that may take it').fill('5');
  await transfer.getByRole('button', { name: 'Transfer', exact: true }).click();
  await expect(transfer).toHaveCount(0);
  await openConversation(ben, 'Mine', 'crashes when I open');
  await expect(page.getByRole('link').filter({ hasText: 'crashes when I open' })).toHaveCount(0);

  // Ben sends it on to the Private messages group, whose member is Ana.
  await ben.getByRole('button', { name: /^Transfer/ }).click();
  transfer = ben.getByRole('dialog', { name: 'Transfer the conversation' });
  await transfer.getByRole('radio', { name: 'A group' }).click();
  await transfer.getByLabel('Group', { exact: true }).selectOption({ label: 'Private messages' });
  await transfer.getByLabel('Note for the next person (optional)').fill('Asked for the crash log');
  await transfer.getByRole('button', { name: 'Transfer', exact: true }).click();
  await expect(transfer).toHaveCount(0);
  await expect(ben.getByRole('link').filter({ hasText: 'crashes when I open' })).toHaveCount(0);
  await openConversation(page, 'Mine', 'crashes when I open');
  await expect(page.getByTestId('conversation-meta')).toContainText('Private messages');
  await expect(page.getByTestId('thread-event').filter({ hasText: 'Asked for the crash log' })).toBeVisible();
});

test('the automatic acknowledgement shows in the thread, and a Facebook post is liked and unliked', async ({ app, appPage: page }) => {
  const sb = sandbox(app);
  // Nobody is Ready yet: the strategy acknowledges the post on its own.
  const post = await sb.post('Rita Gomez', 'Do you deliver to the islands?');
  const ack = await sentAct(app, (a) => a.network === 'facebook' && a.kind === 'comment' && a.target_id === post.id, 'the acknowledgement');
  await signInReady(page, 'Ana Souza');
  await openConversation(page, 'Mine', 'deliver to the islands');
  const auto = page.getByTestId('thread-message').filter({ hasText: ack.text! });
  await expect(auto).toContainText('Automatic');

  const customer = page.getByTestId('thread-message').filter({ hasText: 'deliver to the islands' }).first();
  await customer.getByRole('button', { name: 'Like' }).click();
  expect((await sentAct(app, (a) => a.network === 'facebook' && a.kind === 'like', 'the like')).target_id).toBe(post.id);
  await expect(customer.getByText(/^Liked/)).toBeVisible();
  await customer.getByRole('button', { name: 'Undo like' }).click();
  expect((await sentAct(app, (a) => a.network === 'facebook' && a.kind === 'unlike', 'the unlike')).target_id).toBe(post.id);
  await expect(customer.getByRole('button', { name: 'Like' })).toBeVisible();
  await complete(page, 'Information given');
});

test('each inbox row says network, channel kind, customer, first words, waiting time, priority, sentiment and the Messenger window', async ({ app, appPage: page }) => {
  await signInReady(page, 'Ana Souza');
  const sb = sandbox(app);
  await sb.mention('kai_l', 'Kai Lund', 'Thank you, the new blend is wonderful!');
  await sb.dm('mark_t', 'Mark Taylor', 'You charged me twice for order 8812');
  await sb.messenger('Lea Martin', 'Is the shop open on Sunday?');
  // They arrive by themselves (pushed), with no reload.
  const mine = page.getByRole('list', { name: 'Assigned to me' });
  await expect(mine.getByRole('link')).toHaveCount(3, { timeout: 15_000 });

  const mention = mine.getByRole('link').filter({ hasText: 'Kai Lund' });
  // The brand's leading @handle is left out of the first words.
  await expect(mention).toContainText('@kai_l');
  await expect(mention).toContainText('X Mention');
  await expect(mention).toContainText('Thank you, the new blend is wonderful!');
  await expect(mention).not.toContainText('@AcmeSupport');
  await expect(mention).toContainText('sentiment Positive');
  await expect(mention).toContainText(/waiting\s*<1m/);

  const dm = mine.getByRole('link').filter({ hasText: 'Mark Taylor' });
  await expect(dm).toContainText('X Direct message');
  await expect(dm).toContainText(/priority [1-9]\d*/);
  await expect(dm).toContainText('sentiment Negative');

  const chat = mine.getByRole('link').filter({ hasText: 'Lea Martin' });
  await expect(chat).toContainText('Facebook Messenger');
  await expect(chat).toContainText(/Reply within (23h 5\dm|24h 0m|24h)/);
  // An X DM has no messaging window to count down.
  await expect(dm).not.toContainText('Reply within');
});

test('a returning customer: the panel shows their earlier conversation with its disposition code, and the notes the last agent left', async ({ app, appPage: page }) => {
  await signInReady(page, 'Ana Souza');
  const sb = sandbox(app);
  await sb.mention('zoe_q', 'Zoe Quinn', 'My grinder makes a loud noise');
  await openConversation(page, 'Mine', 'loud noise');
  const panel = page.getByRole('complementary', { name: 'Contact' });
  await expect(panel.getByRole('list', { name: 'Identities on each network' })).toContainText('@zoe_q');
  await panel.getByRole('textbox', { name: 'Notes about Zoe Quinn' }).fill('Grinder bought in March; prefers DMs.');
  await panel.getByRole('button', { name: 'Save notes' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await complete(page, 'Resolved', 'Sent cleaning steps');

  await sb.mention('zoe_q', 'Zoe Quinn', 'Still noisy after cleaning it');
  await openConversation(page, 'Mine', 'Still noisy');
  const earlier = panel.getByRole('list', { name: 'Earlier conversations' });
  const first = earlier.getByRole('listitem').filter({ hasText: 'loud noise' });
  await expect(first).toContainText('Resolved');
  await expect(panel.getByRole('textbox', { name: 'Notes about Zoe Quinn' })).toHaveValue('Grinder bought in March; prefers DMs.');
  // The earlier conversation opens from the panel, read-only with its outcome.
  await first.getByRole('link').click();
  await expect(page.getByTestId('thread-message').filter({ hasText: 'loud noise' })).toBeVisible();
  await expect(page.getByTestId('thread-event').filter({ hasText: 'Completed with disposition resolved' })).toBeVisible();
});
