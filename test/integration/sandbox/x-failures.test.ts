// How the sandbox fails the way X does: per-endpoint 429 with a reset the clock can pass, token expiry and
// refresh with rotation, injected 5xx bursts, a socket reset after the act happened, an unreadable body and
// a request that never gets an answer. REST bodies are validated against the OpenAPI document.
import { ApiPartialResponseError, ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwitterClient } from '../../../main/channels/twitter/client';
import { startHarness, type Harness } from './harness';

let h: Harness;

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
  expect(h.validator.mismatches()).toEqual([]);
});

describe('rate limits', () => {
  it('counts per endpoint and user, answers 429 at the limit, and opens again after the reset', async () => {
    await h.control.config({ x: { rate_limits: { 'GET /2/users/me': { user: 3 } } } });
    const user = h.userClient();
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await user.v2.get('users/me', undefined, { fullResponse: true });
      seen.push(r.rateLimit!.remaining);
    }
    expect(seen).toEqual([2, 1, 0]);
    const e = (await failure(user.v2.me())) as ApiResponseError;
    expect(e).toBeInstanceOf(ApiResponseError);
    expect(e.code).toBe(429);
    expect(e.rateLimitError).toBe(true);
    expect(e.rateLimit).toMatchObject({ limit: 3, remaining: 0 });
    expect(e.data).toMatchObject({ title: 'Too Many Requests', type: 'about:blank', status: 429 });
    // Other endpoints have their own windows.
    expect((await user.v2.userByUsername('AcmeSupport')).data.id).toBe(h.x.user_id);
    const now = (await h.control.get<{ now: number }>('/_sandbox/clock')).now;
    await h.control.advance(e.rateLimit!.reset * 1000 - now + 1);
    const again = await user.v2.get('users/me', undefined, { fullResponse: true });
    expect(again.rateLimit!.remaining).toBe(2);
    await h.control.config({ x: { rate_limits: { 'GET /2/users/me': { user: 75 } } } });
  });

  it('app-only calls count against the app bucket, separately from the user', async () => {
    await h.control.config({ x: { rate_limits: { 'GET /2/users/by/username/:username': { app: 1, user: 900 } } } });
    const app = h.appClient();
    await app.v2.userByUsername('AcmeSupport');
    expect(((await failure(app.v2.userByUsername('AcmeSupport'))) as ApiResponseError).code).toBe(429);
    expect((await h.userClient().v2.userByUsername('AcmeSupport')).data.username).toBe('AcmeSupport');
  });
});

