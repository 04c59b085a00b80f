// Outbox rows. An outbound act is written here first (in the same transaction as whatever caused it),
// then sent by the outbox worker (main/outbox/). Only this file and the worker change outbox rows.
import type { DB } from '../connection';
import type { OutboxItemRow, OutboxKind, OutboxState } from '../schema';

export interface OutboxItem {
  id: number;
  idempotencyKey: string;
  accountId: number;
  interactionId: number | null;
  kind: OutboxKind;
  payload: unknown;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number;
  deadlineAt: number;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  resultNetworkId: string | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  sentAt: number | null;
}

export function toOutboxItem(r: OutboxItemRow): OutboxItem {
  return {
    id: r.id,
    idempotencyKey: r.idempotency_key,
    accountId: r.account_id,
    interactionId: r.interaction_id,
    kind: r.kind,
    payload: JSON.parse(r.payload_json) as unknown,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    deadlineAt: r.deadline_at,
    lastErrorCode: r.last_error_code,
    lastErrorMessage: r.last_error_message,
    resultNetworkId: r.result_network_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    sentAt: r.sent_at,
  };
}

export interface NewOutboxItemInput {
  idempotencyKey: string;
  accountId: number;
  interactionId: number | null;
  kind: OutboxKind;
  payload: unknown;
  deadlineAt: number;
  createdBy: string;
  now: number;
}

/** Inserts a pending item; an item with the same idempotency key is not inserted twice (its id is returned). */
export async function enqueueOutboxItem(db: DB, input: NewOutboxItemInput): Promise<{ id: number; created: boolean }> {
  const inserted = await db
    .insertInto('outbox_item')
    .values({
      idempotency_key: input.idempotencyKey,
      account_id: input.accountId,
      interaction_id: input.interactionId,
      kind: input.kind,
      payload_json: JSON.stringify(input.payload),
      state: 'pending',
      next_attempt_at: input.now,
      deadline_at: input.deadlineAt,
      last_error_code: null,
      last_error_message: null,
      result_network_id: null,
      created_by: input.createdBy,
      created_at: input.now,
      updated_at: input.now,
      sent_at: null,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await db.selectFrom('outbox_item').select('id').where('idempotency_key', '=', input.idempotencyKey).executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

export async function getOutboxItem(db: DB, id: number): Promise<OutboxItem | undefined> {
  const row = await db.selectFrom('outbox_item').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toOutboxItem(row) : undefined;
}
