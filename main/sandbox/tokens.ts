// Credentials the sandbox accepts. X: one app (bearer, OAuth 2.0 client, OAuth 1.0a consumer keys) and the
// brand's user tokens; OAuth 2.0 access tokens expire and refresh tokens rotate. Facebook: the Page's access
// token and the app secret. Anything else gets each network's real authentication error.
import crypto from 'node:crypto';

function token(prefix: string, bytes: number): string {
  return prefix + crypto.randomBytes(bytes).toString('base64url');
}

interface XAccessToken {
  userId: string;
  expiresAt: number;
}

export type XCaller = { kind: 'app' } | { kind: 'user'; userId: string; via: 'oauth2' | 'oauth1' };
export type XAuthResult = { ok: true; caller: XCaller } | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

export interface XCredentials {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: 'bearer';
  scope: string;
  user_id: string;
  username: string;
  app_bearer_token: string;
  client_id: string;
  client_secret: string;
  oauth1: { app_key: string; app_secret: string; access_token: string; access_secret: string };
}

export interface FacebookCredentials {
  page_id: string;
  page_name: string;
  page_access_token: string;
  app_id: string;
  app_secret: string;
}

/** Why a Page token stopped working: Graph's 190 subcodes 463 (expired), 460 (logged out), 458 (app removed). */
export type FacebookTokenEnd = 'expired' | 'logged_out' | 'deauthorized';

export type FacebookAuthResult =
  | { ok: true; pageId: string }
  | { ok: false; reason: 'missing' | 'invalid' }
  | { ok: false; reason: 'expired'; expiredAt: number; end: FacebookTokenEnd };

export const X_SCOPES = 'tweet.read tweet.write users.read like.write like.read dm.read dm.write offline.access';

export class TokenRegistry {
  readonly appBearer = token('AAAAAAAAAAAAAAAAAAAAA', 48);
  readonly clientId = token('', 18);
  readonly clientSecret = token('', 36);
  readonly consumerKey = token('', 18);
  readonly consumerSecret = token('', 36);
  private readonly oauth1 = new Map<string, { userId: string; secret: string }>();
  private readonly access = new Map<string, XAccessToken>();
  private readonly refresh = new Map<string, string>(); // refresh token -> user id; removed when used
  private current: { access: string; refresh: string } | null = null;

  readonly facebookAppId = String(1_200_000_000_000_000 + crypto.randomInt(1, 99_999_999));
  readonly facebookAppSecret = crypto.randomBytes(16).toString('hex');
  private readonly pageTokens = new Map<string, { pageId: string; expiredAt: number | null; end: FacebookTokenEnd }>();
  private currentPageToken: string | null = null;

  constructor(
    private readonly now: () => number,
    private readonly ttlMs: () => number,
    private readonly brand: { xUserId: string; xUsername: () => string; pageId: string; pageName: () => string },
  ) {
    const accessToken = `${brand.xUserId}-${token('', 30)}`;
    this.oauth1.set(accessToken, { userId: brand.xUserId, secret: token('', 33) });
  }

  // ---- X

  private mintX(userId: string): { access: string; refresh: string } {
    const pair = { access: token('', 66), refresh: token('', 66) };
    this.access.set(pair.access, { userId, expiresAt: this.now() + this.ttlMs() });
    this.refresh.set(pair.refresh, userId);
    return pair;
  }

  /** The brand's current tokens; new ones when the current access token has expired or was never issued. */
  xCredentials(): XCredentials {
    const cur = this.current && this.access.get(this.current.access);
    if (!this.current || !cur || cur.expiresAt <= this.now() || !this.refresh.has(this.current.refresh)) this.current = this.mintX(this.brand.xUserId);
    const [oauthToken, oauthEntry] = [...this.oauth1.entries()][0]!;
    const accessEntry = this.access.get(this.current.access)!;
    return {
      access_token: this.current.access,
      refresh_token: this.current.refresh,
      expires_in: Math.max(0, Math.round((accessEntry.expiresAt - this.now()) / 1000)),
      token_type: 'bearer',
      scope: X_SCOPES,
      user_id: this.brand.xUserId,
      username: this.brand.xUsername(),
      app_bearer_token: this.appBearer,
      client_id: this.clientId,
      client_secret: this.clientSecret,
      oauth1: { app_key: this.consumerKey, app_secret: this.consumerSecret, access_token: oauthToken, access_secret: oauthEntry.secret },
    };
  }

