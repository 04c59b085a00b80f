// The crash loop shared by test/reliability/crash.test.ts (a handful of rounds in npm test) and the soak
// (`npm run soak`, 50 rounds): one standalone sandbox keeps its state while the engine (node dist/main/web.cjs
// --sandbox-url) is killed with SIGKILL at a random point of ingest and of sending, and started again. At the
// end every customer message is stored exactly once, and every outbound act was sent at most once and is
// either sent or failed with a reason. Plain node:assert, no vitest: the soak runs it outside the test runner.
import assert from 'node:assert/strict';
import path from 'node:path';
import { openSqlite } from '../../db/connection';
import { enqueueOutboxItemWithMessage } from '../../db/repositories/outbox';
import { DB_FILE } from '../../main/engine';
import type { OutboxPayload } from '../../main/outbox/payload';
import { control, generousSandboxLimits, killAll, prepareDataDir, query, startEngineProcess, startStandaloneSandbox, stop, type Proc } from '../integration/crash/processes';

export interface CrashLoopOptions {
  dir: string;
  rounds: number;
  seed: number;
  /** New mentions put in the sandbox before each round. */
  mentionsPerRound?: number;
  /** Outbound acts written while the engine is down, before each round. */
  actsPerRound?: number;
  log?: (line: string) => void;
}

export interface CrashLoopReport {
  rounds: number;
  kills: { outside: number; crashPoint: number; notReached: number };
  mentions: number;
  acts: { sent: number; failed: number };
}

interface Act {
  kind: string;
  text?: string;
}

