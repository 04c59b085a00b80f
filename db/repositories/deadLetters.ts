// Inbound items ingest could not read, kept by main/services/ingest.ts (migration 0005). Read here for the
// admin's Channels health: how many each account has, and the latest reason, so none goes unnoticed.
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { NewDeadLetterRow } from './ingestSqlite';

export interface DeadLetterSummary {
  count: number;
  lastAt: number | null;
  lastReason: string | null;
}

/** A stored dead letter: what ingest wrote (NewDeadLetterRow) and its id. */
export interface DeadLetterRow extends NewDeadLetterRow {
  id: number;
}

/** Per account id; items whose account did not exist are under `null`. */
export async function deadLetterSummaries(db: Kysely<Database>): Promise<Map<number | null, DeadLetterSummary>> {
  const counts = await db
    .selectFrom('inbound_dead_letter')
    .select((eb) => ['account_id', eb.fn.countAll<number>().as('n'), eb.fn.max('id').as('last_id')])
    .groupBy('account_id')
    .execute();
  const out = new Map<number | null, DeadLetterSummary>();
  if (counts.length === 0) return out;
  const last = await db
    .selectFrom('inbound_dead_letter')
    .select(['id', 'received_at', 'reason'])
    .where('id', 'in', counts.map((c) => Number(c.last_id)))
    .execute();
  const byId = new Map(last.map((r) => [Number(r.id), r]));
  for (const c of counts) {
    const l = byId.get(Number(c.last_id));
    out.set(c.account_id === null ? null : Number(c.account_id), { count: Number(c.n), lastAt: l ? Number(l.received_at) : null, lastReason: l?.reason ?? null });
  }
  return out;
}

export async function listDeadLetters(db: Kysely<Database>, o: { accountId?: number; limit?: number } = {}): Promise<DeadLetterRow[]> {
  let q = db.selectFrom('inbound_dead_letter').selectAll().orderBy('id', 'desc').limit(o.limit ?? 100);
  if (o.accountId !== undefined) q = q.where('account_id', '=', o.accountId);
  return (await q.execute()).map((r) => ({
    id: Number(r.id),
    accountId: r.account_id === null ? null : Number(r.account_id),
    network: r.network,
    channelKind: r.channel_kind,
    networkMessageId: r.network_message_id,
    reason: r.reason,
    payloadJson: r.payload_json,
    feed: r.feed,
    receivedAt: Number(r.received_at),
  }));
}
