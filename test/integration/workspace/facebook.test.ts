// Facebook and Messenger from the agent's seat: a comment reply, the one private reply a comment allows,
// hiding a comment, and a Messenger chat whose messages go out in order and whose window rules bite on time.
import { afterEach, describe, expect, it } from 'vitest';
import { interactionOf, sentActs, startDesk, waitFor, type Desk } from './harness';

const HOUR = 3600_000;

describe('the agent workspace: Facebook and Messenger', () => {
  let d: Desk;
  afterEach(async () => {
    await d?.close();
  });

  async function ready(agent: number) {
    await d.as(agent, 'session.signIn', { agentId: agent });
    await d.as(agent, 'routing.setStatus', { agentId: agent, status: 'ready', reason: null });
  }

  async function heldBy(agent: number, id: number) {
    await waitFor('assigned', async () => (await d.as(agent, 'inbox.mine', {})).rows.some((r) => r.interactionId === id));
  }

  it('answers a visitor post with a comment, then privately once, and says why not twice', async () => {
    d = await startDesk();
    await ready(d.ana);
    const post = await d.h.control<{ id: string; from_id: string }>('POST', '/_sandbox/facebook/posts', { from: { name: 'Maria Lopez' }, message: 'My order #123 never arrived' });
    const id = await interactionOf(d, post.id);
    await heldBy(d.ana, id);
    const view = await d.as(d.ana, 'conversation.get', { interactionId: id });
    expect(view.capabilities.public).toMatchObject({ allowed: true, act: 'comment', label: 'Comment publicly' });
    expect(view.capabilities.private).toMatchObject({ allowed: true, act: 'private_reply' });
    expect(view.capabilities).toMatchObject({ like: true, retweet: false, hide: false });
    expect(view.window).toMatchObject({ kind: 'private_reply', state: 'open' });

    await d.as(d.ana, 'conversation.reply', { interactionId: id, mode: 'public', text: 'Sorry Maria, we are on it.', clientKey: 'fb-public-1' });
    await d.as(d.ana, 'conversation.reply', { interactionId: id, mode: 'private', text: 'Maria, could you send your address?', clientKey: 'fb-private-1' });
    await waitFor('comment and private reply', async () => (await sentActs(d, 'facebook')).filter((a) => a.kind === 'comment' || a.kind === 'private_reply').length === 2);
    const acts = await sentActs(d, 'facebook');
    expect(acts.find((a) => a.kind === 'comment')).toMatchObject({ target_id: post.id, text: 'Sorry Maria, we are on it.' });
    expect(acts.find((a) => a.kind === 'private_reply')).toMatchObject({ target_id: post.id, text: 'Maria, could you send your address?' });

    const second = await d.try(d.ana, 'conversation.reply', { interactionId: id, mode: 'private', text: 'And your phone?', clientKey: 'fb-private-2' });
    expect(second).toMatchObject({ ok: false, error: { code: 'duplicate', message: expect.stringContaining('Facebook allows one') } });
    const after = await d.as(d.ana, 'conversation.get', { interactionId: id });
    expect(after.capabilities.private.allowed).toBe(false);
  });

  it('likes and hides a comment under a Page post', async () => {
    d = await startDesk();
    await ready(d.ana);
    const post = await d.h.control<{ id: string }>('POST', '/_sandbox/facebook/posts', { from: { name: 'Page Fan' }, message: 'What are your opening hours?' });
    const postInteraction = await interactionOf(d, post.id);
    await heldBy(d.ana, postInteraction);
    await d.as(d.ana, 'routing.complete', { interactionId: postInteraction, dispositionCodeId: d.resolved, note: null });
    const comment = await d.h.control<{ id: string }>('POST', '/_sandbox/facebook/comments', { post_id: post.id, from: { name: 'Troll Person' }, message: 'This brand is the worst, buy elsewhere' });
    const id = await interactionOf(d, comment.id);
    await heldBy(d.ana, id);
    const view = await d.as(d.ana, 'conversation.get', { interactionId: id });
    expect(view.capabilities).toMatchObject({ like: true, retweet: false, hide: true });
    const message = view.thread.find((t) => t.type === 'message' && t.networkMessageId === comment.id)!;
    await d.as(d.ana, 'conversation.engage', { interactionId: id, messageId: message.id, act: 'hide' });
    await d.as(d.ana, 'conversation.engage', { interactionId: id, messageId: message.id, act: 'like' });
    expect(await d.try(d.ana, 'conversation.engage', { interactionId: id, messageId: message.id, act: 'retweet' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await waitFor('hide and like on Facebook', async () => {
      const acts = await sentActs(d, 'facebook');
      return acts.some((a) => a.kind === 'hide') && acts.some((a) => a.kind === 'like');
    });
    const shown = await waitFor('the comment shown as hidden', async () => {
      const v = await d.as(d.ana, 'conversation.get', { interactionId: id });
      const m = v.thread.find((t) => t.type === 'message' && t.id === message.id);
      return m?.type === 'message' && m.reactions?.hidden?.state === 'sent' ? m : null;
    });
    expect(shown.reactions?.hidden?.hidden).toBe(true);
    await d.as(d.ana, 'conversation.engage', { interactionId: id, messageId: message.id, act: 'unhide' });
    await waitFor('unhide on Facebook', async () => (await sentActs(d, 'facebook')).some((a) => a.kind === 'unhide'));
  });

  it('runs a Messenger chat: messages both ways in order, then the window rules as time passes', async () => {
    d = await startDesk();
    await ready(d.ana);
    const first = await d.h.control<{ id: string; psid: string }>('POST', '/_sandbox/facebook/messenger', { from: { name: 'Maria Lopez' }, text: 'Hi! My espresso machine leaks.' });
    const id = await interactionOf(d, first.id);
    await heldBy(d.ana, id);
    const view = await d.as(d.ana, 'conversation.get', { interactionId: id });
    expect(view.window).toMatchObject({ kind: 'messenger', state: 'open', tag: 'RESPONSE' });
    expect(view.capabilities.public.allowed).toBe(false);

    await d.as(d.ana, 'conversation.reply', { interactionId: id, mode: 'private', text: 'Sorry to hear that! Which model is it?', clientKey: 'chat-0001' });
    await d.as(d.ana, 'conversation.reply', { interactionId: id, mode: 'private', text: 'A photo of the leak would help too.', clientKey: 'chat-0002' });
    await waitFor('both messages on Messenger', async () => (await sentActs(d, 'facebook')).filter((a) => a.kind === 'messenger').length === 2);
    let acts = (await sentActs(d, 'facebook')).filter((a) => a.kind === 'messenger');
    expect(acts.map((a) => a.text)).toEqual(['Sorry to hear that! Which model is it?', 'A photo of the leak would help too.']);
    expect(acts.every((a) => a.target_id === first.psid)).toBe(true);

    // The customer answers: the same interaction, no reload needed (an interactions.changed event says so).
    const answer = await d.h.control<{ id: string }>('POST', '/_sandbox/facebook/messenger', { from: { id: first.psid, name: 'Maria Lopez' }, text: 'It is the Barista Pro.' });
    expect(await interactionOf(d, answer.id)).toBe(id);
    await waitFor('the change announced', () => d.events.some((e) => e.name === 'interactions.changed' && (e.payload as { ids: number[] }).ids.includes(id)));
    const thread = (await d.as(d.ana, 'conversation.get', { interactionId: id })).thread.filter((t) => t.type === 'message');
    expect(thread.map((t) => t.type === 'message' && t.direction)).toEqual(['in', 'out', 'out', 'in']);

    // 25 hours later only a person may answer, with the HUMAN_AGENT tag.
    await d.h.control('POST', '/_sandbox/clock', { advance_ms: 25 * HOUR });
    const late = await d.as(d.ana, 'conversation.get', { interactionId: id });
    expect(late.window).toMatchObject({ state: 'human_agent', tag: 'HUMAN_AGENT' });
    expect(late.capabilities.private).toMatchObject({ allowed: true, label: 'Send on Messenger (human agent)' });
    await d.as(d.ana, 'conversation.reply', { interactionId: id, mode: 'private', text: 'Following up on your Barista Pro.', clientKey: 'chat-0003' });
    await waitFor('the human-agent message', async () => (await sentActs(d, 'facebook')).filter((a) => a.kind === 'messenger').length === 3);
    acts = (await sentActs(d, 'facebook')).filter((a) => a.kind === 'messenger');
    expect(acts[2]).toMatchObject({ text: 'Following up on your Barista Pro.', tag: 'HUMAN_AGENT' });

    // After 7 days nothing can be sent, and the composer is told why before trying.
    await d.h.control('POST', '/_sandbox/clock', { advance_ms: 7 * 24 * HOUR });
    const closed = await d.as(d.ana, 'conversation.get', { interactionId: id });
    expect(closed.window.state).toBe('closed');
    expect(closed.capabilities.private).toMatchObject({ allowed: false, reason: expect.stringContaining('7 days') });
    expect(await d.try(d.ana, 'conversation.reply', { interactionId: id, mode: 'private', text: 'Hello?', clientKey: 'chat-0004' })).toMatchObject({
      ok: false,
      error: { code: 'outside_messaging_window' },
    });
  });

  it('keeps one conversation\'s messages in order when the first has to be retried', async () => {
    // A long first retry, so the second message is certainly written while the first waits.
    d = await startDesk({ timing: { outboxRetryBaseMs: 1500, outboxRetryCapMs: 3000 } });
    await ready(d.ana);
    const first = await d.h.control<{ id: string; psid: string }>('POST', '/_sandbox/facebook/messenger', { from: { name: 'Olu Ade' }, text: 'Hello, quick question' });
    const id = await interactionOf(d, first.id);
    await heldBy(d.ana, id);
    const state = await d.h.control<{ brand: { facebook: { page_id: string } } }>('GET', '/_sandbox/state');
    const fault = await d.h.control<{ id: number }>('POST', '/_sandbox/faults', { network: 'facebook', path_prefix: `/${state.brand.facebook.page_id}/messages`, status: 503, count: 1 });
    const one = await d.as(d.ana, 'conversation.reply', { interactionId: id, mode: 'private', text: 'First: hello Olu!', clientKey: 'order-0001' });
    await waitFor('the first send failed once', async () => (await d.as(d.ana, 'outbox.get', { id: one.items[0]!.id })).state === 'retrying');
    await d.as(d.ana, 'conversation.reply', { interactionId: id, mode: 'private', text: 'Second: what is your question?', clientKey: 'order-0002' });
    await waitFor('both messages on Messenger', async () => (await sentActs(d, 'facebook')).filter((a) => a.kind === 'messenger').length === 2, 20_000);
    const acts = (await sentActs(d, 'facebook')).filter((a) => a.kind === 'messenger');
    expect(acts.map((a) => a.text)).toEqual(['First: hello Olu!', 'Second: what is your question?']);
    const faults = await d.h.control<Array<{ id: number; hits: number }>>('GET', '/_sandbox/faults');
    expect(faults.find((f) => f.id === fault.id)!.hits).toBe(1);
  });
});
