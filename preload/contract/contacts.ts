// The contacts namespace: contact history across networks.
import { z } from 'zod';
import { event, method } from './core';
import type { ChannelKind, Network } from './model';

export interface HandleHistoryEntry {
  handle: string;
  displayName: string | null;
  seenFrom: number;
  seenUntil: number | null;
}

export interface ContactIdentity {
  id: number;
  network: Network;
  /** The network's stable user id (X user id, Facebook page-scoped id). */
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
  /** Set when this contact was merged into another: open that one instead. */
  mergedIntoId: number | null;
  createdAt: number;
  updatedAt: number;
  identities: ContactIdentity[];
}

export type InteractionState = 'new' | 'auto_handled' | 'queued' | 'assigned' | 'completed' | 'ignored';

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

export interface ContactDetail {
  contact: Contact;
  /** Earlier interactions, newest first, with their disposition codes. */
  interactions: ContactInteraction[];
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

export interface MessageHit {
  messageId: number;
  contactId: number;
  interactionId: number | null;
  network: Network;
  channelKind: ChannelKind;
  direction: 'in' | 'out';
  sentAt: number;
  /** The matching part, with [ and ] around each hit. */
  snippet: string;
}

export interface ContactSearchHit {
  contact: Contact;
  messages: MessageHit[];
}

const id = z.number().int().positive();
const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} must be at most ${max} characters`)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .default(null);

export const contactEditSchema = z
  .object({
    id,
    displayName: z.string().trim().min(1, 'The name must not be empty').max(120, 'The name must be at most 120 characters'),
    email: optionalText(200, 'The e-mail address').refine((v) => v == null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'Enter an e-mail address like ana@example.com'),
    phone: optionalText(40, 'The phone number'),
    notes: z.string().max(5000, 'Notes must be at most 5,000 characters').default(''),
  })
  .strict();

export const contactsMethods = {
  /** By name, e-mail, phone or handle (past handles too), and by what the contact wrote (full-text). */
  'contacts.search': method(z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(200).default(50) }).strict()).returns<ContactSearchHit[]>(),
  'contacts.get': method(z.object({ id }).strict()).returns<ContactDetail>(),
  /** Every message across channels, newest first; pass `nextCursor` back as `before` for the next page. */
  'contacts.timeline': method(
    z.object({ contactId: id, before: z.string().max(40).optional(), limit: z.number().int().min(1).max(500).default(50) }).strict(),
  ).returns<{ items: TimelineMessage[]; nextCursor: string | null }>(),
  'contacts.update': method(contactEditSchema).returns<ContactDetail>(),
  /** `mergeId` is merged into `keepId`: every identity, interaction and message moves; the merge is audited. */
  'contacts.merge': method(z.object({ keepId: id, mergeId: id }).strict()).returns<ContactDetail>(),
  'contacts.searchMessages': method(z.object({ query: z.string().max(200), contactId: id.optional(), limit: z.number().int().min(1).max(500).default(50) }).strict()).returns<MessageHit[]>(),
};

export const contactsEvents = {
  'contacts.changed': event<{ ids: number[] }>(),
};
