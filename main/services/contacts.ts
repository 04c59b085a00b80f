// Contact history for people: search, the contact card with its earlier interactions, the timeline across
// channels, edits and merges (audited, in one transaction each, losing nothing).
import * as contacts from '../../db/repositories/contacts';
import { appendAudit } from '../../db/repositories/audit';
import { searchMessages, type MessageHit } from '../../db/repositories/messageSearch';
import type { EngineContext } from '../context';
import { notFound, ParleyError } from '../errors';

export interface ContactDetail {
  contact: contacts.Contact;
  interactions: contacts.ContactInteraction[];
}

export interface ContactSearchHit {
  contact: contacts.Contact;
  /** Messages of this contact that matched, best first (empty when the name or a handle matched). */
  messages: MessageHit[];
}

type Ctx = Pick<EngineContext, 'db' | 'clock' | 'events'>;

export async function getContactDetail(ctx: Ctx, id: number): Promise<ContactDetail> {
  const contact = await contacts.getContact(ctx.db, id);
  if (!contact) throw notFound('Contact', id);
  return { contact, interactions: await contacts.listContactInteractions(ctx.db, id) };
}

/** Contacts by name, e-mail, phone or handle (past ones too), then by what they wrote (full-text). */
export async function searchContacts(ctx: Ctx, query: string, limit: number): Promise<ContactSearchHit[]> {
  const text = query.trim();
  if (!text) return [];
  const byText = await contacts.findContactsByText(ctx.db, text.replace(/^@/, ''), limit);
  const hits = await searchMessages(ctx.db, text, { limit: limit * 5 });
  const messagesBy = new Map<number, MessageHit[]>();
  for (const h of hits) messagesBy.set(h.contactId, [...(messagesBy.get(h.contactId) ?? []), h]);
  const ids = [...new Set([...byText, ...messagesBy.keys()])].slice(0, limit);
  const found = await contacts.getContacts(ctx.db, ids);
  // A merged contact's messages already moved, so it never shows up twice.
  return found.filter((c) => c.mergedIntoId == null).map((c) => ({ contact: c, messages: (messagesBy.get(c.id) ?? []).slice(0, 5) }));
}

export function encodeTimelineCursor(m: { sentAt: number; id: number }): string {
  return `${m.sentAt}:${m.id}`;
}

export function decodeTimelineCursor(cursor: string | undefined): { sentAt: number; id: number } | undefined {
  if (!cursor) return undefined;
  const m = /^(\d+):(\d+)$/.exec(cursor);
  if (!m) throw new ParleyError('invalid_input', 'That page marker is not one Parley gave out; start from the newest messages.', { before: 'Unknown page marker' });
  return { sentAt: Number(m[1]), id: Number(m[2]) };
}

export async function contactTimelinePage(ctx: Ctx, contactId: number, before: string | undefined, limit: number): Promise<{ items: contacts.TimelineMessage[]; nextCursor: string | null }> {
  const contact = await contacts.getContact(ctx.db, contactId);
  if (!contact) throw notFound('Contact', contactId);
  const items = await contacts.contactTimeline(ctx.db, contactId, { before: decodeTimelineCursor(before), limit: limit + 1 });
  const more = items.length > limit;
  const page = items.slice(0, limit);
  return { items: page, nextCursor: more ? encodeTimelineCursor(page[page.length - 1]!) : null };
}

export async function updateContactDetails(ctx: Ctx, id: number, edit: contacts.ContactEdit, actor: string): Promise<ContactDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await contacts.getContact(trx, id);
    if (!before) throw notFound('Contact', id);
    if (before.mergedIntoId != null) throw new ParleyError('conflict', `Contact ${id} was merged into contact ${before.mergedIntoId}; edit that one.`);
    await contacts.updateContact(trx, id, edit, now);
    const { identities: _i, ...plain } = before;
    await appendAudit(trx, { at: now, actor, action: 'update', entity: 'contact', entityId: id, before: plain, after: edit });
  });
  ctx.events.emit('contacts.changed', { ids: [id] });
  return getContactDetail(ctx, id);
}

/** Merges `mergeId` into `keepId`: every identity, interaction and message moves; an audit row says what. */
export async function mergeContacts(ctx: Ctx, keepId: number, mergeId: number, actor: string): Promise<ContactDetail> {
  if (keepId === mergeId) throw new ParleyError('invalid_input', 'Choose two different contacts to merge.', { mergeId: 'Same as the contact kept' });
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const [keep, merge] = await contacts.getContacts(trx, [keepId, mergeId]).then((list) => [list.find((c) => c.id === keepId), list.find((c) => c.id === mergeId)]);
    if (!keep) throw notFound('Contact', keepId);
    if (!merge) throw notFound('Contact', mergeId);
    if (keep.mergedIntoId != null || merge.mergedIntoId != null) throw new ParleyError('conflict', 'One of these contacts was already merged into another; merge the remaining one instead.');
    const fill: Partial<{ email: string; phone: string; avatar_url: string; notes: string }> = {};
    if (!keep.email && merge.email) fill.email = merge.email;
    if (!keep.phone && merge.phone) fill.phone = merge.phone;
    if (!keep.avatarUrl && merge.avatarUrl) fill.avatar_url = merge.avatarUrl;
    if (merge.notes.trim()) fill.notes = keep.notes.trim() ? `${keep.notes}\n\n(from ${merge.displayName}) ${merge.notes}` : merge.notes;
    const moved = await contacts.mergeContactRows(trx, keepId, mergeId, fill, now);
    await appendAudit(trx, {
      at: now,
      actor,
      action: 'merge',
      entity: 'contact',
      entityId: keepId,
      before: { kept: keep, merged: merge },
      after: { keptId: keepId, mergedId: mergeId, moved, filled: Object.keys(fill) },
    });
  });
  ctx.events.emit('contacts.changed', { ids: [keepId, mergeId] });
  return getContactDetail(ctx, keepId);
}
