// Impossible to misuse by accident, and safe with hostile text: customer text is only ever text, the send
// mode changes only when confirmed, the keyboard reaches every common act, sign-in survives a reload,
// assignments raise a desktop notification, and axe finds no serious or critical problem on the screens.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openConversation, prepareDesk, sandbox, sentAct, setStatus, signInReady } from './workspace-helpers';

test.beforeEach(async ({ app }) => {
  await prepareDesk(app);
});

async function seriousViolations(page: Page, what: string): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${what}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('a message with script tags, javascript: links and odd Unicode shows as text and changes nothing', async ({ app, appPage: page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signInReady(page, 'Ben Okafor');
  const hostile =
    'Hi <script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> try javascript:alert(1) or data:text/html,<b>x</b> ' +
    'or https://example.com/track?id=1. \u202Eevil\u202C zero\u200Bwidth 👩‍👩‍👧‍👦 مرحبا';
  await sandbox(app).mention('eve_h', 'Eve <b>Bold</b>', hostile);
  await openConversation(page, 'Mine', 'Hi <script>window.__pwned');

  const message = page.getByTestId('thread-message').filter({ hasText: 'try javascript:alert(1)' });
  await expect(message).toContainText('<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">');
  await expect(page.getByRole('heading', { name: /Eve <b>Bold<\/b>/ }).first()).toBeVisible();
  expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(message.locator('img, script, b')).toHaveCount(0);
  // The one web address is the one link; it opens outside the app. Nothing else is clickable.
  const links = message.getByRole('link');
  await expect(links).toHaveCount(1);
  await expect(links).toHaveAttribute('href', 'https://example.com/track?id=1');
  await expect(links).toHaveAttribute('target', '_blank');
  await expect(links).toHaveAttribute('rel', /noopener/);
  await expect(page.locator('a[href^="javascript:" i], a[href^="data:" i]')).toHaveCount(0);
  // Direction-changing and zero-width characters are named, and can be shown.
  const reveal = message.getByRole('button', { name: /invisible characters/ });
  await expect(reveal).toContainText('U+202E');
  await reveal.click();
  await expect(message).toContainText('⟦U+202E⟧evil⟦U+202C⟧');
  // The list row shows the same text, as text.
  await expect(page.getByRole('link', { name: /Eve <b>Bold<\/b>/ })).toBeVisible();

  await page.getByRole('textbox', { name: /Reply publicly on X/ }).fill('Hi Eve, how can we help?');
  await page.getByTestId('send-button').click();
  await sentAct(app, (a) => a.kind === 'reply', 'the reply');
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  // Nothing but the agent's reply went out.
  expect((await sandbox(app).outbound()).map((a) => a.kind)).toEqual(['reply']);
});

test('the keyboard does the common acts, the mode changes only when confirmed, and sign-in survives a reload', async ({ app, appPage: page }) => {
  // The browser's Notification API, recorded (the web host's desktop notifications).
  await page.addInitScript(() => {
    const shown: Array<{ title: string; body?: string }> = [];
    (globalThis as unknown as { __notes: typeof shown }).__notes = shown;
    class RecordedNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      onclick: (() => void) | null = null;
      constructor(title: string, opts?: { body?: string }) {
        shown.push({ title, body: opts?.body });
      }
      close() {}
    }
    (globalThis as unknown as { Notification: unknown }).Notification = RecordedNotification;
  });
  await page.reload();
  await signInReady(page, 'Ana Souza');
  await setStatus(page, 'Break');
  await page.reload();
  await expect(page.getByTestId('signed-in-agent')).toHaveText('Ana Souza');
  await expect(page.getByTestId('status-button')).toHaveAccessibleName(/Status: Not ready · Break\./);
  await setStatus(page, 'Ready');

  await sandbox(app).mention('jane_doe', 'Jane Doe', 'Is my order on its way?');
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as { __notes: Array<{ title: string }> }).__notes.map((n) => n.title))).toEqual(['Jane Doe · X Mention']);
  await expect(page.getByRole('tab', { name: /^Mine/ })).toContainText('1');

  // J opens the next conversation, R goes to the composer.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('j');
  await expect(page.getByTestId('thread-message').filter({ hasText: 'Is my order on its way?' })).toBeVisible();
  await page.keyboard.press('r');
  const composer = page.getByTestId('composer');
  await expect(page.getByRole('textbox', { name: /Reply publicly on X/ })).toBeFocused();
  await page.keyboard.type('We checked: it ships today.');

  // Alt+M asks; Escape keeps the mode; Alt+M then Enter switches.
  await page.keyboard.press('Alt+m');
  const ask = page.getByRole('dialog', { name: 'Switch to private?' });
  await expect(ask).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await expect(composer).toHaveAttribute('data-mode', 'public');
  await page.keyboard.press('Alt+m');
  await expect(ask).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(composer).toHaveAttribute('data-mode', 'private');
  await expect(page.getByTestId('send-button')).toHaveText(/Send a DM/);
  // The draft survived the switch; Ctrl+Enter sends it as a DM, never as a public reply.
  await page.getByRole('textbox', { name: /Send a DM/ }).focus();
  await page.keyboard.press('Control+Enter');
  await sentAct(app, (a) => a.kind === 'dm' && a.text === 'We checked: it ships today.', 'the DM');
  expect((await sandbox(app).outbound()).filter((a) => a.kind === 'reply')).toHaveLength(0);

  // Esc leaves the composer; ? lists the shortcuts; C completes.
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Switch between public and private');
  await expect(help).toContainText('Complete with a disposition code');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await page.keyboard.press('c');
  const done = page.getByRole('dialog', { name: 'Complete the conversation' });
  await expect(done).toBeVisible();
  // The codes take the focus when they arrive, so the arrow keys choose one.
  await expect(done.getByRole('radio', { name: /Resolved/ })).toBeFocused();
  // A disposition code is required.
  await done.getByRole('button', { name: 'Complete', exact: true }).click();
  await expect(done.getByRole('alert')).toHaveText('Choose a disposition code to complete the conversation.');
  await done.getByRole('radio', { name: /Resolved/ }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(done.getByRole('radio', { name: /Refund issued/ })).toBeChecked();
  await done.getByRole('radio', { name: /Information given/ }).check();
  await done.getByRole('button', { name: 'Complete', exact: true }).click();
  await expect(page.getByRole('tab', { name: /^Mine/ })).toContainText('0');
});

