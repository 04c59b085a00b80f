// The Facebook Page against the sandbox: visitor posts, comments and replies with cursor paging, Messenger
// conversations (more messages than one page holds), every outbound act, the Messenger windows refused
// before sending, "already replied" counted as done, transient errors and Graph throttling.
import { afterEach, describe, expect, it } from 'vitest';
import { enqueueOutbound } from '../../../main/outbox/enqueue';
import type { OutboxPayload } from '../../../main/outbox/payload';
import { cursor, messages, outbound, sandboxAccount, startHarness, waitFor, type Harness } from './harness';

const state = (h: Harness, id: number) =>
  h.engine.ctx.sqlite.prepare('select state, last_error_code as code, result_network_id as rid from outbox_item where id = ?').get(id) as { state: string; code: string | null; rid: string | null };
const sent = (h: Harness, id: number) => waitFor(`outbox item ${id} sent`, () => state(h, id).state === 'sent' && state(h, id));

async function enqueue(h: Harness, accountId: number, interactionId: number, payload: OutboxPayload, key: string, createdBy = 'strategy') {
  return (await enqueueOutbound(h.engine.ctx, { accountId, interactionId, payload, createdBy, idempotencyKey: key })).item.id;
}

describe('Facebook Page and Messenger', { timeout: 60_000 }, () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('stores visitor posts, comments and replies (past one page of comments) with their threads, once each', async () => {
    h = await startHarness();
    const fb = await sandboxAccount(h, 'facebook');
    const post = await h.control<{ id: string }>('POST', '/_sandbox/facebook/posts', { from: { name: 'Nora' }, message: 'My blender arrived broken' });
    const comment = await h.control<{ id: string }>('POST', '/_sandbox/facebook/comments', { post_id: post.id, from: { name: 'Omar' }, message: 'Same here!' });
    const reply = await h.control<{ id: string; parent_id: string }>('POST', '/_sandbox/facebook/comments', { post_id: comment.id, from: { name: 'Nora' }, message: '@Omar did they refund you?' });
    await waitFor('post, comment and reply stored', () => [post.id, comment.id, reply.id].every((id) => messages(h).some((m) => m.network_message_id === id)));
    const byId = (id: string) => messages(h).find((m) => m.network_message_id === id)!;
    expect(byId(post.id)).toMatchObject({ channel_kind: 'post', thread_network_id: post.id, author_kind: 'customer' });
    expect(byId(comment.id)).toMatchObject({ channel_kind: 'comment', thread_network_id: post.id, in_reply_to_network_id: post.id });
    expect(byId(reply.id)).toMatchObject({ channel_kind: 'comment', thread_network_id: post.id, in_reply_to_network_id: comment.id });
    expect(cursor(h, fb.id, 'fb.feed')).toMatch(/^\{"t":\d+\}$/);

    // 120 more comments on one post: more than a page (limit 100) of the comments edge.
    const many: string[] = [];
    for (let i = 0; i < 120; i++) {
      many.push((await h.control<{ id: string }>('POST', '/_sandbox/facebook/comments', { post_id: post.id, from: { name: `Fan ${i % 7}` }, message: `me too #${i}` })).id);
    }
    await waitFor('all 120 comments', () => {
      const have = new Set(messages(h).map((m) => m.network_message_id));
      return many.every((id) => have.has(id));
    }, 30_000);
    const ids = messages(h).map((m) => m.network_message_id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('stores Messenger conversations, following a conversation past its first page of messages', async () => {
    h = await startHarness();
    const first = await h.control<{ id: string; conversation_id: string; psid: string }>('POST', '/_sandbox/facebook/messenger', { from: { name: 'Pia' }, text: 'hello?' });
    const ids = [first.id];
    for (let i = 0; i < 30; i++) ids.push((await h.control<{ id: string }>('POST', '/_sandbox/facebook/messenger', { from: { name: 'Pia', id: first.psid }, text: `line ${i}` })).id);
    const other = await h.control<{ id: string; conversation_id: string }>('POST', '/_sandbox/facebook/messenger', { from: { name: 'Quin' }, text: 'order 77?' });
    await waitFor('every Messenger message', () => {
      const have = new Set(messages(h).map((m) => m.network_message_id));
      return [...ids, other.id].every((id) => have.has(id));
    });
    const pia = messages(h).filter((m) => m.thread_network_id === first.conversation_id);
    expect(pia).toHaveLength(31);
    expect(pia.every((m) => m.channel_kind === 'messenger' && m.author_kind === 'customer')).toBe(true);
    expect(messages(h).find((m) => m.network_message_id === other.id)!.thread_network_id).toBe(other.conversation_id);
  });

  it('comments, likes, unlikes, hides and unhides, replies privately, and sends on Messenger', async () => {
    h = await startHarness();
    const fb = await sandboxAccount(h, 'facebook');
    const post = await h.control<{ id: string }>('POST', '/_sandbox/facebook/posts', { from: { name: 'Rita' }, message: 'When do you open?' });
    const comment = await h.control<{ id: string }>('POST', '/_sandbox/facebook/comments', { post_id: post.id, from: { name: 'Rita' }, message: 'hello??' });
    const dm = await h.control<{ id: string; psid: string }>('POST', '/_sandbox/facebook/messenger', { from: { name: 'Rita' }, text: 'order 12 is late' });
    const row = (id: string) => waitFor(`${id} stored`, () => messages(h).find((m) => m.network_message_id === id && m.interaction_id));
    const postRow = await row(post.id);
    const commentRow = await row(comment.id);
    const dmRow = await row(dm.id);
    const ids = [
      await enqueue(h, fb.id, postRow.interaction_id!, { kind: 'comment', network: 'facebook', objectId: post.id, text: 'We open at 9.' }, 'f1'),
      await enqueue(h, fb.id, postRow.interaction_id!, { kind: 'fb_like', network: 'facebook', objectId: post.id }, 'f2'),
      await enqueue(h, fb.id, postRow.interaction_id!, { kind: 'fb_unlike', network: 'facebook', objectId: post.id }, 'f3'),
      await enqueue(h, fb.id, commentRow.interaction_id!, { kind: 'hide', network: 'facebook', commentId: comment.id, hidden: true }, 'f4'),
      await enqueue(h, fb.id, commentRow.interaction_id!, { kind: 'hide', network: 'facebook', commentId: comment.id, hidden: false }, 'f5'),
      await enqueue(h, fb.id, commentRow.interaction_id!, { kind: 'private_reply', network: 'facebook', commentId: comment.id, postId: null, text: 'Sent you a message.' }, 'f6'),
      await enqueue(h, fb.id, dmRow.interaction_id!, { kind: 'messenger', network: 'facebook', recipientPsid: dm.psid, text: 'Checking order 12.', tag: 'RESPONSE' }, 'f7'),
    ];
    for (const id of ids) await sent(h, id);
    const acts = await outbound(h, 'facebook');
    expect(acts.map((a) => a.kind).sort()).toEqual(['comment', 'hide', 'like', 'messenger', 'private_reply', 'unhide', 'unlike']);
    const kinds = acts.map((a) => a.kind);
    for (const [first, then] of [['like', 'unlike'], ['hide', 'unhide']]) expect(kinds.indexOf(first!)).toBeLessThan(kinds.indexOf(then!));
    const commented = acts.find((a) => a.kind === 'comment')!;
    expect(commented).toMatchObject({ target_id: post.id, text: 'We open at 9.' });
    expect(acts.find((a) => a.kind === 'messenger')).toMatchObject({ text: 'Checking order 12.' });
    expect(acts.find((a) => a.kind === 'private_reply')).toMatchObject({ text: 'Sent you a message.' });
    expect(state(h, ids[0]!).rid).toBe(commented.id);

    // One private reply per comment: a second is refused before anything is sent.
    const again = await enqueueOutbound(h.engine.ctx, {
      accountId: fb.id,
      interactionId: commentRow.interaction_id!,
      payload: { kind: 'private_reply', network: 'facebook', commentId: comment.id, postId: null, text: 'And another one' },
      createdBy: 'strategy',
      idempotencyKey: 'f8',
    }).then(
      () => null,
      (e: { code: string }) => e.code,
    );
    expect(again).toBe('duplicate');
    expect((await h.call('channels.messagingWindow', { interactionId: commentRow.interaction_id! })).state).toBe('used');
  });

  it('counts "already replied" as done when a private reply\'s answer was lost, and retries transient errors once sent', async () => {
    h = await startHarness();
    const fb = await sandboxAccount(h, 'facebook');
    const post = await h.control<{ id: string }>('POST', '/_sandbox/facebook/posts', { from: { name: 'Sol' }, message: 'Question' });
    const comment = await h.control<{ id: string }>('POST', '/_sandbox/facebook/comments', { post_id: post.id, from: { name: 'Sol' }, message: 'details please' });
    const commentRow = await waitFor('comment stored', () => messages(h).find((m) => m.network_message_id === comment.id && m.interaction_id));
    // The reply goes out, the answer is lost; sending again gets (#10900) "already replied" = sent.
    await h.control('POST', '/_sandbox/faults', { network: 'facebook', path_prefix: `/v23.0/${fb.externalId}/messages`, status: 200, count: 1, mode: 'reset' });
    const pr = await enqueue(h, fb.id, commentRow.interaction_id!, { kind: 'private_reply', network: 'facebook', commentId: comment.id, postId: null, text: 'DMing you now.' }, 'g1');
    expect((await sent(h, pr)).code).toBe('duplicate');
    // Two transient Graph errors, then success: one comment.
    await h.control('POST', '/_sandbox/faults', {
      network: 'facebook',
      path_prefix: `/v23.0/${post.id}/comments`,
      status: 500,
      count: 2,
      body: { error: { message: 'An unexpected error has occurred. Please retry your request later.', type: 'OAuthException', code: 2, is_transient: true } },
    });
    const c = await enqueue(h, fb.id, commentRow.interaction_id!, { kind: 'comment', network: 'facebook', objectId: post.id, text: 'Answered in Messenger.' }, 'g2');
    await sent(h, c);
    const acts = await outbound(h, 'facebook');
    expect(acts.filter((a) => a.kind === 'private_reply')).toHaveLength(1);
    expect(acts.filter((a) => a.kind === 'comment').map((a) => a.text)).toEqual(['Answered in Messenger.']);
  });

  it('refuses Messenger messages outside the window before sending; a human agent may answer within 7 days', async () => {
    h = await startHarness();
    const fb = await sandboxAccount(h, 'facebook');
    const agent = await h.call('config.createAgent', { name: 'Tess' });
    const dm = await h.control<{ id: string; psid: string }>('POST', '/_sandbox/facebook/messenger', { from: { name: 'Uma' }, text: 'is my order shipped?' });
    const row = await waitFor('message stored', () => messages(h).find((m) => m.network_message_id === dm.id && m.interaction_id));
    const interactionId = row.interaction_id!;
    const open = await h.call('channels.messagingWindow', { interactionId });
    expect(open).toMatchObject({ kind: 'messenger', state: 'open', tag: 'RESPONSE' });
    expect(open.until).toBeGreaterThan(h.sandbox.clock.now() + 23 * 3_600_000);

    h.sandbox.clock.advance(25 * 3_600_000);
    const late = await h.call('channels.messagingWindow', { interactionId });
    expect(late).toMatchObject({ state: 'human_agent', tag: 'HUMAN_AGENT' });
    const msg = (text: string, tag: 'RESPONSE' | 'HUMAN_AGENT'): OutboxPayload => ({ kind: 'messenger', network: 'facebook', recipientPsid: dm.psid, text, tag });
    const refused = await enqueueOutbound(h.engine.ctx, { accountId: fb.id, interactionId, payload: msg('Automatic follow-up', 'RESPONSE'), createdBy: 'strategy', idempotencyKey: 'w1' }).then(
      () => null,
      (e: { code: string; message: string }) => e,
    );
    expect(refused?.code).toBe('outside_messaging_window');
    expect(refused?.message).toMatch(/Automatic messages cannot be sent/);
    const human = await enqueue(h, fb.id, interactionId, msg('Personally following up.', 'HUMAN_AGENT'), 'w2', `agent:${agent.id}`);
    await sent(h, human);
    expect((await outbound(h, 'facebook')).find((a) => a.kind === 'messenger')).toMatchObject({ text: 'Personally following up.', tag: 'HUMAN_AGENT' });

    h.sandbox.clock.advance(7 * 24 * 3_600_000);
    expect((await h.call('channels.messagingWindow', { interactionId })).state).toBe('closed');
    const closed = await enqueueOutbound(h.engine.ctx, { accountId: fb.id, interactionId, payload: msg('Too late', 'HUMAN_AGENT'), createdBy: `agent:${agent.id}`, idempotencyKey: 'w3' }).then(
      () => null,
      (e: { code: string }) => e.code,
    );
    expect(closed).toBe('outside_messaging_window');
    expect((await outbound(h, 'facebook')).filter((a) => a.kind === 'messenger')).toHaveLength(1);
  });

  it('slows down and then pauses when Graph reports the app near its limit, and resumes after it resets', async () => {
    h = await startHarness({ sandboxConfig: { facebook: { app_calls_per_hour: 40 } } });
    const fb = await sandboxAccount(h, 'facebook');
    const status = async () => (await h.call('channels.list', {})).accounts.find((a) => a.id === fb.id)!;
    const limited = await waitFor('rate-limited', async () => ((await status()).status === 'rate_limited' ? status() : null));
    expect(limited.rateLimitedUntil).toBeGreaterThan(h.sandbox.clock.now());
    expect(limited.quota.find((q) => q.name === 'graph_app')?.usedPercent).toBeGreaterThanOrEqual(90);
    const calls = async () => (await h.control<{ requests: Record<string, number> }>('GET', '/_sandbox/state')).requests['GET /{id}/{edge}'] ?? 0;
    const whileBlocked = await calls();
    h.sandbox.clock.advance(61 * 60_000);
    const post = await h.control<{ id: string }>('POST', '/_sandbox/facebook/posts', { from: { name: 'Vic' }, message: 'after the pause' });
    await waitFor('post stored after the limit reset', () => messages(h).some((m) => m.network_message_id === post.id));
    expect(await calls()).toBeGreaterThan(whileBlocked);
    await waitFor('connected again', async () => (await status()).status === 'connected');
  });
});
