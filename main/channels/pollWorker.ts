// Runs one feed of one account on its interval: poll, report health, wait. Rate limits are waited out
// to the network's reset time, transient failures back off with jitter, an expired token stops the feed
// until the account is re-authenticated (the channel manager then starts a fresh session).
import type { ChannelSettings, QuotaEntry } from '../../preload/contract';
import { asChannelError } from './errors';
import type { AccountSession } from './session';
import { pollIntervalMs } from './settings';
import { settleWithin, Sleeper } from './sleeper';
import { jitteredBackoff } from './timing';
import type { ChannelWorker } from './types';

export interface PollFeed {
  /** Shown in health details: mentions, dms, facebook feed, messenger. */
  readonly name: string;
  readonly interval: keyof ChannelSettings['pollSeconds'];
  /** One round: fetch everything new and hand it to ingest with its cursor. */
  poll(): Promise<{ quota?: QuotaEntry[] } | void>;
  /** Poll-interval multiplier when the network asks to slow down (Graph usage headers). */
  slowdown?(): number;
  /** No calls at all before this time (a Graph use case is throttled). */
  blockedUntil?(now: number): number | null;
}

/** Calls kept back from polling so that sending and crash look-ups on the same endpoint still have room. */
const RESERVE = 2;

/**
 * The earliest next poll that keeps within what the network says is left in its window: spread the
 * remaining calls over the time to the reset, and wait for the reset when only the reserve is left
 * (`exhausted`: the account is, in effect, rate-limited until then).
 */
export function pacedUntil(quota: QuotaEntry[], now: number): { at: number; exhausted: boolean } {
  let at = 0;
  let exhausted = false;
  for (const q of quota) {
    if (q.remaining === null || q.resetsAt === null || q.resetsAt <= now) continue;
    // One call left beyond the reserve would be spread over the whole window: that is waiting for the reset too.
    if (q.remaining <= RESERVE + 1) {
      exhausted = true;
      at = Math.max(at, q.resetsAt);
    } else at = Math.max(at, now + Math.floor((q.resetsAt - now) / (q.remaining - RESERVE)));
  }
  return { at, exhausted };
}

export class PollWorker implements ChannelWorker {
  private readonly sleeper: Sleeper;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly session: AccountSession,
    private readonly feed: PollFeed,
  ) {
    this.sleeper = new Sleeper(session.ctx.clock, session.deps.timing.clockStepMs);
  }

  get name(): string {
    return this.feed.name;
  }

  start(): void {
    this.loop ??= this.run();
  }

  wake(): void {
    this.sleeper.wake();
  }

  async stop(): Promise<void> {
    this.sleeper.stop();
    // A poll in flight finishes (and stores what it fetched) unless the network keeps it too long.
    await settleWithin(this.loop, 10_000);
  }

  private async run(): Promise<void> {
    const { ctx, health, timing, settings } = this.session.deps;
    const log = ctx.log.child('channels');
    const id = this.session.id;
    let failures = 0;
    while (!this.sleeper.isStopped && !this.session.isStopped) {
      const now = ctx.clock.now();
      if (this.session.tokenExpired) {
        // Nothing to do until re-authentication replaces this session.
        await this.sleeper.until(Number.POSITIVE_INFINITY);
        continue;
      }
      const blocked = this.feed.blockedUntil?.(now) ?? null;
      if (blocked) {
        health.report(id, this.feed.name, { type: 'rate_limited', until: blocked, detail: 'Facebook asked to pause calls' });
        await this.sleeper.until(blocked);
        continue;
      }
      let next: number;
      try {
        const r = await this.feed.poll();
        failures = 0;
        const interval = pollIntervalMs(settings(), this.feed.interval, this.session.account.isSandbox) * (this.feed.slowdown?.() ?? 1);
        const at = ctx.clock.now();
        const quota = r && r.quota ? r.quota : [];
        const paced = pacedUntil(quota, at);
        next = Math.max(at + interval, paced.at);
        health.report(id, this.feed.name, { type: 'ok', nextPollAt: next, quota });
        if (paced.exhausted && paced.at > at + interval) {
          health.report(id, this.feed.name, { type: 'rate_limited', until: paced.at, detail: 'the window\'s calls are used up; waiting for it to reset', quota });
        }
      } catch (e) {
        const ce = asChannelError(e);
        const at = ctx.clock.now();
        switch (ce.kind) {
          case 'rate_limited':
            next = ce.until ?? at + timing.pollRetryCapMs;
            health.report(id, this.feed.name, { type: 'rate_limited', until: next, detail: ce.message });
            break;
          case 'token_expired':
            // The session already reported it and told the outbox; loop back to wait.
            this.session.markTokenExpired(ce.message);
            continue;
          case 'retryable':
            failures++;
            next = at + jitteredBackoff(failures, timing.pollRetryBaseMs, timing.pollRetryCapMs);
            // One blip is not worth a red dot; a second failure in a row is.
            if (failures >= 2) health.report(id, this.feed.name, { type: 'error', detail: ce.message, nextPollAt: next });
            else health.report(id, this.feed.name, { type: 'waiting', nextPollAt: next });
            break;
          default:
            failures++;
            next = at + timing.permanentRetryMs;
            health.report(id, this.feed.name, { type: 'error', detail: ce.message, nextPollAt: next });
        }
        log.warn('poll failed', { accountId: id, feed: this.feed.name, kind: ce.kind, reason: ce.reason, message: ce.message });
      }
      await this.sleeper.until(next);
    }
  }
}
