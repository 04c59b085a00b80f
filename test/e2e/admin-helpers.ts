// Shared steps of the Admin journeys: open a section the way a person does, and read what the engine
// holds through the same contract the window uses (to check what was saved, not just what is shown).
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export async function openAdmin(page: Page, section: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: section, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: section })).toBeVisible();
}

/** Calls a contract method from inside the page, over the page's own connection to the engine. */
export async function engineCall<T>(page: Page, method: string, input: unknown = {}): Promise<T> {
  return page.evaluate(
    async ([m, i]) => {
      // Runs in the page; the test's own tsconfig has no DOM types, so the globals are named here.
      const g = globalThis as unknown as { sessionStorage: { getItem(k: string): string | null }; location: { host: string } };
      const token = g.sessionStorage.getItem('parley.token');
      const ws = new WebSocket(`ws://${g.location.host}/ws?token=${encodeURIComponent(token ?? '')}`);
      await new Promise((resolve, reject) => {
        ws.onopen = resolve;
        ws.onerror = reject;
      });
      const result = await new Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>((resolve) => {
        ws.onmessage = (e) => {
          const msg = JSON.parse(String(e.data)) as { id?: number; result?: { ok: boolean; value?: unknown; error?: { message: string } } };
          if (msg.id === 1 && msg.result) resolve(msg.result);
        };
        ws.send(JSON.stringify({ id: 1, method: m, input: i }));
      });
      ws.close();
      if (!result.ok) throw new Error(result.error?.message ?? 'call failed');
      return result.value;
    },
    [method, input] as const,
  ) as Promise<T>;
}
