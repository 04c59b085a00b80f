// Sandbox mode: when no real account is configured (or --sandbox-url names a running sandbox), the
// engine talks to the local emulator. It starts one in-process (port 0) unless given a URL, asks it for the
// brand's credentials, and creates or updates the two sandbox accounts (is_sandbox = 1, base_url set).
import {
  createChannelAccount,
  findSandboxAccount,
  hasLiveChannelAccount,
  setChannelAccountCredentials,
  updateChannelAccount,
} from '../../db/repositories/channelAccounts';
import type { EngineContext } from '../context';
import { seedDemoSetup } from '../demo/seed';
import type { Service } from '../engine';
import { startSandbox, type SandboxHandle } from '../sandbox';
import { credentialVaultFor, type ChannelCredentials } from '../secrets/credentials';

/** auto: the sandbox in-process when no real account exists; off: never; {url}: a sandbox already running there. */
export type SandboxPlan = 'auto' | 'off' | { url: string };

interface XTokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  user_id: string;
  username: string;
  app_bearer_token?: string;
  client_id?: string;
  client_secret?: string;
}

interface FacebookTokens {
  page_id: string;
  page_name?: string;
  page_access_token: string;
  app_secret?: string;
}

async function askTokens<T>(url: string, network: 'x' | 'facebook'): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${url}/_sandbox/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ network }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (e) {
    throw new Error(`No Parley sandbox answers at ${url} (${(e as Error).message}). Start one with \`npm run sandbox\`, or leave out --sandbox-url.`);
  }
  if (!res.ok) throw new Error(`The sandbox at ${url} refused to hand out ${network} credentials (HTTP ${res.status}).`);
  return (await res.json()) as T;
}

/** Creates or refreshes the sandbox X account and Page so they point at `url` with working credentials. */
export async function provisionSandboxAccounts(ctx: EngineContext, url: string): Promise<void> {
  const vault = credentialVaultFor(ctx);
  const now = ctx.clock.now();
  const x = await askTokens<XTokens>(url, 'x');
  const fb = await askTokens<FacebookTokens>(url, 'facebook');
  const plans: Array<{ network: 'x' | 'facebook'; name: string; externalId: string; handle: string; creds: ChannelCredentials }> = [
    {
      network: 'x',
      name: 'Sandbox X account',
      externalId: x.user_id,
      handle: x.username,
      creds: {
        kind: 'oauth2',
        accessToken: x.access_token,
        refreshToken: x.refresh_token,
        clientId: x.client_id ?? null,
        clientSecret: x.client_secret ?? null,
        expiresAt: now + x.expires_in * 1000,
        appBearerToken: x.app_bearer_token ?? null,
      },
    },
    {
      network: 'facebook',
      name: 'Sandbox Facebook Page',
      externalId: fb.page_id,
      handle: fb.page_name ?? fb.page_id,
      creds: { kind: 'page_token', pageId: fb.page_id, pageAccessToken: fb.page_access_token, appSecret: fb.app_secret ?? null },
    },
  ];
  for (const p of plans) {
    const sealed = vault.seal(p.creds);
    const existing = await findSandboxAccount(ctx.db, p.network);
    if (existing) {
      await setChannelAccountCredentials(ctx.db, existing.id, sealed, now);
      await updateChannelAccount(ctx.db, existing.id, { externalId: p.externalId, handle: p.handle, baseUrl: url }, now);
    } else {
      await createChannelAccount(ctx.db, {
        network: p.network,
        name: p.name,
        authKind: sealed.authKind,
        externalId: p.externalId,
        handle: p.handle,
        credentials: sealed.sealed,
        credentialsScheme: sealed.scheme,
        baseUrl: url,
        isSandbox: true,
        now,
      });
    }
  }
}

/**
 * The in-process sandbox is for rehearsing conversations: X's 15 DM reads per 15 minutes would make a DM
 * written in the Sandbox screen take a minute to arrive. A standalone sandbox (--sandbox-url) keeps the
 * real limits, which the tests use.
 */
async function relaxDemoLimits(url: string): Promise<void> {
  await fetch(`${url}/_sandbox/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ x: { rate_limits: { 'GET /2/dm_events': { user: 900 } } } }),
    signal: AbortSignal.timeout(10_000),
  });
}

export class SandboxConnection implements Service {
  readonly name = 'sandbox';
  private handle: SandboxHandle | null = null;

  constructor(
    private readonly ctx: EngineContext,
    private readonly plan: SandboxPlan,
  ) {}

  async start(): Promise<void> {
    if (this.plan === 'off') return;
    let url: string;
    if (this.plan === 'auto') {
      if (await hasLiveChannelAccount(this.ctx.db)) return;
      this.handle = await startSandbox({ port: 0 });
      url = this.handle.url;
      await relaxDemoLimits(url);
    } else {
      url = this.plan.url.replace(/\/+$/, '');
    }
    await provisionSandboxAccounts(this.ctx, url);
    await seedDemoSetup(this.ctx);
    this.ctx.sandbox = { url };
    this.ctx.log.info('sandbox mode', { url, inProcess: this.handle !== null });
  }

  async stop(): Promise<void> {
    await this.handle?.close();
    this.handle = null;
  }
}
