// The health of every account, as the status bar and Admin show it: connected / rate-limited until T /
// token expired / error, last successful poll, next poll, remaining quota. Each feed (mentions, DMs,
// stream, feed, Messenger) reports here; the account's status is the worst of its feeds.
import { getChannelAccount, setChannelAccountHealth } from '../../db/repositories/channelAccounts';
import type { AccountStatus, QuotaEntry } from '../../preload/contract';
import type { EngineContext } from '../context';
import { channelSummaries } from '../ipc/app';

export type FeedReport =
  | { type: 'ok'; nextPollAt: number | null; quota?: QuotaEntry[] }
  | { type: 'waiting'; nextPollAt: number | null; quota?: QuotaEntry[] }
  | { type: 'rate_limited'; until: number; detail: string; quota?: QuotaEntry[] }
  | { type: 'token_expired'; detail: string }
  | { type: 'error'; detail: string; nextPollAt: number | null };

interface FeedState {
  status: 'ok' | 'rate_limited' | 'token_expired' | 'error' | 'waiting';
  detail: string | null;
  until: number | null;
  nextPollAt: number | null;
  lastOkAt: number | null;
}

interface AccountState {
  feeds: Map<string, FeedState>;
  quota: Map<string, QuotaEntry>;
  lastOkAt: number | null;
  streamConnected: boolean | null;
  /** Set when the account cannot run at all (disabled, credentials unreadable). */
  override: { status: AccountStatus; detail: string } | null;
}

export class HealthBoard {
  private accounts = new Map<number, AccountState>();
  private dirty = new Set<number>();
  private flushing: Promise<void> | null = null;
  private flushAgain = false;
  /** Routine news (another successful poll) waits a moment, so the database and the windows hear of it
   *  at most about once a second; a change of status goes out at once. */
  private routine: NodeJS.Timeout | null = null;

  constructor(private readonly ctx: EngineContext) {}

  private state(accountId: number): AccountState {
    let s = this.accounts.get(accountId);
    if (!s) {
      s = { feeds: new Map(), quota: new Map(), lastOkAt: null, streamConnected: null, override: null };
      this.accounts.set(accountId, s);
    }
    return s;
  }

  report(accountId: number, feed: string, r: FeedReport): void {
    const s = this.state(accountId);
    const now = this.ctx.clock.now();
    const before = this.summarize(s, now);
    const prev = s.feeds.get(feed);
    const next: FeedState = { status: 'ok', detail: null, until: null, nextPollAt: null, lastOkAt: prev?.lastOkAt ?? null };
    switch (r.type) {
      case 'ok':
        next.nextPollAt = r.nextPollAt;
        next.lastOkAt = now;
        s.lastOkAt = now;
        break;
      case 'waiting':
        next.status = prev?.status === 'ok' || !prev ? 'waiting' : prev.status;
        next.detail = prev?.detail ?? null;
        next.nextPollAt = r.nextPollAt;
        break;
      case 'rate_limited':
        next.status = 'rate_limited';
        next.detail = r.detail;
        next.until = r.until;
        next.nextPollAt = r.until;
        break;
      case 'token_expired':
        next.status = 'token_expired';
        next.detail = r.detail;
        break;
      case 'error':
        next.status = 'error';
        next.detail = r.detail;
        next.nextPollAt = r.nextPollAt;
        break;
    }
    if ('quota' in r && r.quota) for (const q of r.quota) s.quota.set(q.name, q);
    s.feeds.set(feed, next);
    const after = this.summarize(s, now);
    const changed = before.status !== after.status || before.statusDetail !== after.statusDetail || before.rateLimitedUntil !== after.rateLimitedUntil;
    if (changed) this.markDirty(accountId);
    else this.markRoutine(accountId);
  }

  private markRoutine(accountId: number): void {
    this.dirty.add(accountId);
    if (this.routine || this.flushing) return;
    this.routine = setTimeout(() => {
      this.routine = null;
      if (this.dirty.size) this.markDirty([...this.dirty][0]!);
    }, 1000);
    this.routine.unref?.();
  }

  setStreamConnected(accountId: number, connected: boolean | null): void {
    this.state(accountId).streamConnected = connected;
    this.markDirty(accountId);
  }

