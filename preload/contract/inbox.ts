// The inbox namespace: my assigned interactions and the queue I may pick from, read a window at a time
// (the queue can hold tens of thousands; the screen asks for the rows it shows and the counts).
import { z } from 'zod';
import { event, method } from './core';
import type { InteractionState } from './contacts';
import type { ChannelKind, Network } from './model';

export interface InboxRow {
  interactionId: number;
  network: Network;
  channelKind: ChannelKind;
  state: InteractionState;
  contactId: number;
  contactName: string;
  /** The X handle (without @) of the contact, when they have one. */
  contactHandle: string | null;
  avatarUrl: string | null;
  /** The first words of the customer's message. */
  subject: string;
  priority: number;
  /** VADER compound score of the first message (-1 .. 1), when it was measured. */
  sentiment: number | null;
  /** Waiting since: when it entered the queue (or was created). */
  waitingSince: number;
  lastInboundAt: number;
  assignedAgentId: number | null;
  /** Where the strategy routed it: a skill with its minimum level, or a group. */
  route: string | null;
  /** Messenger only: the 24-hour standard window and the 7-day human-agent window, both counted from the
   *  customer's last message. Null where no messaging window applies (X DMs, public posts). */
  window: { respondUntil: number; humanAgentUntil: number } | null;
  /** My rows: the customer wrote last and has not been answered yet. */
  awaitingReply: boolean;
}

export interface InboxCounts {
  /** Everything waiting in the queue. */
  queued: number;
  /** Waiting interactions this agent may take (their skills, levels and groups). */
  eligible: number;
  /** Assigned to this agent now. */
  mine: number;
}

export interface QueueWindow {
  counts: InboxCounts;
  offset: number;
  rows: InboxRow[];
}

export const inboxMethods = {
  /** The signed-in agent's assigned interactions, oldest waiting first. */
  'inbox.mine': method(z.object({}).strict()).returns<{ counts: InboxCounts; rows: InboxRow[] }>(),
  /** Rows [offset, offset + limit) of the queue in waiting order (priority, then age): only what the
   *  signed-in agent may take (`eligible`), or everything (`all`). */
  'inbox.queue': method(
    z
      .object({
        scope: z.enum(['eligible', 'all']).default('eligible'),
        offset: z.number().int().min(0).max(10_000_000).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ).returns<QueueWindow>(),
};

export const inboxEvents = {
  /** The queue or someone's assignments changed; coalesced (at most a few per second), so a flood of
   *  mentions costs the window a handful of refreshes rather than one per message. */
  'inbox.changed': event<{ queued: number }>(),
};
