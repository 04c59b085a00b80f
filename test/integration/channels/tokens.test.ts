// Token expiry and recovery: X refreshes once on 401 and stores the rotated tokens; without a refresh
// token the account shows "token expired", its outbound acts are held, and re-authenticating in Admin
// resumes polling and sends them. Facebook's expired Page token behaves the same way.
import { afterEach, describe, expect, it } from 'vitest';
import { enqueueOutbound } from '../../../main/outbox/enqueue';
import { messages, outbound, sandboxAccount, startHarness, waitFor, type Harness } from './harness';

interface XTokens {
  access_token: string;
  refresh_token: string;
  client_id: string;
  app_bearer_token: string;
}

const outboxState = (h: Harness, id: number) =>
  h.engine.ctx.sqlite.prepare('select state, last_error_code as code from outbox_item where id = ?').get(id) as { state: string; code: string | null };

describe('token expiry and recovery', { timeout: 60_000 }, () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('refreshes an expired X token once, stores the rotated tokens and keeps polling', async () => {
    h = await startHarness({ settings: { streamEnabled: false } });
    const x = await sandboxAccount(h, 'x');
    const vault = h.engine.ctx.channels!.vault;
    const before = await vault.load(h.engine.ctx.db, x.id);
    await waitFor('connected', async () => (await h.call('channels.list', {})).accounts.find((a) => a.id === x.id)!.status === 'connected');
    await h.control('POST', '/_sandbox/tokens/expire', { network: 'x' });
    const m = await h.control<{ id: string }>('POST', '/_sandbox/x/mentions', { author: { username: 'after_expiry', name: 'E' }, text: 'still there?' });
    await waitFor('mention polled after the expiry', () => messages(h).some((r) => r.network_message_id === m.id));
    const after = await vault.load(h.engine.ctx.db, x.id);
    expect(after.kind).toBe('oauth2');
    if (before.kind !== 'oauth2' || after.kind !== 'oauth2') throw new Error('unexpected credentials');
    expect(after.accessToken).not.toBe(before.accessToken);
    // X rotates refresh tokens: the spent one would not work again.
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect((await h.call('channels.list', {})).accounts.find((a) => a.id === x.id)!.status).toBe('connected');
  });

  it('without a refresh token: token expired, acts held, re-authentication resumes and sends them', async () => {
    h = await startHarness({ settings: { streamEnabled: false } });
    const x = await sandboxAccount(h, 'x');
    const c = await h.control<{ id: string }>('POST', '/_sandbox/x/mentions', { author: { username: 'held_q', name: 'H' }, text: 'help please' });
    const row = await waitFor('mention stored', () => messages(h).find((r) => r.network_message_id === c.id && r.interaction_id));
    // An access token alone (no refresh): when it expires nothing can renew it.
    const t1 = await h.control<XTokens>('POST', '/_sandbox/tokens', { network: 'x' });
    await h.call('channels.reauthenticate', { id: x.id, network: 'x', auth: { kind: 'oauth2', accessToken: t1.access_token } });
    await h.control('POST', '/_sandbox/tokens/expire', { network: 'x' });
    const expired = await waitFor('token expired shown', async () => {
      const a = (await h.call('channels.list', {})).accounts.find((z) => z.id === x.id)!;
      return a.status === 'token_expired' ? a : null;
    });
    expect(expired.statusDetail).toMatch(/Re-authenticate/);

    const { item } = await enqueueOutbound(h.engine.ctx, {
      accountId: x.id,
      interactionId: row.interaction_id,
      payload: { kind: 'reply', network: 'x', inReplyToTweetId: c.id, text: 'We are on it.' },
      createdBy: 'strategy',
      idempotencyKey: 'held-1',
    });
    await waitFor('the reply held', () => outboxState(h, item.id).state === 'held');
    expect(outboxState(h, item.id).code).toBe('token_expired');
    expect((await outbound(h, 'x')).filter((a) => a.kind === 'reply')).toHaveLength(0);

    // Re-authenticate with fresh tokens (now with a refresh token and the client id).
    const t2 = await h.control<XTokens>('POST', '/_sandbox/tokens', { network: 'x' });
    await h.call('channels.reauthenticate', {
      id: x.id,
      network: 'x',
      auth: { kind: 'oauth2', accessToken: t2.access_token, refreshToken: t2.refresh_token, clientId: t2.client_id, appBearerToken: t2.app_bearer_token },
    });
    await waitFor('the held reply sent', () => outboxState(h, item.id).state === 'sent');
    expect((await outbound(h, 'x')).filter((a) => a.kind === 'reply').map((a) => a.text)).toEqual(['We are on it.']);
    await waitFor('connected again', async () => (await h.call('channels.list', {})).accounts.find((z) => z.id === x.id)!.status === 'connected');
  });

  it('an expired Facebook Page token: held, then resumed after re-authentication', async () => {
    h = await startHarness();
    const fb = await sandboxAccount(h, 'facebook');
    const post = await h.control<{ id: string }>('POST', '/_sandbox/facebook/posts', { from: { name: 'Gina' }, message: 'Do you deliver on Sundays?' });
    const row = await waitFor('post stored', () => messages(h).find((r) => r.network_message_id === post.id && r.interaction_id));
    await h.control('POST', '/_sandbox/tokens/expire', { network: 'facebook' });
    await waitFor('token expired shown', async () => (await h.call('channels.list', {})).accounts.find((a) => a.id === fb.id)!.status === 'token_expired');
    const { item } = await enqueueOutbound(h.engine.ctx, {
      accountId: fb.id,
      interactionId: row.interaction_id,
      payload: { kind: 'comment', network: 'facebook', objectId: post.id, text: 'Yes, every day of the week.' },
      createdBy: 'strategy',
      idempotencyKey: 'fb-held-1',
    });
    await waitFor('the comment held', () => outboxState(h, item.id).state === 'held');
    const test = await h.dispatch('channels.test', { id: fb.id });
    expect(test.error?.code).toBe('token_expired');
    const fresh = await h.control<{ page_access_token: string; app_secret: string }>('POST', '/_sandbox/tokens', { network: 'facebook' });
    await h.call('channels.reauthenticate', { id: fb.id, network: 'facebook', pageAccessToken: fresh.page_access_token, appSecret: fresh.app_secret });
    await waitFor('the comment sent', () => outboxState(h, item.id).state === 'sent');
    expect((await outbound(h, 'facebook')).filter((a) => a.kind === 'comment').map((a) => a.text)).toEqual(['Yes, every day of the week.']);
    expect(await h.call('channels.test', { id: fb.id })).toMatchObject({ id: fb.externalId, username: null });
  });
});
