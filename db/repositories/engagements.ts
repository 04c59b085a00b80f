// Automatic and manual engagement (likes, retweets): proposed, approved, rejected or undone, each traceable
// to its outbox act so it can be undone.
import type { DB } from '../connection';
import type { ChannelKind, EngagementRow, Network, OutboxState } from '../schema';

export type EngagementState = EngagementRow['state'];

export interface EngagementView {
  id: number;
  interactionId: number | null;
  messageId: number;
  kind: 'like' | 'retweet';
  automatic: boolean;
  state: EngagementState;
  score: number | null;
  decidedBy: string | null;
  createdAt: number;
  updatedAt: number;
  accountId: number;
  network: Network;
  channelKind: ChannelKind;
  networkMessageId: string | null;
  text: string;
  contactId: number;
  outboxItemId: number | null;
  outboxState: OutboxState | null;
  undoOutboxItemId: number | null;
  undoOutboxState: OutboxState | null;
}

function base(db: DB) {
  return db
    .selectFrom('engagement as e')
    .innerJoin('message as m', 'm.id', 'e.message_id')
    .leftJoin('outbox_item as o', 'o.id', 'e.outbox_item_id')
    .leftJoin('outbox_item as u', 'u.id', 'e.undo_outbox_item_id')
    .select([
      'e.id', 'e.interaction_id', 'e.message_id', 'e.kind', 'e.automatic', 'e.state', 'e.score', 'e.decided_by', 'e.created_at', 'e.updated_at',
      'm.account_id', 'm.network', 'm.channel_kind', 'm.network_message_id', 'm.text', 'm.contact_id', 'e.outbox_item_id', 'o.state as outbox_state',
      'e.undo_outbox_item_id', 'u.state as undo_state',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];
const toView = (r: Row): EngagementView => ({
  id: r.id,
  interactionId: r.interaction_id,
  messageId: r.message_id,
  kind: r.kind,
  automatic: r.automatic === 1,
  // An approved act the outbox has sent is done.
  state: r.state === 'approved' && r.outbox_state === 'sent' ? 'done' : r.state,
  score: r.score,
  decidedBy: r.decided_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  accountId: r.account_id,
  network: r.network,
  channelKind: r.channel_kind,
  networkMessageId: r.network_message_id,
  text: r.text,
  contactId: r.contact_id,
  outboxItemId: r.outbox_item_id,
  outboxState: r.outbox_state ?? null,
  undoOutboxItemId: r.undo_outbox_item_id,
  undoOutboxState: r.undo_state ?? null,
});

export async function listEngagements(db: DB, q: { state?: EngagementState; limit: number; beforeId?: number }): Promise<EngagementView[]> {
  let query = base(db).orderBy('e.id', 'desc').limit(q.limit);
  if (q.state) query = query.where('e.state', '=', q.state);
  if (q.beforeId != null) query = query.where('e.id', '<', q.beforeId);
  return (await query.execute()).map(toView);
}

export async function getEngagement(db: DB, id: number): Promise<EngagementView | undefined> {
  const r = await base(db).where('e.id', '=', id).executeTakeFirst();
  return r ? toView(r) : undefined;
}

export async function setEngagementState(
  db: DB,
  id: number,
  patch: { state: EngagementState; decidedBy?: string; outboxItemId?: number | null; undoOutboxItemId?: number | null },
  expected: EngagementState[],
  now: number,
): Promise<boolean> {
  const r = await db
    .updateTable('engagement')
    .set({
      state: patch.state,
      updated_at: now,
      ...(patch.decidedBy !== undefined ? { decided_by: patch.decidedBy } : {}),
      ...(patch.outboxItemId !== undefined ? { outbox_item_id: patch.outboxItemId } : {}),
      ...(patch.undoOutboxItemId !== undefined ? { undo_outbox_item_id: patch.undoOutboxItemId } : {}),
    })
    .where('id', '=', id)
    .where('state', 'in', expected)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
