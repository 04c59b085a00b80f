// The control API as tests, benchmarks and the Sandbox screen use it: acting as customers (returning ones,
// renamed ones), credentials, the clock, configuration, faults, the outbound log, state and reset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlError, startHarness, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ brand: { xUsername: 'ParleyDemo', xName: 'Parley Demo', facebookPageName: 'Parley Demo Shop' } });
});
afterAll(async () => {
  await h.close();
});

async function controlFailure(p: Promise<unknown>): Promise<ControlError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ControlError) return e;
    throw e;
  }
  throw new Error('expected the control call to fail');
}

describe('acting as customers', () => {
  it('uses the brand names given at start and prepends the brand handle to a mention', async () => {
    expect(h.x.username).toBe('ParleyDemo');
    expect(h.fb.page_name).toBe('Parley Demo Shop');
    const m = await h.control.mention('cust_one', 'hello there', { name: 'Customer One' });
    expect(m.text).toBe('@ParleyDemo hello there');
    const kept = await h.control.mention('cust_one', 'hey @parleydemo, again');
    expect(kept.text).toBe('hey @parleydemo, again');
    expect(kept.author_id).toBe(m.author_id);
  });

  it('keeps a returning customer under one id when their handle changes', async () => {
    const first = await h.control.mention('old_handle', 'first visit');
    await h.control.mention('new_handle', 'back again', { id: first.author_id });
    const user = h.userClient();
    expect((await user.v2.userByUsername('new_handle')).data?.id).toBe(first.author_id);
    expect((await user.v2.userByUsername('old_handle')).data).toBeUndefined();
  });

  it('threads replies: in_reply_to sets the conversation', async () => {
    const root = await h.control.mention('threader', 'first');
    const reply = await h.control.mention('threader', 'second', { in_reply_to: root.id });
    expect(reply.conversation_id).toBe(root.id);
    const missing = await controlFailure(h.control.mention('threader', 'x', { in_reply_to: '123' }));
    expect(missing.status).toBe(400);
  });

  it('refuses bad input with a field and a sentence', async () => {
    const noText = await controlFailure(h.control.post('/_sandbox/x/mentions', { author: { username: 'a' } }));
    expect(noText.status).toBe(400);
    expect(noText.body).toMatchObject({ error: { code: 'invalid_request', message: expect.stringContaining('text') } });
    const badName = await controlFailure(h.control.mention('not a handle!', 'hi'));
    expect((badName.body as { error: { message: string } }).error.message).toContain('is not an X username');
    const asBrand = await controlFailure(h.control.mention('ParleyDemo', 'hi'));
    expect(asBrand.status).toBe(400);
    const unknown = await controlFailure(h.control.get('/_sandbox/nothing'));
    expect(unknown.status).toBe(404);
    const res = await fetch(`${h.sandbox.url}/_sandbox/x/mentions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(res.status).toBe(400);
    const badComment = await controlFailure(h.control.comment('123_456', 'Someone', 'hi'));
    expect(badComment.status).toBe(400);
  });

  it('adds mentions in bulk for benchmarks, still answering since_id from the middle', async () => {
    await h.control.config({ x: { mentions_cap: 1_000_000 } });
    const bulk = await h.control.post<{ count: number; first_id: string; last_id: string }>('/_sandbox/x/mentions/bulk', { count: 20_000, authors: 500 });
    expect(bulk.count).toBe(20_000);
    const user = h.userClient();
    const all = await user.v2.userMentionTimeline(h.x.user_id, { max_results: 100, since_id: String(BigInt(bulk.first_id) - 1n) });
    expect(all.meta.newest_id).toBe(bulk.last_id);
    expect(all.tweets[0]!.text).toBe('@ParleyDemo Where is my order? #20000');
    const state = await h.control.get<{ x: { mentions_of_brand: number; users: number } }>('/_sandbox/state');
    expect(state.x.mentions_of_brand).toBeGreaterThanOrEqual(20_000);
    await h.control.config({ x: { mentions_cap: 800 } });
  });
});

describe('clock, config, faults, outbound, state and reset', () => {
  it('moves the clock forward only, and new items carry the sandbox time', async () => {
    const before = await h.control.get<{ now: number }>('/_sandbox/clock');
    const after = await h.control.advance(3 * 86_400_000);
    expect(after.now - before.now).toBeGreaterThanOrEqual(3 * 86_400_000);
    expect((await controlFailure(h.control.post('/_sandbox/clock', { advance_ms: -5 }))).status).toBe(400);
    const creds = await h.control.post<{ access_token: string }>('/_sandbox/tokens', { network: 'x' });
    const m = await h.control.mention('clocked', 'what time is it');
    const found = await h.client({ kind: 'oauth2', accessToken: creds.access_token }).v2.search('from:clocked', { 'tweet.fields': ['created_at'] });
    expect(Date.parse(found.tweets[0]!.created_at!)).toBeGreaterThanOrEqual(after.now);
    expect(found.tweets[0]!.id).toBe(m.id);
  });

  it('reads and patches the configuration; unknown keys are refused', async () => {
    const config = await h.control.get<{ x: { mentions_cap: number; stream_keepalive_ms: number; rate_limits: Record<string, { user?: number }> }; facebook: { human_agent: boolean } }>(
      '/_sandbox/config',
    );
    expect(config.x.mentions_cap).toBe(800);
    expect(config.x.stream_keepalive_ms).toBe(20_000);
    expect(config.x.rate_limits['GET /2/dm_events']).toEqual({ user: 15 });
    expect(config.facebook.human_agent).toBe(true);
    const patched = await h.control.config({ x: { duplicate_window_ms: 1000, rate_limits: { 'GET /2/dm_events': { user: 30 } } } });
    expect(patched).toMatchObject({ x: { duplicate_window_ms: 1000, rate_limits: { 'GET /2/dm_events': { user: 30 } } } });
    const typo = await controlFailure(h.control.config({ x: { mention_cap: 5 } }));
    expect(typo.body).toMatchObject({ error: { code: 'invalid_config' } });
    const badEndpoint = await controlFailure(h.control.config({ x: { rate_limits: { 'GET /2/nothing': { user: 1 } } } }));
    expect(badEndpoint.status).toBe(400);
  });

  it('lists and clears faults; refuses a fault without a path', async () => {
    await h.control.fault({ network: 'facebook', path_prefix: '/v23.0/', status: 502, count: 3 });
    expect((await h.control.get<unknown[]>('/_sandbox/faults')).length).toBeGreaterThan(0);
    await h.control.call('DELETE', '/_sandbox/faults');
    expect(await h.control.get('/_sandbox/faults')).toEqual([]);
    expect((await controlFailure(h.control.post('/_sandbox/faults', { network: 'x', status: 500, count: 1 }))).status).toBe(400);
  });

  it('lists outbound acts oldest first, by network and from an offset', async () => {
    const m = await h.control.mention('outbound_olly', 'please reply');
    const creds = await h.control.post<{ access_token: string }>('/_sandbox/tokens', { network: 'x' });
    const user = h.client({ kind: 'oauth2', accessToken: creds.access_token });
    const start = (await h.control.outbound()).length;
    await user.v2.reply('Replying now', m.id);
    await user.v2.like(h.x.user_id, m.id);
    const c = await h.control.messenger('Outbound Ola', 'hi');
    await h.graph().post(`${h.fb.page_id}/messages`, { recipient: { id: c.psid }, messaging_type: 'RESPONSE', message: { text: 'Hello Ola' } });
    const acts = await h.control.get<Array<{ network: string; kind: string; target_id: string; text?: string; at: string }>>(`/_sandbox/outbound?since=${start}`);
    expect(acts.map((a) => [a.network, a.kind, a.target_id, a.text])).toEqual([
      ['x', 'reply', m.id, 'Replying now'],
      ['x', 'like', m.id, undefined],
      ['facebook', 'messenger', c.psid, 'Hello Ola'],
    ]);
    expect(Date.parse(acts[0]!.at)).toBeGreaterThan(0);
    expect((await h.control.outbound('facebook')).every((a) => a.network === 'facebook')).toBe(true);
  });

  it('resets content, acts and limits but keeps the brand and its credentials', async () => {
    const before = await h.control.get<{ brand: { x: { user_id: string } } }>('/_sandbox/state');
    const creds = await h.control.post<{ access_token: string }>('/_sandbox/tokens', { network: 'x' });
    await h.control.post('/_sandbox/reset');
    const state = await h.control.get<{ brand: { x: { user_id: string } }; x: { tweets: number; users: number }; facebook: { posts: number; people: number }; outbound: number }>(
      '/_sandbox/state',
    );
    expect(state.brand.x.user_id).toBe(before.brand.x.user_id);
    expect(state.x).toMatchObject({ tweets: 0, users: 1 });
    expect(state.facebook).toMatchObject({ posts: 2, people: 0 });
    expect(state.outbound).toBe(0);
    expect((await h.client({ kind: 'oauth2', accessToken: creds.access_token }).v2.me()).data.id).toBe(before.brand.x.user_id);
    const config = await h.control.get<{ x: { duplicate_window_ms: number } }>('/_sandbox/config');
    expect(config.x.duplicate_window_ms).toBe(1000);
    await h.control.post('/_sandbox/config/reset');
    expect((await h.control.get<{ x: { duplicate_window_ms: number } }>('/_sandbox/config')).x.duplicate_window_ms).toBe(86_400_000);
  });
});

describe('startSandbox options', () => {
  it('starts its clock at `now`, mints snowflakes from it, and builds paging links on publicBaseUrl', async () => {
    const start = Date.parse('2030-03-01T09:00:00.000Z');
    const other = await startHarness({ now: start, publicBaseUrl: 'http://sandbox.example:4790/' });
    try {
      expect(other.sandbox.clock.now()).toBeGreaterThanOrEqual(start);
      expect(other.sandbox.clock.now()).toBeLessThan(start + 60_000);
      const a = await other.control.mention('snow_a', 'first');
      const b = await other.control.mention('snow_b', 'second');
      expect(BigInt(b.id)).toBeGreaterThan(BigInt(a.id));
      // Snowflake: ((ms - 1288834974657) << 22)
      const minted = Number((BigInt(a.id) >> 22n) + 1288834974657n);
      expect(minted).toBeGreaterThanOrEqual(start);
      expect(minted).toBeLessThan(start + 60_000);
      other.sandbox.clock.advance(3_600_000);
      const c = await other.control.mention('snow_c', 'an hour later');
      expect(Number((BigInt(c.id) >> 22n) + 1288834974657n)).toBeGreaterThanOrEqual(start + 3_600_000);

      for (let i = 0; i < 3; i++) await other.control.visitorPost(`Linker ${i}`, `post ${i}`);
      const page = await other.graph().get<{ paging: { next: string } }>(`${other.fb.page_id}/feed`, { limit: 1 });
      expect(page.data.paging.next).toMatch(/^http:\/\/sandbox\.example:4790\/v23\.0\/101457812431751\/feed\?/);
    } finally {
      await other.close();
    }
  });

  it('answers an unknown X path with a 404 problem that still carries rate-limit headers', async () => {
    const res = await fetch(`${h.sandbox.url}/2/not/a/thing`, { headers: { authorization: `Bearer ${h.x.app_bearer_token}` } });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-rate-limit-limit')).toBeTruthy();
    expect(((await res.json()) as { type: string }).type).toBe('about:blank');
    const graph = await fetch(`${h.sandbox.url}/v23.0/${h.fb.page_id}/nothing?access_token=${encodeURIComponent(h.fb.page_access_token)}`);
    expect(((await graph.json()) as { error: { code: number } }).error.code).toBe(2500);
  });
});