  streamConnected(accountId: number): boolean | null {
    return this.accounts.get(accountId)?.streamConnected ?? null;
  }

  quota(accountId: number): QuotaEntry[] {
    return [...(this.accounts.get(accountId)?.quota.values() ?? [])];
  }

  /** The account as a whole: disabled, or its credentials cannot be used. Cleared with null. */
  setOverride(accountId: number, o: { status: AccountStatus; detail: string } | null): void {
    const s = this.state(accountId);
    s.override = o;
    if (o) s.feeds.clear();
    this.markDirty(accountId);
  }

  /** Forget an account's feeds (it was restarted with new credentials or removed). */
  reset(accountId: number): void {
    const s = this.accounts.get(accountId);
    if (s) {
      s.feeds.clear();
      s.override = null;
      s.streamConnected = null;
    }
  }

  forget(accountId: number): void {
    this.accounts.delete(accountId);
  }

  private summarize(s: AccountState, now: number) {
    if (s.override) return { status: s.override.status, statusDetail: s.override.detail, rateLimitedUntil: null };
    const feeds = [...s.feeds.entries()];
    const expired = feeds.find(([, f]) => f.status === 'token_expired');
    if (expired) return { status: 'token_expired' as const, statusDetail: expired[1].detail, rateLimitedUntil: null };
    const limited = feeds.filter(([, f]) => f.status === 'rate_limited' && (f.until ?? 0) > now);
    if (limited.length) {
      const until = Math.max(...limited.map(([, f]) => f.until ?? 0));
      const [name, f] = limited.find(([, x]) => x.until === until)!;
      return { status: 'rate_limited' as const, statusDetail: `${name}: ${f.detail ?? 'rate limit reached'}`, rateLimitedUntil: until };
    }
    const failing = feeds.find(([, f]) => f.status === 'error');
    if (failing) return { status: 'error' as const, statusDetail: `${failing[0]}: ${failing[1].detail ?? 'failing'}`, rateLimitedUntil: null };
    if (feeds.some(([, f]) => f.status === 'ok' || f.lastOkAt !== null)) return { status: 'connected' as const, statusDetail: null, rateLimitedUntil: null };
    return { status: 'unknown' as const, statusDetail: 'Connecting…', rateLimitedUntil: null };
  }

  private markDirty(accountId: number): void {
    this.dirty.add(accountId);
    if (this.flushing) {
      this.flushAgain = true;
      return;
    }
    this.flushing = (async () => {
      do {
        this.flushAgain = false;
        // Let a burst of reports from one poll land in one write.
        await new Promise((r) => setImmediate(r));
        await this.flush();
      } while (this.flushAgain || this.dirty.size > 0);
    })()
      .catch((e: unknown) => this.ctx.log.warn('could not record channel health', { error: e }))
      .finally(() => {
        this.flushing = null;
      });
  }

  private async flush(): Promise<void> {
    const ids = [...this.dirty];
    this.dirty.clear();
    if (ids.length === 0) return;
    const now = this.ctx.clock.now();
    for (const id of ids) {
      const s = this.accounts.get(id);
      if (!s || !(await getChannelAccount(this.ctx.db, id))) continue;
      const sum = this.summarize(s, now);
      const nextPolls = [...s.feeds.values()].map((f) => f.nextPollAt).filter((t): t is number => t !== null);
      await setChannelAccountHealth(
        this.ctx.db,
        id,
        {
          ...sum,
          lastPollAt: s.lastOkAt ?? undefined,
          nextPollAt: nextPolls.length ? Math.min(...nextPolls) : null,
          quota: s.quota.size ? Object.fromEntries(s.quota) : undefined,
        },
        now,
      );
    }
    this.ctx.events.emit('channels.status', await channelSummaries(this.ctx));
  }

  /** Resolves when every report so far is in the database (tests, shutdown). */
  async settled(): Promise<void> {
    if (this.routine) {
      clearTimeout(this.routine);
      this.routine = null;
      if (this.dirty.size) this.markDirty([...this.dirty][0]!);
    }
    while (this.flushing) await this.flushing;
  }
}
