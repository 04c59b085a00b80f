// Admin → Strategies (saved a moment after each valid change; a refused change stays with its error) and
// What would happen (the path and the exact message, sending nothing).
import type { StrategySettings } from '../../preload/contract';
import { expect, test } from './fixtures';
import { engineCall, openAdmin } from './admin-helpers';

// Each journey starts its own engine and browser page; on a busy machine that alone takes a while.
test.describe.configure({ timeout: 120_000 });

test('strategies save themselves when valid, and keep a refused change on screen with its reason', async ({ appPage: page }) => {
  await openAdmin(page, 'Strategies');
  const status = page.getByTestId('save-status');

  // The automatic reply switched on without a template: the engine says what is missing, beside the field.
  await page.getByRole('switch', { name: 'Automatic reply is on' }).click();
  const template = page.getByLabel('Template', { exact: true });
  await expect(page.getByText('Choose the template the automatic reply sends')).toBeVisible();
  await expect(template).toHaveAttribute('aria-invalid', 'true');
  await expect(status).toContainText('Not saved');
  await expect(page.getByRole('switch', { name: 'Automatic reply is on' })).toHaveAttribute('aria-checked', 'true');
  expect((await engineCall<StrategySettings>(page, 'config.getStrategy')).autoReply.enabled).toBe(false);

  await template.selectOption({ label: 'Mention auto-reply (X)' });
  await page.getByLabel('Retry deadline (minutes)').fill('45');
  await expect(status).toHaveText(/Saved/);
  await expect.poll(async () => (await engineCall<StrategySettings>(page, 'config.getStrategy')).autoReply).toMatchObject({ enabled: true, retryMinutes: 45 });

  // A value out of range is caught on screen and not sent.
  await page.getByLabel(/Threshold/).fill('1.5');
  await expect(page.getByText('A score from 0 to 1')).toBeVisible();
  await expect(status).toContainText('Not saved');
  await page.getByLabel(/Threshold/).fill('0.75');
  await page.getByRole('checkbox', { name: 'Retweet (X only)' }).check();
  await page.getByLabel('Closed message on Facebook').selectOption('private');
  await page.getByLabel('At most one automatic message per contact every (minutes)').fill('20');
  await expect(status).toHaveText(/Saved/);
  await expect
    .poll(async () => {
      const s = await engineCall<StrategySettings>(page, 'config.getStrategy');
      return [s.engagement.threshold, s.engagement.retweet, s.autoMessageVisibility.facebook.closed, s.autoMessageThrottleMinutes];
    })
    .toEqual([0.75, true, 'private', 20]);

  await page.getByLabel('Try a sentence').fill('I absolutely love this, amazing service!');
  await page.getByRole('button', { name: 'Score it' }).click();
  await expect(page.getByText(/Parley would engage\./)).toBeVisible();
});

test('What would happen shows the path and the exact message for a sample, and sends nothing', async ({ appPage: page }) => {
  await openAdmin(page, 'What would happen');
  await page.getByLabel('Network').selectOption('x');
  await page.getByLabel('Channel').selectOption('mention');
  await page.getByLabel('Text').fill('@brand I was charged twice, I need a refund');
  // Sunday 3 January 2027, 11:00: the demo hours close on Sundays.
  await page.getByLabel(/Date and time/).fill('2027-01-03T11:00');
  await page.getByLabel('Customer name').fill('Jamie');
  await page.getByRole('button', { name: 'Show what would happen' }).click();
  const region = page.getByRole('region', { name: 'What Parley would do' });
  const result = page.getByTestId('preview-result');
  await expect(region).toContainText('2027-01-03 11:00');
  const path = result.getByRole('list', { name: 'The path the strategy takes' });
  await expect(path).toContainText('Keyword rules');
  await expect(path).toContainText('Money matters go to Billing');
  await expect(path).toContainText('Opening hours');
  const message = result.getByTestId('preview-message');
  await expect(message).toContainText('The exact message');
  await expect(message).toContainText('Jamie');
  await expect(message).toContainText('Public');

  await expect(message).toContainText('Template “Closed (public)”');

  // On a weekday during opening hours it is acknowledged, and waits in the Billing queue for an agent.
  await page.getByLabel(/Date and time/).fill('2027-01-05T11:00');
  await page.getByRole('button', { name: 'Show what would happen' }).click();
  await expect(region).toContainText('2027-01-05 11:00');
  await expect(result.getByTestId('preview-message')).toContainText('Template “Got it (public)”');
  await expect(result).toContainText('then it waits in the queue for an agent');

  // Nothing went into the outbox, and the sandbox's networks saw nothing from the brand.
  expect(await engineCall<unknown[]>(page, 'outbox.list', {})).toEqual([]);
  expect(await engineCall<unknown[]>(page, 'sandbox.outbound', {})).toEqual([]);
});
