// The secret bundle of a channel account, as it is sealed into channel_account.credentials. Only main
// opens it; the renderer sees at most which parts are present (credentialsSummary), never a value.
import { z } from 'zod';
import type { DB } from '../../db/connection';
import { readChannelAccountCredentials, setChannelAccountCredentials, type AuthKind } from '../../db/repositories/channelAccounts';
import type { CredentialsSummary } from '../../preload/contract';
import type { EngineContext } from '../context';
import { FileKeySecretBox, type SecretBox } from './secretBox';
import { TEAM_SCHEME, TeamSecretsError } from './teamSecretBox';

const secret = z.string().min(1);

export const xOAuth2CredentialsSchema = z.object({
  kind: z.literal('oauth2'),
  accessToken: secret,
  refreshToken: secret.nullable(),
  clientId: secret.nullable(),
  clientSecret: secret.nullable(),
  /** When the access token stops working (epoch ms), if the token endpoint said. */
  expiresAt: z.number().nullable(),
  /** App-only bearer token: the filtered stream and its rules accept nothing else. */
  appBearerToken: secret.nullable(),
});

export const xOAuth1CredentialsSchema = z.object({
  kind: z.literal('oauth1'),
  appKey: secret,
  appSecret: secret,
  accessToken: secret,
  accessSecret: secret,
  appBearerToken: secret.nullable(),
});

export const facebookCredentialsSchema = z.object({
  kind: z.literal('page_token'),
  pageId: secret,
  pageAccessToken: secret,
  /** For appsecret_proof on every call, when the app requires it. */
  appSecret: secret.nullable(),
});

export const channelCredentialsSchema = z.discriminatedUnion('kind', [xOAuth2CredentialsSchema, xOAuth1CredentialsSchema, facebookCredentialsSchema]);

export type XOAuth2Credentials = z.infer<typeof xOAuth2CredentialsSchema>;
export type XOAuth1Credentials = z.infer<typeof xOAuth1CredentialsSchema>;
export type XCredentials = XOAuth2Credentials | XOAuth1Credentials;
export type FacebookCredentials = z.infer<typeof facebookCredentialsSchema>;
export type ChannelCredentials = z.infer<typeof channelCredentialsSchema>;

export function authKindOf(c: ChannelCredentials): AuthKind {
  return c.kind;
}

/** Which parts are stored, for Admin ("refresh token: yes"). Never the values. */
export function summarizeCredentials(c: ChannelCredentials): CredentialsSummary {
  switch (c.kind) {
    case 'oauth2':
      return { kind: 'oauth2', refreshToken: !!c.refreshToken, clientCredentials: !!c.clientId, appBearerToken: !!c.appBearerToken, expiresAt: c.expiresAt };
    case 'oauth1':
      return { kind: 'oauth1', refreshToken: false, clientCredentials: true, appBearerToken: !!c.appBearerToken, expiresAt: null };
    case 'page_token':
      return { kind: 'page_token', refreshToken: false, clientCredentials: !!c.appSecret, appBearerToken: false, expiresAt: null };
  }
}

/** Every secret string in a bundle, so tests (and defensive code) can check none leaks. */
export function secretValues(c: ChannelCredentials): string[] {
  switch (c.kind) {
    case 'oauth2':
      return [c.accessToken, c.refreshToken, c.clientSecret, c.appBearerToken].filter((v): v is string => !!v);
    case 'oauth1':
      return [c.appSecret, c.accessToken, c.accessSecret, c.appBearerToken].filter((v): v is string => !!v);
    case 'page_token':
      return [c.pageAccessToken, c.appSecret].filter((v): v is string => !!v);
  }
}

export class CredentialsUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialsUnavailableError';
  }
}

/**
 * Seals and opens account credentials with the host's SecretBox, or in team mode with the team's box
 * (main/secrets/teamSecretBox.ts) so every seat can open what any seat sealed. A bundle sealed by the web
 * host's key file can still be opened by the desktop app (and is re-sealed with the keychain on the next
 * write); a bundle sealed by the keychain cannot be opened by the web host, which says so. In team mode a
 * bundle this seat sealed locally (before team mode) is opened with the local box and re-sealed for the team.
 */
