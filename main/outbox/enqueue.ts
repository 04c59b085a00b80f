// The one way an outbound act enters the outbox from outside ingest: the agent workspace (a reply, a DM,
// a like), approvals of proposed engagement, and tests. The row (and the outbound message row) are
// written in one transaction; the worker sends it. What the network would refuse outright (a Messenger
// message outside its window, a second private reply, an over-long tweet) is refused here, before sending.
import { parseTweet } from 'twitter-text';
import { getChannelAccount } from '../../db/repositories/channelAccounts';
import {
  enqueueOutboxItemWithMessage,
  findLivePrivateReply,
  getInteractionForOutbound,
  getOutboxItem,
  lastCustomerMessageAt,
  type OutboundMessageInput,
  type OutboxItem,
} from '../../db/repositories/outbox';
import type { EngineContext } from '../context';
import { ParleyError } from '../errors';
import { checkMessengerSend, messengerWindow, privateReplyWindow } from '../channels/facebook/window';
import { outboxPayloadSchema, textKinds, type OutboxPayload } from './payload';
import { toOutboxView } from './view';
import { commentTime } from './windows';

/** How long an act keeps trying when the caller gives no deadline. */
export const DEFAULT_DEADLINE_MS = 24 * 60 * 60_000;

const LIMITS: Partial<Record<OutboxPayload['kind'], number>> = { dm: 10_000, messenger: 2_000, private_reply: 2_000, comment: 8_000 };

export interface EnqueueOutboundInput {
  accountId: number;
  /** The conversation the act belongs to; required for acts that carry text (their message row lives there). */
  interactionId: number | null;
  payload: OutboxPayload;
  /** agent:<id> for a person, strategy or system for automatic acts. */
  createdBy: string;
  deadlineAt?: number | null;
  /** The same key twice enqueues once: derive it from what caused the act (e.g. interaction + inbound id). */
  idempotencyKey: string;
}

export interface EnqueueOutboundResult {
  item: OutboxItem;
  /** The outbound message row written beside it (null for likes, retweets, hides). */
  messageId: number | null;
  /** False when an item with this idempotency key already existed. */
  created: boolean;
}

function agentIdOf(createdBy: string): number | null {
  const m = /^agent:(\d+)$/.exec(createdBy);
  return m ? Number(m[1]) : null;
}

export async function enqueueOutbound(ctx: EngineContext, input: EnqueueOutboundInput): Promise<EnqueueOutboundResult> {
  const parsed = outboxPayloadSchema.safeParse(input.payload);
  if (!parsed.success) {
    throw new ParleyError('invalid_input', `This outbound act is not well formed: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
  }
  const payload = parsed.data;
  const now = ctx.clock.now();
  const account = await getChannelAccount(ctx.db, input.accountId);
  if (!account) throw new ParleyError('not_found', `Channel account ${input.accountId} does not exist.`);
  if (account.network !== payload.network) {
    throw new ParleyError('invalid_input', `A ${payload.kind} is a ${payload.network === 'x' ? 'X' : 'Facebook'} act, but account ${account.id} is on ${account.network === 'x' ? 'X' : 'Facebook'}.`);
  }
  const agentId = agentIdOf(input.createdBy);
  const carriesText = textKinds.includes(payload.kind);
  let deadlineAt = input.deadlineAt ?? now + DEFAULT_DEADLINE_MS;

  let message: OutboundMessageInput | null = null;
  if (carriesText) {
    if (input.interactionId === null) throw new ParleyError('invalid_input', 'A message to a customer must belong to a conversation (interactionId).');
    const interaction = await getInteractionForOutbound(ctx.db, input.interactionId);
    if (!interaction) throw new ParleyError('not_found', `Interaction ${input.interactionId} does not exist.`);
    if (interaction.accountId !== account.id) throw new ParleyError('invalid_input', `Interaction ${interaction.id} belongs to another account.`);
    const text = (payload as { text: string }).text;
    checkLength(payload.kind, text);

    if (payload.kind === 'messenger') {
      const last = await lastCustomerMessageAt(ctx.db, { accountId: account.id, contactId: interaction.contactId, channelKind: 'messenger' });
      const window = messengerWindow(last, now);
      const refusal = checkMessengerSend(window, payload.tag, agentId !== null);
      if (refusal) throw new ParleyError('outside_messaging_window', refusal);
      // Sending after the window closes would only be refused by Facebook: stop trying when it does.
      if (window.until !== null) deadlineAt = Math.min(deadlineAt, window.until);
    }
    if (payload.kind === 'private_reply') {
      const target = payload.commentId ?? payload.postId;
      if (!target) throw new ParleyError('invalid_input', 'A private reply answers a comment or a post: give its id.');
      const used = !!(await findLivePrivateReply(ctx.db, account.id, target, input.idempotencyKey));
      const at = await commentTime(ctx, target);
      const window = privateReplyWindow(at, now, used);
      if (window.state === 'used') throw new ParleyError('duplicate', window.message);
      if (window.state !== 'open') throw new ParleyError('outside_messaging_window', window.message);
      if (window.until !== null) deadlineAt = Math.min(deadlineAt, window.until);
    }
    message = {
      interactionId: interaction.id,
      authorKind: agentId !== null ? 'agent' : 'auto',
      agentId,
      visibility: payload.kind === 'reply' || payload.kind === 'comment' ? 'public' : 'private',
      text,
      inReplyToNetworkId: inReplyTo(payload),
    };
  }

  const { id, created, messageId } = await enqueueOutboxItemWithMessage(
    ctx.db,
    {
      idempotencyKey: input.idempotencyKey,
      accountId: account.id,
      interactionId: input.interactionId,
      kind: payload.kind,
      payload,
      deadlineAt,
      createdBy: input.createdBy,
      now,
    },
    message,
  );
  const item = (await getOutboxItem(ctx.db, id))!;
  if (created) {
    ctx.events.emit('outbox.changed', toOutboxView(item));
    ctx.outbox?.wake();
  }
  return { item, messageId, created };
}

function checkLength(kind: OutboxPayload['kind'], text: string): void {
  if (kind === 'reply') {
    const t = parseTweet(text);
    if (!t.valid) {
      throw new ParleyError('invalid_input', `X allows 280 characters in a post; this reply counts ${t.weightedLength}. Shorten it or send a DM.`, { text: 'Too long for X' });
    }
    return;
  }
  const max = LIMITS[kind];
  if (max && [...text].length > max) {
    throw new ParleyError('invalid_input', `This message has ${[...text].length} characters; the limit here is ${max}.`, { text: 'Too long' });
  }
}

function inReplyTo(p: OutboxPayload): string | null {
  switch (p.kind) {
    case 'reply':
      return p.inReplyToTweetId;
    case 'comment':
      return p.objectId;
    case 'private_reply':
      return p.commentId ?? p.postId;
    default:
      return null;
  }
}
