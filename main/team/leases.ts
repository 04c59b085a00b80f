// Team mode: exactly one seat polls, streams and sends for each channel account. The seat that holds an
// account's session-level advisory lock (on a connection of its own) runs it; the others retry every
// LEASE_RETRY_MS. The server releases a lock the moment its holder's connection ends (quit, crash, SIGKILL:
// the kernel closes the socket), so another seat takes over within one retry interval (<= 2 s, plus the
// network's own poll interval) and continues from the cursor stored in the database. A seat that loses its
// lock connection stops that account at once, before anyone else can take it over for long.
import type pg from 'pg';
import { listChannelAccounts } from '../../db/repositories/channelAccounts';
import type { PostgresHandle } from '../../db/postgres/connection';
import type { EngineContext } from '../context';
import type { Service } from '../engine';

/** First key of pg_try_advisory_lock(int, int): "PACC" (the second is the account id). */
export const LEASE_CLASS = 0x50414343;
export const LEASE_RETRY_MS = 2_000;

export interface LeaseHooks {
  /** This seat now holds the account: recover what the previous holder left mid-send, then start it. */
  gained(accountId: number): Promise<void>;
  /** This seat no longer holds it (connection lost, account switched off): stop it now. */
  lost(accountId: number): Promise<void>;
}

export class AccountLeases implements Service {
  readonly name = 'team.leases';
  private client: pg.Client | null = null;
  private readonly held = new Set<number>();
  private hooks: LeaseHooks | null = null;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly handle: PostgresHandle,
    private readonly ctx: EngineContext,
    private readonly retryMs = LEASE_RETRY_MS,
  ) {}

  /** Set before start (the channel manager and outbox exist by then). */
  connect(hooks: LeaseHooks): void {
    this.hooks = hooks;
  }

  holds(accountId: number): boolean {
    return this.held.has(accountId);
  }

  heldAccounts(): number[] {
    return [...this.held];
  }

  async start(): Promise<void> {
    this.stopped = false;
    // The first round runs before the channels start, so they open what this seat holds straight away.
    await this.round(false);
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking;
    const c = this.client;
    this.client = null;
    this.held.clear();
    // Ending the connection releases every lock it holds.
    await c?.end().catch(() => undefined);
  }

  /** Another round now (an account was added or switched on). */
  poke(): void {
    if (this.stopped) return;
    this.ticking = this.ticking.then(() => this.round(true));
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.ticking = this.ticking.then(() => this.round(true)).finally(() => this.schedule());
    }, this.retryMs);
    this.timer.unref?.();
  }

  private async ensureClient(): Promise<pg.Client | null> {
    if (this.client) return this.client;
    const c = this.handle.client('parley-leases');
    const drop = () => {
      if (this.client !== c) return;
      this.client = null;
      void this.loseAll();
    };
    c.on('error', drop);
    c.on('end', drop);
    try {
      await c.connect();
    } catch {
      await c.end().catch(() => undefined);
      return null;
    }
    if (this.stopped) {
      await c.end().catch(() => undefined);
      return null;
    }
    this.client = c;
    return c;
  }

  private async loseAll(): Promise<void> {
    const was = [...this.held];
    this.held.clear();
    if (was.length) this.ctx.log.warn('team: lost the connection that holds channel accounts; another seat takes them over', { accounts: was });
    for (const id of was) await this.hooks?.lost(id).catch((e) => this.ctx.log.error('team: could not stop an account', { id, error: e }));
  }

  private async round(notify: boolean): Promise<void> {
    if (this.stopped) return;
    const c = await this.ensureClient();
    if (!c) return;
    try {
      const accounts = await listChannelAccounts(this.ctx.db);
      const runnable = new Set(accounts.filter((a) => a.enabled && (!a.isSandbox || this.ctx.sandbox)).map((a) => a.id));
      const gained: number[] = [];
      for (const id of runnable) {
        if (this.held.has(id)) continue;
        const r = await c.query<{ ok: boolean }>('select pg_try_advisory_lock($1, $2) as ok', [LEASE_CLASS, id]);
        if (r.rows[0]?.ok) {
          this.held.add(id);
          gained.push(id);
        }
      }
      const released: number[] = [];
      for (const id of [...this.held]) {
        if (runnable.has(id)) continue;
        await c.query('select pg_advisory_unlock($1, $2)', [LEASE_CLASS, id]);
        this.held.delete(id);
        released.push(id);
      }
      if (gained.length) this.ctx.log.info('team: this seat now runs channel accounts', { accounts: gained });
      if (!notify) return;
      for (const id of gained) await this.hooks?.gained(id);
      for (const id of released) await this.hooks?.lost(id);
    } catch (e) {
      this.ctx.log.warn('team: lease round failed', { error: e });
    }
  }
}
