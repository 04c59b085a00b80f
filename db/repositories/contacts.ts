// Contacts and their identities on each network. A contact is found by (network, network user id),
// never by handle alone; handles change and are kept as history. Merging moves everything, deletes nothing.
import { sql } from 'kysely';
import type { DB } from '../connection';
import { dialectOf } from '../dialect';
import type { ChannelKind, InteractionState, Network } from '../schema';

export interface HandleHistoryEntry {
  handle: string;
  displayName: string | null;
  seenFrom: number;
  seenUntil: number | null;
}

export interface ContactIdentity {
  id: number;
  network: Network;
  networkUserId: string;
  handle: string | null;
  displayName: string | null;
  avatarUrl: string | null;
  firstSeenAt: number;
  lastSeenAt: number;
  handleHistory: HandleHistoryEntry[];
}

export interface Contact {
  id: number;
  displayName: string;
  email: string | null;
  phone: string | null;
  notes: string;
  avatarUrl: string | null;
  mergedIntoId: number | null;
  createdAt: number;
  updatedAt: number;
  identities: ContactIdentity[];
}

export interface ContactInteraction {
  id: number;
  accountId: number;
  network: Network;
  channelKind: ChannelKind;
  state: InteractionState;
  subject: string;
  autoOutcome: string | null;
  assignedAgentId: number | null;
  disposition: { id: number; code: string; label: string } | null;
  dispositionNote: string | null;
  createdAt: number;
  completedAt: number | null;
  messageCount: number;
}

export interface TimelineMessage {
  id: number;
  interactionId: number | null;
  network: Network;
  channelKind: ChannelKind;
  direction: 'in' | 'out';
  visibility: 'public' | 'private';
  authorKind: 'customer' | 'agent' | 'auto' | 'brand';
  agentId: number | null;
  text: string;
  networkMessageId: string | null;
  outboxItemId: number | null;
  sentAt: number;
}

export async function listIdentities(db: DB, contactIds: number[]): Promise<Map<number, ContactIdentity[]>> {
  const out = new Map<number, ContactIdentity[]>();
  if (contactIds.length === 0) return out;
  const rows = await db.selectFrom('contact_identity').selectAll().where('contact_id', 'in', contactIds).orderBy('id').execute();
  const history = rows.length
    ? await db.selectFrom('contact_handle_history').selectAll().where('identity_id', 'in', rows.map((r) => r.id)).orderBy('seen_from').orderBy('id').execute()
    : [];
  for (const r of rows) {
    const list = out.get(r.contact_id) ?? [];
    list.push({
      id: r.id,
      network: r.network,
      networkUserId: r.network_user_id,
      handle: r.handle,
      displayName: r.display_name,
      avatarUrl: r.avatar_url,
      firstSeenAt: r.first_seen_at,
      lastSeenAt: r.last_seen_at,
      handleHistory: history.filter((h) => h.identity_id === r.id).map((h) => ({ handle: h.handle, displayName: h.display_name, seenFrom: h.seen_from, seenUntil: h.seen_until })),
    });
    out.set(r.contact_id, list);
  }
  return out;
}

export async function getContacts(db: DB, ids: number[]): Promise<Contact[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('contact').selectAll().where('id', 'in', ids).execute();
  const identities = await listIdentities(db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r
      ? [{ id: r.id, displayName: r.display_name, email: r.email, phone: r.phone, notes: r.notes, avatarUrl: r.avatar_url, mergedIntoId: r.merged_into_id, createdAt: r.created_at, updatedAt: r.updated_at, identities: identities.get(r.id) ?? [] }]
      : [];
  });
}

export async function getContact(db: DB, id: number): Promise<Contact | undefined> {
  return (await getContacts(db, [id]))[0];
}

export async function findContactByIdentity(db: DB, network: Network, networkUserId: string): Promise<Contact | undefined> {
  const r = await db.selectFrom('contact_identity').select('contact_id').where('network', '=', network).where('network_user_id', '=', networkUserId).executeTakeFirst();
  return r ? getContact(db, r.contact_id) : undefined;
}

/** Earlier interactions, newest first, with how each ended. */
export async function listContactInteractions(db: DB, contactId: number, limit = 200): Promise<ContactInteraction[]> {
  const rows = await db
    .selectFrom('interaction as i')
    .leftJoin('disposition_code as d', 'd.id', 'i.disposition_code_id')
    .select((eb) => [
      'i.id', 'i.account_id', 'i.network', 'i.channel_kind', 'i.state', 'i.subject', 'i.auto_outcome', 'i.assigned_agent_id', 'i.disposition_code_id',
      'i.disposition_note', 'i.created_at', 'i.completed_at', 'd.code', 'd.label',
      eb.selectFrom('message as m').select((x) => x.fn.countAll<number>().as('n')).whereRef('m.interaction_id', '=', 'i.id').as('message_count'),
    ])
    .where('i.contact_id', '=', contactId)
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    accountId: r.account_id,
    network: r.network,
    channelKind: r.channel_kind,
    state: r.state,
    subject: r.subject,
    autoOutcome: r.auto_outcome,
    assignedAgentId: r.assigned_agent_id,
    disposition: r.disposition_code_id != null && r.code != null ? { id: r.disposition_code_id, code: r.code, label: r.label ?? r.code } : null,
    dispositionNote: r.disposition_note,
    createdAt: r.created_at,
    completedAt: r.completed_at,
    messageCount: Number(r.message_count ?? 0),
  }));
}

