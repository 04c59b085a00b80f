// The inbound pipeline: de-duplicate -> contact -> (stitch into the open thread | strategy -> new
// interaction -> automatic message and engagement into the outbox -> routing), all of a batch AND the
// cursor that moved past it in ONE transaction, so a crash can neither lose nor duplicate a message.
// Events are pushed after the commit. The pipeline is written once, as a generator yielding each store call:
// SQLite answers synchronously inside one raw transaction, PostgreSQL (team mode) with promises inside one
// transaction under the shared queue's lock.
import { rawTransaction } from '../../db/connection';
import { dialectOf } from '../../db/dialect';
import { listChannelAccounts, type ChannelAccount } from '../../db/repositories/channelAccounts';
import { IngestPostgresStore } from '../../db/repositories/ingestPostgres';
import { IngestStore, type IdentityRow, type NewDeadLetterRow } from '../../db/repositories/ingestSqlite';
import type { IngestOps } from '../../db/repositories/ingestStore';
import { channelKinds } from '../../preload/contract/model';
import type { EngineContext } from '../context';
import { ParleyError } from '../errors';
import type { AnalysisBatch } from '../strategy/analysisPool';
import { decide } from '../strategy/decide';
import { subjectOf } from '../strategy/text';
import type { Decision, DecisionStep } from '../strategy/types';
import { RoutingChanges, type RoutingService } from './routing';
import type { InboundItem } from './inbound';
import { autoMessagePayload, engagementPayloads } from './outboundPlan';

export interface IngestCursor {
  accountId: number;
  feed: string;
  value: string;
}

export interface IngestResult {
  received: number;
  /** Customer messages stored (new interactions plus replies stitched into open ones). */
  stored: number;
  /** Already stored before (the stream and the poller saw the same item), or twice in this batch. */
  duplicates: number;
  /** The brand's own posts: never customer messages; kept in their thread when there is one. */
  ownPosts: number;
  /** Items that could not be read: kept in inbound_dead_letter with their payload and the reason. */
  rejected: number;
  interactionsCreated: number;
  interactionsStitched: number;
  autoMessages: number;
  engagements: number;
  assigned: number;
  interactionIds: number[];
  cursorSaved: boolean;
}

const fallbackName = (item: InboundItem) =>
  item.author.displayName?.trim() || (item.author.handle ? `@${item.author.handle}` : `${item.network === 'x' ? 'X' : 'Facebook'} user ${item.author.networkUserId}`);

function readable(item: InboundItem, account: ChannelAccount | undefined): string | null {
  if (!account) return `account ${item.accountId} does not exist`;
  if (item.network !== account.network) return `item says ${item.network} but account ${account.id} is ${account.network}`;
  if (!channelKinds.includes(item.channelKind)) return `unknown channel kind ${String(item.channelKind)}`;
  if (!item.networkMessageId || !item.threadNetworkId) return 'missing message or thread id';
  if (!item.author?.networkUserId) return 'missing author id';
  if (typeof item.text !== 'string') return 'missing text';
  return null;
}

const textOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : null);

