// The real twitter-api-v2 client, built by the app's createTwitterClient, against the sandbox through the
// OpenAPI-validating proxy: users, mention timeline, recent search, Tweets and replies, likes, retweets, DMs,
// authentication errors. Every X body served here must match the official document (checked in afterAll).
import { ApiResponseError, type TwitterApi } from 'twitter-api-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemName } from '../../../main/channels/twitter/client';
import { startHarness, type Harness } from './harness';

let h: Harness;
let user: TwitterApi;
let app: TwitterApi;
let brandId: string;

async function rejection(p: Promise<unknown>): Promise<ApiResponseError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiResponseError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  h = await startHarness();
  user = h.userClient();
  app = h.appClient();
  brandId = h.x.user_id;
});

afterAll(async () => {
  await h.close();
  expect(h.validator.mismatches()).toEqual([]);
  expect(h.validator.records.length).toBeGreaterThan(60);
  // Every operation of the subset was exercised and validated at least once.
  const ops = new Set([...h.validator.covered()].map((c) => c.replace(/ \d+$/, '')));
  for (const op of [
    'GET /2/users/me',
    'GET /2/users/by/username/{username}',
    'GET /2/users/{id}/mentions',
    'GET /2/tweets/search/recent',
    'POST /2/tweets',
    'DELETE /2/tweets/{id}',
    'POST /2/users/{id}/likes',
    'DELETE /2/users/{id}/likes/{tweet_id}',
    'POST /2/users/{id}/retweets',
    'DELETE /2/users/{id}/retweets/{source_tweet_id}',
    'POST /2/dm_conversations/with/{participant_id}/messages',
    'POST /2/dm_conversations/{dm_conversation_id}/messages',
    'GET /2/dm_events',
    'GET /2/dm_conversations/with/{participant_id}/dm_events',
    'GET /2/dm_conversations/{id}/dm_events',
  ]) {
    expect(ops, op).toContain(op);
  }
});

