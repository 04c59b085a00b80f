// The X side of one account: twitter-api-v2 clients for the user token and the app bearer token, built
// from the session's current credentials (rebuilt after a refresh), the brand's user id, and the quota
// each call reports.
import type { ITwitterApiClientPlugin, TwitterApi, TwitterRateLimit } from 'twitter-api-v2';
import type { QuotaEntry } from '../../../preload/contract';
import type { XCredentials } from '../../secrets/credentials';
import type { AccountSession } from '../session';
import { createTwitterClient } from './client';
import { mapTwitterError } from './errors';
import type { XUser } from './mapping';

/** A call that has not answered in this long is treated as a network failure (the library waits forever). */
const REQUEST_TIMEOUT_MS = 30_000;
const timeoutPlugin: ITwitterApiClientPlugin = {
  onBeforeRequestConfig: ({ params }) => {
    params.timeout ??= REQUEST_TIMEOUT_MS;
  },
};

export class XConnection {
  private user: { version: number; client: TwitterApi } | null = null;
  private app: { version: number; client: TwitterApi } | null = null;

  constructor(readonly session: AccountSession) {}

  credentials(): XCredentials {
    const c = this.session.credentials();
    if (c.kind === 'page_token') throw new Error('An X account holds Facebook credentials.');
    return c;
  }

  get baseUrl(): string | null {
    return this.session.account.baseUrl;
  }

  userClient(): TwitterApi {
    const v = this.session.credentialsVersion;
    if (!this.user || this.user.version !== v) {
      const c = this.credentials();
      const auth =
        c.kind === 'oauth2'
          ? ({ kind: 'oauth2', accessToken: c.accessToken } as const)
          : ({ kind: 'oauth1', appKey: c.appKey, appSecret: c.appSecret, accessToken: c.accessToken, accessSecret: c.accessSecret } as const);
      this.user = { version: v, client: createTwitterClient({ baseUrl: this.baseUrl, auth, plugins: [timeoutPlugin] }) };
    }
    return this.user.client;
  }

  /** The app-only client (filtered stream, its rules, backfill search); null without a bearer token. */
  appClient(): TwitterApi | null {
    const bearer = this.credentials().appBearerToken;
    if (!bearer) return null;
    const v = this.session.credentialsVersion;
    if (!this.app || this.app.version !== v) {
      this.app = { version: v, client: createTwitterClient({ baseUrl: this.baseUrl, auth: { kind: 'app', bearerToken: bearer }, plugins: [timeoutPlugin] }) };
    }
    return this.app.client;
  }

  /** A call with the user token: refreshed once on 401, mapped to ChannelError. */
  asUser<T>(op: (client: TwitterApi) => Promise<T>): Promise<T> {
    return this.session.call(async () => {
      await this.refreshIfDue();
      return op(this.userClient());
    }, mapTwitterError);
  }

  /** A call with the app bearer token (no refresh exists for it). */
  async asApp<T>(op: (client: TwitterApi) => Promise<T>): Promise<T> {
    const client = this.appClient();
    if (!client) throw new Error('No app bearer token is stored for this X account.');
    try {
      return await op(client);
    } catch (e) {
      throw mapTwitterError(e, this.session.ctx.clock.now());
    }
  }

  /** Refreshes a little before the token's known expiry, so polls rarely meet a 401 at all. */
  private async refreshIfDue(): Promise<void> {
    const c = this.credentials();
    if (c.kind !== 'oauth2' || !c.expiresAt || !c.refreshToken) return;
    if (c.expiresAt - this.session.ctx.clock.now() > 60_000) return;
    await this.session.refreshNow();
  }

  async me(): Promise<XUser> {
    const res = await this.asUser((c) => c.v2.me({ 'user.fields': ['profile_image_url'] }));
    return res.data as XUser;
  }

  /** The brand's X user id, asked once and remembered on the account. */
  async userId(): Promise<string> {
    if (this.session.account.externalId) return this.session.account.externalId;
    const me = await this.me();
    await this.session.rememberIdentity({ id: me.id, username: me.username ?? null, name: me.name ?? me.username ?? me.id });
    return me.id;
  }

  async handle(): Promise<string> {
    if (this.session.account.handle) return this.session.account.handle;
    const me = await this.me();
    await this.session.rememberIdentity({ id: me.id, username: me.username ?? null, name: me.name ?? me.username ?? me.id });
    return me.username ?? me.id;
  }
}

export function quotaOf(name: string, rl: TwitterRateLimit | undefined): QuotaEntry[] {
  if (!rl) return [];
  return [{ name, remaining: rl.remaining, limit: rl.limit, usedPercent: rl.limit ? Math.round(((rl.limit - rl.remaining) / rl.limit) * 100) : null, resetsAt: rl.reset * 1000 }];
}
