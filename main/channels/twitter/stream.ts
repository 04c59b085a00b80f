// The X filtered stream for one account: keeps the rules in step with Admin's tracked keywords, holds
// one connection with heartbeat-stall detection (no byte for N seconds -> reconnect), reconnects with X's
// backoff (linear for network trouble, exponential for HTTP errors, longer for 429), and after every
// reconnect backfills what it missed through recent search since the last id it stored.
import { ETwitterStreamEvent, type TweetStream, type TwitterApi } from 'twitter-api-v2';
import { getChannelCursor } from '../../../db/repositories/channelAccounts';
import type { InboundItem } from '../../services/inbound';
import { asChannelError, type ChannelError } from '../errors';
import { settleWithin, Sleeper } from '../sleeper';
import { streamBackoff, type StreamFailure } from '../timing';
import type { ChannelWorker } from '../types';
import type { XConnection } from './connection';
import { mapTwitterError } from './errors';
import { maxId, TWEET_PARAMS, tweetToInbound, usersById, type XPage, type XTweet } from './mapping';
import { desiredRules, syncRules, type StreamRule } from './rules';
import { searchSince } from './search';

export const STREAM_FEED = 'x.stream';
const HEALTH = 'stream';

export class StreamWorker implements ChannelWorker {
  readonly name = 'stream';
  private readonly sleeper: Sleeper;
  private readonly retrySleeper: Sleeper;
  private loop: Promise<void> | null = null;
  private current: TweetStream | null = null;
  private syncedRules = '';
  /** Highest tweet id handed to ingest; the cursor stored with the items says the same once written. */
  private seen: string | null = null;
  /** While a backfill runs, live items are stored without moving the cursor past the gap. */
  private backfilling = false;
  private backfillNeeded = false;
  private buffer: InboundItem[] = [];
  private draining: Promise<void> | null = null;

  constructor(private readonly x: XConnection) {
    this.sleeper = new Sleeper(x.session.ctx.clock, x.session.deps.timing.clockStepMs);
    this.retrySleeper = new Sleeper(x.session.ctx.clock, x.session.deps.timing.clockStepMs);
  }

  start(): void {
    this.loop ??= this.run();
  }

  wake(): void {
    // Settings changed: rules may need to follow; a disabled stream may now be enabled. (While connected
    // the loop is not sleeping; waking it would only skip the next reconnect's backoff.)
    if (!this.current) this.sleeper.wake();
    if (this.current) void this.ensureRules().catch((e: unknown) => this.log('could not update stream rules', e));
    if (this.current && !this.x.session.deps.settings().streamEnabled) this.current.close();
  }

  async stop(): Promise<void> {
    this.sleeper.stop();
    this.retrySleeper.stop();
    this.current?.close();
    await settleWithin(this.loop, 10_000);
    await settleWithin(this.draining, 10_000);
    this.x.session.deps.health.setStreamConnected(this.x.session.id, null);
  }

  private log(msg: string, e: unknown): void {
    const ce = asChannelError(e);
    this.x.session.ctx.log.child('channels').warn(msg, { accountId: this.x.session.id, reason: ce.reason, message: ce.message });
  }

  private async run(): Promise<void> {
    const { session } = this.x;
    const { ctx, health, timing, settings } = session.deps;
    this.seen = await getChannelCursor(ctx.db, session.id, STREAM_FEED);
    this.backfillNeeded = this.seen !== null;
    let attempt = 0;
    while (!this.sleeper.isStopped) {
      const app = this.x.appClient();
      if (!settings().streamEnabled || !app) {
        health.setStreamConnected(session.id, null);
        await this.sleeper.until(Number.POSITIVE_INFINITY);
        continue;
      }
      let kind: StreamFailure = 'network';
      let failure: ChannelError | null = null;
      try {
        await this.ensureRules();
        const lasted = await this.connectOnce(app);
        if (lasted) attempt = 0;
      } catch (e) {
        failure = mapTwitterError(e, ctx.clock.now());
        kind = failure.kind === 'rate_limited' ? 'rate_limited' : failure.status ? 'http' : 'network';
        this.log('stream connection failed', failure);
      }
      health.setStreamConnected(session.id, false);
      // Whatever is posted from now until the next connection is up must come from backfill.
      if (this.seen !== null) this.backfillNeeded = true;
      if (this.sleeper.isStopped) break;
      attempt++;
      const now = ctx.clock.now();
      let wait = streamBackoff(kind, attempt, timing);
      if (failure?.kind === 'rate_limited' && failure.until) wait = Math.max(wait, failure.until - now);
      const next = now + wait;
      if (failure?.kind === 'rate_limited') health.report(session.id, HEALTH, { type: 'rate_limited', until: next, detail: failure.message });
      else if (failure && (failure.kind === 'permanent' || failure.kind === 'token_expired' || attempt >= 3)) health.report(session.id, HEALTH, { type: 'error', detail: failure.message, nextPollAt: next });
      else health.report(session.id, HEALTH, { type: 'waiting', nextPollAt: next });
      await this.sleeper.until(next);
    }
  }