/** Every message of a contact across channels, newest first; page with the last row's (sentAt, id). */
export async function contactTimeline(db: DB, contactId: number, page: { before?: { sentAt: number; id: number }; limit: number }): Promise<TimelineMessage[]> {
  let q = db
    .selectFrom('message')
    .select(['id', 'interaction_id', 'network', 'channel_kind', 'direction', 'visibility', 'author_kind', 'agent_id', 'text', 'network_message_id', 'outbox_item_id', 'sent_at'])
    .where('contact_id', '=', contactId)
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit);
  if (page.before) {
    const b = page.before;
    q = q.where((eb) => eb.or([eb('sent_at', '<', b.sentAt), eb.and([eb('sent_at', '=', b.sentAt), eb('id', '<', b.id)])]));
  }
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    interactionId: r.interaction_id,
    network: r.network,
    channelKind: r.channel_kind,
    direction: r.direction,
    visibility: r.visibility,
    authorKind: r.author_kind,
    agentId: r.agent_id,
    text: r.text,
    networkMessageId: r.network_message_id,
    outboxItemId: r.outbox_item_id,
    sentAt: r.sent_at,
  }));
}

/** Contacts whose name, e-mail, phone or any handle (current or past) contains the text. */
export async function findContactsByText(db: DB, text: string, limit: number): Promise<number[]> {
  // LIKE with '!' as escape, so % and _ (common in handles) are matched literally.
  const pattern = `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
  // SQLite's LIKE ignores ASCII case; PostgreSQL's does not, so it asks with ILIKE.
  const op = dialectOf(db) === 'postgres' ? sql`ilike` : sql`like`;
  const like = (col: string) => sql<boolean>`${sql.ref(col)} ${op} ${pattern} escape '!'`;
  const rows = await db
    .selectFrom('contact as c')
    .select('c.id')
    .where('c.merged_into_id', 'is', null)
    .where((eb) =>
      eb.or([
        like('c.display_name'),
        like('c.email'),
        like('c.phone'),
        eb.exists(
          eb
            .selectFrom('contact_identity as i')
            .leftJoin('contact_handle_history as h', 'h.identity_id', 'i.id')
            .select('i.id')
            .whereRef('i.contact_id', '=', 'c.id')
            .where((x) => x.or([like('i.handle'), like('i.display_name'), like('h.handle'), x('i.network_user_id', '=', text)])),
        ),
      ]),
    )
    .orderBy('c.updated_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export interface ContactEdit {
  displayName: string;
  email: string | null;
  phone: string | null;
  notes: string;
}

export async function updateContact(db: DB, id: number, edit: ContactEdit, now: number): Promise<void> {
  await db.updateTable('contact').set({ display_name: edit.displayName, email: edit.email, phone: edit.phone, notes: edit.notes, updated_at: now }).where('id', '=', id).execute();
}

/** Moves every identity, interaction and message of `mergeId` to `keepId`; the merged contact stays as a pointer. */
export async function mergeContactRows(db: DB, keepId: number, mergeId: number, fill: Partial<{ email: string; phone: string; avatar_url: string; notes: string }>, now: number): Promise<{ identities: number; interactions: number; messages: number }> {
  const identities = await db.updateTable('contact_identity').set({ contact_id: keepId }).where('contact_id', '=', mergeId).executeTakeFirst();
  const interactions = await db.updateTable('interaction').set({ contact_id: keepId }).where('contact_id', '=', mergeId).executeTakeFirst();
  const messages = await db.updateTable('message').set({ contact_id: keepId }).where('contact_id', '=', mergeId).executeTakeFirst();
  if (Object.keys(fill).length) await db.updateTable('contact').set({ ...fill, updated_at: now }).where('id', '=', keepId).execute();
  await db.updateTable('contact').set({ merged_into_id: keepId, updated_at: now }).where('id', '=', mergeId).execute();
  // Anything that pointed at the merged contact now points at the one kept.
  await db.updateTable('contact').set({ merged_into_id: keepId, updated_at: now }).where('merged_into_id', '=', mergeId).execute();
  return { identities: Number(identities.numUpdatedRows), interactions: Number(interactions.numUpdatedRows), messages: Number(messages.numUpdatedRows) };
}
