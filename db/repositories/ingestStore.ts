// What ingest reads and writes, whichever database holds it. The SQLite store (ingestSqlite.ts) answers
// synchronously inside one raw transaction; the PostgreSQL store (ingestPostgres.ts) answers with promises
// inside one Kysely transaction. main/services/ingest.ts drives the same pipeline over either.
import type { Network } from '../schema';
import type { IdentityRow, NewDeadLetterRow, NewInteractionRow, NewMessageRow, NewOutboxRow } from './ingestSqlite';

type Maybe<T> = T | Promise<T>;

export interface IngestOps {
  messageExists(network: Network, networkMessageId: string): Maybe<boolean>;
  sentByOutbox(accountId: number, networkId: string): Maybe<boolean>;
  findIdentity(network: Network, networkUserId: string): Maybe<IdentityRow | undefined>;
  createContact(a: { network: Network; networkUserId: string; handle: string | null; displayName: string; identityName: string | null; avatarUrl: string | null; now: number }): Maybe<{ contactId: number; identityId: number }>;
  updateIdentity(identity: IdentityRow, seen: { handle: string | null; displayName: string | null; avatarUrl: string | null; now: number }): Maybe<boolean>;
  findOpenInteraction(accountId: number, threadKey: string, contactId: number): Maybe<number | undefined>;
  findMovedToPrivate(accountId: number, contactId: number): Maybe<number | undefined>;
  findThreadInteraction(accountId: number, threadKey: string): Maybe<{ id: number; contact_id: number } | undefined>;
  lastAutoMessageAt(contactId: number): Maybe<number | null>;
  insertInteraction(r: NewInteractionRow): Maybe<number>;
  touchInteraction(id: number, lastInboundAt: number, now: number): Maybe<void>;
  insertMessage(m: NewMessageRow): Maybe<number>;
  event(interactionId: number, at: number, kind: string, detail?: unknown): Maybe<void>;
  enqueueOutbox(o: NewOutboxRow): Maybe<{ id: number; created: boolean }>;
  insertEngagement(e: { interactionId: number; messageId: number; kind: 'like' | 'retweet'; state: 'proposed' | 'approved'; score: number | null; outboxItemId: number | null; now: number }): Maybe<number>;
  saveCursor(accountId: number, feed: string, value: string, now: number): Maybe<void>;
  deadLetter(d: NewDeadLetterRow): Maybe<void>;
}