  /** Every OAuth 2.0 user access token issued so far stops working now; refresh tokens still work. */
  expireX(): number {
    let n = 0;
    for (const t of this.access.values()) {
      if (t.expiresAt > this.now()) {
        t.expiresAt = this.now();
        n++;
      }
    }
    return n;
  }

  /** Refresh-token grant: a new access token and a new refresh token; the used refresh token is spent. */
  refreshX(refreshToken: string, clientId: string | null): { ok: true; access: string; refresh: string; expiresIn: number } | { ok: false; error: string; description: string } {
    if (clientId !== null && clientId !== this.clientId) return { ok: false, error: 'unauthorized_client', description: 'Missing valid authorization header' };
    const userId = this.refresh.get(refreshToken);
    if (!userId) return { ok: false, error: 'invalid_request', description: 'Value passed for the token was invalid.' };
    this.refresh.delete(refreshToken);
    const pair = this.mintX(userId);
    if (userId === this.brand.xUserId) this.current = pair;
    return { ok: true, access: pair.access, refresh: pair.refresh, expiresIn: Math.round(this.ttlMs() / 1000) };
  }

  /** Reads an Authorization header: Bearer (app or user) or OAuth 1.0a (signature not checked). */
  authenticateX(header: string | undefined): XAuthResult {
    if (!header) return { ok: false, reason: 'missing' };
    const bearer = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (bearer) {
      const value = decodeURIComponent(bearer[1]!.trim());
      if (value === this.appBearer) return { ok: true, caller: { kind: 'app' } };
      const t = this.access.get(value);
      if (!t) return { ok: false, reason: 'invalid' };
      if (t.expiresAt <= this.now()) return { ok: false, reason: 'expired' };
      return { ok: true, caller: { kind: 'user', userId: t.userId, via: 'oauth2' } };
    }
    if (/^OAuth\s/i.test(header)) {
      const m = /oauth_token="([^"]*)"/.exec(header);
      const consumer = /oauth_consumer_key="([^"]*)"/.exec(header);
      if (!m || !consumer || decodeURIComponent(consumer[1]!) !== this.consumerKey) return { ok: false, reason: 'invalid' };
      const entry = this.oauth1.get(decodeURIComponent(m[1]!));
      if (!entry) return { ok: false, reason: 'invalid' };
      return { ok: true, caller: { kind: 'user', userId: entry.userId, via: 'oauth1' } };
    }
    if (/^Basic\s/i.test(header)) {
      const raw = Buffer.from(header.trim().slice(6), 'base64').toString('utf8');
      const [id, secret] = raw.split(':').map((s) => decodeURIComponent(s));
      if (id === this.clientId && secret === this.clientSecret) return { ok: true, caller: { kind: 'app' } };
    }
    return { ok: false, reason: 'invalid' };
  }

  // ---- Facebook

  facebookCredentials(): FacebookCredentials {
    const cur = this.currentPageToken ? this.pageTokens.get(this.currentPageToken) : undefined;
    if (!this.currentPageToken || !cur || cur.expiredAt !== null) {
      this.currentPageToken = token('EAAG', 150);
      this.pageTokens.set(this.currentPageToken, { pageId: this.brand.pageId, expiredAt: null, end: 'expired' });
    }
    return {
      page_id: this.brand.pageId,
      page_name: this.brand.pageName(),
      page_access_token: this.currentPageToken,
      app_id: this.facebookAppId,
      app_secret: this.facebookAppSecret,
    };
  }

  expireFacebook(end: FacebookTokenEnd = 'expired'): number {
    let n = 0;
    for (const t of this.pageTokens.values()) {
      if (t.expiredAt === null) {
        t.expiredAt = this.now();
        t.end = end;
        n++;
      }
    }
    return n;
  }

  authenticateFacebook(value: string | null): FacebookAuthResult {
    if (!value) return { ok: false, reason: 'missing' };
    const t = this.pageTokens.get(value);
    if (!t) return { ok: false, reason: 'invalid' };
    if (t.expiredAt !== null) return { ok: false, reason: 'expired', expiredAt: t.expiredAt, end: t.end };
    return { ok: true, pageId: t.pageId };
  }
}
