// X outbound acts through the outbox against the sandbox: every kind, a 429 storm waited out to the reset,
// 5xx bursts, answers lost after the act happened (never sent twice), and a reply to a deleted post failing.
import { afterEach, describe, expect, it } from 'vitest';
import { enqueueOutbound } from '../../../main/outbox/enqueue';
import type { OutboxPayload } from '../../../main/outbox/payload';
import type { OutboxItemView } from '../../../preload/contract';
import { messages, outbound, sandboxAccount, startHarness, waitFor, type Harness } from './harness';

async function customerMention(h: Harness, text: string, username = 'pat_q') {
  const m = await h.control<{ id: string; author_id: string }>('POST', '/_sandbox/x/mentions', { author: { username, name: username }, text });
  const row = await waitFor(`mention ${m.id} stored`, () => messages(h).find((r) => r.network_message_id === m.id && r.interaction_id));
  return { tweetId: m.id, authorId: m.author_id, interactionId: row.interaction_id! };
}

function item(h: Harness, id: number): OutboxItemView {
  const r = h.engine.ctx.sqlite.prepare('select * from outbox_item where id = ?').get(id) as Record<string, unknown>;
  return { state: r.state, attempts: r.attempts, lastError: r.last_error_code ? { code: r.last_error_code, message: r.last_error_message } : null, resultNetworkId: r.result_network_id, nextAttemptAt: r.next_attempt_at } as unknown as OutboxItemView;
}

const sent = (h: Harness, id: number) => waitFor(`outbox item ${id} sent`, () => item(h, id).state === 'sent' && item(h, id));

async function enqueue(h: Harness, accountId: number, interactionId: number | null, payload: OutboxPayload, key: string) {
  return (await enqueueOutbound(h.engine.ctx, { accountId, interactionId, payload, createdBy: 'strategy', idempotencyKey: key })).item.id;
}

