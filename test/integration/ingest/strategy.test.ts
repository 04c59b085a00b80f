// The strategy's outcomes as the database holds them after ingest: automatic messages in the outbox
// (with their message rows, deadline and idempotency key), the throttle, engagement, DM routing.
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchMessages } from '../../../db/repositories/messageSearch';
import { approveEngagement, undoEngagement, rejectEngagement } from '../../../main/services/engagement';
import { ingestBatch } from '../../../main/services/ingest';
import { inbound, startBrain, type Brain } from './harness';

const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();

describe('ingest runs the strategy', () => {
  let b: Brain;
  beforeEach(async () => {
    b = await startBrain({ now: berlin('2026-11-25T21:00') }); // Wednesday evening: closed
    const c = b.ctx.config;
    await c.setWeeklyHours([1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: '09:00', closesAt: '17:00' })), 'test');
    await c.createTemplate({ kind: 'closed', name: 'Closed', visibility: 'public', variants: ['Hi {handle}, we are closed; back {opens_at}.'] }, 'test');
    await c.createTemplate({ kind: 'closed', name: 'Closed (private)', visibility: 'private', variants: ['We are closed; back {opens_at}.'] }, 'test');
  });
  afterEach(async () => {
    await b.close();
  });
  const outbox = async () => (await b.q.all(`select idempotency_key as k, kind, payload_json as p, deadline_at as deadline, state, interaction_id as i from outbox_item order by id`)) as Array<{ k: string; kind: string; p: string; deadline: number; state: string; i: number }>;

  it('writes the closed message as an outbox row and an automatic message row, retried until the deadline', async () => {
    await b.ctx.config.setStrategySettings({ autoReply: { retryMinutes: 45 } }, 'test');
    const r = await ingestBatch(b.ctx, [inbound(b.accounts.x, { networkMessageId: '1001', user: '42', handle: 'ana', text: 'Is anyone there?' })]);
    expect(r.autoMessages).toBe(1);
    const [item] = (await outbox());
    expect(item!.k).toBe(`auto:${r.interactionIds[0]}:x:1001`);
    expect(item!.kind).toBe('reply');
    expect(JSON.parse(item!.p)).toEqual({ kind: 'reply', network: 'x', inReplyToTweetId: '1001', text: 'Hi @ana, we are closed; back Thursday 26 November at 09:00 (CET).' });
    expect(item!.deadline).toBe(b.clock.now() + 45 * 60_000);
    expect(item!.state).toBe('pending');
    const msg = (await b.q.get(`select direction, author_kind as a, visibility as v, text, outbox_item_id as o from message where author_kind = 'auto'`)) as Record<string, unknown>;
    expect(msg).toMatchObject({ direction: 'out', a: 'auto', v: 'public', text: 'Hi @ana, we are closed; back Thursday 26 November at 09:00 (CET).' });
    const interaction = (await b.q.get(`select state, auto_outcome as o from interaction`));
    expect(interaction).toEqual({ state: 'queued', o: 'closed' }); // queued for the next open period (default)
  });

  it('sends at most one automatic message per contact per throttle period, across threads and batches', async () => {
    await b.ctx.config.setStrategySettings({ autoMessageThrottleMinutes: 30 }, 'test');
    await ingestBatch(b.ctx, [inbound(b.accounts.x, { networkMessageId: '2001', user: '42', text: 'hello?' })]);
    b.clock.advance(10 * 60_000);
    await ingestBatch(b.ctx, [inbound(b.accounts.x, { networkMessageId: '2002', user: '42', text: 'hello again?' }), inbound(b.accounts.x, { networkMessageId: '2003', user: '43', text: 'me too' })]);
    expect((await outbox()).map((o) => JSON.parse(o.p).inReplyToTweetId)).toEqual(['2001', '2003']);
    const held = JSON.parse(((await b.q.get(`select decision_json as d from interaction where id = 2`)) as { d: string }).d);
    expect(held.autoMessage.suppressedBy).toBe('throttle');
    b.clock.advance(21 * 60_000);
    await ingestBatch(b.ctx, [inbound(b.accounts.x, { networkMessageId: '2004', user: '42', text: 'third time' })]);
    expect((await outbox()).length).toBe(3);
  });

  it('counts the batch\'s own automatic messages in the throttle, and stores every message in the order it came', async () => {
    await b.ctx.config.setStrategySettings({ autoMessageThrottleMinutes: 30 }, 'test');
    const r = await ingestBatch(b.ctx, [
      inbound(b.accounts.x, { networkMessageId: '5003', user: '43', text: 'me too' }),
      inbound(b.accounts.x, { networkMessageId: '5002', user: '42', text: 'anyone?' }),
      inbound(b.accounts.x, { networkMessageId: '5001', user: '42', text: 'hello?' }),
    ]);
    expect(r.autoMessages).toBe(2);
    expect((await outbox()).map((o) => JSON.parse(o.p).inReplyToTweetId)).toEqual(['5001', '5003']);
    const rows = (await b.q.all(`select m.id, m.network_message_id as n, m.author_kind as a, m.interaction_id as i, o.id as o
        from message m left join outbox_item o on o.id = m.outbox_item_id order by m.id`)) as Array<{ id: number; n: string | null; a: string; i: number; o: number | null }>;
    expect(rows.map((m) => [m.n, m.a])).toEqual([['5001', 'customer'], [null, 'auto'], ['5002', 'customer'], ['5003', 'customer'], [null, 'auto']]);
    // Each automatic message row belongs to its customer message's interaction and points at its outbox row.
    expect(rows[1]!.i).toBe(rows[0]!.i);
    expect(rows[4]!.i).toBe(rows[3]!.i);
    expect([rows[1]!.o, rows[4]!.o]).toEqual(((await b.q.all(`select id from outbox_item order by id`)) as Array<{ id: number }>).map((o) => o.id));
    // Search finds each of them (SQLite's full-text index is written with the rows).
    for (const [word, id] of [['hello', '5001'], ['anyone', '5002'], ['too', '5003']] as const) {
      const hits = await searchMessages(b.ctx.db, word, { limit: 5 });
      expect(hits.map((h) => h.messageId)).toEqual([rows.find((m) => m.n === id)!.id]);
    }
  });

  it('answers privately when configured, and closes instead of queueing when the network says so', async () => {
    await b.ctx.config.setStrategySettings({ queueAfterAutoMessage: { x: false, facebook: true }, autoMessageVisibility: { x: { closed: 'private' } } }, 'test');
    await ingestBatch(b.ctx, [inbound(b.accounts.x, { networkMessageId: '3001', user: '42', text: 'hi' })]);
    expect(JSON.parse((await outbox())[0]!.p)).toMatchObject({ kind: 'dm', recipientUserId: '42' });
    expect((await b.q.get(`select state, auto_outcome as o from interaction`))).toEqual({ state: 'auto_handled', o: 'closed' });
    expect(b.ctx.routing.queueSize).toBe(0);
    await ingestBatch(b.ctx, [inbound(b.accounts.facebook, { network: 'facebook', kind: 'comment', networkMessageId: 'c-1', threadNetworkId: 'post-1', user: 'psid-1', handle: null, text: 'hello' })]);
    expect(JSON.parse((await outbox())[1]!.p)).toMatchObject({ kind: 'comment', objectId: 'c-1' });
    expect(b.ctx.routing.queueSize).toBe(1);
  });

  it('likes a positive post automatically (undoable), or proposes it for approval', async () => {
    b.clock.set(berlin('2026-11-25T10:00')); // open
    await b.ctx.config.setStrategySettings({ engagement: { enabled: true, threshold: 0.5, like: true, retweet: true, requireApproval: false } }, 'test');
    await ingestBatch(b.ctx, [inbound(b.accounts.x, { networkMessageId: '4001', user: '42', text: 'Best coffee in town, love it! 😍' })]);
    const rows = async () => (await b.q.all(`select id, kind, state, automatic, outbox_item_id as o, undo_outbox_item_id as u from engagement order by id`)) as Array<{ id: number; kind: string; state: string; automatic: number; o: number | null; u: number | null }>;
    expect((await rows()).map((r) => [r.kind, r.state, r.automatic])).toEqual([['like', 'approved', 1], ['retweet', 'approved', 1]]);
    expect((await outbox()).map((o) => [o.kind, o.k])).toEqual([['like', 'engage:like:x:4001'], ['retweet', 'engage:retweet:x:4001']]);
    // Undo before it was sent: the like is cancelled. After it was sent: an unretweet is queued.
    (await b.q.run(`update outbox_item set state = 'sent', result_network_id = null where kind = 'retweet'`));
    await undoEngagement(b.ctx, (await rows())[0]!.id, 'admin@web');
    await undoEngagement(b.ctx, (await rows())[1]!.id, 'admin@web');
    expect((await rows()).map((r) => r.state)).toEqual(['undone', 'undone']);
    expect((await outbox()).map((o) => [o.kind, o.state])).toEqual([['like', 'cancelled'], ['retweet', 'sent'], ['unretweet', 'pending']]);

    await b.ctx.config.setStrategySettings({ engagement: { enabled: true, threshold: 0.5, like: true, retweet: false, requireApproval: true } }, 'test');
    await ingestBatch(b.ctx, [inbound(b.accounts.x, { networkMessageId: '4002', user: '43', text: 'You are awesome, thank you so much!' }), inbound(b.accounts.x, { networkMessageId: '4003', user: '44', text: 'Really great, thanks a lot!' })]);
    const proposed = (await rows()).filter((r) => r.state === 'proposed');
    expect(proposed.length).toBe(2);
    expect((await outbox()).length).toBe(3); // nothing sent before approval
    await approveEngagement(b.ctx, proposed[0]!.id, 'admin@web');
    await rejectEngagement(b.ctx, proposed[1]!.id, 'admin@web');
    expect((await rows()).slice(2).map((r) => r.state)).toEqual(['approved', 'rejected']);
    expect((await outbox()).at(-1)).toMatchObject({ kind: 'like', k: 'engage:like:x:4002' });
    await expect(approveEngagement(b.ctx, proposed[0]!.id, 'admin@web')).rejects.toMatchObject({ code: 'conflict' });
  });

  it('routes DMs to the configured group', async () => {
    b.clock.set(berlin('2026-11-25T10:00'));
    const g = await b.ctx.config.createGroup({ name: 'DM desk' }, 'test');
    await b.ctx.config.setStrategySettings({ dmRouting: { groupId: g.id, priority: 4 } }, 'test');
    await ingestBatch(b.ctx, [inbound(b.accounts.x, { kind: 'dm', networkMessageId: 'dm-1', threadNetworkId: '42-1000', user: '42', text: 'private question' })]);
    expect((await b.q.get(`select group_id as g, priority as p, state from interaction`))).toEqual({ g: g.id, p: 4, state: 'queued' });
  });
});
