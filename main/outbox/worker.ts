// The outbox worker: sends every due outbound act through its account's adapter, one at a time per
// account (in order), accounts side by side. An item is marked 'sending' durably before the network call;
// one found 'sending' at start-up (the process died mid-send) is first looked for on the network and sent
// again only if it is not there. Rate limits are waited out to their reset time; an expired token holds
// the account's items until re-authentication; duplicates count as sent; permanent errors fail the item.
import { getOutboxItem, type OutboxItem } from '../../db/repositories/outbox';
import {
  claimOutboxItem,
  listDueOutboxItems,
  listOutboxItemsInState,
  markOutboxItemFailed,
  markOutboxItemHeld,
  markOutboxItemRetrying,
  markOutboxItemSent,
  nextOutboxDueAt,
  releaseHeldOutboxItems,
  requeueInterruptedOutboxItems,
  type OutboxNote,
} from '../../db/repositories/outboxSending';
import type { EngineContext } from '../context';
import type { Service } from '../engine';
import { crashPoint } from '../channels/crashPoint';
import { asChannelError, type ChannelError } from '../channels/errors';
import type { ChannelManager } from '../channels/manager';
import { settleWithin, Sleeper } from '../channels/sleeper';
import { jitteredBackoff, liveTiming, type ChannelTiming } from '../channels/timing';
import { textKinds, type OutboxPayload } from './payload';
import { parsePayload, toOutboxView } from './view';

/** Failures after which the act may or may not have reached the network: look before sending again. */
const UNCERTAIN = new Set(['unreconciled', 'network', 'server_error', 'unexpected']);
/** Items taken per account per scan; the rest wait for the next scan. */
const BATCH = 50;

