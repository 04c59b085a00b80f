// The outbox namespace: every outbound act (reply, DM, like, retweet, comment, private reply, Messenger
// message, hide) and the state the agent sees it in: sending, sent, retrying until T, failed: reason.
import { z } from 'zod';
import { event, method } from './core';
import type { Network } from './model';

export type OutboxItemState = 'pending' | 'sending' | 'sent' | 'retrying' | 'held' | 'failed' | 'cancelled';
export type OutboxItemKind =
  | 'reply'
  | 'dm'
  | 'like'
  | 'unlike'
  | 'retweet'
  | 'unretweet'
  | 'comment'
  | 'private_reply'
  | 'messenger'
  | 'fb_like'
  | 'fb_unlike'
  | 'hide';

export interface OutboxItemView {
  id: number;
  accountId: number;
  interactionId: number | null;
  network: Network;
  kind: OutboxItemKind;
  state: OutboxItemState;
  /** The words sent, for acts that carry text. */
  text: string | null;
  /** The tweet, comment, post or person the act is aimed at. */
  targetId: string | null;
  attempts: number;
  /** When the next attempt is due (retrying: "retrying until T"). */
  nextAttemptAt: number;
  /** After this the act is given up and marked failed. */
  deadlineAt: number;
  /** The last problem: for failed items, the reason; for retrying and held ones, why they wait. */
  lastError: { code: string; message: string } | null;
  /** The id the network gave what was sent. */
  resultNetworkId: string | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  sentAt: number | null;
}

const states = z.enum(['pending', 'sending', 'sent', 'retrying', 'held', 'failed', 'cancelled']);

export const outboxMethods = {
  'outbox.list': method(
    z
      .object({
        interactionId: z.number().int().positive().optional(),
        accountId: z.number().int().positive().optional(),
        states: z.array(states).max(7).optional(),
        beforeId: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ).returns<OutboxItemView[]>(),
  'outbox.get': method(z.object({ id: z.number().int().positive() }).strict()).returns<OutboxItemView>(),
  /** Sends a failed (or cancelled) item again, with a fresh deadline. */
  'outbox.retry': method(
    z.object({ id: z.number().int().positive(), deadlineMinutes: z.number().int().min(1).max(7 * 24 * 60).default(60) }).strict(),
  ).returns<OutboxItemView>(),
  /** Stops an item that has not been sent yet (not while it is being sent). */
  'outbox.cancel': method(z.object({ id: z.number().int().positive() }).strict()).returns<OutboxItemView>(),
};

export const outboxEvents = {
  /** One outbox item changed state. */
  'outbox.changed': event<OutboxItemView>(),
};
