// What the agent sends: a reply in the mode they chose, or "move to private" (the private message and,
// if they want, a short public note) as one act that keeps the one interaction. Everything goes through
// the outbox (enqueueOutbound writes the act and its message row in one transaction).
import { parseTweet } from 'twitter-text';
import { contactIdentityOn, getInteractionRecord, latestCustomerMessage, addInteractionEvent, type InteractionRecord } from '../../db/repositories/conversation';
import type { Agent, SendResult, Visibility } from '../../preload/contract';
import type { EngineContext } from '../context';
import { notFound, ParleyError } from '../errors';
import { enqueueOutbound } from '../outbox/enqueue';
import { toOutboxView } from '../outbox/view';
import { messagingWindowFor } from '../outbox/windows';
import { planSend, type ActContext } from './acts';
import { actorFor } from './agent';

export async function actContextFor(ctx: EngineContext, i: InteractionRecord): Promise<ActContext> {
  const [window, target, recipient] = await Promise.all([
    messagingWindowFor(ctx, i.id),
    latestCustomerMessage(ctx.db, i.id),
    contactIdentityOn(ctx.db, i.contactId, i.network),
  ]);
  return {
    network: i.network,
    channelKind: i.channelKind,
    window,
    target: target ? { networkMessageId: target.networkMessageId, channelKind: target.channelKind } : null,
    recipient: recipient ?? null,
  };
}

/** The interaction, if this agent holds it now; otherwise a sentence saying who does or what to do. */
export async function heldBy(ctx: EngineContext, interactionId: number, agent: Agent): Promise<InteractionRecord> {
  const i = await getInteractionRecord(ctx.db, interactionId);
  if (!i) throw notFound('Interaction', interactionId);
  if (i.state === 'assigned' && i.assignedAgentId === agent.id) return i;
  switch (i.state) {
    case 'completed':
      throw new ParleyError('conflict', 'This conversation is completed; nothing more can be sent in it.');
    case 'queued':
      throw new ParleyError('conflict', 'This conversation is waiting in the queue: take it before you reply.');
    case 'assigned': {
      const holder = ctx.config.snapshot.agents.find((a) => a.id === i.assignedAgentId);
      throw new ParleyError('conflict', `This conversation is with ${holder?.name ?? 'another agent'} now.`);
    }
    default:
      throw new ParleyError('conflict', `This conversation was ${i.state === 'ignored' ? 'ignored as spam' : 'handled automatically'}; no agent replies in it.`);
  }
}

function checkTweetLength(text: string, what: string): void {
  const t = parseTweet(text);
  if (!t.valid) throw new ParleyError('invalid_input', `${what} counts ${t.weightedLength} of X's 280 characters; shorten it.`, { text: 'Too long for X' });
}

export async function sendReply(ctx: EngineContext, agent: Agent, input: { interactionId: number; mode: Visibility; text: string; clientKey: string }): Promise<SendResult> {
  const i = await heldBy(ctx, input.interactionId, agent);
  const payload = planSend(await actContextFor(ctx, i), input.mode, input.text);
  const { item, messageId } = await enqueueOutbound(ctx, {
    accountId: i.accountId,
    interactionId: i.id,
    payload,
    createdBy: actorFor(agent),
    idempotencyKey: `agent:${agent.id}:${i.id}:${input.clientKey}:${input.mode}`,
  });
  await ctx.routing.recordFirstResponse(i.id, agent.id, ctx.clock.now());
  ctx.events.emit('interactions.changed', { ids: [i.id] });
  return { items: [toOutboxView(item)], messageIds: messageId != null ? [messageId] : [] };
}

export async function moveToPrivate(
  ctx: EngineContext,
  agent: Agent,
  input: { interactionId: number; text: string; publicNote: string | null; clientKey: string },
): Promise<SendResult> {
  const i = await heldBy(ctx, input.interactionId, agent);
  const act = await actContextFor(ctx, i);
  if (i.channelKind !== 'mention' && i.channelKind !== 'post' && i.channelKind !== 'comment') {
    throw new ParleyError('conflict', 'This conversation is already private.');
  }
  // Both acts are checked before either is queued, so the customer never gets a public note without the
  // private message it announces.
  const privatePayload = planSend(act, 'private', input.text);
  const note = input.publicNote?.trim() || null;
  const notePayload = note ? planSend(act, 'public', note) : null;
  if (notePayload?.kind === 'reply') checkTweetLength(note!, 'The public note');
  if (privatePayload.kind === 'private_reply' && [...input.text].length > 2000) {
    throw new ParleyError('invalid_input', 'A private reply may have at most 2,000 characters.', { text: 'Too long' });
  }
  const createdBy = actorFor(agent);
  const base = `agent:${agent.id}:${i.id}:${input.clientKey}:move`;
  const first = await enqueueOutbound(ctx, { accountId: i.accountId, interactionId: i.id, payload: privatePayload, createdBy, idempotencyKey: `${base}:private` });
  const items = [toOutboxView(first.item)];
  const messageIds = first.messageId != null ? [first.messageId] : [];
  if (notePayload) {
    const second = await enqueueOutbound(ctx, { accountId: i.accountId, interactionId: i.id, payload: notePayload, createdBy, idempotencyKey: `${base}:note` });
    items.push(toOutboxView(second.item));
    if (second.messageId != null) messageIds.push(second.messageId);
  }
  const now = ctx.clock.now();
  if (first.created) {
    await addInteractionEvent(ctx.db, { interactionId: i.id, at: now, kind: 'moved_to_private', agentId: agent.id, detail: { via: privatePayload.kind, publicNote: notePayload !== null } });
  }
  await ctx.routing.recordFirstResponse(i.id, agent.id, now);
  ctx.events.emit('interactions.changed', { ids: [i.id] });
  return { items, messageIds };
}
