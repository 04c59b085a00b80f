// SIGKILL in the middle of ingest and in the middle of sending, then a restart: nothing lost, nothing
// stored twice, nothing sent twice. The sandbox runs as its own process and keeps its state across the
// engine's deaths; what the brand did is read back from its /_sandbox/outbound log.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../db/connection';
import { enqueueOutboxItemWithMessage } from '../../../db/repositories/outbox';
import { DB_FILE } from '../../../main/engine';
import type { OutboxPayload } from '../../../main/outbox/payload';
import { tempDir } from '../../helpers/tempDir';
import { waitFor } from '../channels/harness';
import { buildOnce, control, generousSandboxLimits, killAll, prepareDataDir, query, startEngineProcess, startStandaloneSandbox, stop, type Proc } from './processes';

interface Act {
  network: string;
  kind: string;
  text?: string;
  id?: string;
}

const generous = generousSandboxLimits(100_000);

describe('crash safety with real processes', () => {
  let sandbox: Proc & { url: string };
  let tmp: ReturnType<typeof tempDir>;
  let engine: Proc | null = null;
  beforeAll(async () => {
    buildOnce();
    tmp = tempDir('parley-crash-');
    sandbox = await startStandaloneSandbox();
    await control(sandbox.url, 'POST', '/_sandbox/config', generous);
  }, 120_000);
  afterAll(async () => {
    await killAll();
    tmp?.cleanup();
  });

  const mentionCount = (dir: string) => query<{ n: number }>(dir, "select count(*) as n from message where channel_kind = 'mention' and direction = 'in'")[0]!.n;

  it('loses and duplicates no mention when killed between pages and at a random moment of ingest', async () => {
    const dir = path.join(tmp.dir, 'ingest');
    await prepareDataDir(dir, { streamEnabled: false, sandboxPollSeconds: 0.05 });
    const bulk = await control<{ count: number; last_id: string }>(sandbox.url, 'POST', '/_sandbox/x/mentions/bulk', { count: 3000, authors: 300 });

    // Dies right after the fifth page went to ingest, before the last page carries the cursor.
    engine = await startEngineProcess(dir, sandbox.url, { PARLEY_CRASH_POINT: 'mentions.afterPage:5' });
    expect((await engine.exited).signal).toBe('SIGKILL');
    const afterCrash = mentionCount(dir);
    expect(afterCrash).toBeGreaterThanOrEqual(400);
    expect(afterCrash).toBeLessThan(3000);
    expect(query(dir, "select value from channel_cursor where feed = 'x.mentions'")).toEqual([]);

    engine = await startEngineProcess(dir, sandbox.url);
    await waitFor('all 3000 mentions', () => mentionCount(dir) >= 3000, 60_000);
    await waitFor('cursor at the newest', () => query<{ value: string }>(dir, "select value from channel_cursor where feed = 'x.mentions'")[0]?.value === bulk.last_id);

    // A second backlog, and a SIGKILL from outside while it is being stored.
    const more = await control<{ count: number; last_id: string }>(sandbox.url, 'POST', '/_sandbox/x/mentions/bulk', { count: 3000, authors: 300 });
    await waitFor('ingest under way', () => mentionCount(dir) > 3000, 30_000);
    await stop(engine, 'SIGKILL');
    engine = await startEngineProcess(dir, sandbox.url);
    await waitFor('all 6000 mentions', () => mentionCount(dir) >= 6000, 60_000);
    await waitFor('cursor at the newest', () => query<{ value: string }>(dir, "select value from channel_cursor where feed = 'x.mentions'")[0]?.value === more.last_id);
    const dupes = query<{ n: number }>(dir, "select count(*) as n from (select network_message_id from message where channel_kind = 'mention' group by network_message_id having count(*) > 1)");
    expect(dupes[0]!.n).toBe(0);
    expect(mentionCount(dir)).toBe(6000);
    await stop(engine);
    engine = null;
  }, 180_000);

  it('sends nothing twice when killed right after a send, right before one, and at a random moment', async () => {
    const dir = path.join(tmp.dir, 'send');
    await prepareDataDir(dir, { streamEnabled: false, sandboxPollSeconds: 0.05 });
    await control(sandbox.url, 'POST', '/_sandbox/reset', {});
    await control(sandbox.url, 'POST', '/_sandbox/config', generous);
    const m = await control<{ id: string; author_id: string }>(sandbox.url, 'POST', '/_sandbox/x/mentions', { author: { username: 'crash_cat', name: 'C' }, text: 'please answer' });
    engine = await startEngineProcess(dir, sandbox.url);
    const [row] = await waitFor('the mention stored', () => {
      const r = query<{ interaction_id: number; account_id: number }>(dir, 'select interaction_id, account_id from message where network_message_id = ?', m.id);
      return r.length && r[0]!.interaction_id ? r : null;
    });
    await stop(engine);

    // Outbound acts written while the engine is down: they are rows first, sent when it runs.
    const enqueue = async (count: number, tag: string) => {
      const handle = openSqlite(path.join(dir, DB_FILE));
      try {
        for (let i = 0; i < count; i++) {
          const reply = i % 4 !== 3;
          const payload: OutboxPayload = reply
            ? { kind: 'reply', network: 'x', inReplyToTweetId: m.id, text: `${tag} reply ${i}` }
            : { kind: 'dm', network: 'x', recipientUserId: m.author_id, text: `${tag} dm ${i}` };
          await enqueueOutboxItemWithMessage(
            handle.db,
            { idempotencyKey: `${tag}-${i}`, accountId: row!.account_id, interactionId: row!.interaction_id, kind: payload.kind, payload, deadlineAt: Date.now() + 3_600_000, createdBy: 'strategy', now: Date.now() },
            { interactionId: row!.interaction_id, authorKind: 'auto', agentId: null, visibility: reply ? 'public' : 'private', text: payload.text, inReplyToNetworkId: reply ? m.id : null },
          );
        }
      } finally {
        await handle.close();
      }
    };
    const texts = (acts: Act[]) => acts.filter((a) => a.kind === 'reply' || a.kind === 'dm').map((a) => a.text!);
    const outboundActs = () => control<Act[]>(sandbox.url, 'GET', '/_sandbox/outbound?network=x');

    await enqueue(20, 'a');
    // Killed between the network's answer and recording it: the 7th act is out there, its row says 'sending'.
    engine = await startEngineProcess(dir, sandbox.url, { PARLEY_CRASH_POINT: 'outbox.afterSend:7' });
    expect((await engine.exited).signal).toBe('SIGKILL');
    expect(texts(await outboundActs())).toHaveLength(7);
    expect(query(dir, "select id from outbox_item where state = 'sending'")).toHaveLength(1);

    // Killed after marking 'sending' but before the call: the act is not out there.
    engine = await startEngineProcess(dir, sandbox.url, { PARLEY_CRASH_POINT: 'outbox.beforeSend:3' });
    expect((await engine.exited).signal).toBe('SIGKILL');

    engine = await startEngineProcess(dir, sandbox.url);
    await waitFor('all 20 sent', () => query<{ n: number }>(dir, "select count(*) as n from outbox_item where state = 'sent'")[0]!.n === 20, 60_000);
    let sentTexts = texts(await outboundActs());
    expect(sentTexts.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `a ${i % 4 !== 3 ? 'reply' : 'dm'} ${i}`).sort());
    // The one interrupted after sending was found on the network, not sent again.
    expect(query(dir, "select id from outbox_item where last_error_code = 'reconciled'")).toHaveLength(1);

    // A SIGKILL from outside while 60 more are going out.
    await stop(engine);
    await enqueue(60, 'b');
    engine = await startEngineProcess(dir, sandbox.url);
    await waitFor('sending under way', async () => texts(await outboundActs()).length > 25, 30_000);
    await stop(engine, 'SIGKILL');
    engine = await startEngineProcess(dir, sandbox.url);
    await waitFor('all 80 sent', () => query<{ n: number }>(dir, "select count(*) as n from outbox_item where state = 'sent'")[0]!.n === 80, 60_000);
    sentTexts = texts(await outboundActs());
    expect(sentTexts).toHaveLength(80);
    expect(new Set(sentTexts).size).toBe(80);
    // Every outbound message row knows the network id of what it became.
    expect(query(dir, "select id from message where direction = 'out' and outbox_item_id is not null and network_message_id is null")).toEqual([]);
    await stop(engine);
    engine = null;
  }, 180_000);
});
