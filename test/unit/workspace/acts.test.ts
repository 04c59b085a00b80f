// What each send becomes on the network, for every channel and mode: the mode is never guessed, and a
// refusal says why.
import { describe, expect, it } from 'vitest';
import { ParleyError } from '../../../main/errors';
import { capabilitiesOf, planSend, type ActContext } from '../../../main/workspace/acts';
import { orderTime } from '../../../main/workspace/conversation';
import { QueueIndex, qualifies } from '../../../main/workspace/queueIndex';

const open = { kind: 'none', state: 'open', until: null, tag: null, message: 'This channel has no messaging window.' } as const;
const base = (over: Partial<ActContext>): ActContext => ({
  network: 'x',
  channelKind: 'mention',
  window: open,
  target: { networkMessageId: '111', channelKind: 'mention' },
  recipient: { networkUserId: '42', handle: 'jane', displayName: 'Jane' },
  ...over,
});

function refusal(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof ParleyError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('planSend', () => {
  it('answers an X mention publicly with a reply and privately with a DM to its author', () => {
    expect(planSend(base({}), 'public', 'hi')).toEqual({ kind: 'reply', network: 'x', inReplyToTweetId: '111', text: 'hi' });
    expect(planSend(base({}), 'private', 'hi')).toEqual({ kind: 'dm', network: 'x', recipientUserId: '42', text: 'hi' });
  });

  it('refuses a public answer to a DM or a Messenger message instead of sending privately', () => {
    expect(refusal(() => planSend(base({ channelKind: 'dm', target: { networkMessageId: 'dm1', channelKind: 'dm' } }), 'public', 'hi'))).toEqual({
      code: 'conflict',
      message: 'This is a direct message; answer it privately.',
    });
    const messenger = base({ network: 'facebook', channelKind: 'messenger', window: { kind: 'messenger', state: 'open', until: 1, tag: 'RESPONSE', message: 'open' } });
    expect(refusal(() => planSend(messenger, 'public', 'hi')).code).toBe('conflict');
  });

  it('comments on the customer\'s comment, or replies privately to it once', () => {
    const c = base({ network: 'facebook', channelKind: 'post', target: { networkMessageId: 'c9', channelKind: 'comment' }, window: { kind: 'private_reply', state: 'open', until: 5, tag: null, message: 'One private reply can be sent.' } });
    expect(planSend(c, 'public', 'hi')).toEqual({ kind: 'comment', network: 'facebook', objectId: 'c9', text: 'hi' });
    expect(planSend(c, 'private', 'hi')).toEqual({ kind: 'private_reply', network: 'facebook', commentId: 'c9', postId: null, text: 'hi' });
    const post = { ...c, target: { networkMessageId: 'p1', channelKind: 'post' as const } };
    expect(planSend(post, 'private', 'hi')).toMatchObject({ commentId: null, postId: 'p1' });
    const used = { ...c, window: { kind: 'private_reply' as const, state: 'used' as const, until: null, tag: null, message: 'This comment already has its private reply.' } };
    expect(refusal(() => planSend(used, 'private', 'hi'))).toEqual({ code: 'duplicate', message: 'This comment already has its private reply.' });
  });

  it('sends on Messenger with the tag the window allows, and refuses when it is closed', () => {
    const m = (state: 'open' | 'human_agent' | 'closed') =>
      base({ network: 'facebook', channelKind: 'messenger', target: { networkMessageId: 'mid', channelKind: 'messenger' }, window: { kind: 'messenger', state, until: null, tag: null, message: `window ${state}` } });
    expect(planSend(m('open'), 'private', 'hi')).toMatchObject({ kind: 'messenger', recipientPsid: '42', tag: 'RESPONSE' });
    expect(planSend(m('human_agent'), 'private', 'hi')).toMatchObject({ tag: 'HUMAN_AGENT' });
    expect(refusal(() => planSend(m('closed'), 'private', 'hi'))).toEqual({ code: 'outside_messaging_window', message: 'window closed' });
  });

  it('offers the engagement buttons each network allows', () => {
    expect(capabilitiesOf(base({}))).toMatchObject({ like: true, retweet: true, hide: false, moveToPrivate: true });
    const fbComment = base({ network: 'facebook', channelKind: 'comment', target: { networkMessageId: 'c1', channelKind: 'comment' }, window: { kind: 'private_reply', state: 'open', until: null, tag: null, message: '' } });
    expect(capabilitiesOf(fbComment)).toMatchObject({ like: true, retweet: false, hide: true, moveToPrivate: true });
    expect(capabilitiesOf(base({ channelKind: 'dm' }))).toMatchObject({ like: false, retweet: false, moveToPrivate: false });
  });
});

describe('the queue the inbox pages through', () => {
  it('keeps the router\'s order and each agent\'s eligibility, and rebuilds only after a change', async () => {
    let loads = 0;
    let rows = [
      { id: 1, skillId: null, minLevel: null, groupId: null, priority: 0, queuedAt: 100 },
      { id: 2, skillId: 7, minLevel: 5, groupId: null, priority: 5, queuedAt: 300 },
      { id: 3, skillId: null, minLevel: null, groupId: 9, priority: 0, queuedAt: 50 },
      { id: 4, skillId: null, minLevel: null, groupId: null, priority: 0, queuedAt: 100 },
    ];
    const index = new QueueIndex(async () => {
      loads++;
      return rows.map((r) => ({ ...r }));
    });
    expect((await index.all()).map((r) => r.id)).toEqual([2, 3, 1, 4]);
    const billing = { skills: new Map([[7, 6]]), groups: new Set<number>() };
    const dmTeam = { skills: new Map([[7, 4]]), groups: new Set([9]) };
    expect(await index.eligibleIds(billing)).toEqual([2, 1, 4]);
    expect(await index.eligibleIds(dmTeam)).toEqual([3, 1, 4]);
    expect(loads).toBe(1);
    rows = rows.filter((r) => r.id !== 1);
    index.invalidate();
    expect(await index.eligibleIds(billing)).toEqual([2, 4]);
    expect(loads).toBe(2);
    expect(qualifies({ skillId: 7, minLevel: null, groupId: null }, billing)).toBe(true);
  });
});

describe('thread order', () => {
  it('places a network time given to the second as late in that second as its storing allows', () => {
    expect(orderTime({ direction: 'in', sentAt: 5000, storedAt: 5800 })).toBe(5800);
    expect(orderTime({ direction: 'in', sentAt: 5000, storedAt: 9000 })).toBe(5999);
    expect(orderTime({ direction: 'in', sentAt: 5123, storedAt: 9000 })).toBe(5123);
    expect(orderTime({ direction: 'out', sentAt: 5000, storedAt: 5800 })).toBe(5000);
  });
});