export class OutboxWorker implements Service {
  readonly name = 'outbox';
  private readonly sleeper: Sleeper;
  private readonly timing: ChannelTiming;
  private loop: Promise<void> | null = null;
  private lanes = new Map<number, Promise<void>>();
  private queued = new Set<number>();
  /** accountId:bucket -> no calls before this time (a sibling act hit the rate limit). */
  private gates = new Map<string, number>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly ctx: EngineContext,
    private readonly channels: ChannelManager,
    options: { timing?: Partial<ChannelTiming> } = {},
  ) {
    this.timing = { ...liveTiming, ...options.timing };
    this.sleeper = new Sleeper(ctx.clock, Math.min(this.timing.clockStepMs, this.timing.outboxScanMs));
  }

  async start(): Promise<void> {
    await this.recoverInterrupted();
    this.unsubscribe = this.channels.onTokenState((accountId, expired) => {
      if (!expired) void this.release(accountId);
    });
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.sleeper.stop();
    await this.loop;
    // An act still in flight is left 'sending': the next start looks for it on the network before retrying.
    await settleWithin(Promise.all([...this.lanes.values()]), 10_000);
  }

  /**
   * Nothing of ours is in flight yet: whatever says 'sending' was interrupted by a crash. In team mode only
   * the accounts this seat holds (`accountId`: one it just took over from a seat that stopped).
   */
  async recoverInterrupted(accountId?: number): Promise<void> {
    const scope = accountId !== undefined ? [accountId] : this.channels.gate?.heldAccounts();
    const interrupted = await requeueInterruptedOutboxItems(this.ctx.db, this.ctx.clock.now(), scope);
    if (interrupted.length) this.ctx.log.warn('outbox items interrupted mid-send will be checked on the network', { ids: interrupted });
    for (const id of interrupted) await this.emit(id);
    if (interrupted.length) this.wake();
  }

  /** New work was enqueued, or a wait should be cut short. */
  wake(): void {
    this.sleeper.wake();
  }

  /** Resolves when nothing is queued or being sent (tests). */
  async idle(): Promise<void> {
    while (this.lanes.size) await Promise.all([...this.lanes.values()]);
  }

  private async release(accountId: number): Promise<void> {
    try {
      const ids = await releaseHeldOutboxItems(this.ctx.db, accountId, this.ctx.clock.now());
      for (const id of ids) await this.emit(id);
      if (ids.length) this.wake();
    } catch (e) {
      this.ctx.log.error('could not release held outbox items', { accountId, error: e });
    }
  }

  private async run(): Promise<void> {
    while (!this.sleeper.isStopped) {
      try {
        await this.scan();
      } catch (e) {
        this.ctx.log.error('outbox scan failed', { error: e });
      }
      const now = this.ctx.clock.now();
      const due = await nextOutboxDueAt(this.ctx.db).catch(() => null);
      const wakeAt = Math.min(now + this.timing.outboxScanMs, due !== null && due > now ? due : now + this.timing.outboxScanMs);
      await this.sleeper.until(wakeAt);
    }
  }

  private async scan(): Promise<void> {
    const now = this.ctx.clock.now();
    // Held items whose deadline passed will never be sent: say so instead of holding them forever.
    for (const held of await listOutboxItemsInState(this.ctx.db, 'held')) {
      if (!this.channels.runsHere(held.accountId)) continue;
      if (held.deadlineAt < now) await this.fail(held, { code: 'deadline_passed', message: `Not sent before its deadline: ${held.lastErrorMessage ?? 'the account was unavailable'}` });
    }
    const due = await listDueOutboxItems(this.ctx.db, now, BATCH * 4);
    const perAccount = new Map<number, number>();
    for (const item of due) {
      if (this.queued.has(item.id)) continue;
      // Team mode: only the seat that holds the account sends for it, so nothing goes out twice.
      if (!this.channels.runsHere(item.accountId)) continue;
      const n = perAccount.get(item.accountId) ?? 0;
      if (n >= BATCH) continue;
      perAccount.set(item.accountId, n + 1);
      this.queued.add(item.id);
      const lane = (this.lanes.get(item.accountId) ?? Promise.resolve()).then(() => this.process(item.id));
      const tracked = lane.finally(() => {
        this.queued.delete(item.id);
        if (this.lanes.get(item.accountId) === tracked) this.lanes.delete(item.accountId);
      });
      this.lanes.set(item.accountId, tracked);
    }
  }

  private async process(id: number): Promise<void> {
    if (this.sleeper.isStopped) return;
    try {
      const item = await getOutboxItem(this.ctx.db, id);
      if (item && (item.state === 'pending' || item.state === 'retrying')) await this.attempt(item);
    } catch (e) {
      this.ctx.log.error('outbox item could not be processed', { id, error: e });
    }
    // The next message of the same conversation may be due now that this one is done.
    this.sleeper.wake();
  }

  private async attempt(item: OutboxItem): Promise<void> {
    const now = this.ctx.clock.now();
    const payload = parsePayload(item);
    if (!payload) return this.fail(item, { code: 'invalid_payload', message: 'This act is not well formed and cannot be sent.' });
    if (now > item.deadlineAt) {
      const why = item.lastErrorMessage ? ` Last problem: ${item.lastErrorMessage}` : '';
      return this.fail(item, { code: 'deadline_passed', message: `Not sent before its deadline.${why}` });
    }
    const session = this.channels.session(item.accountId);
    if (!session || !session.adapter) {
      return this.hold(item, { code: 'account_unavailable', message: 'The account is switched off or its credentials cannot be read; it waits until the account works again.' });
    }
    if (session.tokenExpired) {
      return this.hold(item, { code: item.lastErrorCode === 'unreconciled' ? 'unreconciled' : 'token_expired', message: 'Waiting for the account to be re-authenticated in Admin → Channels.' });
    }
    const adapter = session.adapter;
    const gateKey = `${item.accountId}:${adapter.rateBucket(payload.kind)}`;
    const gate = this.gates.get(gateKey);
    if (gate && gate > now) {
      return this.retryAt(item, gate, { code: 'rate_limited', message: `Waiting for the rate limit to reset at ${new Date(gate).toISOString()}.` });
    }

    const uncertain = item.lastErrorCode !== null && UNCERTAIN.has(item.lastErrorCode);
    if (uncertain && textKinds.includes(payload.kind)) {
      // It may already be out there: never send twice.
      try {
        const found = await adapter.reconcile(item, payload);
        if (found.found) {
          await markOutboxItemSent(this.ctx.db, item.id, found.networkId, this.ctx.clock.now(), {
            code: 'reconciled',
            message: 'Found on the network after an interrupted attempt; not sent again.',
          });
          return this.emit(item.id);
        }
      } catch (e) {
        return this.handleFailure(item, payload, asChannelError(e), gateKey, true);
      }
    }

    const claimed = await claimOutboxItem(this.ctx.db, item.id, this.ctx.clock.now());
    if (!claimed) return;
    await this.emit(item.id);
    crashPoint('outbox.beforeSend');
    let networkId: string | null;
    try {
      networkId = (await adapter.send(claimed, payload)).networkId;
    } catch (e) {
      return this.handleFailure(claimed, payload, asChannelError(e), gateKey, false);
    }
    crashPoint('outbox.afterSend');
    await markOutboxItemSent(this.ctx.db, item.id, networkId, this.ctx.clock.now());
    await this.emit(item.id);
  }

  private async handleFailure(item: OutboxItem, payload: OutboxPayload, ce: ChannelError, gateKey: string, duringReconcile: boolean): Promise<void> {
    const now = this.ctx.clock.now();
    this.ctx.log.warn('outbound act not sent', { id: item.id, kind: item.kind, failure: ce.kind, reason: ce.reason, message: ce.message });
    // A failed look-up keeps the item "unreconciled", so the next attempt looks again before sending.
    const code = duringReconcile ? 'unreconciled' : ce.reason;
    switch (ce.kind) {
      case 'duplicate': {
        let networkId: string | null = null;
        const session = this.channels.session(item.accountId);
        if (session?.adapter && textKinds.includes(payload.kind)) {
          networkId = await session.adapter.reconcile(item, payload).then((r) => (r.found ? r.networkId : null), () => null);
        }
        await markOutboxItemSent(this.ctx.db, item.id, networkId, now, { code: 'duplicate', message: `Already done on the network: ${ce.message}` });
        return this.emit(item.id);
      }
      case 'rate_limited': {
        const until = ce.until ?? now + this.timingFor(item).outboxRetryBaseMs;
        this.gates.set(gateKey, until);
        if (until > item.deadlineAt) {
          return this.fail(item, { code: 'rate_limited', message: `The rate limit lasts past this act's deadline. ${ce.message}` });
        }
        return this.retryAt(item, until, { code: duringReconcile ? code : 'rate_limited', message: ce.message });
      }
      case 'token_expired':
        return this.hold(item, { code: duringReconcile || item.lastErrorCode === 'unreconciled' ? 'unreconciled' : 'token_expired', message: ce.message });
      case 'retryable': {
        const t = this.timingFor(item);
        const next = now + jitteredBackoff(Math.max(1, item.attempts), t.outboxRetryBaseMs, t.outboxRetryCapMs);
        if (next > item.deadlineAt) return this.fail(item, { code: ce.reason, message: `Gave up at the deadline. ${ce.message}` });
        return this.retryAt(item, next, { code, message: ce.message });
      }
      case 'permanent':
        return this.fail(item, { code: ce.reason, message: ce.message });
    }
  }

  /** Sandbox accounts retry faster than live ones (the channel manager knows which is which). */
  private timingFor(item: OutboxItem): ChannelTiming {
    return this.channels.session(item.accountId)?.deps.timing ?? this.timing;
  }

  private async retryAt(item: OutboxItem, at: number, note: OutboxNote): Promise<void> {
    await markOutboxItemRetrying(this.ctx.db, item.id, at, note, this.ctx.clock.now());
    await this.emit(item.id);
  }

  private async hold(item: OutboxItem, note: OutboxNote): Promise<void> {
    await markOutboxItemHeld(this.ctx.db, item.id, note, this.ctx.clock.now());
    await this.emit(item.id);
  }

  private async fail(item: OutboxItem, note: OutboxNote): Promise<void> {
    await markOutboxItemFailed(this.ctx.db, item.id, note, this.ctx.clock.now());
    await this.emit(item.id);
  }

  private async emit(id: number): Promise<void> {
    const item = await getOutboxItem(this.ctx.db, id);
    if (item) this.ctx.events.emit('outbox.changed', toOutboxView(item));
  }
}