/** The item as the channel handed it over, whatever it holds (a payload that cannot be JSON keeps its shape as text). */
function payloadOf(item: unknown): string {
  try {
    return JSON.stringify(item, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'null';
  } catch (e) {
    return JSON.stringify({ unserializable: e instanceof Error ? e.message : String(e), text: String((item as { text?: unknown } | null)?.text ?? '') });
  }
}

function deadLetterOf(item: InboundItem, reason: string, feed: string | null, now: number): NewDeadLetterRow {
  const loose = (item ?? {}) as Partial<Record<keyof InboundItem, unknown>>;
  return {
    accountId: typeof loose.accountId === 'number' && Number.isSafeInteger(loose.accountId) ? loose.accountId : null,
    network: textOrNull(loose.network),
    channelKind: textOrNull(loose.channelKind),
    networkMessageId: textOrNull(loose.networkMessageId),
    reason,
    payloadJson: payloadOf(item),
    feed,
    receivedAt: now,
  };
}

/** One store call of the pipeline: the driver runs it on its store and hands the answer back. */
type Call = (s: IngestOps) => unknown;
type Pipeline<T> = Generator<Call, T, unknown>;

function* q<T>(fn: (s: IngestOps) => T | Promise<T>): Generator<Call, Awaited<T>, unknown> {
  return (yield fn) as Awaited<T>;
}

function runSync<T>(steps: Pipeline<T>, store: IngestStore): T {
  let r = steps.next();
  while (!r.done) r = steps.next(r.value(store));
  return r.value;
}

async function runAsync<T>(steps: Pipeline<T>, store: IngestOps): Promise<T> {
  let r = steps.next();
  while (!r.done) r = steps.next(await r.value(store));
  return r.value;
}

interface BatchPlan {
  ctx: EngineContext;
  ordered: InboundItem[];
  accounts: Map<number, ChannelAccount>;
  routing: RoutingService;
  changes: RoutingChanges;
  touched: Set<number>;
  now: number;
  result: IngestResult;
  cursor: IngestCursor | undefined;
  /** SQLite only: the store itself, so the strategy looks the last auto message up only when it needs it. */
  syncStore: IngestStore | null;
  /** The text analysis of `ordered`, as far as the second thread got (main/strategy/analysisPool.ts). */
  analysis: AnalysisBatch | null;
}

export async function ingestBatch(ctx: EngineContext, items: InboundItem[], cursor?: IngestCursor): Promise<IngestResult> {
  const result: IngestResult = {
    received: items.length,
    stored: 0,
    duplicates: 0,
    ownPosts: 0,
    rejected: 0,
    interactionsCreated: 0,
    interactionsStitched: 0,
    autoMessages: 0,
    engagements: 0,
    assigned: 0,
    interactionIds: [],
    cursorSaved: false,
  };
  if (items.length === 0 && !cursor) return result;
  // Oldest first, so a reply finds the interaction its original message opened in the same batch.
  const ordered = [...items].sort((a, b) => a.sentAt - b.sentAt || (a.networkMessageId < b.networkMessageId ? -1 : 1));
  // The second thread starts reading the texts now, while this one reads the accounts, waits for the
  // connection and writes.
  const analysis = ctx.textAnalysis?.begin(ordered, ctx.config.snapshot) ?? null;
  const routing = ctx.routing;
  const changes = new RoutingChanges();
  const touched = new Set<number>();
  try {
    const accounts = new Map((await listChannelAccounts(ctx.db)).map((a) => [a.id, a]));
    if (cursor && !accounts.has(cursor.accountId)) throw new ParleyError('not_found', `Channel account ${cursor.accountId} does not exist; nothing was stored.`);
    const now = ctx.clock.now();
    const plan = { ctx, ordered, accounts, routing, changes, touched, now, result, cursor, analysis };
    try {
      if (dialectOf(ctx.db) === 'postgres') {
        await routing.ingestTransaction((trx) => runAsync(storeBatch({ ...plan, syncStore: null }), new IngestPostgresStore(trx)));
      } else {
        await rawTransaction(ctx, (sq) => {
          const store = new IngestStore(sq);
          runSync(storeBatch({ ...plan, syncStore: store }), store);
          store.flush();
        });
      }
    } catch (e) {
      // The transaction rolled back; so must the router's memory of it.
      await routing.reload();
      throw e;
    }
  } finally {
    analysis?.end();
  }
  for (const id of touched) changes.interactions.add(id);
  result.interactionIds = [...touched];
  routing.publish(changes);
  if (result.autoMessages || result.engagements) ctx.outbox?.wake();
  return result;
}

/** The batch, oldest first, and the cursor that moved past it. Every store call is yielded to the driver. */
function* storeBatch(p: BatchPlan): Pipeline<void> {
  const { ctx, ordered, accounts, routing, changes, touched, now, result, cursor } = p;
  const snapshot = ctx.config.snapshot;
  const retryMs = snapshot.strategy.autoReply.retryMinutes * 60_000;
  const seen = new Set<string>();
  // Results computed under another configuration (it changed while this batch waited) are not used.
  const analysis = p.analysis?.version === snapshot.version ? p.analysis : null;
  for (let index = 0; index < ordered.length; index++) {
    const item = ordered[index]!;
    const account = accounts.get(item.accountId);
    const problem = readable(item, account);
    if (problem || !account) {
      // Kept, with the reason, in the transaction that moves the cursor past it: nothing is lost.
      const letter = deadLetterOf(item, problem ?? 'unreadable item', cursor?.feed ?? null, now);
      yield* q((s) => s.deadLetter(letter));
      result.rejected++;
      ctx.log.warn('inbound item kept as a dead letter', { accountId: letter.accountId, id: letter.networkMessageId, problem });
      continue;
    }
    const key = `${item.network}:${item.networkMessageId}`;
    if (seen.has(key) || (yield* q((s) => s.messageExists(item.network, item.networkMessageId)))) {
      result.duplicates++;
      continue;
    }
    seen.add(key);

    // The brand's own post (its reply seen by the poller, a post on the Page): never a customer message.
    if (account.externalId && item.author.networkUserId === account.externalId) {
      result.ownPosts++;
      if (yield* q((s) => s.sentByOutbox(account.id, item.networkMessageId))) continue;
      const thread = yield* q((s) => s.findThreadInteraction(account.id, item.threadNetworkId));
      if (thread) {
        yield* q((s) => s.insertMessage({
          interactionId: thread.id, contactId: thread.contact_id, accountId: account.id, network: item.network, channelKind: item.channelKind,
          direction: 'out', visibility: item.channelKind === 'dm' || item.channelKind === 'messenger' ? 'private' : 'public', authorKind: 'brand',
          networkMessageId: item.networkMessageId, inReplyToNetworkId: item.inReplyToNetworkId, threadNetworkId: item.threadNetworkId,
          text: item.text, rawJson: JSON.stringify(item.raw ?? null), outboxItemId: null, sentAt: item.sentAt, storedAt: now,
        }));
        touched.add(thread.id);
      }
      continue;
    }

    // Contact: by the network's stable user id, never by handle.
    let identity: IdentityRow | undefined = yield* q((s) => s.findIdentity(item.network, item.author.networkUserId));
    let contactId: number;
    let contactLine: DecisionStep;
    if (!identity) {
      const created = yield* q((s) => s.createContact({
        network: item.network, networkUserId: item.author.networkUserId, handle: item.author.handle, displayName: fallbackName(item),
        identityName: item.author.displayName, avatarUrl: item.author.avatarUrl, now,
      }));
      contactId = created.contactId;
      identity = { id: created.identityId, contact_id: contactId, handle: item.author.handle, display_name: item.author.displayName, avatar_url: item.author.avatarUrl, last_seen_at: now };
      contactLine = { step: 'contact', outcome: 'created', detail: `New contact ${fallbackName(item)} from ${item.network === 'x' ? 'X' : 'Facebook'} user id ${item.author.networkUserId}.` };
    } else {
      contactId = identity.contact_id;
      const oldHandle = identity.handle;
      const known = identity;
      const changed = yield* q((s) => s.updateIdentity(known, { handle: item.author.handle, displayName: item.author.displayName, avatarUrl: item.author.avatarUrl, now }));
      contactLine = changed
        ? { step: 'contact', outcome: 'handle changed', detail: `Known contact ${contactId} (user id ${item.author.networkUserId}) now writes as @${item.author.handle}, was @${oldHandle}.` }
        : { step: 'contact', outcome: 'known', detail: `Known contact ${contactId} (user id ${item.author.networkUserId}).` };
    }

    // A reply in a thread that is still open joins its interaction (a contact created just now has none);
    // so does a DM from a customer whose public conversation an agent moved to private (one interaction).
    const open =
      contactLine.outcome === 'created'
        ? undefined
        : ((yield* q((s) => s.findOpenInteraction(account.id, item.threadNetworkId, contactId))) ?? (item.channelKind === 'dm' ? yield* q((s) => s.findMovedToPrivate(account.id, contactId)) : undefined));
    if (open !== undefined) {
      yield* q((s) => s.insertMessage({
        interactionId: open, contactId, accountId: account.id, network: item.network, channelKind: item.channelKind, direction: 'in',
        visibility: item.channelKind === 'dm' || item.channelKind === 'messenger' ? 'private' : 'public', authorKind: 'customer',
        networkMessageId: item.networkMessageId, inReplyToNetworkId: item.inReplyToNetworkId, threadNetworkId: item.threadNetworkId,
        text: item.text, rawJson: JSON.stringify(item.raw ?? null), outboxItemId: null, sentAt: item.sentAt, storedAt: now,
      }));
      yield* q((s) => s.touchInteraction(open, item.sentAt, now));
      touched.add(open);
      result.stored++;
      result.interactionsStitched++;
      continue;
    }

    // A new interaction: the strategy decides, then everything it decided is written here.
    // SQLite looks the last automatic message up only if the strategy asks; PostgreSQL cannot answer synchronously.
    const sync = p.syncStore;
    const lastAutoMessageAt = sync ? () => sync.lastAutoMessageAt(contactId) : yield* q((s) => s.lastAutoMessageAt(contactId));
    const pre = analysis?.get(index);
    const decision: Decision = decide(
      { network: item.network, channelKind: item.channelKind, text: item.text, at: now, networkMessageId: item.networkMessageId, brand: account.name },
      { name: identity.display_name ?? fallbackName(item), handle: identity.handle, lastAutoMessageAt },
      snapshot,
      (t, k) => routing.probe(t, k),
      pre,
    );
    decision.path.unshift({ step: 'dedupe', outcome: 'new', detail: `First time Parley sees ${item.network === 'x' ? 'X' : 'Facebook'} message ${item.networkMessageId} (via ${item.via}).` }, contactLine);
    const route = decision.route;
    const interactionId = yield* q((s) => s.insertInteraction({
      contactId, accountId: account.id, network: item.network, channelKind: item.channelKind, threadKey: item.threadNetworkId,
      state: decision.state, skillId: route?.skillId ?? null, skillLevel: route?.skillId != null ? (route.minLevel ?? 1) : null, groupId: route?.groupId ?? null,
      priority: route?.priority ?? 0, autoOutcome: decision.autoOutcome, decisionJson: JSON.stringify(decision), sentiment: decision.sentiment?.compound ?? null,
      subject: pre?.subject ?? subjectOf(item.text), now, lastInboundAt: item.sentAt,
    }));
    const messageId = yield* q((s) => s.insertMessage({
      interactionId, contactId, accountId: account.id, network: item.network, channelKind: item.channelKind, direction: 'in',
      visibility: item.channelKind === 'dm' || item.channelKind === 'messenger' ? 'private' : 'public', authorKind: 'customer',
      networkMessageId: item.networkMessageId, inReplyToNetworkId: item.inReplyToNetworkId, threadNetworkId: item.threadNetworkId,
      text: item.text, rawJson: JSON.stringify(item.raw ?? null), outboxItemId: null, sentAt: item.sentAt, storedAt: now,
    }));
    yield* q((s) => s.event(interactionId, now, 'created', { state: decision.state, autoOutcome: decision.autoOutcome, rule: decision.matchedRule }));
    result.stored++;
    result.interactionsCreated++;
    touched.add(interactionId);

    const auto = decision.autoMessage;
    if (auto && !auto.suppressedBy) {
      const { payload, channelKind } = autoMessagePayload(item, auto.visibility, auto.text);
      const outbox = yield* q((s) => s.enqueueOutbox({
        idempotencyKey: `auto:${interactionId}:${item.network}:${item.networkMessageId}`, accountId: account.id, interactionId, kind: payload.kind,
        payloadJson: JSON.stringify(payload), deadlineAt: now + retryMs, createdBy: 'strategy', now,
      }));
      yield* q((s) => s.insertMessage({
        interactionId, contactId, accountId: account.id, network: item.network, channelKind, direction: 'out', visibility: auto.visibility, authorKind: 'auto',
        networkMessageId: null, inReplyToNetworkId: item.networkMessageId, threadNetworkId: auto.visibility === 'public' ? item.threadNetworkId : null,
        text: auto.text, rawJson: null, outboxItemId: outbox.id, sentAt: now, storedAt: now,
      }));
      yield* q((s) => s.event(interactionId, now, 'auto_message', { kind: auto.kind, visibility: auto.visibility, outboxItemId: outbox.id }));
      result.autoMessages++;
    }
    const eng = decision.engagement;
    if (eng) {
      for (const e of engagementPayloads(item, eng.like, eng.retweet)) {
        let outboxItemId: number | null = null;
        if (!eng.requiresApproval) {
          outboxItemId = (yield* q((s) => s.enqueueOutbox({
            idempotencyKey: `engage:${e.kind}:${item.network}:${item.networkMessageId}`, accountId: account.id, interactionId, kind: e.payload.kind,
            payloadJson: JSON.stringify(e.payload), deadlineAt: now + retryMs, createdBy: 'strategy', now,
          }))).id;
        }
        const outboxId = outboxItemId;
        yield* q((s) => s.insertEngagement({ interactionId, messageId, kind: e.kind, state: eng.requiresApproval ? 'proposed' : 'approved', score: decision.sentiment?.compound ?? null, outboxItemId: outboxId, now }));
        result.engagements++;
      }
    }
    if (decision.state === 'queued' && route) {
      if (routing.routeNew(interactionId, item.channelKind, route, now, changes)) result.assigned++;
    }
  }
  if (cursor) {
    yield* q((s) => s.saveCursor(cursor.accountId, cursor.feed, cursor.value, now));
    result.cursorSaved = true;
  }
}