  private async ensureRules(): Promise<void> {
    const handle = await this.x.handle();
    const wanted: StreamRule[] = desiredRules(handle, this.x.session.deps.settings().trackedKeywords);
    const key = JSON.stringify(wanted);
    if (key === this.syncedRules) return;
    await this.x.asApp((c) => syncRules(c, wanted));
    this.syncedRules = key;
  }

  /** One connection, until it closes. Returns true when it was up (so the backoff starts over). */
  private async connectOnce(app: TwitterApi): Promise<boolean> {
    const { session } = this.x;
    const { ctx, health, settings } = session.deps;
    const stream = app.v2.searchStream({ ...TWEET_PARAMS, autoConnect: false });
    const closed = new Promise<void>((resolve) => stream.on(ETwitterStreamEvent.ConnectionClosed, () => resolve()));
    stream.on(ETwitterStreamEvent.Data, (payload: { data?: XTweet; includes?: XPage<XTweet>['includes'] }) => {
      if (!payload?.data) return;
      const item = tweetToInbound(payload.data, usersById(payload.includes?.users), session.id, 'stream', ctx.clock.now());
      if (item) this.enqueue([item]);
    });
    stream.on(ETwitterStreamEvent.DataError, (payload: unknown) => {
      ctx.log.child('channels').warn('stream sent an error and will close', { accountId: session.id, payload });
    });
    stream.on(ETwitterStreamEvent.ConnectionLost, () => {
      ctx.log.child('channels').warn('stream stalled: no data or heartbeat in time; reconnecting', { accountId: session.id });
    });
    stream.on(ETwitterStreamEvent.TweetParseError, () => undefined);
    stream.on(ETwitterStreamEvent.Error, () => undefined);
    await stream.connect({ autoReconnect: false, keepAliveTimeout: Math.round(settings().streamStallSeconds * 1000) });
    if (this.sleeper.isStopped) {
      stream.close();
      return true;
    }
    this.current = stream;
    health.setStreamConnected(session.id, true);
    health.report(session.id, HEALTH, { type: 'ok', nextPollAt: null });
    if (this.backfillNeeded) void this.backfill();
    await closed;
    this.current = null;
    stream.removeAllListeners();
    return true;
  }

  /** Recent search for each rule since the last stored id: what arrived while the stream was down. */
  private async backfill(): Promise<void> {
    const since = this.seen;
    if (!since || this.backfilling) return;
    this.backfilling = true;
    const { session } = this.x;
    const { ctx, ingest, health } = session.deps;
    try {
      const handle = await this.x.handle();
      let top: string | null = since;
      for (const rule of desiredRules(handle, session.deps.settings().trackedKeywords)) {
        const { quota } = await searchSince(this.x, rule.value, since, async (items) => {
          top = maxId(items.map((i) => i.networkMessageId), top);
          if (items.length) await ingest(ctx, items);
        });
        health.report(session.id, 'search', { type: 'ok', nextPollAt: null, quota });
      }
      // Everything since the old cursor is stored (backfill and live items alike): now it may move.
      await this.drained();
      const value = maxId([top ?? since], this.seen) ?? since;
      await ingest(ctx, [], { accountId: session.id, feed: STREAM_FEED, value });
      this.seen = value;
      this.backfillNeeded = false;
    } catch (e) {
      this.backfillNeeded = true;
      this.log('stream backfill failed; it runs again after the next reconnect', e);
    } finally {
      this.backfilling = false;
    }
  }

  private enqueue(items: InboundItem[]): void {
    this.buffer.push(...items);
    this.draining ??= this.drain().finally(() => {
      this.draining = null;
    });
  }

  private async drained(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    const { session } = this.x;
    const { ctx, ingest, timing } = session.deps;
    while (this.buffer.length) {
      const batch = this.buffer.splice(0);
      const top = maxId(batch.map((i) => i.networkMessageId), this.seen);
      try {
        if (this.backfilling || this.backfillNeeded || !top) await ingest(ctx, batch);
        else await ingest(ctx, batch, { accountId: session.id, feed: STREAM_FEED, value: top });
        if (!this.backfilling && !this.backfillNeeded) this.seen = top;
      } catch (e) {
        // Keep the tweets: try again shortly (the mention poller is a second net for mentions).
        this.buffer.unshift(...batch);
        this.log('could not store streamed posts; retrying', e);
        if (!(await this.retrySleeper.for(timing.pollRetryBaseMs))) return;
      }
    }
  }
}
