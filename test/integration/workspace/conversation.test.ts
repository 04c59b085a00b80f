// The agent's acts in a conversation, end to end through the outbox to the sandbox: a public reply, a
// private one, "move to private" (one interaction), the mode never guessed, and the thread view.
import { afterEach, describe, expect, it } from 'vitest';
import { interactionOf, sentActs, startDesk, waitFor, type Desk } from './harness';

describe('the agent workspace: replying on X', () => {
  let d: Desk;
  afterEach(async () => {
    await d?.close();
  });

  async function mentionFor(agent: number, text: string, username = 'jane_doe'): Promise<{ id: number; tweet: string; author: string }> {
    await d.as(agent, 'session.signIn', { agentId: agent });
    await d.as(agent, 'routing.setStatus', { agentId: agent, status: 'ready', reason: null });
    const m = await d.h.control<{ id: string; author_id: string }>('POST', '/_sandbox/x/mentions', { author: { username, name: 'Jane Doe' }, text });
    const id = await interactionOf(d, m.id);
    await waitFor('assigned to the agent', async () => (await d.as(agent, 'inbox.mine', {})).rows.some((r) => r.interactionId === id));
    return { id, tweet: m.id, author: m.author_id };
  }

  it('replies publicly to the mention, once per draft, and shows the thread with the outbox state', async () => {
    d = await startDesk();
    const { id, tweet } = await mentionFor(d.ana, 'My coffee machine arrived broken');
    const view = await d.as(d.ana, 'conversation.get', { interactionId: id });
    expect(view.defaultMode).toBe('public');
    expect(view.capabilities.public).toMatchObject({ allowed: true, act: 'reply', maxLength: 'tweet', recipient: '@jane_doe' });
    expect(view.capabilities.private).toMatchObject({ allowed: true, act: 'dm' });
    expect(view.capabilities).toMatchObject({ moveToPrivate: true, like: true, retweet: true, hide: false });
    expect(view.thread.filter((t) => t.type === 'message').map((t) => t.type === 'message' && t.text)).toEqual([expect.stringContaining('arrived broken')]);
    expect(view.thread.some((t) => t.type === 'event' && t.text === 'Assigned to Ana Souza.')).toBe(true);

    const sent = await d.as(d.ana, 'conversation.reply', { interactionId: id, mode: 'public', text: 'So sorry Jane! We will send a new one today.', clientKey: 'draft-0001' });
    expect(sent.items).toHaveLength(1);
    expect(sent.items[0]!.kind).toBe('reply');
    // The same draft again (a double click, a retry after a lost answer) sends nothing more.
    await d.as(d.ana, 'conversation.reply', { interactionId: id, mode: 'public', text: 'So sorry Jane! We will send a new one today.', clientKey: 'draft-0001' });
    await waitFor('the reply on X', async () => (await sentActs(d, 'x')).some((a) => a.kind === 'reply'));
    const acts = (await sentActs(d, 'x')).filter((a) => a.kind === 'reply');
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({ target_id: tweet, text: 'So sorry Jane! We will send a new one today.' });

    const after = await waitFor('the outbox state sent', async () => {
      const v = await d.as(d.ana, 'conversation.get', { interactionId: id });
      return v.outbox.find((o) => o.id === sent.items[0]!.id)?.state === 'sent' ? v : null;
    });
    const reply = after.thread.find((t) => t.type === 'message' && t.direction === 'out');
    expect(reply).toMatchObject({ authorKind: 'agent', authorName: 'Ana Souza', visibility: 'public', outboxItemId: sent.items[0]!.id });
    expect(after.interaction.firstResponseAt).not.toBeNull();
  });

  it('refuses what cannot be sent, with a reason, and sends nothing', async () => {
    d = await startDesk();
    const { id } = await mentionFor(d.ana, 'Where is my order?');
    const long = 'x'.repeat(281);
    expect(await d.try(d.ana, 'conversation.reply', { interactionId: id, mode: 'public', text: long, clientKey: 'draft-long1' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('280') },
    });
    // Emoji count double, as X counts them: 140 of them fill a post exactly.
    expect((await d.try(d.ana, 'conversation.reply', { interactionId: id, mode: 'public', text: '😀'.repeat(141), clientKey: 'draft-emoji' })).ok).toBe(false);
    // Ben does not hold it.
    await d.as(d.ben, 'session.signIn', { agentId: d.ben });
    expect(await d.try(d.ben, 'conversation.reply', { interactionId: id, mode: 'public', text: 'Hi', clientKey: 'draft-ben01' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'This conversation is with Ana Souza now.' },
    });
    // A window nobody signed in to cannot send at all.
    expect(await d.try(null, 'conversation.reply', { interactionId: id, mode: 'public', text: 'Hi', clientKey: 'draft-none1' })).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    const outbox = d.h.engine.ctx.sqlite.prepare(`select count(*) as n from outbox_item where created_by like 'agent:%'`).get() as { n: number };
    expect(outbox.n).toBe(0);
  });

  it('never answers a DM publicly, and answers it privately', async () => {
    d = await startDesk();
    await d.as(d.ana, 'session.signIn', { agentId: d.ana });
    await d.as(d.ana, 'routing.setStatus', { agentId: d.ana, status: 'ready', reason: null });
    const dm = await d.h.control<{ id: string; sender_id: string }>('POST', '/_sandbox/x/dms', { from: { username: 'sam_k', name: 'Sam K' }, text: 'Can you check order 4411?' });
    const id = await interactionOf(d, dm.id);
    await waitFor('the DM with Ana (the DM group)', async () => (await d.as(d.ana, 'inbox.mine', {})).rows.some((r) => r.interactionId === id));
    const view = await d.as(d.ana, 'conversation.get', { interactionId: id });
    expect(view.defaultMode).toBe('private');
    expect(view.capabilities.public.allowed).toBe(false);
    expect(view.capabilities.public.reason).toBe('This is a direct message; answer it privately.');
    expect(await d.try(d.ana, 'conversation.reply', { interactionId: id, mode: 'public', text: 'Checking!', clientKey: 'draft-pub01' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await d.as(d.ana, 'conversation.reply', { interactionId: id, mode: 'private', text: 'Checking order 4411 now.', clientKey: 'draft-prv01' });
    await waitFor('the DM on X', async () => (await sentActs(d, 'x')).some((a) => a.kind === 'dm' && a.text === 'Checking order 4411 now.'));
    const acts = await sentActs(d, 'x');
    expect(acts.filter((a) => a.kind === 'reply' || a.kind === 'tweet')).toHaveLength(0);
    expect(acts.find((a) => a.kind === 'dm')!.target_id).toBe(dm.sender_id);
  });

  it('moves a mention to private in one act: the DM, the public note, one interaction', async () => {
    d = await startDesk();
    const { id, tweet, author } = await mentionFor(d.ana, 'You charged me twice!!');
    const templates = await d.as(d.ana, 'conversation.templates', { interactionId: id });
    expect(templates.canned[0]!.variants[0]).toBe('Hi Jane Doe, I am Ana Souza: could you send your order number?');
    const note = templates.moveToPrivate[0]!.variants[0]!;
    expect(note).toBe('Jane Doe, we have sent you a private message.');
    const r = await d.as(d.ana, 'conversation.moveToPrivate', { interactionId: id, text: 'Hi Jane, which card was charged?', publicNote: note, clientKey: 'draft-move1' });
    expect(r.items.map((i) => i.kind)).toEqual(['dm', 'reply']);
    await waitFor('both acts on X', async () => (await sentActs(d, 'x')).filter((a) => a.kind === 'dm' || a.kind === 'reply').length === 2);
    const acts = (await sentActs(d, 'x')).filter((a) => a.kind === 'dm' || a.kind === 'reply');
    // The private message goes first, then the note that points to it.
    expect(acts.map((a) => a.kind)).toEqual(['dm', 'reply']);
    expect(acts[0]).toMatchObject({ target_id: author, text: 'Hi Jane, which card was charged?' });
    expect(acts[1]).toMatchObject({ target_id: tweet, text: note });
    const interactions = d.h.engine.ctx.sqlite.prepare(`select count(*) as n from interaction`).get() as { n: number };
    expect(interactions.n).toBe(1);
    const view = await d.as(d.ana, 'conversation.get', { interactionId: id });
    const out = view.thread.filter((t) => t.type === 'message' && t.direction === 'out');
    expect(out.map((t) => t.type === 'message' && t.visibility)).toEqual(['private', 'public']);
    expect(view.thread.some((t) => t.type === 'event' && t.kind === 'moved_to_private')).toBe(true);

    // The customer answers by DM: it joins this interaction rather than starting another one.
    const answer = await d.h.control<{ id: string }>('POST', '/_sandbox/x/dms', { from: { username: 'jane_doe', name: 'Jane Doe' }, text: 'The Visa ending 4242.' });
    expect(await interactionOf(d, answer.id)).toBe(id);
    expect((d.h.engine.ctx.sqlite.prepare(`select count(*) as n from interaction`).get() as { n: number }).n).toBe(1);
    const later = await d.as(d.ana, 'conversation.get', { interactionId: id });
    expect(later.thread.filter((t) => t.type === 'message').map((t) => t.type === 'message' && `${t.direction}:${t.visibility}`)).toEqual([
      'in:public',
      'out:private',
      'out:public',
      'in:private',
    ]);
    await d.as(d.ana, 'conversation.reply', { interactionId: id, mode: 'private', text: 'Thanks, refunding the second charge now.', clientKey: 'draft-move2' });
    await waitFor('the follow-up DM', async () => (await sentActs(d, 'x')).some((a) => a.kind === 'dm' && a.text === 'Thanks, refunding the second charge now.'));
  });

  it('likes and retweets praise, approves a proposed like instead of doubling it, and undoes', async () => {
    d = await startDesk();
    const strategy = await d.h.call('config.getStrategy', {});
    await d.h.call('config.setStrategy', { ...strategy, engagement: { ...strategy.engagement, enabled: true, requireApproval: true, like: true, retweet: false, threshold: 0.5 } });
    const { id, tweet } = await mentionFor(d.ana, 'I love this coffee, best service ever! Thank you so much!');
    const proposed = await d.as(d.ana, 'conversation.get', { interactionId: id });
    const message = proposed.thread.find((t) => t.type === 'message')!;
    expect(message.type === 'message' && message.reactions?.like?.state).toBe('proposed');

    const liked = await d.as(d.ana, 'conversation.engage', { interactionId: id, messageId: message.id, act: 'like' });
    expect(liked.engagement).toMatchObject({ state: 'approved', automatic: true });
    const rt = await d.as(d.ana, 'conversation.engage', { interactionId: id, messageId: message.id, act: 'retweet' });
    expect(rt.engagement).toMatchObject({ state: 'approved', automatic: false, kind: 'retweet' });
    await waitFor('like and retweet on X', async () => {
      const acts = await sentActs(d, 'x');
      return acts.some((a) => a.kind === 'like') && acts.some((a) => a.kind === 'retweet');
    });
    // Liking again while liked changes nothing.
    await d.as(d.ana, 'conversation.engage', { interactionId: id, messageId: message.id, act: 'like' });
    await waitFor('the like sent', async () => {
      const v = await d.as(d.ana, 'conversation.get', { interactionId: id });
      const m = v.thread.find((t) => t.type === 'message');
      return m?.type === 'message' && m.reactions?.like?.outboxState === 'sent';
    });
    await d.as(d.ana, 'strategy.undoEngagement', { id: liked.engagement!.id });
    await waitFor('the unlike on X', async () => (await sentActs(d, 'x')).some((a) => a.kind === 'unlike'));
    const acts = await sentActs(d, 'x');
    expect(acts.filter((a) => a.kind === 'like')).toHaveLength(1);
    expect(acts.find((a) => a.kind === 'like')!.target_id).toBe(tweet);
    expect(acts.find((a) => a.kind === 'retweet')!.target_id).toBe(tweet);
    // After the undo the post can be liked again, as a new act.
    const again = await d.as(d.ana, 'conversation.engage', { interactionId: id, messageId: message.id, act: 'like' });
    expect(again.item?.kind).toBe('like');
    await waitFor('the second like', async () => (await sentActs(d, 'x')).filter((a) => a.kind === 'like').length === 2);
  });

  it('completes with a disposition code, which the contact history then shows', async () => {
    d = await startDesk();
    const { id } = await mentionFor(d.ana, 'Thanks for the quick help');
    await d.as(d.ana, 'routing.complete', { interactionId: id, dispositionCodeId: d.resolved, note: 'Happy customer' });
    const view = await d.as(d.ana, 'conversation.get', { interactionId: id });
    expect(view.interaction.state).toBe('completed');
    expect(view.interaction.disposition).toMatchObject({ code: 'resolved', label: 'Resolved' });
    expect(view.thread.at(-1)).toMatchObject({ type: 'event', text: 'Completed with disposition resolved: "Happy customer".' });
    expect(await d.try(d.ana, 'conversation.reply', { interactionId: id, mode: 'public', text: 'One more thing', clientKey: 'draft-late1' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'This conversation is completed; nothing more can be sent in it.' },
    });
  });
});
