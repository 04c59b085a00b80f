// The filtered stream and its rules through the real twitter-api-v2 TweetStream: 409 without rules, CRLF
// keep-alives, Tweets with matching_rules, the one-connection rule, and recovery from a clean close, an
// operational disconnect, a stall and a message cut in half. Every message is validated against the
// OpenAPI document by the proxy the client talks to.
import { ApiResponseError, ETwitterStreamEvent, type TweetStream, type TweetV2SingleStreamResult, type TwitterApi } from 'twitter-api-v2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nextEvent, startHarness, waitFor, type Harness } from './harness';

let h: Harness;
let app: TwitterApi;
const open: TweetStream[] = [];

async function failure(p: Promise<unknown>): Promise<ApiResponseError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiResponseError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

async function connect(params: Record<string, unknown> = {}): Promise<{ stream: TweetStream<TweetV2SingleStreamResult>; items: TweetV2SingleStreamResult[] }> {
  const stream = await app.v2.searchStream({ ...params, autoConnect: false, expansions: ['author_id'], 'tweet.fields': ['created_at', 'author_id', 'conversation_id'] });
  const items: TweetV2SingleStreamResult[] = [];
  stream.on(ETwitterStreamEvent.Data, (d: TweetV2SingleStreamResult) => items.push(d));
  open.push(stream);
  await stream.connect({ autoReconnect: true, autoReconnectRetries: 'unlimited', keepAliveTimeout: 2_000, nextRetryTimeout: () => 25 });
  return { stream, items };
}

const serverSeesNoStream = () =>
  waitFor(async () => !(await h.control.get<{ x: { stream: { connected: boolean } } }>('/_sandbox/state')).x.stream.connected, 'the sandbox to drop the stream');

beforeAll(async () => {
  h = await startHarness({ keepAliveMs: 40 });
  app = h.appClient();
  h.validator.warm('GET', '/2/tweets/search/stream', 200, 'application/json');
  h.validator.warm('GET', '/2/tweets/search/stream', 429, 'application/problem+json');
});

afterEach(async () => {
  for (const s of open.splice(0)) s.destroy();
  await serverSeesNoStream();
});

afterAll(async () => {
  await h.close();
  expect(h.validator.mismatches()).toEqual([]);
  const covered = h.validator.covered();
  for (const op of ['GET /2/tweets/search/stream 200', 'GET /2/tweets/search/stream 409', 'GET /2/tweets/search/stream 429', 'GET /2/tweets/search/stream/rules 200', 'POST /2/tweets/search/stream/rules 201', 'POST /2/tweets/search/stream/rules 200']) {
    expect(covered, op).toContain(op);
  }
});

describe('rules', () => {
  it('starts empty, refuses to stream without rules, then adds, reports duplicates and invalid rules, lists and deletes', async () => {
    const empty = await app.v2.streamRules();
    expect(empty.data).toBeUndefined();
    expect(empty.meta.result_count).toBe(0);
    expect((await failure(app.v2.searchStream())).code).toBe(409);

    const added = await app.v2.updateStreamRules({
      add: [
        { value: '@AcmeSupport -is:retweet', tag: 'brand' },
        { value: 'refund OR broken', tag: 'keywords' },
      ],
    });
    expect(added.meta.summary).toEqual({ created: 2, not_created: 0, valid: 2, invalid: 0 });
    expect(added.data.map((r) => r.tag)).toEqual(['brand', 'keywords']);

    const dup = await app.v2.updateStreamRules({ add: [{ value: 'refund OR broken' }, { value: 'temporary rule' }] });
    expect(dup.meta.summary).toMatchObject({ created: 1, not_created: 1 });
    expect(dup.errors?.[0]).toMatchObject({ title: 'DuplicateRule', value: 'refund OR broken' });

    const invalid = await app.v2.updateStreamRules({ add: [{ value: 'bogus:operator' }, { value: 'fine words' }] });
    expect(invalid.meta.summary).toMatchObject({ created: 0, invalid: 1 });

    const listed = await app.v2.streamRules();
    expect(listed.data.map((r) => r.value)).toEqual(['@AcmeSupport -is:retweet', 'refund OR broken', 'temporary rule']);
    const temp = listed.data.find((r) => r.value === 'temporary rule')!;
    const deleted = await app.v2.updateStreamRules({ delete: { ids: [temp.id] } });
    expect(deleted.meta.summary).toEqual({ deleted: 1, not_deleted: 0 });
    expect((await app.v2.streamRules({ ids: temp.id })).meta.result_count).toBe(0);
  });

  it('are app-only: a user token gets 403', async () => {
    expect((await failure(h.userClient().v2.streamRules())).code).toBe(403);
    expect((await failure(h.userClient().v2.searchStream())).code).toBe(403);
  });
});