describe('users', () => {
  it('users/me answers the brand for OAuth 2.0 and OAuth 1.0a user context, with requested fields', async () => {
    const me = await user.v2.me({ 'user.fields': ['created_at', 'description', 'public_metrics', 'protected', 'verified'] });
    expect(me.data).toMatchObject({ id: brandId, username: 'AcmeSupport', name: 'Acme Support', protected: false, verified: false });
    expect(me.data.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(me.data.public_metrics).toHaveProperty('followers_count');
    const viaOAuth1 = await h.oauth1Client().v2.me();
    expect(viaOAuth1.data.id).toBe(brandId);
  });

  it('users/me refuses app-only auth with 403 unsupported-authentication', async () => {
    const e = await rejection(app.v2.me());
    expect(e.code).toBe(403);
    expect(problemName(e.data.type)).toBe('unsupported-authentication');
  });

  it('an unknown token gets 401 about:blank, an expired-looking one too', async () => {
    const e = await rejection(h.client({ kind: 'oauth2', accessToken: 'not-a-token' }).v2.me());
    expect(e.code).toBe(401);
    expect(e.isAuthError).toBe(true);
    expect(e.data).toMatchObject({ title: 'Unauthorized', type: 'about:blank', status: 401 });
    expect(e.rateLimit?.limit).toBe(75);
  });

  it('looks users up by username: found, not found (200 with errors), invalid (400)', async () => {
    await h.control.mention('lookup_me', 'hello', { name: 'Look Up' });
    const found = await app.v2.userByUsername('lookup_me', { 'user.fields': ['description'] });
    expect(found.data).toMatchObject({ username: 'lookup_me', name: 'Look Up', description: '' });
    const missing = await user.v2.userByUsername('nobody_here');
    expect(missing.data).toBeUndefined();
    expect(missing.errors?.[0]).toMatchObject({ title: 'Not Found Error', resource_type: 'user', value: 'nobody_here' });
    const bad = await rejection(user.v2.userByUsername('not-valid!'));
    expect(bad.code).toBe(400);
  });
});

describe('mention timeline', () => {
  const ids: string[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 12; i++) ids.push((await h.control.mention(`fan_${i}`, `question number ${i}`, { name: `Fan ${i}` })).id);
  });

  it('pages newest first with next_token -> pagination_token, expansions and fields included', async () => {
    const first = await user.v2.userMentionTimeline(brandId, {
      max_results: 5,
      since_id: String(BigInt(ids[0]!) - 1n),
      expansions: ['author_id'],
      'tweet.fields': ['created_at', 'author_id', 'conversation_id', 'in_reply_to_user_id', 'referenced_tweets'],
      'user.fields': ['username', 'name'],
    });
    expect(first.tweets.map((t) => t.id)).toEqual(ids.slice(7).reverse());
    expect(first.meta.next_token).toBeTruthy();
    expect(first.meta.newest_id).toBe(ids[11]);
    expect(first.meta.oldest_id).toBe(ids[7]);
    const t0 = first.tweets[0]!;
    expect(t0.text).toBe('@AcmeSupport question number 11');
    expect(t0.conversation_id).toBe(t0.id);
    expect(first.includes.author(t0)?.username).toBe('fan_11');
    await first.fetchNext();
    await first.fetchNext();
    expect(first.done).toBe(true);
    expect(first.tweets.map((t) => t.id)).toEqual([...ids].reverse());
  });

  it('since_id is exclusive; nothing newer is {"meta":{"result_count":0}}', async () => {
    const newer = await user.v2.userMentionTimeline(brandId, { since_id: ids[9] });
    expect(newer.tweets.map((t) => t.id)).toEqual([ids[11], ids[10]]);
    const none = await user.v2.userMentionTimeline(brandId, { since_id: ids[11] });
    expect(none.tweets).toEqual([]);
    expect(none.meta.result_count).toBe(0);
    expect(none.data.data).toBeUndefined();
  });

  it('Tweets arriving while paging do not shift the next page; previous_token walks back up', async () => {
    const page1 = await user.v2.userMentionTimeline(brandId, { max_results: 5, since_id: String(BigInt(ids[0]!) - 1n) });
    const late = await h.control.mention('late_fan', 'I arrived mid-paging');
    const page2 = await page1.next();
    expect(page2.tweets.map((t) => t.id)).toEqual(ids.slice(2, 7).reverse());
    expect(page2.meta.previous_token).toBeTruthy();
    const back = await user.v2.userMentionTimeline(brandId, { max_results: 5, pagination_token: page2.meta.previous_token, since_id: String(BigInt(ids[0]!) - 1n) });
    expect(back.tweets.map((t) => t.id)).toEqual(ids.slice(7).reverse());
    const poll = await user.v2.userMentionTimeline(brandId, { since_id: ids[11] });
    expect(poll.tweets.map((t) => t.id)).toEqual([late.id]);
  });

  it('only the most recent mentions_cap mentions are reachable', async () => {
    await h.control.config({ x: { mentions_cap: 4 } });
    try {
      const capped = await user.v2.userMentionTimeline(brandId, { max_results: 100, since_id: String(BigInt(ids[0]!) - 1n) });
      expect(capped.tweets).toHaveLength(4);
    } finally {
      await h.control.config({ x: { mentions_cap: 800 } });
    }
  });

  it('rejects out-of-range max_results and malformed ids with the live 400 message', async () => {
    const e = await rejection(user.v2.userMentionTimeline(brandId, { max_results: 1 }));
    expect(e.code).toBe(400);
    expect(e.errors?.[0]).toMatchObject({ message: 'The `max_results` query parameter value [1] is not between 5 and 100' });
    expect(e.message).toContain('Invalid Request');
    const f = await rejection(user.v2.userMentionTimeline(brandId, { 'tweet.fields': ['nonsense' as 'id'] }));
    expect(f.code).toBe(400);
  });
});

