// The channel manager: one session per enabled account, started with the engine and restarted when
// Admin changes the account (new credentials, enabled again). It is what the outbox worker asks for an
// account's adapter, and what the Admin handlers ask to test a connection.
import { getChannelAccount, listChannelAccounts, type ChannelAccount } from '../../db/repositories/channelAccounts';
import { defaultChannelSettings, type AccountIdentity, type ChannelSettings, type Network } from '../../preload/contract';
import type { EngineContext } from '../context';
import type { Service } from '../engine';
import { ParleyError } from '../errors';
import { credentialVaultFor, type ChannelCredentials, type CredentialVault } from '../secrets/credentials';
import { ChannelError } from './errors';
import { HealthBoard } from './health';
import { AccountSession, type SessionDeps } from './session';
import { loadChannelSettings } from './settings';
import { liveTiming, sandboxTiming, type ChannelTiming } from './timing';
import type { IngestFn, NetworkAdapter } from './types';

export type AdapterFactory = (session: AccountSession) => NetworkAdapter;

export interface ChannelManagerOptions {
  ingest: IngestFn;
  adapters: Record<Network, AdapterFactory>;
  /** Overrides for tests; applied on top of the live or sandbox timing. */
  timing?: Partial<ChannelTiming>;
}

type TokenListener = (accountId: number, expired: boolean) => void;

/** Team mode: which accounts this seat runs (main/team/leases.ts); without a gate it runs them all. */
export interface AccountGate {
  holds(accountId: number): boolean;
  heldAccounts(): number[];
}

export class ChannelManager implements Service {
  readonly name = 'channels';
  readonly health: HealthBoard;
  readonly vault: CredentialVault;
  private sessions = new Map<number, AccountSession>();
  private current: ChannelSettings = defaultChannelSettings;
  private tokenListeners = new Set<TokenListener>();
  private running = false;
  private queue: Promise<void> = Promise.resolve();
  /** Set in team mode before start. */
  gate: AccountGate | null = null;

  constructor(
    private readonly ctx: EngineContext,
    private readonly options: ChannelManagerOptions,
  ) {
    this.health = new HealthBoard(ctx);
    this.vault = credentialVaultFor(ctx);
  }

  async start(): Promise<void> {
    this.running = true;
    this.current = await loadChannelSettings(this.ctx.db);
    for (const account of await listChannelAccounts(this.ctx.db)) await this.open(account);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.queue;
    await Promise.all([...this.sessions.keys()].map((id) => this.close(id)));
    await this.health.settled();
  }

  settings(): ChannelSettings {
    return this.current;
  }

  timingFor(account: Pick<ChannelAccount, 'isSandbox'>): ChannelTiming {
    return { ...(account.isSandbox ? sandboxTiming : liveTiming), ...this.options.timing };
  }

  /** Whether this seat polls, streams and sends for the account (always, outside team mode). */
  runsHere(accountId: number): boolean {
    return !this.gate || this.gate.holds(accountId);
  }

  session(accountId: number): AccountSession | undefined {
    return this.sessions.get(accountId);
  }

  onTokenState(listener: TokenListener): () => void {
    this.tokenListeners.add(listener);
    return () => this.tokenListeners.delete(listener);
  }

  /** Restarts one account from what the database now holds (after add, update, re-authentication). */
  reload(accountId: number): Promise<void> {
    const run = this.queue.then(async () => {
      await this.close(accountId);
      if (!this.running) return;
      const account = await getChannelAccount(this.ctx.db, accountId);
      if (!account) {
        this.health.forget(accountId);
        return;
      }
      await this.open(account);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** New tracked keywords or intervals: streams resync their rules, pollers pick up the interval now. */
  async applySettings(s: ChannelSettings): Promise<void> {
    this.current = s;
    for (const session of this.sessions.values()) for (const w of session.workers) w.wake();
  }

  /** Asks the network who the stored credentials belong to, and records it. */
  async identify(accountId: number): Promise<AccountIdentity> {
    const account = await getChannelAccount(this.ctx.db, accountId);
    if (!account) throw new ParleyError('not_found', `Channel account ${accountId} does not exist.`);
    let creds: ChannelCredentials;
    try {
      creds = await this.vault.load(this.ctx.db, accountId);
    } catch (e) {
      throw new ParleyError('token_expired', (e as Error).message);
    }
    // A throwaway session: the test must not be blocked by (or disturb) a session marked expired.
    const probe = new AccountSession(account, creds, this.deps(account));
    const adapter = this.options.adapters[account.network](probe);
    probe.adapter = adapter;
    try {
      const identity = await adapter.identify();
      await probe.rememberIdentity(identity);
      const live = this.sessions.get(accountId);
      // The token works again (or the refresh inside the probe renewed it): start afresh.
      if (!live || live.tokenExpired || probe.credentialsVersion > 0) await this.reload(accountId);
      return identity;
    } catch (e) {
      throw toParleyError(e);
    } finally {
      probe.stop();
      adapter.close();
    }
  }

  private deps(account: ChannelAccount): SessionDeps {
    return {
      ctx: this.ctx,
      vault: this.vault,
      health: this.health,
      ingest: this.options.ingest,
      timing: this.timingFor(account),
      settings: () => this.current,
      onTokenState: (id, expired) => {
        for (const l of this.tokenListeners) l(id, expired);
      },
    };
  }

  private async open(account: ChannelAccount): Promise<void> {
    const id = account.id;
    this.health.reset(id);
    if (!account.enabled) {
      this.health.setOverride(id, { status: 'disabled', detail: 'Switched off in Admin → Channels.' });
      return;
    }
    if (account.isSandbox && !this.ctx.sandbox) {
      this.health.setOverride(id, { status: 'disabled', detail: 'This sandbox account is idle: Parley is connected to the real networks.' });
      return;
    }
    // Team mode: another seat runs it, and the status stored with the account (shared) is that seat's to
    // write; this one stays silent so Admin on every seat shows the real state.
    if (!this.runsHere(id)) return;
    let creds: ChannelCredentials;
    try {
      creds = await this.vault.load(this.ctx.db, id);
    } catch (e) {
      this.health.setOverride(id, { status: 'error', detail: (e as Error).message });
      return;
    }
    const session = new AccountSession(account, creds, this.deps(account));
    session.adapter = this.options.adapters[account.network](session);
    session.workers = session.adapter.workers();
    this.sessions.set(id, session);
    this.health.setOverride(id, null);
    for (const w of session.workers) w.start();
    for (const l of this.tokenListeners) l(id, false);
  }

  private async close(accountId: number): Promise<void> {
    const session = this.sessions.get(accountId);
    if (!session) return;
    this.sessions.delete(accountId);
    session.stop();
    await Promise.all(session.workers.map((w) => w.stop()));
    session.adapter?.close();
  }
}

/** A channel failure as the error a person sees in Admin. */
export function toParleyError(e: unknown): ParleyError {
  if (e instanceof ParleyError) return e;
  if (e instanceof ChannelError) {
    switch (e.kind) {
      case 'token_expired':
        return new ParleyError('token_expired', e.message);
      case 'rate_limited':
        return new ParleyError('rate_limited', e.message);
      case 'retryable':
        return new ParleyError('network_error', e.message);
      default:
        return new ParleyError(e.reason === 'outside_messaging_window' ? 'outside_messaging_window' : 'conflict', e.message);
    }
  }
  return new ParleyError('network_error', `The network could not be reached: ${(e as Error)?.message ?? String(e)}`);
}
