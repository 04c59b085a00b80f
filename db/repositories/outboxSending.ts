// The outbox worker's side of the outbox: which items are due, claiming one for an attempt, recording how
// the attempt ended, and putting back what a stopped run or an expired token left behind. Enqueueing, the
// agent's retry and cancel, and the workspace's listings are in ./outbox.ts (with the item's life cycle).
import type { DB } from '../connection';
import type { OutboxKind, OutboxState } from '../schema';
import { toOutboxItem, type OutboxItem } from './outbox';

export interface OutboxNote {
  code: string;
  message: string;
}

const conversationKinds: OutboxKind[] = ['reply', 'dm', 'comment', 'private_reply', 'messenger'];

/**
 * Due items, oldest first. A message waits while an earlier message of the same conversation is still
 * unsent (retrying, held or being sent), so one conversation's messages reach the customer in order.
 */
export async function listDueOutboxItems(db: DB, now: number, limit: number): Promise<OutboxItem[]> {
  const rows = await db
    .selectFrom('outbox_item as o')
    .selectAll('o')
    .where('o.state', 'in', ['pending', 'retrying'])
    .where('o.next_attempt_at', '<=', now)
    .where((eb) =>
      eb.or([
        eb('o.interaction_id', 'is', null),
        eb('o.kind', 'not in', conversationKinds),
        eb.not(
          eb.exists(
            eb
              .selectFrom('outbox_item as e')
              .select('e.id')
              .whereRef('e.interaction_id', '=', 'o.interaction_id')
              .whereRef('e.id', '<', 'o.id')
              .where('e.kind', 'in', conversationKinds)
              .where('e.state', 'in', ['pending', 'retrying', 'sending', 'held']),
          ),
        ),
      ]),
    )
    .orderBy('o.next_attempt_at')
    .orderBy('o.id')
    .limit(limit)
    .execute();
  return rows.map(toOutboxItem);
}

/** When the next pending or retrying item falls due, so the worker can sleep until then. */
export async function nextOutboxDueAt(db: DB): Promise<number | null> {
  const row = await db
    .selectFrom('outbox_item')
    .select((eb) => eb.fn.min('next_attempt_at').as('t'))
    .where('state', 'in', ['pending', 'retrying'])
    .executeTakeFirst();
  return row?.t == null ? null : Number(row.t);
}

export async function listOutboxItemsInState(db: DB, state: OutboxState, limit = 1000): Promise<OutboxItem[]> {
  const rows = await db.selectFrom('outbox_item').selectAll().where('state', '=', state).orderBy('id').limit(limit).execute();
  return rows.map(toOutboxItem);
}

/**
 * Items a previous run left in 'sending' (it stopped between marking and recording the outcome). They
 * become retries that must first look on the network (code 'unreconciled'); never sent blindly again.
 */
export async function requeueInterruptedOutboxItems(db: DB, now: number, accountIds?: number[]): Promise<number[]> {
  // Team mode names the accounts whose previous sender stopped; other seats' items are in flight.
  if (accountIds && accountIds.length === 0) return [];
  let q = db
    .updateTable('outbox_item')
    .set({
      state: 'retrying',
      next_attempt_at: now,
      last_error_code: 'unreconciled',
      last_error_message: 'Parley stopped while sending this; it checks the network before trying again.',
      updated_at: now,
    })
    .where('state', '=', 'sending');
  if (accountIds) q = q.where('account_id', 'in', accountIds);
  const rows = await q.returning('id').execute();
  return rows.map((r) => r.id);
}

/** Marks an item 'sending' (one more attempt) if it is still waiting; undefined if someone else took it. */
export async function claimOutboxItem(db: DB, id: number, now: number): Promise<OutboxItem | undefined> {
  const row = await db
    .updateTable('outbox_item')
    .set((eb) => ({ state: 'sending', attempts: eb('attempts', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .where('state', 'in', ['pending', 'retrying'])
    .returningAll()
    .executeTakeFirst();
  return row ? toOutboxItem(row) : undefined;
}

/**
 * Records that the act is on the network, and gives the outbound message row the network's id so the
 * same post seen later by a poller is recognised as this one. If ingest already stored that post (the
 * brand's own, seen by the stream first), the two rows are the same message: the ingested copy takes the
 * outbox link and authorship, and the outbox's placeholder row goes.
 */
export async function markOutboxItemSent(db: DB, id: number, networkId: string | null, now: number, note: OutboxNote | null = null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const item = await trx.selectFrom('outbox_item').select(['id', 'account_id']).where('id', '=', id).executeTakeFirst();
    if (!item) return;
    await trx
      .updateTable('outbox_item')
      .set({
        state: 'sent',
        result_network_id: networkId,
        sent_at: now,
        updated_at: now,
        last_error_code: note?.code ?? null,
        last_error_message: note?.message ?? null,
      })
      .where('id', '=', id)
      .execute();
    if (!networkId) return;
    const ours = await trx.selectFrom('message').selectAll().where('outbox_item_id', '=', id).execute();
    if (ours.length === 0) return;
    const mine = ours[0]!;
    const clash = await trx
      .selectFrom('message')
      .selectAll()
      .where('network', '=', mine.network)
      .where('network_message_id', '=', networkId)
      .executeTakeFirst();
    if (clash && clash.outbox_item_id !== id) {
      await trx
        .updateTable('message')
        .set({
          outbox_item_id: id,
          author_kind: mine.author_kind,
          agent_id: mine.agent_id,
          interaction_id: clash.interaction_id ?? mine.interaction_id,
          direction: 'out',
        })
        .where('id', '=', clash.id)
        .execute();
      await trx.deleteFrom('message').where('id', '=', mine.id).execute();
      return;
    }
    await trx.updateTable('message').set({ network_message_id: networkId }).where('id', '=', mine.id).execute();
  });
}

export async function markOutboxItemRetrying(db: DB, id: number, nextAttemptAt: number, note: OutboxNote, now: number): Promise<void> {
  await db
    .updateTable('outbox_item')
    .set({ state: 'retrying', next_attempt_at: nextAttemptAt, last_error_code: note.code, last_error_message: note.message, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function markOutboxItemFailed(db: DB, id: number, note: OutboxNote, now: number): Promise<void> {
  await db
    .updateTable('outbox_item')
    .set({ state: 'failed', last_error_code: note.code, last_error_message: note.message, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function markOutboxItemHeld(db: DB, id: number, note: OutboxNote, now: number): Promise<void> {
  await db
    .updateTable('outbox_item')
    .set({ state: 'held', last_error_code: note.code, last_error_message: note.message, updated_at: now })
    .where('id', '=', id)
    .where('state', 'in', ['pending', 'retrying', 'sending'])
    .execute();
}

/** After re-authentication: the account's held items are due again (an unreconciled one stays so). */
export async function releaseHeldOutboxItems(db: DB, accountId: number, now: number): Promise<number[]> {
  const rows = await db
    .updateTable('outbox_item')
    .set({ state: 'retrying', next_attempt_at: now, updated_at: now })
    .where('account_id', '=', accountId)
    .where('state', '=', 'held')
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