describe('recent search', () => {
  let root: { id: string };
  let followUp: { id: string };
  beforeAll(async () => {
    root = await h.control.mention('search_ana', 'my order #77 arrived broken, I want a refund', { name: 'Ana' });
    followUp = await h.control.mention('search_ana', 'still waiting for the refund', { in_reply_to: root.id });
    await h.control.tweet('search_bob', 'Broken blender again. Thinking of switching brands');
    await h.control.tweet('search_cy', 'I love my new "super blender" from the shop');
  });

  it('finds by keyword, phrase, OR, from:, to:, @mention, conversation_id:, is:reply and -is:retweet', async () => {
    const ids = async (query: string) => (await user.v2.search(query, { max_results: 100 })).tweets.map((t) => t.id);
    expect(await ids('refund from:search_ana')).toEqual([followUp.id, root.id]);
    expect(await ids('"order #77" broken')).toEqual([root.id]);
    expect((await ids('blender OR refund')).length).toBe(4);
    expect(await ids('"super blender"')).toHaveLength(1);
    expect(await ids(`conversation_id:${root.id} is:reply`)).toEqual([followUp.id]);
    expect(await ids(`to:search_ana`)).toEqual([followUp.id]);
    expect((await ids('@AcmeSupport refund -is:retweet')).sort()).toEqual([root.id, followUp.id].sort());
    expect(await ids('broken -from:search_ana')).toHaveLength(1);
  });

  it("finds the brand's own reply by from:brand conversation_id:X (how the outbox reconciles)", async () => {
    const reply = await user.v2.reply('Sorry Ana, a replacement is on its way.', followUp.id);
    const found = await user.v2.search(`from:AcmeSupport conversation_id:${root.id}`, { 'tweet.fields': ['in_reply_to_user_id', 'referenced_tweets', 'author_id'] });
    expect(found.tweets.map((t) => t.id)).toEqual([reply.data.id]);
    expect(found.tweets[0]!.referenced_tweets).toEqual([{ type: 'replied_to', id: followUp.id }]);
    expect(found.tweets[0]!.author_id).toBe(brandId);
  });

  it('pages with next_token (the library sends next_token, not pagination_token)', async () => {
    for (let i = 0; i < 13; i++) await h.control.tweet(`pager_${i % 3}`, `pagination probe ${i}`);
    const p = await user.v2.search('probe', { max_results: 10 });
    expect(p.tweets).toHaveLength(10);
    expect(p.meta.next_token).toBeTruthy();
    await p.fetchNext();
    expect(p.tweets).toHaveLength(13);
    expect(p.done).toBe(true);
    expect(new Set(p.tweets.map((t) => t.id)).size).toBe(13);
  });

  it('refuses an unknown operator and a query that only narrows', async () => {
    const e = await rejection(user.v2.search('nonsense:thing'));
    expect(e.code).toBe(400);
    expect(String(e.errors?.[0] && 'message' in e.errors[0] ? e.errors[0].message : '')).toContain("invalid operator 'nonsense'");
    expect((await rejection(user.v2.search('-is:retweet'))).code).toBe(400);
  });
});

describe('Tweets, likes and retweets', () => {
  it('creates a Tweet (201) and refuses the same text again (403 duplicate)', async () => {
    const res = await user.v2.tweet('Our store hours are 9 to 5 today.');
    expect(res.data.text).toBe('Our store hours are 9 to 5 today.');
    const e = await rejection(user.v2.tweet('Our store hours are 9 to 5 today.'));
    expect(e.code).toBe(403);
    expect(e.data).toMatchObject({ detail: 'You are not allowed to create a Tweet with duplicate content.', type: 'about:blank', title: 'Forbidden' });
    const out = await h.control.outbound('x');
    expect(out.filter((a) => a.text === 'Our store hours are 9 to 5 today.')).toHaveLength(1);
  });

  it('refuses a reply to a Tweet that does not exist, and text over 280', async () => {
    const gone = await rejection(user.v2.reply('hello?', '1999999999999999999'));
    expect(gone.code).toBe(403);
    expect(gone.data.detail).toBe('You attempted to reply to a Tweet that is deleted or not visible to you.');
    const long = await rejection(user.v2.tweet('x'.repeat(281)));
    expect(long.code).toBe(400);
  });

  it('deletes its own Tweet, and replies to a deleted one are refused', async () => {
    const t = await user.v2.tweet('A Tweet to delete');
    const del = await user.v2.deleteTweet(t.data.id);
    expect(del.data.deleted).toBe(true);
    expect((await rejection(user.v2.reply('hi', t.data.id))).code).toBe(403);
  });

  it('likes and unlikes idempotently; the outbound log shows each change once', async () => {
    const m = await h.control.mention('liker_target', 'thanks for the help!');
    expect((await user.v2.like(brandId, m.id)).data.liked).toBe(true);
    expect((await user.v2.like(brandId, m.id)).data.liked).toBe(true);
    expect((await user.v2.unlike(brandId, m.id)).data.liked).toBe(false);
    expect((await user.v2.unlike(brandId, m.id)).data.liked).toBe(false);
    const acts = (await h.control.outbound('x')).filter((a) => a.target_id === m.id);
    expect(acts.map((a) => a.kind)).toEqual(['like', 'unlike']);
    const other = await rejection(user.v2.like('12345', m.id));
    expect(other.code).toBe(403);
  });

  it('retweets and unretweets; retweets are excluded by -is:retweet', async () => {
    const m = await h.control.mention('rt_source', 'Loving the zebra collection');
    const rt = await user.v2.retweet(brandId, m.id);
    expect(rt.data.retweeted).toBe(true);
    const all = await user.v2.search('zebra');
    expect(all.tweets).toHaveLength(2);
    const original = await user.v2.search('zebra -is:retweet');
    expect(original.tweets.map((t) => t.id)).toEqual([m.id]);
    expect((await user.v2.unretweet(brandId, m.id)).data.retweeted).toBe(false);
    expect((await user.v2.search('zebra')).tweets).toHaveLength(1);
    const kinds = (await h.control.outbound('x')).filter((a) => a.target_id === m.id).map((a) => a.kind);
    expect(kinds).toEqual(['retweet', 'unretweet']);
  });

  it('POST /2/tweets carries the 24-hour headers beside x-rate-limit-*', async () => {
    const res = await user.v2.post('tweets', { text: 'Headers check' }, { fullResponse: true });
    expect(res.rateLimit?.limit).toBe(100);
    expect(res.rateLimit?.day).toMatchObject({ limit: 10_000 });
    expect(res.headers['x-app-limit-24hour-remaining']).toBeDefined();
  });
});