describe('token expiry and refresh', () => {
  it('expired tokens get 401; refresh issues new tokens and rotates the refresh token', async () => {
    const creds = await h.control.post<{ access_token: string; refresh_token: string; client_id: string; client_secret: string }>('/_sandbox/tokens', { network: 'x' });
    const user = h.client({ kind: 'oauth2', accessToken: creds.access_token });
    expect((await user.v2.me()).data.username).toBe('AcmeSupport');
    expect(await h.control.post('/_sandbox/tokens/expire', { network: 'x' })).toMatchObject({ network: 'x' });
    const e = (await failure(user.v2.me())) as ApiResponseError;
    expect(e.code).toBe(401);
    expect(e.isAuthError).toBe(true);

    const refresher = h.client({ kind: 'client', clientId: creds.client_id, clientSecret: creds.client_secret });
    const refreshed = await refresher.refreshOAuth2Token(creds.refresh_token);
    expect(refreshed.expiresIn).toBe(7200);
    expect(refreshed.refreshToken).not.toBe(creds.refresh_token);
    expect((await refreshed.client.v2.me()).data.id).toBe(h.x.user_id);
    // The used refresh token is spent.
    const reuse = (await failure(refresher.refreshOAuth2Token(creds.refresh_token))) as ApiResponseError;
    expect(reuse.code).toBe(400);
    expect(reuse.data).toMatchObject({ error: 'invalid_request' });
    // The sandbox hands out the rotated pair as the current credentials.
    const current = await h.control.post<{ access_token: string; refresh_token: string }>('/_sandbox/tokens', { network: 'x' });
    expect(current.refresh_token).toBe(refreshed.refreshToken);
  });

  it('accepts a form-encoded refresh as real clients send it', async () => {
    const creds = await h.control.post<{ refresh_token: string; client_id: string }>('/_sandbox/tokens', { network: 'x' });
    const res = await fetch(`${h.sandbox.url}/2/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: creds.refresh_token, client_id: creds.client_id }).toString(),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token_type: string; access_token: string; scope: string };
    expect(body.token_type).toBe('bearer');
    expect(body.scope).toContain('offline.access');
    expect(res.headers.get('x-rate-limit-limit')).toBeTruthy();
  });

  it('access tokens expire on their own after two hours of sandbox time', async () => {
    const creds = await h.control.post<{ access_token: string; expires_in: number }>('/_sandbox/tokens', { network: 'x' });
    const user = h.client({ kind: 'oauth2', accessToken: creds.access_token });
    await user.v2.me();
    await h.control.advance(creds.expires_in * 1000 + 1);
    expect(((await failure(user.v2.me())) as ApiResponseError).code).toBe(401);
    const fresh = await h.control.post<{ access_token: string }>('/_sandbox/tokens', { network: 'x' });
    expect(fresh.access_token).not.toBe(creds.access_token);
    expect((await h.client({ kind: 'oauth2', accessToken: fresh.access_token }).v2.me()).data.id).toBe(h.x.user_id);
  });
});

describe('injected faults', () => {
  it('the next N calls under a path fail with the status, and the fault counts them', async () => {
    const creds = await h.control.post<{ access_token: string }>('/_sandbox/tokens', { network: 'x' });
    const user = h.client({ kind: 'oauth2', accessToken: creds.access_token });
    const fault = await h.control.fault({ network: 'x', path_prefix: '/2/users/me', status: 503, count: 2 });
    for (let i = 0; i < 2; i++) {
      const e = (await failure(user.v2.me())) as ApiResponseError;
      expect(e.code).toBe(503);
      expect(e.rateLimit?.limit).toBeGreaterThan(0);
    }
    expect((await user.v2.me()).data.id).toBe(h.x.user_id);
    const faults = await h.control.get<Array<{ id: number; hits: number; remaining: number }>>('/_sandbox/faults');
    expect(faults.find((f) => f.id === fault.id)).toMatchObject({ hits: 2, remaining: 0 });
  });

  it('a reset mid-body loses the answer but not the act: the reply is found by search afterwards', async () => {
    const creds = await h.control.post<{ access_token: string }>('/_sandbox/tokens', { network: 'x' });
    // Straight to the sandbox: the proxy would only re-validate a body that is cut on purpose.
    const direct = createTwitterClient({ baseUrl: h.sandbox.url, auth: { kind: 'oauth2', accessToken: creds.access_token } });
    const m = await h.control.mention('reset_rita', 'is anyone there?');
    await h.control.fault({ network: 'x', path_prefix: '/2/tweets', status: 201, count: 1, mode: 'reset' });
    const e = await failure(direct.v2.reply('Yes, we are here to help!', m.id));
    expect(e instanceof ApiPartialResponseError || e instanceof ApiRequestError).toBe(true);
    const found = await direct.v2.search(`from:AcmeSupport conversation_id:${m.conversation_id}`);
    expect(found.tweets.map((t) => t.text)).toEqual(['Yes, we are here to help!']);
    const out = (await h.control.outbound('x')).filter((a) => a.target_id === m.id);
    expect(out).toHaveLength(1);
  });

  it('malformed JSON surfaces as a partial-response error', async () => {
    const creds = await h.control.post<{ access_token: string }>('/_sandbox/tokens', { network: 'x' });
    const direct = createTwitterClient({ baseUrl: h.sandbox.url, auth: { kind: 'oauth2', accessToken: creds.access_token } });
    await h.control.fault({ network: 'x', path_prefix: '/2/users/me', status: 200, count: 1, mode: 'malformed_json' });
    expect(await failure(direct.v2.me())).toBeInstanceOf(ApiPartialResponseError);
  });

  it('a request that is never answered times out on the client', async () => {
    const creds = await h.control.post<{ access_token: string }>('/_sandbox/tokens', { network: 'x' });
    const direct = createTwitterClient({ baseUrl: h.sandbox.url, auth: { kind: 'oauth2', accessToken: creds.access_token } });
    await h.control.fault({ network: 'x', path_prefix: '/2/users/me', status: 200, count: 1, mode: 'timeout' });
    expect(await failure(direct.v2.get('users/me', undefined, { timeout: 200 }))).toBeInstanceOf(ApiRequestError);
    expect((await direct.v2.me()).data.id).toBe(h.x.user_id);
  });
});

describe('history windows', () => {
  it('dm_events returns only the last 30 days', async () => {
    const old = await h.control.dm('dm_ancient', 'an old question');
    await h.control.advance(31 * 86_400_000);
    const recent = await h.control.dm('dm_recent', 'a new question');
    const creds = await h.control.post<{ access_token: string }>('/_sandbox/tokens', { network: 'x' });
    const events = await h.client({ kind: 'oauth2', accessToken: creds.access_token }).v2.listDmEvents();
    const ids = events.events.map((e) => e.id);
    expect(ids).toContain(recent.id);
    expect(ids).not.toContain(old.id);
  });
});
