// Each test gets its own engine: `node dist/main/web.cjs` on port 0 with a fresh data folder, started
// the way a user starts it, and the page opened at the printed address. No sleeps: we wait for the
// ready line and for what the page shows.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

export interface RunningApp {
  url: string;
  origin: string;
  token: string;
  sandboxUrl: string | null;
  dataDir: string;
  process: ChildProcess;
  stderr: () => string;
  stop: () => Promise<void>;
}

export interface StartOptions {
  dataDir?: string;
  args?: string[];
  env?: Record<string, string>;
}

const root = path.resolve(__dirname, '../..');

export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'parley-e2e-'));
  const child = spawn(process.execPath, [path.join(root, 'dist/main/web.cjs'), '--port', '0', '--data', dataDir, '--no-open', ...(options.args ?? [])], {
    cwd: root,
    env: { ...process.env, PARLEY_LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const ready = await new Promise<{ url: string; sandboxUrl: string | null }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start in time:\n${err}`)), 30_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const web = /^Parley web: (\S+)$/m.exec(out);
      if (web) {
        clearTimeout(timer);
        const sandbox = /^Parley sandbox: (\S+)$/m.exec(out);
        resolve({ url: web[1]!, sandboxUrl: sandbox ? sandbox[1]! : null });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code}:\n${err}`));
    });
  });
  const u = new URL(ready.url);
  return {
    url: ready.url,
    origin: u.origin,
    token: /token=([^&]+)/.exec(u.hash)![1]!,
    sandboxUrl: ready.sandboxUrl,
    dataDir,
    process: child,
    stderr: () => err,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<boolean>((r) => child.once('exit', () => r(true)));
      child.kill('SIGTERM');
      // A host that does not quit is a failure of this test, not a hang that eats the next tests' time.
      const inTime = await Promise.race([exited, new Promise<boolean>((r) => setTimeout(() => r(false), 30_000).unref())]);
      if (!inTime) {
        child.kill('SIGKILL');
        await exited;
        throw new Error(`The web host did not exit within 30 s of SIGTERM. Its last words:\n${err.slice(-2000)}`);
      }
    },
  };
}

export const test = base.extend<{ app: RunningApp; appPage: Page }>({
  app: async ({}, use) => {
    const app = await startApp();
    await use(app);
    await app.stop();
    fs.rmSync(app.dataDir, { recursive: true, force: true });
  },
  appPage: async ({ page, app }, use) => {
    await page.goto(app.url);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await use(page);
  },
});

export { expect };