describe('streaming', () => {
  it('sends CRLF keep-alives and matching Tweets with their rules; the timeline has the same mention', async () => {
    const { stream, items } = await connect();
    await nextEvent(stream, ETwitterStreamEvent.DataKeepAlive);
    const m = await h.control.mention('stream_sam', 'my parcel is lost 😢', { name: 'Sam' });
    const k = await h.control.tweet('stream_kim', 'My kettle arrived broken');
    await h.control.tweet('stream_lee', 'nothing to see here');
    const got = await waitFor(() => items.length >= 2 && items, 'two Tweets on the stream');
    expect(got.map((i) => i.data.id)).toEqual([m.id, k.id]);
    expect(got[0]!.matching_rules.map((r) => r.tag)).toEqual(['brand']);
    expect(got[0]!.includes?.users?.[0]).toMatchObject({ username: 'stream_sam', name: 'Sam' });
    expect(got[0]!.data.created_at).toMatch(/Z$/);
    expect(got[1]!.matching_rules.map((r) => r.tag)).toEqual(['keywords']);
    const timeline = await h.userClient().v2.userMentionTimeline(h.x.user_id, { since_id: String(BigInt(m.id) - 1n) });
    expect(timeline.tweets.map((t) => t.id)).toContain(m.id);

    // The brand retweeting a mention is not delivered for "@AcmeSupport -is:retweet".
    await h.userClient().v2.retweet(h.x.user_id, m.id);
    const after = await h.control.mention('stream_sam', 'follow-up');
    await waitFor(() => items.some((i) => i.data.id === after.id), 'the follow-up');
    expect(items.filter((i) => i.data.text.startsWith('RT @'))).toEqual([]);
  });

  it('allows one connection per app: the second gets 429 TooManyConnections', async () => {
    await connect();
    const e = await failure(app.v2.searchStream());
    expect(e.code).toBe(429);
    expect(e.data).toMatchObject({ title: 'ConnectionException', connection_issue: 'TooManyConnections' });
  });

  it('reconnects after a clean close, an operational disconnect, a stall and a cut message', async () => {
    const { stream, items } = await connect();
    const expectDelivery = async (label: string) => {
      const t = await h.control.mention('stream_rec', `still there after ${label}?`);
      await waitFor(() => items.some((i) => i.data.id === t.id), `delivery after ${label}`);
    };

    let reconnected = nextEvent(stream, ETwitterStreamEvent.Reconnected);
    expect(await h.control.post('/_sandbox/x/stream/disconnect', { mode: 'close' })).toMatchObject({ disconnected: true });
    await reconnected;
    await expectDelivery('close');

    reconnected = nextEvent(stream, ETwitterStreamEvent.Reconnected);
    const twitterError = nextEvent<{ errors: Array<{ disconnect_type: string }> }>(stream, ETwitterStreamEvent.DataError);
    await h.control.post('/_sandbox/x/stream/disconnect', { mode: 'operational' });
    expect((await twitterError).errors[0]!.disconnect_type).toBe('OperationalDisconnect');
    await reconnected;
    await expectDelivery('an operational disconnect');

    reconnected = nextEvent(stream, ETwitterStreamEvent.Reconnected);
    const lost = nextEvent(stream, ETwitterStreamEvent.ConnectionLost);
    await h.control.post('/_sandbox/x/stream/disconnect', { mode: 'stall' });
    await lost;
    await reconnected;
    await expectDelivery('a stall');

    // The next connection cuts its first message in half; the client reconnects and carries on.
    await h.control.fault({ network: 'x', path_prefix: '/2/tweets/search/stream', status: 200, count: 1, mode: 'truncate' });
    reconnected = nextEvent(stream, ETwitterStreamEvent.Reconnected);
    await h.control.post('/_sandbox/x/stream/disconnect', { mode: 'close' });
    await reconnected;
    reconnected = nextEvent(stream, ETwitterStreamEvent.Reconnected);
    const cut = await h.control.mention('stream_rec', 'this one is cut in half');
    await reconnected;
    expect(items.some((i) => i.data.id === cut.id)).toBe(false);
    await expectDelivery('a cut message');
  });

  it('delivers duplicates out of order when asked to, and backfills recent Tweets on connect', async () => {
    await h.control.config({ x: { stream_duplicates: true } });
    const first = await connect();
    const a = await h.control.mention('dup_dan', 'first');
    const b = await h.control.mention('dup_dan', 'second');
    await waitFor(() => first.items.length >= 3, 'a duplicate');
    expect(first.items.map((i) => i.data.id)).toEqual([a.id, b.id, a.id]);
    await h.control.config({ x: { stream_duplicates: false } });
    first.stream.destroy();
    await serverSeesNoStream();

    const missed = await h.control.mention('backfill_bo', 'sent while you were away');
    const second = await connect({ backfill_minutes: 2 });
    await waitFor(() => second.items.some((i) => i.data.id === missed.id), 'the backfilled Tweet');
  });
});
