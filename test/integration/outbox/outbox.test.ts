// The outbox as the agent meets it: refused before sending when the network would refuse, held while
// the account is switched off and sent once it is back, cancelled and retried, given up at its deadline
// with the reason, and listed per conversation with each item's state.
import { afterEach, describe, expect, it } from 'vitest';
import { enqueueOutbound } from '../../../main/outbox/enqueue';
import type { OutboxPayload } from '../../../main/outbox/payload';
import { messages, outbound, sandboxAccount, startHarness, waitFor, type Harness } from '../channels/harness';

const state = (h: Harness, id: number) =>
  h.engine.ctx.sqlite.prepare('select state, last_error_code as code, last_error_message as message from outbox_item where id = ?').get(id) as { state: string; code: string | null; message: string | null };

async function mention(h: Harness, text: string) {
  const m = await h.control<{ id: string; author_id: string }>('POST', '/_sandbox/x/mentions', { author: { username: 'olive_t', name: 'Olive' }, text });
  const row = await waitFor('stored', () => messages(h).find((r) => r.network_message_id === m.id && r.interaction_id));
  return { tweetId: m.id, interactionId: row.interaction_id! };
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
  );

describe('the outbox', { timeout: 60_000 }, () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('refuses what the network would refuse, before anything is sent', async () => {
    h = await startHarness({ settings: { streamEnabled: false } });
    const x = await sandboxAccount(h, 'x');
    const fb = await sandboxAccount(h, 'facebook');
    const c = await mention(h, 'hi');
    const enqueue = (accountId: number, interactionId: number | null, payload: OutboxPayload) =>
      failure(enqueueOutbound(h.engine.ctx, { accountId, interactionId, payload, createdBy: 'strategy', idempotencyKey: `k-${Math.random()}` }));
    const long = await enqueue(x.id, c.interactionId, { kind: 'reply', network: 'x', inReplyToTweetId: c.tweetId, text: 'x'.repeat(281) });
    expect(long).toEqual({ code: 'invalid_input', message: expect.stringMatching(/280 characters.*281/) });
    expect((await enqueue(fb.id, c.interactionId, { kind: 'like', network: 'x', tweetId: c.tweetId }))?.code).toBe('invalid_input');
    expect((await enqueue(x.id, null, { kind: 'reply', network: 'x', inReplyToTweetId: c.tweetId, text: 'hello' }))?.message).toMatch(/conversation/);
    expect(h.engine.ctx.sqlite.prepare('select count(*) as n from outbox_item').get()).toEqual({ n: 0 });
    expect(await outbound(h)).toEqual([]);
  });

  it('holds acts while the account is switched off, sends them when it is back, and lets the agent cancel and retry', async () => {
    h = await startHarness({ settings: { streamEnabled: false } });
    const x = await sandboxAccount(h, 'x');
    const c = await mention(h, 'anybody?');
    await h.call('channels.update', { id: x.id, enabled: false });
    const enqueue = async (text: string, key: string) =>
      (await enqueueOutbound(h.engine.ctx, { accountId: x.id, interactionId: c.interactionId, payload: { kind: 'reply', network: 'x', inReplyToTweetId: c.tweetId, text }, createdBy: 'strategy', idempotencyKey: key })).item.id;
    const kept = await enqueue('Sorry for the wait!', 'h1');
    const dropped = await enqueue('Never mind this one', 'h2');
    // The first is held; the second waits behind it (one conversation's messages keep their order).
    await waitFor('the first held', () => state(h, kept).state === 'held');
    expect(state(h, kept).code).toBe('account_unavailable');
    expect(state(h, dropped).state).toBe('pending');
    expect((await h.call('outbox.cancel', { id: dropped })).state).toBe('cancelled');

    const listed = await h.call('outbox.list', { interactionId: c.interactionId });
    expect(listed.map((i) => [i.id, i.state, i.text])).toEqual([
      [dropped, 'cancelled', 'Never mind this one'],
      [kept, 'held', 'Sorry for the wait!'],
    ]);

    await h.call('channels.update', { id: x.id, enabled: true });
    await waitFor('the held reply sent', () => state(h, kept).state === 'sent');
    expect((await outbound(h, 'x')).map((a) => a.text)).toEqual(['Sorry for the wait!']);
    expect((await h.dispatch('outbox.cancel', { id: kept })).error).toMatchObject({ code: 'conflict' });

    // The agent changes their mind: the cancelled one goes out after all.
    expect((await h.call('outbox.retry', { id: dropped, deadlineMinutes: 10 })).state).toBe('pending');
    await waitFor('the retried reply sent', () => state(h, dropped).state === 'sent');
    expect((await outbound(h, 'x')).map((a) => a.text)).toEqual(['Sorry for the wait!', 'Never mind this one']);
  });

  it('gives up at the deadline with the last reason, and shows "retrying until" meanwhile', async () => {
    h = await startHarness({ settings: { streamEnabled: false } });
    const x = await sandboxAccount(h, 'x');
    const c = await mention(h, 'outage?');
    await h.control('POST', '/_sandbox/faults', { network: 'x', path_prefix: '/2/tweets', status: 503, count: 100_000 });
    const seen: string[] = [];
    h.engine.ctx.events.subscribe((name, p) => name === 'outbox.changed' && seen.push((p as { state: string }).state));
    const { item } = await enqueueOutbound(h.engine.ctx, {
      accountId: x.id,
      interactionId: c.interactionId,
      payload: { kind: 'reply', network: 'x', inReplyToTweetId: c.tweetId, text: 'We are aware of the outage.' },
      createdBy: 'strategy',
      idempotencyKey: 'dl-1',
      deadlineAt: h.sandbox.clock.now() + 60_000,
    });
    const retrying = await waitFor('retrying', async () => {
      const v = await h.call('outbox.get', { id: item.id });
      return v.state === 'retrying' ? v : null;
    });
    expect(retrying.nextAttemptAt).toBeGreaterThan(retrying.updatedAt);
    expect(retrying.lastError?.message).toMatch(/server problem/);
    h.sandbox.clock.advance(2 * 60_000);
    const failed = await waitFor('failed', async () => {
      const v = await h.call('outbox.get', { id: item.id });
      return v.state === 'failed' ? v : null;
    });
    expect(failed.lastError?.code).toMatch(/deadline_passed|server_error/);
    expect(failed.lastError?.message).toMatch(/deadline/i);
    expect(seen).toEqual(expect.arrayContaining(['pending', 'sending', 'retrying', 'failed']));
    expect(await outbound(h, 'x')).toEqual([]);
  });
});
