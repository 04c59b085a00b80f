// Helpers for the agent-workspace journeys: the engine's contract over the web host's WebSocket (for
// setup only: opening hours, poll intervals), the sandbox's control API (customers write, we read what
// the brand sent), and the steps every journey starts with (sign in, go Ready).
import WebSocket from 'ws';
import { expect, type Page } from '@playwright/test';
import type { MethodInput, MethodName, MethodOutput } from '../../preload/contract';
import type { RunningApp } from './fixtures';

export interface EngineClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  close(): void;
}

/** The contract, as a second window of the same app would speak it. */
export async function engine(app: RunningApp): Promise<EngineClient> {
  const ws = new WebSocket(`${app.origin.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(app.token)}`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let next = 1;
  const pending = new Map<number, (r: { ok: boolean; value?: unknown; error?: { code: string; message: string } }) => void>();
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as { id?: number; result?: { ok: boolean; value?: unknown; error?: { code: string; message: string } } };
    if (msg.id != null && msg.result) pending.get(msg.id)?.(msg.result);
  });
  return {
    call: (method, input) =>
      new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, (r) => {
          pending.delete(id);
          if (r.ok) resolve(r.value as never);
          else reject(new Error(`${method}: ${r.error?.code}: ${r.error?.message}`));
        });
        ws.send(JSON.stringify({ id, method, input }));
      }),
    close: () => ws.close(),
  };
}

export interface SentAct {
  network: 'x' | 'facebook';
  kind: string;
  target_id?: string;
  text?: string;
  tag?: string;
  at: string;
}

/** The sandbox's control API: customers act, and GET /_sandbox/outbound says what the brand did. */
export function sandbox(app: RunningApp) {
  const base = app.sandboxUrl;
  if (!base) throw new Error('the app is not in Sandbox mode');
  const request = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox ${method} ${path} -> ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  };
  return {
    mention: (username: string, name: string, text: string) => request<{ id: string; author_id: string }>('POST', '/_sandbox/x/mentions', { author: { username, name }, text }),
    dm: (username: string, name: string, text: string) => request<{ id: string; sender_id: string }>('POST', '/_sandbox/x/dms', { from: { username, name }, text }),
    post: (name: string, message: string) => request<{ id: string; from_id: string }>('POST', '/_sandbox/facebook/posts', { from: { name }, message }),
    comment: (postId: string, name: string, message: string) => request<{ id: string }>('POST', '/_sandbox/facebook/comments', { post_id: postId, from: { name }, message }),
    messenger: (name: string, text: string, id?: string) => request<{ id: string; psid: string }>('POST', '/_sandbox/facebook/messenger', { from: { name, ...(id ? { id } : {}) }, text }),
    outbound: () => request<SentAct[]>('GET', '/_sandbox/outbound'),
    request,
  };
}

/**
 * Makes a journey independent of the day it runs: open around the clock with no special day, the
 * sandbox feeds polled often, and read limits high enough that the pollers never pace themselves.
 */
export async function prepareDesk(app: RunningApp): Promise<void> {
  const e = await engine(app);
  try {
    await e.call('config.setWeeklyHours', { hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensAt: '00:00', closesAt: '24:00' })) });
    for (const d of await e.call('config.listSpecialDays', {})) await e.call('config.deleteSpecialDay', { id: d.id });
    const settings = await e.call('channels.settings', {});
    await e.call('channels.saveSettings', { ...settings, sandboxPollSeconds: 0.25 });
  } finally {
    e.close();
  }
  await sandbox(app).request('POST', '/_sandbox/config', {
    x: { rate_limits: { 'GET /2/dm_events': { user: 100_000 }, 'GET /2/users/:id/mentions': { app: 100_000, user: 100_000 } } },
  });
}

/** Signs this window in as the agent and sets them Ready (from the status menu, as an agent would). */
export async function signInReady(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).click();
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
  await expect(page.getByTestId('signed-in-agent')).toHaveText(name);
  await setStatus(page, 'Ready');
}

export async function setStatus(page: Page, item: string): Promise<void> {
  await page.getByTestId('status-button').click();
  await page.getByRole('menu', { name: 'Your status' }).getByRole('menuitemradio', { name: item, exact: true }).click();
  await expect(page.getByTestId('status-button')).toHaveAccessibleName(new RegExp(`Status: ${item === 'Ready' || item === 'Offline' ? item : `Not ready · ${item}`}\\.`));
}

/** Waits until the sandbox recorded an act matching `pred`, and returns it. */
export async function sentAct(app: RunningApp, pred: (a: SentAct) => boolean, what: string): Promise<SentAct> {
  let found: SentAct | undefined;
  await expect.poll(async () => (found = (await sandbox(app).outbound()).find(pred)) !== undefined, { message: `the sandbox never saw ${what}`, timeout: 15_000 }).toBe(true);
  return found!;
}

/** Opens the conversation whose row shows this text, from the given inbox tab. */
export async function openConversation(page: Page, tab: 'Mine' | 'Queue', text: string): Promise<void> {
  await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
  const row = page.getByRole('link').filter({ hasText: text }).first();
  await expect(row).toBeVisible({ timeout: 15_000 });
  await row.click();
  await expect(page.getByTestId('thread-message').filter({ hasText: text }).first()).toBeVisible();
}

/** Completes the open conversation with a disposition code, from the wrap-up dialog. */
export async function complete(page: Page, label: string, note?: string): Promise<void> {
  await page.getByRole('button', { name: /^Complete/ }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Complete the conversation' });
  await dialog.getByRole('radio', { name: new RegExp(label) }).check();
  if (note) await dialog.getByLabel('Note (optional)').fill(note);
  await dialog.getByRole('button', { name: 'Complete', exact: true }).click();
  await expect(dialog).toHaveCount(0);
}
