// The conversation namespace: one interaction's whole thread for the agent, and what the agent sends in
// it (public replies, private messages, "move to private", likes, retweets, hides). Every act goes through
// the outbox; the mode (public or private) is always stated by the caller and never guessed.
import { z } from 'zod';
import { method } from './core';
import type { Contact, ContactInteraction, InteractionState } from './contacts';
import type { MessagingWindow } from './channels';
import type { ChannelKind, Network, Visibility } from './model';
import type { OutboxItemKind, OutboxItemView } from './outbox';
import type { DecisionStep, EngagementView } from './strategy';

export interface ConversationInteraction {
  id: number;
  accountId: number;
  /** The brand's account: "@parleycoffee" on X, the Page's name on Facebook. */
  accountLabel: string;
  network: Network;
  channelKind: ChannelKind;
  state: InteractionState;
  subject: string;
  priority: number;
  sentiment: number | null;
  assignedAgentId: number | null;
  assignedAgentName: string | null;
  createdAt: number;
  waitingSince: number;
  assignedAt: number | null;
  firstResponseAt: number | null;
  completedAt: number | null;
  disposition: { id: number; code: string; label: string } | null;
  dispositionNote: string | null;
  route: string | null;
  autoOutcome: string | null;
  /** Why it landed here: the strategy's path. */
  decisionPath: DecisionStep[];
}

/** The engagement state of one customer post, for its buttons. */
export interface MessageReactions {
  like: { engagementId: number; state: EngagementView['state']; outboxState: string | null } | null;
  retweet: { engagementId: number; state: EngagementView['state']; outboxState: string | null } | null;
  /** Facebook comments: the latest hide or unhide act. */
  hidden: { hidden: boolean; outboxItemId: number; state: string } | null;
}

export type ThreadEntry =
  | {
      type: 'message';
      key: string;
      id: number;
      at: number;
      channelKind: ChannelKind;
      direction: 'in' | 'out';
      visibility: Visibility;
      authorKind: 'customer' | 'agent' | 'auto' | 'brand';
      authorName: string;
      text: string;
      networkMessageId: string | null;
      outboxItemId: number | null;
      /** Customer posts that can be liked, retweeted or hidden carry their current state. */
      reactions: MessageReactions | null;
    }
  | {
      type: 'engagement';
      key: string;
      id: number;
      at: number;
      kind: 'like' | 'retweet';
      automatic: boolean;
      state: EngagementView['state'];
      messageId: number;
      outboxItemId: number | null;
      undoOutboxItemId: number | null;
      decidedBy: string | null;
    }
  | {
      type: 'event';
      key: string;
      id: number;
      at: number;
      kind: string;
      /** What happened, as a sentence ("Assigned to Ana Souza", "Completed: Resolved"). */
      text: string;
    };

export interface ReplyOption {
  allowed: boolean;
  /** The outbox act a send in this mode becomes. */
  act: OutboxItemKind | null;
  /** The send button's words ("Reply publicly on X", "Send a DM"). */
  label: string;
  /** Why it is not possible, when it is not. */
  reason: string | null;
  /** Longest text; `tweet` means X's weighted 280 (count it with twitter-text). */
  maxLength: number | 'tweet';
  /** Who or what it goes to ("@ana_s", "Ana's comment"). */
  recipient: string | null;
}

export interface ConversationCapabilities {
  public: ReplyOption;
  private: ReplyOption;
  /** A public conversation that can continue privately in one action. */
  moveToPrivate: boolean;
  like: boolean;
  retweet: boolean;
  hide: boolean;
}

export interface ConversationView {
  interaction: ConversationInteraction;
  contact: Contact;
  thread: ThreadEntry[];
  /** Every outbox act of this interaction, by id, for the states shown beside messages. */
  outbox: OutboxItemView[];
  /** Proposed and decided likes and retweets of this interaction. */
  engagements: EngagementView[];
  window: MessagingWindow;
  capabilities: ConversationCapabilities;
  /** The mode the composer starts in. */
  defaultMode: Visibility;
  /** The contact's other interactions, newest first, with their disposition codes. */
  earlier: ContactInteraction[];
  /** The thread was longer than what is shown (the oldest messages are left out). */
  truncated: boolean;
}

export interface FilledTemplate {
  id: number;
  name: string;
  visibility: Visibility;
  network: Network | null;
  /** Each wording with its placeholders filled for this customer and agent. */
  variants: string[];
}

export interface SendResult {
  items: OutboxItemView[];
  messageIds: number[];
}

const id = z.number().int().positive();
/** One key per draft: sending the same draft twice (a double click, a retry after a lost answer) sends once. */
const clientKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'A client key has 8 to 64 letters, digits, _ or -');
const text = z.string().trim().min(1, 'Write the message first').max(10_000, 'The message is too long');

export const conversationMethods = {
  'conversation.get': method(z.object({ interactionId: id }).strict()).returns<ConversationView>(),
  /** Sends what the agent wrote, publicly or privately as `mode` says (the signed-in agent must hold it). */
  'conversation.reply': method(z.object({ interactionId: id, mode: z.enum(['public', 'private']), text, clientKey }).strict()).returns<SendResult>(),
  /** The private message and, when given, a short public note that the conversation continues privately. */
  'conversation.moveToPrivate': method(
    z.object({ interactionId: id, text, publicNote: z.string().trim().max(2000).nullable().default(null), clientKey }).strict(),
  ).returns<SendResult>(),
  /** Like, retweet (X), hide or unhide (Facebook comments) one customer post of this interaction. Undo a
   *  like or retweet with strategy.undoEngagement. */
  'conversation.engage': method(
    z.object({ interactionId: id, messageId: id, act: z.enum(['like', 'retweet', 'hide', 'unhide']) }).strict(),
  ).returns<{ item: OutboxItemView | null; engagement: EngagementView | null }>(),
  /** Canned responses and "continue in private" notes, filled for this customer and the signed-in agent. */
  'conversation.templates': method(z.object({ interactionId: id }).strict()).returns<{ canned: FilledTemplate[]; moveToPrivate: FilledTemplate[] }>(),
};
