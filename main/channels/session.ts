// One connected account while the engine runs: its credentials (opened once, replaced when the X token
// is refreshed), the adapter for its network, and its workers. Every network call goes through call(),
// which on a 401 tries the refresh token once, stores the rotated tokens, and otherwise marks the account
// token_expired until it is re-authenticated in Admin.
import { updateChannelAccount, type ChannelAccount } from '../../db/repositories/channelAccounts';
import type { AccountIdentity, ChannelSettings } from '../../preload/contract';
import type { EngineContext } from '../context';
import type { ChannelCredentials, CredentialVault } from '../secrets/credentials';
import { ChannelError } from './errors';
import type { HealthBoard } from './health';
import type { ChannelTiming } from './timing';
import type { ChannelWorker, IngestFn, NetworkAdapter } from './types';

export interface SessionDeps {
  ctx: EngineContext;
  vault: CredentialVault;
  health: HealthBoard;
  ingest: IngestFn;
  timing: ChannelTiming;
  settings: () => ChannelSettings;
  /** Told when the account's token stops working or works again (the outbox holds and releases items). */
  onTokenState: (accountId: number, expired: boolean) => void;
}

/** Turns a network's failure into a ChannelError; each adapter passes its own mapping. */
export type ErrorMapper = (e: unknown, now: number) => ChannelError;

/** How an adapter renews expired credentials (X OAuth 2.0 refresh); null when it cannot. */
export type CredentialRefresher = (current: ChannelCredentials) => Promise<ChannelCredentials | null>;

export class AccountSession {
  adapter: NetworkAdapter | null = null;
  workers: ChannelWorker[] = [];
  private creds: ChannelCredentials;
  private version = 0;
  private refreshing: Promise<boolean> | null = null;
  private expired = false;
  private stopped = false;
  refresher: CredentialRefresher | null = null;

  constructor(
    public account: ChannelAccount,
    credentials: ChannelCredentials,
    readonly deps: SessionDeps,
  ) {
    this.creds = credentials;
  }

  get ctx(): EngineContext {
    return this.deps.ctx;
  }

  get id(): number {
    return this.account.id;
  }

  credentials(): ChannelCredentials {
    return this.creds;
  }

  get credentialsVersion(): number {
    return this.version;
  }

  get tokenExpired(): boolean {
    return this.expired;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  stop(): void {
    this.stopped = true;
  }

  /**
   * Runs one network call with the current credentials. A token_expired failure triggers one refresh
   * (shared by every call that failed at the same time); the call is then tried once more.
   */
  async call<T>(op: () => Promise<T>, map: ErrorMapper): Promise<T> {
    if (this.expired) throw this.expiredError();
    const startedWith = this.version;
    try {
      return await op();
    } catch (e) {
      const ce = map(e, this.ctx.clock.now());
      if (ce.kind !== 'token_expired') throw ce;
      // Someone else already replaced the credentials while this call was in flight: just try again.
      const renewed = this.version !== startedWith || (await this.refreshOnce());
      if (!renewed) {
        this.markTokenExpired(ce.message);
        throw ce;
      }
      try {
        return await op();
      } catch (e2) {
        const ce2 = map(e2, this.ctx.clock.now());
        if (ce2.kind === 'token_expired') this.markTokenExpired(ce2.message);
        throw ce2;
      }
    }
  }

  /** Renews the credentials ahead of their known expiry; false when they cannot be renewed. */
  refreshNow(): Promise<boolean> {
    return this.refreshOnce();
  }

  private refreshOnce(): Promise<boolean> {
    if (!this.refresher) return Promise.resolve(false);
    this.refreshing ??= (async () => {
      const log = this.ctx.log.child('channels');
      try {
        const fresh = await this.refresher!(this.creds);
        if (!fresh) return false;
        // Stored before use: the old refresh token is spent once the network rotated it.
        await this.deps.vault.store(this.ctx.db, this.id, fresh, this.ctx.clock.now());
        this.creds = fresh;
        this.version++;
        log.info('access token refreshed', { accountId: this.id });
        return true;
      } catch (e) {
        log.warn('token refresh failed', { accountId: this.id, error: e });
        return false;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  private expiredError(): ChannelError {
    return new ChannelError('token_expired', 'This account\'s token has expired. Re-authenticate it in Admin → Channels.', { reason: 'token_expired' });
  }

  markTokenExpired(detail: string): void {
    if (this.expired) return;
    this.expired = true;
    this.deps.health.report(this.id, 'auth', { type: 'token_expired', detail });
    this.deps.onTokenState(this.id, true);
  }

  /** Records who the account is once the network told us (handle changes are followed). */
  async rememberIdentity(identity: AccountIdentity): Promise<void> {
    const handle = this.account.network === 'x' ? identity.username : identity.name;
    if (this.account.externalId === identity.id && this.account.handle === handle) return;
    const updated = await updateChannelAccount(this.ctx.db, this.id, { externalId: identity.id, handle }, this.ctx.clock.now());
    if (updated) this.account = updated;
  }
}