test('the workspace screens have no serious or critical accessibility problems (axe)', async ({ app, appPage: page }) => {
  // Ten full-page audits take a while on a busy two-core machine.
  test.setTimeout(300_000);
  const problems: string[] = [];
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).click();
  await expect(page.getByRole('button', { name: 'Sign in as Ana Souza' })).toBeVisible();
  problems.push(...(await seriousViolations(page, 'sign-in')));

  await signInReady(page, 'Ana Souza');
  const sb = sandbox(app);
  await sb.mention('jane_doe', 'Jane Doe', 'I love this coffee, best service ever! https://example.com');
  await sb.messenger('Maria Lopez', 'My machine leaks water.');
  await openConversation(page, 'Mine', 'best service ever');
  problems.push(...(await seriousViolations(page, 'conversation (X)')));
  await openConversation(page, 'Mine', 'leaks water');
  await expect(page.getByTestId('window-banner')).toBeVisible();
  problems.push(...(await seriousViolations(page, 'conversation (Messenger)')));
  await page.getByRole('button', { name: /^Complete/ }).click();
  problems.push(...(await seriousViolations(page, 'complete dialog')));
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /^Transfer/ }).click();
  problems.push(...(await seriousViolations(page, 'transfer dialog')));
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: /^Queue/ }).click();
  problems.push(...(await seriousViolations(page, 'queue')));
  await page.getByRole('tab', { name: /^Approvals/ }).click();
  problems.push(...(await seriousViolations(page, 'approvals')));
  await page.getByTestId('status-button').click();
  problems.push(...(await seriousViolations(page, 'status menu')));
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  problems.push(...(await seriousViolations(page, 'shortcut help')));
  await page.keyboard.press('Escape');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('searchbox', { name: 'Search contacts' }).fill('Maria');
  await page.getByRole('link', { name: /Maria Lopez/ }).click();
  await expect(page.getByRole('heading', { name: 'Every message' })).toBeVisible();
  problems.push(...(await seriousViolations(page, 'contact')));
  expect(problems).toEqual([]);
});
