// The agent's inbox with 50,000 interactions waiting, in Chromium (Debian's /usr/bin/chromium through
// Playwright) against the web host: how soon the inbox paints after a reload, how soon the queue shows its
// first rows, and how long it takes to scroll the virtual list from its first row to its last.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { putSetting } from '../db/repositories/settings';
import { seedDemoSetup } from '../main/demo/seed';
import { benchDir, openBrain } from './brain';
import { percentile, type BenchResult, type Row } from './report';

// Runs in the page: bench is typechecked without DOM types, so the page's globals are named here.
interface PageEl {
  textContent: string | null;
  getBoundingClientRect(): { top: number; bottom: number };
  querySelector(s: string): PageEl | null;
  querySelectorAll(s: string): Iterable<PageEl>;
}
// Only the type crosses into page functions (erased when compiled); the cast is written inline in each.
type PageWindow = { document: { querySelector(s: string): PageEl | null; querySelectorAll(s: string): Iterable<PageEl> } };

async function prepare(dir: string, queued: number): Promise<void> {
  const b = await openBrain(dir, { now: Date.now() });
  await seedDemoSetup(b.ctx);
  await putSetting(b.ctx.db, 'demo.seeded', { bench: true }, 'bench', Date.now());
  // Open around the clock, so whatever the hour the queue is what it is.
  await b.ctx.config.setWeeklyHours([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensAt: '00:00', closesAt: '24:00' })), 'bench');
  const db = b.handle.sqlite;
  const now = Date.now();
  db.transaction(() => {
    const contact = db.prepare(`insert into contact (display_name, notes, created_at, updated_at) values (?, '', ?, ?)`);
    const identity = db.prepare(`insert into contact_identity (contact_id, network, network_user_id, handle, display_name, first_seen_at, last_seen_at) values (?, 'x', ?, ?, ?, ?, ?)`);
    const interaction = db.prepare(
      `insert into interaction (contact_id, account_id, network, channel_kind, thread_key, state, priority, subject, sentiment, created_at, queued_at, last_inbound_at, updated_at)
       values (?, ?, 'x', 'mention', ?, 'queued', 0, ?, ?, ?, ?, ?, ?)`,
    );
    for (let i = 1; i <= queued; i++) {
      const c = Number(contact.run(`Customer ${i}`, now, now).lastInsertRowid);
      identity.run(c, String(20_000_000 + i), `customer_${i}`, `Customer ${i}`, now, now);
      const at = now - (queued - i + 1) * 1_000;
      interaction.run(c, b.accounts.x, `t${i}`, `@parleycoffee Where is my order? (waiting #${i})`, ((i % 7) - 3) / 4, at, at, at, now);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  await b.close();
}

function startWeb(dataDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    // PARLEY_BENCH_WEB_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/p") profiles the web host while it serves the page.
    const nodeArgs = (process.env.PARLEY_BENCH_WEB_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, path.resolve('dist/main/web.cjs'), '--port', '0', '--data', dataDir, '--no-open'], { env: { ...process.env, PARLEY_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /^Parley web: (\S+)$/m.exec(out);
      if (m) resolve({ url: m[1]!, stop: () => new Promise<void>((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))) });
    });
    child.once('exit', (code) => reject(new Error(`web host exited (${code}):\n${err}`)));
  });
}