describe('direct messages', () => {
  it("sends and lists DM events, the brand's own messages included, in both conversation views", async () => {
    const inbound = await h.control.dm('dm_dana', 'Hi, my package never arrived');
    const sent = await user.v2.sendDmToParticipant(inbound.sender_id, { text: 'Sorry Dana! What is the order number?' });
    const sentData = (sent as unknown as { data: { dm_event_id: string; dm_conversation_id: string } }).data;
    expect(sentData.dm_conversation_id).toBe(inbound.dm_conversation_id);
    const more = await user.v2.sendDmInConversation(inbound.dm_conversation_id, { text: 'We can also refund it.' });
    const moreData = (more as unknown as { data: { dm_event_id: string } }).data;

    const all = await user.v2.listDmEvents({ 'dm_event.fields': ['sender_id', 'dm_conversation_id', 'created_at'], expansions: ['sender_id'] });
    const ids = all.events.map((e) => e.id);
    expect(ids.slice(0, 3)).toEqual([moreData.dm_event_id, sentData.dm_event_id, inbound.id]);
    const mine = all.events.find((e) => e.id === sentData.dm_event_id) as { sender_id?: string } | undefined;
    expect(mine?.sender_id).toBe(brandId);
    const withDana = await user.v2.listDmEventsWithParticipant(inbound.sender_id);
    expect(withDana.events.map((e) => e.id)).toEqual([moreData.dm_event_id, sentData.dm_event_id, inbound.id]);
    const ofConversation = await user.v2.listDmEventsOfConversation(inbound.dm_conversation_id, { 'dm_event.fields': ['text'] });
    expect(ofConversation.events).toHaveLength(3);
    const out = (await h.control.outbound('x')).filter((a) => a.kind === 'dm');
    expect(out.map((a) => a.text)).toEqual(['Sorry Dana! What is the order number?', 'We can also refund it.']);
  });

  it('pages DM events with pagination_token', async () => {
    for (let i = 0; i < 7; i++) await h.control.dm('dm_pager', `message ${i}`);
    const p = await user.v2.listDmEventsWithParticipant((await app.v2.userByUsername('dm_pager')).data.id, { max_results: 3 });
    expect(p.events).toHaveLength(3);
    await p.fetchNext();
    await p.fetchNext();
    expect(p.events.map((e) => (e as { text?: string }).text)).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => `message ${i}`));
    expect(p.done).toBe(true);
  });

  it('refuses app-only DMs and empty text', async () => {
    const inbound = await h.control.dm('dm_eve', 'hello');
    expect((await rejection(app.v2.sendDmToParticipant(inbound.sender_id, { text: 'hi' }))).code).toBe(403);
    expect((await rejection(user.v2.sendDmToParticipant(inbound.sender_id, { text: '' }))).code).toBe(400);
  });
});

// Last: it moves the sandbox clock 8 days, past every token's lifetime.
describe('the 7-day search window', () => {
  it('covers 7 days: older Tweets drop out and a stale since_id is the live 400', async () => {
    const old = await h.control.tweet('old_timer', 'ancient unicorn message');
    await h.control.advance(8 * 86_400_000);
    const fresh = await h.control.post<{ access_token: string }>('/_sandbox/tokens', { network: 'x' });
    user = h.client({ kind: 'oauth2', accessToken: fresh.access_token });
    const p = await user.v2.search('unicorn');
    expect(p.tweets).toEqual([]);
    const e = await rejection(user.v2.search('unicorn', { since_id: old.id }));
    expect(e.code).toBe(400);
    const message = (e.errors?.[0] as { message?: string } | undefined)?.message ?? '';
    expect(message).toMatch(/^'since_id' must be a tweet id created after \d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z\. Please use a 'since_id' that is larger than \d+$/);
  });
});
