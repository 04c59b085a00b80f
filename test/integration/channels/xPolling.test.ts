// X mentions and DMs polled from the sandbox through the real twitter-api-v2 client: since_id and
// next_token paging, the cursor stored with the items, the brand's own DMs recognised, nothing twice.
import { afterEach, describe, expect, it } from 'vitest';
import { cursor, messages, sandboxAccount, startHarness, waitFor, type Harness } from './harness';

describe('X polling against the sandbox', { timeout: 60_000 }, () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('stores each mention once, follows next_token pages, and keeps the newest id as the cursor', async () => {
    h = await startHarness({ settings: { streamEnabled: false } });
    const x = await sandboxAccount(h, 'x');
    const first = await h.control<{ id: string }>('POST', '/_sandbox/x/mentions', { author: { username: 'jane_doe', name: 'Jane' }, text: 'my order never arrived' });
    const reply = await h.control<{ id: string; conversation_id: string }>('POST', '/_sandbox/x/mentions', {
      author: { username: 'jane_doe', name: 'Jane' },
      text: 'still waiting, any news?',
      in_reply_to: first.id,
    });
    await waitFor('both mentions stored', () => messages(h).filter((m) => m.channel_kind === 'mention').length === 2);
    const stored = messages(h).filter((m) => m.channel_kind === 'mention');
    expect(stored.map((m) => m.network_message_id).sort()).toEqual([first.id, reply.id].sort());
    const second = stored.find((m) => m.network_message_id === reply.id)!;
    expect(second.thread_network_id).toBe(reply.conversation_id);
    expect(second.in_reply_to_network_id).toBe(first.id);
    await waitFor('cursor at the reply', () => cursor(h, x.id, 'x.mentions') === reply.id);

    // 250 more: three pages of 100 behind one since_id.
    const bulk = await h.control<{ count: number; last_id: string }>('POST', '/_sandbox/x/mentions/bulk', { count: 250, authors: 40 });
    await waitFor('all 252 mentions', () => messages(h).filter((m) => m.channel_kind === 'mention').length >= 252, 30_000);
    await waitFor('cursor at the newest mention', () => cursor(h, x.id, 'x.mentions') === bulk.last_id);
    const ids = messages(h).filter((m) => m.channel_kind === 'mention').map((m) => m.network_message_id);
    expect(ids).toHaveLength(252);
    expect(new Set(ids).size).toBe(252);
    const state = await h.call('channels.list', {});
    const acc = state.accounts.find((a) => a.id === x.id)!;
    expect(acc.status).toBe('connected');
    expect(acc.lastPollAt).not.toBeNull();
    expect(acc.quota.find((q) => q.name === 'mentions')?.remaining).toBeGreaterThan(0);
  });

  it('polls DMs, stops at the newest known event, and recognises the brand\'s own DM', async () => {
    h = await startHarness({ settings: { streamEnabled: false }, sandboxConfig: { x: { rate_limits: { 'GET /2/dm_events': { user: 900 } } } } });
    const x = await sandboxAccount(h, 'x');
    const agent = await h.call('config.createAgent', { name: 'Ana' });
    const dm = await h.control<{ id: string; sender_id: string; dm_conversation_id: string }>('POST', '/_sandbox/x/dms', {
      from: { username: 'sam_k', name: 'Sam' },
      text: 'Hi, can you check order 4411?',
    });
    const stored = await waitFor('the DM stored', () => messages(h).find((m) => m.network_message_id === dm.id));
    expect(stored).toMatchObject({ channel_kind: 'dm', direction: 'in', author_kind: 'customer', thread_network_id: dm.dm_conversation_id });
    await waitFor('DM cursor', () => cursor(h, x.id, 'x.dms') === dm.id);

    // The brand answers through the outbox; its own DM then comes back from dm_events as the brand's.
    const { enqueueOutbound } = await import('../../../main/outbox/enqueue');
    const { item } = await enqueueOutbound(h.engine.ctx, {
      accountId: x.id,
      interactionId: stored.interaction_id,
      payload: { kind: 'dm', network: 'x', recipientUserId: dm.sender_id, text: 'Checking order 4411 now.' },
      createdBy: `agent:${agent.id}`,
      idempotencyKey: `test-dm-${dm.id}`,
    });
    await waitFor('the DM sent', () => h.engine.ctx.sqlite.prepare("select 1 from outbox_item where id = ? and state = 'sent'").get(item.id));
    const second = await h.control<{ id: string }>('POST', '/_sandbox/x/dms', { from: { username: 'sam_k', name: 'Sam' }, text: 'thanks!' });
    await waitFor('the follow-up stored', () => messages(h).find((m) => m.network_message_id === second.id));
    await waitFor('cursor at the newest', () => cursor(h, x.id, 'x.dms') === second.id);
    const all = messages(h).filter((m) => m.channel_kind === 'dm');
    // The customer's two DMs and the brand's one: the brand's is an outbound row, not a customer message.
    expect(all.filter((m) => m.author_kind === 'customer').map((m) => m.text)).toEqual(['Hi, can you check order 4411?', 'thanks!']);
    const mine = all.filter((m) => m.direction === 'out');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ author_kind: 'agent', outbox_item_id: item.id, text: 'Checking order 4411 now.' });
    expect(mine[0]!.network_message_id).not.toBeNull();
  });
});