export async function rendererBench(options: { queued?: number } = {}): Promise<BenchResult> {
  const queued = options.queued ?? 50_000;
  const dir = benchDir('parley-bench-renderer-');
  const exe = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(exe)) return { name: 'renderer', title: 'Renderer', rows: [], notes: [`Chromium is not at ${exe}; install it (apt-get install -y chromium) or set CHROMIUM_PATH.`] };
  await prepare(dir, queued);
  const web = await startWeb(dir);
  const browser = await chromium.launch({ executablePath: exe, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const rows: Row[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    await page.goto(web.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('button', { name: 'Sign in as Ben Okafor' }).click();
    await page.getByTestId('signed-in-agent').waitFor();
    const queueTab = page.getByRole('tab', { name: /^Queue/ });
    const list = page.getByRole('list', { name: 'Queue I can take' });
    const firstRow = list.getByRole('link').filter({ hasText: '(waiting #1)' });

    const paints: number[] = [];
    const firstRows: number[] = [];
    for (let i = 0; i < 5; i++) {
      // A reload keeps the sign-in (this tab's session): the inbox paints with the queue's count...
      await page.reload();
      await page.waitForFunction((n) => [...(globalThis as unknown as PageWindow).document.querySelectorAll('[role=tab]')].some((t) => t.textContent?.includes(n)), queued.toLocaleString('en-US'), { timeout: 30_000, polling: 'raf' });
      paints.push(await page.evaluate(() => performance.now()));
      // ...and the Queue tab shows its first rows.
      const clicked = await page.evaluate(() => performance.now());
      await queueTab.click();
      await firstRow.waitFor({ timeout: 30_000 });
      firstRows.push((await page.evaluate(() => performance.now())) - clicked);
    }
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
    const s = (what: string, v: number[], target = '') => {
      const sorted = [...v].sort((a, b) => a - b);
      return { measure: what, samples: v.length, 'p50 ms': Math.round(percentile(sorted, 50)), 'max ms': Math.round(sorted[sorted.length - 1]!), target };
    };
    rows.push(s(`inbox painted with the queue count (${queued.toLocaleString('en-US')}), from reload`, paints, '< 1,000 ms'));
    rows.push({ measure: 'first contentful paint, from reload', samples: 1, 'p50 ms': Math.round(fcp), 'max ms': Math.round(fcp), target: '' });
    rows.push(s('Queue tab to its first rows', firstRows));
    // PARLEY_BENCH_RENDERER_SCROLL=0: only the reload figures above (the scroll end to end takes minutes).
    if (process.env.PARLEY_BENCH_RENDERER_SCROLL === '0') {
      return { name: 'renderer', title: `Renderer: the inbox with ${queued.toLocaleString('en-US')} queued interactions (Chromium ${browser.version()}), reloads only`, rows, notes: ['Scrolling not measured (PARLEY_BENCH_RENDERER_SCROLL=0).'] };
    }

    // The rows in view all carry content (their page fetched and rendered): the list is usable there.
    const inViewReady = () =>
      page.waitForFunction(
        () => {
          const el = (globalThis as unknown as PageWindow).document.querySelector('[data-testid=queue-scroll]')!;
          const box = el.getBoundingClientRect();
          const visible = [...el.querySelectorAll('[role=listitem]')].filter((r) => {
            const b = r.getBoundingClientRect();
            return b.bottom > box.top && b.top < box.bottom;
          });
          return visible.length > 0 && visible.every((r) => r.querySelector('a') !== null);
        },
        undefined,
        { timeout: 30_000, polling: 'raf' },
      );
    const scroller = page.getByTestId('queue-scroll');
    const total = await scroller.evaluate((el) => el.scrollHeight);
    const viewport = await scroller.evaluate((el) => el.clientHeight);

    // To the end at once (the scroll bar dragged down, or the End key), and back to the top.
    const ends: number[] = [];
    for (let i = 0; i < 3; i++) {
      for (const y of [total, 0]) {
        const t0 = Date.now();
        await scroller.evaluate((el, top) => el.scrollTo({ top }), y);
        await inViewReady();
        if (y > 0) ends.push(Date.now() - t0);
      }
    }
    rows.push(s('jump from the first row to the last, until the last rows show', ends));

    // Through every row: 20 screens per step, waiting at each for its rows.
    const steps: number[] = [];
    const started = Date.now();
    const jump = viewport * 20;
    for (let top = 0; ; top = Math.min(total, top + jump)) {
      const t0 = Date.now();
      await scroller.evaluate((el, y) => el.scrollTo({ top: y }), top);
      await inViewReady();
      steps.push(Date.now() - t0);
      if (top >= total - viewport) break;
    }
    await list.getByRole('link').filter({ hasText: `(waiting #${queued})` }).waitFor({ timeout: 30_000 });
    const through = Date.now() - started;
    rows.push({ ...s(`scroll end to end, ${steps.length} steps of 20 screens, each until its rows show`, steps), total: `${through.toLocaleString('en-US')} ms` });
    const rendered = await list.getByRole('listitem').count();
    return {
      name: 'renderer',
      title: `Renderer: the inbox with ${queued.toLocaleString('en-US')} queued interactions (Chromium ${browser.version()})`,
      rows,
      notes: [`The list is ${total.toLocaleString('en-US')} px tall in a ${viewport} px view; at its end ${rendered} row elements were in the page (a virtual list, rows fetched 100 at a time for the range in view).`, 'Target: the inbox painted within 1,000 ms of a reload.'],
    };
  } finally {
    await browser.close();
    await web.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