const generous = generousSandboxLimits(1_000_000);

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** Polls a condition until it holds or the deadline passes (then says what it was waiting for). */
async function until<T>(what: string, fn: () => T | Promise<T>, ms = 90_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const CRASH_POINTS = ['mentions.afterPage', 'outbox.beforeSend', 'outbox.afterSend'] as const;

export async function crashLoop(o: CrashLoopOptions): Promise<CrashLoopReport> {
  const log = o.log ?? (() => {});
  const r = rng(o.seed);
  const perRound = o.mentionsPerRound ?? 400;
  const actsPerRound = o.actsPerRound ?? 12;
  const dir = path.join(o.dir, 'engine');
  const report: CrashLoopReport = { rounds: o.rounds, kills: { outside: 0, crashPoint: 0, notReached: 0 }, mentions: 0, acts: { sent: 0, failed: 0 } };
  const sandbox = await startStandaloneSandbox();
  let engine: Proc | null = null;
  try {
    await control(sandbox.url, 'POST', '/_sandbox/config', generous);
    await prepareDataDir(dir, { streamEnabled: false, sandboxPollSeconds: 0.05 });
    let expectedMentions = 0;
    const mentionsStored = () => query<{ n: number }>(dir, "select count(*) as n from message where channel_kind = 'mention' and direction = 'in'")[0]!.n;
    const settled = () => query<{ n: number }>(dir, "select count(*) as n from outbox_item where state in ('sent', 'failed', 'cancelled')")[0]!.n;
    const outboxTotal = () => query<{ n: number }>(dir, 'select count(*) as n from outbox_item')[0]!.n;

    // A first mention to answer, stored before the loop, so acts have an interaction to belong to.
    const first = await control<{ id: string; author_id: string }>(sandbox.url, 'POST', '/_sandbox/x/mentions', { author: { username: 'crash_loop', name: 'Crash Loop' }, text: 'please answer' });
    expectedMentions++;
    engine = await startEngineProcess(dir, sandbox.url);
    const anchor = (await until('the first mention stored', () => {
      const rows = query<{ interaction_id: number | null; account_id: number }>(dir, 'select interaction_id, account_id from message where network_message_id = ?', first.id);
      return rows.length && rows[0]!.interaction_id ? rows : null;
    }))[0]!;
    await stop(engine);
    engine = null;

    for (let round = 1; round <= o.rounds; round++) {
      // New work while the engine is down: a backlog of mentions and a few outbound acts.
      const bulk = await control<{ count: number; first_id: string; last_id: string }>(sandbox.url, 'POST', '/_sandbox/x/mentions/bulk', { count: perRound, authors: Math.max(1, Math.floor(perRound / 4)), text: `round ${round}` });
      const handle = openSqlite(path.join(dir, DB_FILE));
      try {
        for (let i = 0; i < actsPerRound; i++) {
          const reply = i % 3 !== 2;
          const text = `r${round} ${reply ? 'reply' : 'dm'} ${i}`;
          const payload: OutboxPayload = reply ? { kind: 'reply', network: 'x', inReplyToTweetId: first.id, text } : { kind: 'dm', network: 'x', recipientUserId: first.author_id, text };
          await enqueueOutboxItemWithMessage(
            handle.db,
            { idempotencyKey: `loop-${round}-${i}`, accountId: anchor.account_id, interactionId: anchor.interaction_id!, kind: payload.kind, payload, deadlineAt: Date.now() + 3_600_000, createdBy: 'strategy', now: Date.now() },
            { interactionId: anchor.interaction_id!, authorKind: 'auto', agentId: null, visibility: reply ? 'public' : 'private', text, inReplyToNetworkId: reply ? first.id : null },
          );
        }
      } finally {
        await handle.close();
      }
      const target = mentionsStored() + perRound + outboxTotal();

      // Rounds take turns: killed from outside once a random share of the round's work is done, or dying at a
      // named point of the code (after a page went to ingest, just before or just after a send), the N-th time.
      const mode = (round - 1) % (CRASH_POINTS.length + 1);
      if (mode > 0) {
        const point = CRASH_POINTS[mode - 1]!;
        const n = 1 + Math.floor(r() * (point === 'mentions.afterPage' ? 3 : actsPerRound));
        engine = await startEngineProcess(dir, sandbox.url, { PARLEY_CRASH_POINT: `${point}:${n}` });
        const ended = await Promise.race([engine.exited, until(`round ${round} done`, () => mentionsStored() + settled() >= target, 60_000).then(() => null)]);
        if (ended?.signal === 'SIGKILL') report.kills.crashPoint++;
        else {
          report.kills.notReached++;
          await stop(engine, 'SIGKILL');
        }
        log(`round ${round}: ${point}:${n} -> ${ended?.signal === 'SIGKILL' ? 'died there' : 'finished first, killed'}`);
      } else {
        const startedWith = mentionsStored() + settled();
        const killAt = startedWith + Math.floor(r() * (target - startedWith));
        engine = await startEngineProcess(dir, sandbox.url);
        await until(`round ${round} at ${killAt}`, () => mentionsStored() + settled() >= killAt, 60_000);
        await stop(engine, 'SIGKILL');
        report.kills.outside++;
        log(`round ${round}: SIGKILL from outside at ${mentionsStored() + settled()} of ${target}`);
      }
      engine = null;
      expectedMentions += bulk.count;
    }

    // A last clean run: everything gets where it is going.
    engine = await startEngineProcess(dir, sandbox.url);
    const expectedActs = o.rounds * actsPerRound;
    await until('every mention stored and every act settled', () => mentionsStored() >= expectedMentions && settled() >= expectedActs, 120_000);
    await stop(engine);
    engine = null;

    // Every customer message stored exactly once.
    const stored = query<{ id: string; n: number }>(dir, "select network_message_id as id, count(*) as n from message where channel_kind = 'mention' and direction = 'in' group by network_message_id");
    assert.deepEqual(stored.filter((s) => s.n > 1), [], 'a mention was stored twice');
    assert.equal(stored.length, expectedMentions, 'a mention was lost');
    assert.ok(stored.some((s) => s.id === first.id));
    report.mentions = stored.length;

    // Every outbound act sent at most once, and either sent or failed with a reason.
    const acts = await control<Act[]>(sandbox.url, 'GET', '/_sandbox/outbound?network=x');
    const sentTexts = acts.filter((a) => a.kind === 'reply' || a.kind === 'dm').map((a) => a.text!);
    const twice = sentTexts.filter((t, i) => sentTexts.indexOf(t) !== i);
    assert.deepEqual(twice, [], 'an act went out twice');
    const rows = query<{ state: string; last_error_message: string | null; payload_json: string }>(dir, 'select state, last_error_message, payload_json from outbox_item');
    assert.deepEqual(rows.filter((row) => row.state !== 'sent' && row.state !== 'failed'), [], 'an act neither sent nor failed');
    assert.deepEqual(rows.filter((row) => row.state === 'failed' && !row.last_error_message), [], 'a failed act without a reason');
    for (const row of rows.filter((x) => x.state === 'sent')) {
      const text = (JSON.parse(row.payload_json) as { text?: string }).text;
      if (text?.startsWith('r')) assert.ok(sentTexts.includes(text), `the database says "${text}" was sent but the network never saw it`);
    }
    report.acts = { sent: rows.filter((x) => x.state === 'sent').length, failed: rows.filter((x) => x.state === 'failed').length };
    return report;
  } finally {
    if (engine) await stop(engine, 'SIGKILL');
    await stop(sandbox, 'SIGKILL');
    await killAll();
  }
}