describe('X actions through the outbox', { timeout: 60_000 }, () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('replies, sends a DM, likes, unlikes, retweets and unretweets, each recorded once', async () => {
    h = await startHarness({ settings: { streamEnabled: false } });
    const x = await sandboxAccount(h, 'x');
    const c = await customerMention(h, 'where is my refund?');
    const events: OutboxItemView[] = [];
    h.engine.ctx.events.subscribe((name, payload) => name === 'outbox.changed' && events.push(payload as OutboxItemView));
    const ids = [
      await enqueue(h, x.id, c.interactionId, { kind: 'reply', network: 'x', inReplyToTweetId: c.tweetId, text: 'Sorry! Looking into it now.' }, 'a1'),
      await enqueue(h, x.id, c.interactionId, { kind: 'dm', network: 'x', recipientUserId: c.authorId, text: 'Could you send your order number?' }, 'a2'),
      await enqueue(h, x.id, c.interactionId, { kind: 'like', network: 'x', tweetId: c.tweetId }, 'a3'),
      await enqueue(h, x.id, c.interactionId, { kind: 'unlike', network: 'x', tweetId: c.tweetId }, 'a4'),
      await enqueue(h, x.id, c.interactionId, { kind: 'retweet', network: 'x', tweetId: c.tweetId }, 'a5'),
      await enqueue(h, x.id, c.interactionId, { kind: 'unretweet', network: 'x', tweetId: c.tweetId }, 'a6'),
    ];
    for (const id of ids) await sent(h, id);
    const acts = await outbound(h, 'x');
    expect(acts.map((a) => a.kind).sort()).toEqual(['dm', 'like', 'reply', 'retweet', 'unlike', 'unretweet']);
    // Messages of one conversation go out in the order they were written; likes need not wait for them.
    const kinds = acts.map((a) => a.kind);
    expect(kinds.indexOf('reply')).toBeLessThan(kinds.indexOf('dm'));
    expect(kinds.indexOf('like')).toBeLessThan(kinds.indexOf('unlike'));
    expect(kinds.indexOf('retweet')).toBeLessThan(kinds.indexOf('unretweet'));
    const reply = acts.find((a) => a.kind === 'reply')!;
    expect(reply).toMatchObject({ target_id: c.tweetId, text: 'Sorry! Looking into it now.' });
    expect(acts.find((a) => a.kind === 'dm')).toMatchObject({ target_id: c.authorId, text: 'Could you send your order number?' });
    // The reply's message row carries the new tweet's id, so the poller will recognise it.
    const row = messages(h).find((m) => m.outbox_item_id === ids[0])!;
    expect(row).toMatchObject({ direction: 'out', author_kind: 'auto', network_message_id: reply.id, in_reply_to_network_id: c.tweetId });
    expect(item(h, ids[0]!).resultNetworkId).toBe(reply.id);
    // The agent saw each item go through sending to sent.
    expect(events.filter((e) => e.id === ids[0]).map((e) => e.state)).toEqual(expect.arrayContaining(['pending', 'sending', 'sent']));
    // The same idempotency key enqueues nothing new.
    const again = await enqueueOutbound(h.engine.ctx, {
      accountId: x.id,
      interactionId: c.interactionId,
      payload: { kind: 'reply', network: 'x', inReplyToTweetId: c.tweetId, text: 'Sorry! Looking into it now.' },
      createdBy: 'strategy',
      idempotencyKey: 'a1',
    });
    expect(again).toMatchObject({ created: false, item: { id: ids[0] } });
  });

  it('waits out a 429 storm until the reset, then sends everything exactly once', async () => {
    h = await startHarness({ settings: { streamEnabled: false }, sandboxConfig: { x: { rate_limits: { 'POST /2/tweets': { user: 3 } } } } });
    const x = await sandboxAccount(h, 'x');
    const c = await customerMention(h, 'five questions incoming');
    const ids: number[] = [];
    for (let i = 1; i <= 5; i++) {
      ids.push(await enqueue(h, x.id, c.interactionId, { kind: 'reply', network: 'x', inReplyToTweetId: c.tweetId, text: `Answer number ${i}` }, `storm-${i}`));
    }
    // Three go out; the fourth waits for the window's reset, and the fifth waits behind it (a conversation's
    // messages keep their order).
    const waiting = await waitFor('the fourth reply waiting for the reset', () => {
      const states = ids.map((id) => item(h, id));
      return states.filter((s) => s.state === 'sent').length === 3 && states[3]!.state === 'retrying' && states[3]!.lastError?.code === 'rate_limited' ? states : null;
    });
    expect(waiting[4]!.state).toBe('pending');
    // Retrying when the window resets (15 minutes on X), not hammering the API meanwhile.
    expect(waiting[3]!.nextAttemptAt).toBeGreaterThan(h.sandbox.clock.now() + 60_000);
    expect((await outbound(h, 'x')).filter((a) => a.kind === 'reply')).toHaveLength(3);
    h.sandbox.clock.advance(16 * 60_000);
    for (const id of ids) await sent(h, id);
    const replies = (await outbound(h, 'x')).filter((a) => a.kind === 'reply').map((a) => a.text);
    expect(replies.sort()).toEqual([1, 2, 3, 4, 5].map((i) => `Answer number ${i}`));
  });

  it('shows the account rate-limited when its polling window is used up or X answers 429, and connected after the reset', async () => {
    h = await startHarness({ settings: { streamEnabled: false }, sandboxConfig: { x: { rate_limits: { 'GET /2/users/:id/mentions': { user: 4 } } } } });
    const x = await sandboxAccount(h, 'x');
    const status = async () => (await h.call('channels.list', {})).accounts.find((z) => z.id === x.id)!;
    // Parley paces itself: with the last calls of the window kept in reserve it stops and says why.
    const paced = await waitFor('rate-limited by pacing', async () => ((await status()).status === 'rate_limited' ? status() : null));
    expect(paced.rateLimitedUntil).toBeGreaterThan(h.sandbox.clock.now());
    expect(paced.statusDetail).toMatch(/mentions/);
    // A roomier window from now on: after the reset Parley polls again and says it is connected.
    await h.control('POST', '/_sandbox/config', { x: { rate_limits: { 'GET /2/users/:id/mentions': { user: 20 } } } });
    h.sandbox.clock.advance(16 * 60_000);
    const m = await h.control<{ id: string }>('POST', '/_sandbox/x/mentions', { author: { username: 'after_reset', name: 'R' }, text: 'hello again' });
    await waitFor('mention after the reset', () => messages(h).some((r) => r.network_message_id === m.id));
    await waitFor('connected again', async () => (await status()).status === 'connected');

    // Someone else spends the window with the same token: the next poll gets a real 429.
    const tokens = await h.control<{ access_token: string; user_id: string }>('POST', '/_sandbox/tokens', { network: 'x' });
    for (;;) {
      const r = await fetch(`${h.sandbox.url}/2/users/${tokens.user_id}/mentions`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
      if (r.status === 429) break;
    }
    // Parley's own next (paced) poll falls due a minute or so later.
    h.sandbox.clock.advance(2 * 60_000);
    const limited = await waitFor('rate-limited by a 429', async () => {
      const a = await status();
      return a.status === 'rate_limited' && (a.rateLimitedUntil ?? 0) > h.sandbox.clock.now() + 60_000 ? a : null;
    });
    expect(limited.statusDetail).toMatch(/rate limit/i);
  }, 60_000);

  it('rides out a burst of 5xx answers and sends once', async () => {
    h = await startHarness({ settings: { streamEnabled: false } });
    const x = await sandboxAccount(h, 'x');
    const c = await customerMention(h, 'anyone there?');
    await h.control('POST', '/_sandbox/faults', { network: 'x', path_prefix: '/2/tweets', status: 503, count: 4 });
    await h.control('POST', '/_sandbox/faults', { network: 'x', path_prefix: '/2/dm_conversations', status: 500, count: 3 });
    const r = await enqueue(h, x.id, c.interactionId, { kind: 'reply', network: 'x', inReplyToTweetId: c.tweetId, text: 'Yes, we are here.' }, 'b1');
    const d = await enqueue(h, x.id, c.interactionId, { kind: 'dm', network: 'x', recipientUserId: c.authorId, text: 'Following up in DM.' }, 'b2');
    await sent(h, r);
    await sent(h, d);
    expect(item(h, r).attempts).toBeGreaterThan(1);
    const acts = await outbound(h, 'x');
    expect(acts.filter((a) => a.kind === 'reply')).toHaveLength(1);
    expect(acts.filter((a) => a.kind === 'dm')).toHaveLength(1);
  });

  it('never sends twice when the answer is lost after the act happened', async () => {
    h = await startHarness({ settings: { streamEnabled: false } });
    const x = await sandboxAccount(h, 'x');
    const c = await customerMention(h, 'is the shop open?');
    // The sandbox performs the act, then destroys the socket before answering.
    await h.control('POST', '/_sandbox/faults', { network: 'x', path_prefix: '/2/tweets', status: 200, count: 1, mode: 'reset' });
    const r = await enqueue(h, x.id, c.interactionId, { kind: 'reply', network: 'x', inReplyToTweetId: c.tweetId, text: 'Open until 6pm today.' }, 'c1');
    const done = await sent(h, r);
    expect(done.lastError?.code).toBe('reconciled');
    await h.control('POST', '/_sandbox/faults', { network: 'x', path_prefix: '/2/dm_conversations', status: 200, count: 1, mode: 'reset' });
    const d = await enqueue(h, x.id, c.interactionId, { kind: 'dm', network: 'x', recipientUserId: c.authorId, text: 'Here are our hours.' }, 'c2');
    expect((await sent(h, d)).lastError?.code).toBe('reconciled');
    const acts = await outbound(h, 'x');
    expect(acts.filter((a) => a.kind === 'reply')).toHaveLength(1);
    expect(acts.filter((a) => a.kind === 'dm')).toHaveLength(1);
    expect(item(h, r).resultNetworkId).toBe(acts.find((a) => a.kind === 'reply')!.id);
  });

  it('fails a reply to a post that no longer exists, with the reason, and lets the agent retry it', async () => {
    h = await startHarness({ settings: { streamEnabled: false } });
    const x = await sandboxAccount(h, 'x');
    const c = await customerMention(h, 'question');
    const r = await enqueue(h, x.id, c.interactionId, { kind: 'reply', network: 'x', inReplyToTweetId: '1999999999999999999', text: 'Answer to nothing' }, 'd1');
    const failed = await waitFor('failed', () => item(h, r).state === 'failed' && item(h, r));
    expect(failed.lastError?.code).toBe('target_gone');
    const view = await h.call('outbox.get', { id: r });
    expect(view.lastError?.message).toMatch(/deleted or is not visible/);
    const retried = await h.call('outbox.retry', { id: r, deadlineMinutes: 5 });
    expect(retried.state).toBe('pending');
    await waitFor('failed again', () => item(h, r).state === 'failed');
    expect((await h.dispatch('outbox.retry', { id: 999 })).error?.code).toBe('not_found');
  });
});