export class CredentialVault {
  constructor(
    private readonly box: SecretBox,
    private readonly dataDir: string,
    /** Team mode: this install's own box, for bundles sealed before they were shared. */
    private readonly local: SecretBox | null = null,
  ) {}

  get scheme(): string {
    return this.box.scheme;
  }

  get warning(): string | null {
    return this.box.warning;
  }

  seal(c: ChannelCredentials): { authKind: AuthKind; sealed: Buffer; scheme: string } {
    return { authKind: authKindOf(c), sealed: this.box.seal(JSON.stringify(channelCredentialsSchema.parse(c))), scheme: this.box.scheme };
  }

  open(sealed: Buffer | null, scheme: string | null): ChannelCredentials {
    if (!sealed || !scheme) throw new CredentialsUnavailableError('No credentials are stored for this account. Enter them in Admin → Channels.');
    let plain: string;
    try {
      if (scheme === this.box.scheme) {
        plain = this.box.open(sealed);
      } else if (this.local && scheme === this.local.scheme) {
        plain = this.local.open(sealed);
      } else if (scheme === 'file-aes-256-gcm') {
        plain = new FileKeySecretBox(this.dataDir).open(sealed);
      } else if (scheme === TEAM_SCHEME) {
        throw new CredentialsUnavailableError(
          'These credentials were sealed for a team database, and this install is not connected to one. Connect in Admin → Team, or enter the credentials again.',
        );
      } else {
        throw new CredentialsUnavailableError(
          'These credentials were protected by the desktop app\'s system keychain, which this host cannot open. Open Parley desktop, or enter the credentials again.',
        );
      }
    } catch (e) {
      if (e instanceof CredentialsUnavailableError) throw e;
      if (e instanceof TeamSecretsError) throw new CredentialsUnavailableError(e.message);
      // A local key that is not the one that sealed them: in team mode, another seat's secret.key.
      throw new CredentialsUnavailableError(
        this.local
          ? 'These credentials were sealed by another seat\'s own key before they were shared with the team. Open them once on that seat (it re-seals them for the team), or enter them again in Admin → Channels.'
          : 'These credentials were sealed with another key than this install\'s. Enter them again in Admin → Channels.',
      );
    }
    const parsed = channelCredentialsSchema.safeParse(JSON.parse(plain));
    if (!parsed.success) throw new CredentialsUnavailableError('The stored credentials are damaged. Enter them again in Admin → Channels.');
    return parsed.data;
  }

  async load(db: DB, accountId: number): Promise<ChannelCredentials> {
    const row = await readChannelAccountCredentials(db, accountId);
    if (!row) throw new CredentialsUnavailableError(`Channel account ${accountId} does not exist.`);
    const creds = this.open(row.sealed, row.scheme);
    if (this.local && row.sealed && row.scheme !== this.box.scheme) {
      // Team mode: re-sealed for every seat, unless another seat wrote newer credentials meanwhile. Best
      // effort: the old bytes stay as they were if this fails, and the next load tries again.
      await db
        .updateTable('channel_account')
        .set({ credentials: this.seal(creds).sealed, credentials_scheme: this.box.scheme })
        .where('id', '=', accountId)
        .where('credentials', '=', row.sealed)
        .execute()
        .catch(() => undefined);
    }
    return creds;
  }

  async store(db: DB, accountId: number, c: ChannelCredentials, now: number): Promise<void> {
    await setChannelAccountCredentials(db, accountId, this.seal(c), now);
  }
}

/** The vault this engine seals channel credentials with: the team's box in team mode, else the host's. */
export function credentialVaultFor(ctx: Pick<EngineContext, 'secrets' | 'teamSecrets' | 'dataDir'>): CredentialVault {
  return ctx.teamSecrets ? new CredentialVault(ctx.teamSecrets, ctx.dataDir, ctx.secrets) : new CredentialVault(ctx.secrets, ctx.dataDir);
}
