// A backlog: 100,000 mentions are waiting in the sandbox (a viral complaint during an outage) when Parley
// starts. Two real processes, as a user runs them: the standalone sandbox and `node dist/main/web.cjs
// --sandbox-url`. Measured from the engine's spawn: its ready line, then the moment every mention is stored
// and routed (an interaction is written in its routed state in the same transaction as its message).
import fs from 'node:fs';
import path from 'node:path';
import { openSqlite } from '../db/connection';
import { openAndMigrate } from '../db/migrate';
import { saveChannelSettings } from '../main/channels/settings';
import { DB_FILE } from '../main/engine';
import { defaultChannelSettings } from '../preload/contract';
import { control, query, startEngineProcess, startStandaloneSandbox, stop, type Proc } from '../test/integration/crash/processes';
import { benchDir } from './brain';
import type { BenchResult } from './report';

const generous = (mentions: number) => ({
  x: {
    mentions_cap: mentions,
    rate_limits: {
      'GET /2/users/:id/mentions': { user: 1_000_000, app: 1_000_000 },
      'GET /2/tweets/search/recent': { user: 1_000_000, app: 1_000_000 },
      'GET /2/dm_events': { user: 1_000_000 },
    },
  },
});

async function until<T>(what: string, fn: () => T | null | undefined | false, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function backlogBench(options: { mentions?: number } = {}): Promise<BenchResult> {
  const mentions = options.mentions ?? Number(process.env.PARLEY_BENCH_BACKLOG ?? 100_000);
  const dir = benchDir('parley-bench-backlog-');
  let sandbox: (Proc & { url: string }) | null = null;
  let engine: Proc | null = null;
  try {
    sandbox = await startStandaloneSandbox();
    await control(sandbox.url, 'POST', '/_sandbox/config', generous(mentions));
    const bulk = await control<{ count: number; last_id: string }>(sandbox.url, 'POST', '/_sandbox/x/mentions/bulk', { count: mentions, authors: Math.max(1, Math.floor(mentions / 10)) });
    // Default channel settings (the stream on, sandbox feeds polled every 2 s); Sandbox mode gives the
    // folder the demo desk (rules, hours, agents), so the strategy runs for every mention.
    const { handle } = await openAndMigrate(path.join(dir, DB_FILE), { appVersion: 'bench' }, openSqlite);
    await saveChannelSettings(handle.db, defaultChannelSettings, 'bench', Date.now());
    await handle.close();

    const started = performance.now();
    engine = await startEngineProcess(dir, sandbox.url);
    const ready = performance.now() - started;
    const counts = () =>
      query<{ stored: number; routed: number }>(
        dir,
        `select (select count(*) from message where direction = 'in' and channel_kind = 'mention') as stored,
                (select count(*) from interaction where channel_kind = 'mention' and state in ('queued', 'assigned', 'auto_handled', 'ignored', 'completed')) as routed`,
      )[0]!;
    let first = 0;
    await until('the first mention', () => (counts().stored > 0 ? (first = performance.now() - started) : 0), 120_000);
    const done = await until('every mention stored and routed', () => {
      const c = counts();
      return c.stored >= mentions ? { ...c, at: performance.now() - started } : null;
    }, 30 * 60_000);
    const cursor = query<{ value: string }>(dir, "select value from channel_cursor where feed = 'x.mentions'")[0]?.value;
    const dupes = query<{ n: number }>(dir, `select count(*) as n from (select network_message_id from message where channel_kind = 'mention' group by network_message_id having count(*) > 1)`)[0]!.n;
    const interactions = query<{ n: number }>(dir, `select count(*) as n from interaction where channel_kind = 'mention'`)[0]!.n;
    const seconds = (ms: number) => Math.round(ms / 100) / 10;
    return {
      name: 'backlog',
      title: `Backlog: ${mentions.toLocaleString('en-US')} mentions waiting in the sandbox when Parley starts`,
      rows: [
        { milestone: 'engine ready (ready line)', 's after spawn': seconds(ready), detail: '' },
        { milestone: 'first mention stored', 's after spawn': seconds(first), detail: '' },
        {
          milestone: 'every mention stored and routed',
          's after spawn': seconds(done.at),
          detail: `${done.stored.toLocaleString('en-US')} stored once (${dupes} duplicates), ${interactions.toLocaleString('en-US')} interactions, ${Math.round(done.stored / ((done.at - first) / 1000)).toLocaleString('en-US')} mentions/s after the first; cursor ${cursor === bulk.last_id ? 'at the newest' : 'NOT at the newest'}`,
        },
      ],
      notes: ["Mentions come in pages of 100 (X v2 mentions timeline, since_id); each page is one ingest transaction. The demo desk's strategy decides each (rules, hours, acknowledgement); no agent is Ready, so they wait in the queue."],
    };
  } finally {
    if (engine) await stop(engine, 'SIGTERM');
    if (sandbox) await stop(sandbox);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
