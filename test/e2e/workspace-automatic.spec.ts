// The seed's automatic first answers, each followed through the agent's screen to the disposition code:
// a Messenger message on a special day, an X mention during an emergency, and an X DM outside opening
// hours. What the customer got is read from the sandbox; what the agent sees, from the screen.
import { expect, test } from './fixtures';
import { complete, engine, openConversation, prepareDesk, sandbox, sentAct, signInReady } from './workspace-helpers';

test.beforeEach(async ({ app }) => {
  await prepareDesk(app);
});

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

test('Messenger on a special day: the special-day message goes by Messenger, then an agent chats and sets the code', async ({ app, appPage: page }) => {
  const e = await engine(app);
  try {
    // Today and tomorrow (business time zone UTC), so a run across midnight still meets the special day.
    for (const date of [isoDay(0), isoDay(1)]) {
      await e.call('config.createSpecialDay', { name: 'Stocktaking', date, recurrence: 'none', closed: true, hours: [], message: 'Hi {name}, we are closed today for {special_day}; an agent answers as soon as we can.' });
    }
  } finally {
    e.close();
  }
  await signInReady(page, 'Ana Souza');
  const sb = sandbox(app);
  const first = await sb.messenger('Lea Martin', 'Can I change my delivery address?');
  const auto = await sentAct(app, (a) => a.kind === 'messenger', 'the special-day message');
  expect(auto).toMatchObject({ network: 'facebook', target_id: first.psid, text: 'Hi Lea Martin, we are closed today for Stocktaking; an agent answers as soon as we can.' });

  await openConversation(page, 'Mine', 'change my delivery address');
  await expect(page.getByTestId('thread-message').filter({ hasText: 'closed today for Stocktaking' })).toContainText('Automatic');
  const box = page.getByRole('textbox', { name: /Send on Messenger/ });
  await box.fill('Hi Lea, yes: which address should we use?');
  await box.press('Control+Enter');
  await sentAct(app, (a) => a.kind === 'messenger' && a.text === 'Hi Lea, yes: which address should we use?', 'the agent\'s Messenger message');
  await sb.messenger('Lea Martin', '12 Harbour Street, please.', first.psid);
  await expect(page.getByTestId('thread-message').filter({ hasText: '12 Harbour Street' })).toBeVisible({ timeout: 15_000 });
  await complete(page, 'Resolved');
  // One automatic message, then only the agent's.
  const messenger = (await sb.outbound()).filter((a) => a.kind === 'messenger');
  expect(messenger.map((a) => a.text)).toEqual(['Hi Lea Martin, we are closed today for Stocktaking; an agent answers as soon as we can.', 'Hi Lea, yes: which address should we use?']);
});

test('an X mention during an emergency gets the emergency message, and an agent still answers it', async ({ app, appPage: page }) => {
  const e = await engine(app);
  let visibility: 'public' | 'private';
  try {
    await e.call('config.setEmergency', { active: true, scope: 'x', message: 'Hi {name}, our app is down; replies are delayed.', endsAt: null });
    visibility = (await e.call('config.getStrategy', {})).autoMessageVisibility.x.emergency;
  } finally {
    e.close();
  }
  await signInReady(page, 'Ben Okafor');
  const mention = await sandbox(app).mention('kim_t', 'Kim Tan', 'I cannot log in to the app at all');
  const auto = await sentAct(app, (a) => a.network === 'x' && (a.kind === 'reply' || a.kind === 'dm'), 'the emergency message');
  expect(auto).toMatchObject({ kind: visibility === 'public' ? 'reply' : 'dm', target_id: visibility === 'public' ? mention.id : mention.author_id, text: 'Hi Kim Tan, our app is down; replies are delayed.' });

  await openConversation(page, 'Mine', 'cannot log in');
  await expect(page.getByTestId('thread-message').filter({ hasText: 'our app is down' })).toContainText('Automatic');
  await page.getByRole('textbox', { name: /Reply publicly on X to @kim_t/ }).fill('Kim, logins work again; sorry for the wait.');
  await page.getByTestId('send-button').click();
  const reply = await sentAct(app, (a) => a.kind === 'reply' && a.text === 'Kim, logins work again; sorry for the wait.', 'the agent\'s reply');
  expect(reply.target_id).toBe(mention.id);
  await complete(page, 'Resolved');
});

test('an X DM outside opening hours gets the closed message by DM, and an agent answers it privately', async ({ app, appPage: page }) => {
  const e = await engine(app);
  try {
    // Open for half an hour, twelve hours from now: closed now, whatever the time of the run.
    const h = String((new Date().getUTCHours() + 12) % 24).padStart(2, '0');
    await e.call('config.setWeeklyHours', { hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensAt: `${h}:00`, closesAt: `${h}:30` })) });
  } finally {
    e.close();
  }
  await signInReady(page, 'Ana Souza');
  const dm = await sandbox(app).dm('sam_k', 'Sam Kerr', 'Do you ship to Norway?');
  const auto = await sentAct(app, (a) => a.kind === 'dm', 'the closed message');
  expect(auto.target_id).toBe(dm.sender_id);
  // The template's placeholders are filled: the customer's name and when Parley opens again.
  expect(auto.text).not.toMatch(/\{\w+\}/);

  await openConversation(page, 'Mine', 'ship to Norway');
  await expect(page.getByTestId('thread-message').filter({ hasText: auto.text!.slice(0, 30) })).toContainText('Automatic');
  const box = page.getByRole('textbox', { name: /Send a DM to @sam_k/ });
  await box.fill('Hi Sam, yes, we ship to Norway in 3 to 5 days.');
  await page.getByTestId('send-button').click();
  await sentAct(app, (a) => a.kind === 'dm' && a.text === 'Hi Sam, yes, we ship to Norway in 3 to 5 days.', 'the agent\'s DM');
  await complete(page, 'Information given');
  expect((await sandbox(app).outbound()).filter((a) => a.kind === 'reply')).toHaveLength(0);
});
