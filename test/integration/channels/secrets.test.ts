// Channel secrets never leave the engine: not in a contract result, not in a pushed event, not in the
// log file (even where calls fail with them), not in the audit log, and not in plain text at rest.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { secretValues } from '../../../main/secrets/credentials';
import { methodNames, methods, type MethodName } from '../../../preload/contract';
import { sandboxAccount, startHarness, waitFor, type Harness } from './harness';

describe('channel secrets', { timeout: 60_000 }, () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('never appear in contract results, events, the log file, the audit log or the database in plain text', async () => {
    h = await startHarness({ logToFile: true, settings: { streamEnabled: true } });
    const seen: string[] = [];
    h.engine.ctx.events.subscribe((name, payload) => seen.push(JSON.stringify({ name, payload })));
    const call = async (method: MethodName, input: unknown) => {
      const r = await h.dispatch(method, input);
      seen.push(JSON.stringify(r));
      return r;
    };
    const fake = {
      accessToken: 'fake-access-9f8e7d6c5b4a',
      refreshToken: 'fake-refresh-0a1b2c3d4e5f',
      clientSecret: 'fake-client-secret-77aa88bb',
      appBearerToken: 'fake-bearer-1234abcd5678',
      pageToken: 'fake-page-token-55cc66dd',
      appSecret: 'fake-app-secret-99ee00ff',
    };
    // Wrong credentials against the sandbox: every call fails, and the failures are logged.
    const added = await call('channels.add', {
      network: 'x',
      name: 'Wrong X',
      baseUrl: h.sandbox.url,
      auth: { kind: 'oauth2', accessToken: fake.accessToken, refreshToken: fake.refreshToken, clientId: 'client-id-visible', clientSecret: fake.clientSecret, appBearerToken: fake.appBearerToken },
    });
    expect(added.ok).toBe(true);
    const xId = (added.value as { id: number }).id;
    expect((await call('channels.test', { id: xId })).error?.code).toBe('token_expired');
    const page = await call('channels.add', { network: 'facebook', name: 'Wrong Page', baseUrl: h.sandbox.url, pageId: '101457812431751', pageAccessToken: fake.pageToken, appSecret: fake.appSecret });
    const fbId = (page.value as { id: number }).id;
    expect((await call('channels.test', { id: fbId })).error?.code).toBe('token_expired');

    // Real ones: re-authenticate, test, and let the sandbox X token expire so it is refreshed (rotated).
    const x = await h.control<{ access_token: string; refresh_token: string; client_id: string; client_secret: string; app_bearer_token: string }>('POST', '/_sandbox/tokens', { network: 'x' });
    await call('channels.reauthenticate', {
      id: xId,
      network: 'x',
      auth: { kind: 'oauth2', accessToken: x.access_token, refreshToken: x.refresh_token, clientId: x.client_id, clientSecret: x.client_secret, appBearerToken: x.app_bearer_token },
    });
    expect((await call('channels.test', { id: xId })).ok).toBe(true);
    const sandboxX = await sandboxAccount(h, 'x');
    await h.control('POST', '/_sandbox/tokens/expire', { network: 'x' });
    await waitFor('the token refreshed', async () => {
      const creds = await h.engine.ctx.channels!.vault.load(h.engine.ctx.db, sandboxX.id);
      return creds.kind === 'oauth2' && creds.accessToken !== x.access_token;
    });
    // Every contract method that answers without arguments (lists, overviews, the configuration export),
    // except the few that would change settings under the test.
    const changes = new Set<MethodName>(['channels.saveSettings', 'config.setStrategy', 'session.signOut']);
    const readers = methodNames.filter((m) => !changes.has(m) && methods[m].input.safeParse({}).success);
    expect(readers).toEqual(expect.arrayContaining(['channels.list', 'app.channelStatus', 'channels.settings', 'configTransfer.export', 'audit.list']));
    for (const m of readers) await call(m, {});
    for (const a of (await h.call('channels.list', {})).accounts) await call('channels.test', { id: a.id });
    await h.engine.ctx.channels!.health.settled();

    const secrets = new Set<string>(Object.values(fake));
    for (const v of [x.access_token, x.refresh_token, x.client_secret, x.app_bearer_token]) secrets.add(v);
    const fb = await h.control<{ page_access_token: string; app_secret: string }>('POST', '/_sandbox/tokens', { network: 'facebook' });
    secrets.add(fb.page_access_token);
    secrets.add(fb.app_secret);
    for (const a of (await h.call('channels.list', {})).accounts) {
      for (const v of secretValues(await h.engine.ctx.channels!.vault.load(h.engine.ctx.db, a.id))) secrets.add(v);
    }
    expect(secrets.size).toBeGreaterThan(10);

    const logText = fs.readFileSync(path.join(h.dataDir, 'parley.log'), 'utf8');
    // The log did record the failures (so this test would notice a leak in them).
    expect(logText).toMatch(/refresh|poll failed|token/i);
    const audit = JSON.stringify(h.engine.ctx.sqlite.prepare('select * from audit_log').all());
    const atRest = h.engine.ctx.sqlite.prepare('select credentials from channel_account').all() as Array<{ credentials: Buffer }>;
    for (const s of secrets) {
      expect(logText.includes(s), `a secret is in the log file`).toBe(false);
      expect(audit.includes(s), `a secret is in the audit log`).toBe(false);
      for (const line of seen) expect(line.includes(s), `a secret is in a contract result or event`).toBe(false);
      for (const row of atRest) expect(row.credentials.includes(Buffer.from(s)), 'a secret is stored in plain text').toBe(false);
    }
    // What Admin may know: which parts are stored.
    const listed = (await h.call('channels.list', {})).accounts.find((a) => a.id === xId)!;
    expect(listed.credentials).toMatchObject({ kind: 'oauth2', refreshToken: true, clientCredentials: true, appBearerToken: true });
    expect((await h.call('channels.list', {})).secretsWarning).toMatch(/0600/);
  });
});
