// What a network adapter (X, Facebook) offers the rest of the engine, and what it is given to work with.
import type { OutboxItem } from '../../db/repositories/outbox';
import type { AccountIdentity } from '../../preload/contract';
import type { EngineContext } from '../context';
import type { OutboxPayload, OutboxPayloadKind } from '../outbox/payload';
import type { InboundItem } from '../services/inbound';

/** The position a feed reached; stored by ingest in the same transaction as the items that moved it. */
export interface IngestCursor {
  accountId: number;
  feed: string;
  value: string;
}

/** main/services/ingest.ts ingestBatch: stores items and the cursor together, de-duplicating by network id. */
export type IngestFn = (ctx: EngineContext, items: InboundItem[], cursor?: IngestCursor) => Promise<unknown>;

export interface SendResult {
  /** The id the network gave what was created (tweet, DM event, comment, message); null for likes and the like. */
  networkId: string | null;
}

/** After a crash in the middle of sending: whether the act is already on the network. */
export type ReconcileResult = { found: true; networkId: string | null } | { found: false };

/** A long-running part of one account: a poller or the X filtered stream. */
export interface ChannelWorker {
  readonly name: string;
  start(): void;
  stop(): Promise<void>;
  /** Poll now (settings changed, the admin pressed "check now"). */
  wake(): void;
}

export interface NetworkAdapter {
  /** Who the credentials belong to: X users/me, Graph /{page-id}. */
  identify(): Promise<AccountIdentity>;
  /** The pollers and streams of this account; started by the channel manager. */
  workers(): ChannelWorker[];
  /** Performs one outbound act. Throws ChannelError. */
  send(item: OutboxItem, payload: OutboxPayload): Promise<SendResult>;
  /** Looks on the network for an act that may have been sent before a crash. Throws ChannelError. */
  reconcile(item: OutboxItem, payload: OutboxPayload): Promise<ReconcileResult>;
  /** Acts sharing a bucket share a rate limit: when one is limited, the others wait too. */
  rateBucket(kind: OutboxPayloadKind): string;
  close(): void;
}
