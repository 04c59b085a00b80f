// The agent's engagement buttons: like (X and Facebook), retweet (X), hide and unhide (Facebook comments).
// A like or retweet is an engagement row beside its outbox act, so it shows and can be undone like an
// automatic one; a proposed automatic one is approved rather than doubled.
import { appendAudit } from '../../db/repositories/audit';
import { countOutboxKeys, getInteractionRecord, getThreadMessage, insertManualEngagement, listMessageEngagements } from '../../db/repositories/conversation';
import { getEngagement, type EngagementView } from '../../db/repositories/engagements';
import type { Agent, OutboxItemView } from '../../preload/contract';
import type { EngineContext } from '../context';
import { notFound, ParleyError } from '../errors';
import { enqueueOutbound } from '../outbox/enqueue';
import type { OutboxPayload } from '../outbox/payload';
import { toOutboxView } from '../outbox/view';
import { approveEngagement } from '../services/engagement';
import { actorFor } from './agent';

export type EngageAct = 'like' | 'retweet' | 'hide' | 'unhide';

export async function engage(
  ctx: EngineContext,
  agent: Agent,
  input: { interactionId: number; messageId: number; act: EngageAct },
): Promise<{ item: OutboxItemView | null; engagement: EngagementView | null }> {
  const i = await getInteractionRecord(ctx.db, input.interactionId);
  if (!i) throw notFound('Interaction', input.interactionId);
  const m = await getThreadMessage(ctx.db, input.messageId);
  if (!m || m.interactionId !== i.id) throw notFound('Message', input.messageId);
  if (m.direction !== 'in' || m.authorKind !== 'customer' || !m.networkMessageId) {
    throw new ParleyError('invalid_input', 'Only a customer\'s post or comment can be liked, retweeted or hidden.');
  }
  if (m.channelKind === 'dm' || m.channelKind === 'messenger') throw new ParleyError('invalid_input', 'Private messages cannot be liked, retweeted or hidden.');
  const actor = actorFor(agent);
  const netId = m.networkMessageId;

  if (input.act === 'hide' || input.act === 'unhide') {
    if (i.network !== 'facebook' || m.channelKind !== 'comment') throw new ParleyError('invalid_input', 'Only Facebook comments can be hidden.');
    const prefix = `agent:hide:${netId}:`;
    const n = await countOutboxKeys(ctx.db, prefix);
    const payload: OutboxPayload = { kind: 'hide', network: 'facebook', commentId: netId, hidden: input.act === 'hide' };
    const { item } = await enqueueOutbound(ctx, { accountId: i.accountId, interactionId: i.id, payload, createdBy: actor, idempotencyKey: `${prefix}${n + 1}` });
    await appendAudit(ctx.db, { at: ctx.clock.now(), actor, action: input.act, entity: 'message', entityId: m.id, after: { outboxItemId: item.id } });
    ctx.events.emit('interactions.changed', { ids: [i.id] });
    return { item: toOutboxView(item), engagement: null };
  }

  const kind = input.act;
  if (kind === 'retweet' && i.network !== 'x') throw new ParleyError('invalid_input', 'Facebook posts cannot be retweeted.');
  const earlier = await listMessageEngagements(ctx.db, m.id, kind);
  const last = earlier.at(-1);
  if (last?.state === 'proposed') {
    // The strategy already proposed this one: approving it is the same act, sent once.
    const approved = await approveEngagement(ctx, last.id, actor);
    return { item: null, engagement: approved };
  }
  if (last && (last.state === 'approved' || last.state === 'done')) {
    return { item: null, engagement: (await getEngagement(ctx.db, last.id)) ?? null };
  }
  const payload: OutboxPayload =
    i.network === 'x' ? (kind === 'like' ? { kind: 'like', network: 'x', tweetId: netId } : { kind: 'retweet', network: 'x', tweetId: netId }) : { kind: 'fb_like', network: 'facebook', objectId: netId };
  // The first like of a post uses the key automation would, so the two can never both go out; a like
  // after an undo is a new act with its own key.
  const base = `engage:${kind}:${i.network}:${netId}`;
  const key = earlier.length === 0 ? base : `${base}:again:${earlier.length}`;
  const now = ctx.clock.now();
  const { item } = await enqueueOutbound(ctx, { accountId: i.accountId, interactionId: i.id, payload, createdBy: actor, idempotencyKey: key });
  const engagementId = await insertManualEngagement(ctx.db, { interactionId: i.id, messageId: m.id, kind, outboxItemId: item.id, decidedBy: actor, now });
  await appendAudit(ctx.db, { at: now, actor, action: kind, entity: 'engagement', entityId: engagementId, after: { outboxItemId: item.id } });
  ctx.events.emit('engagements.changed', { ids: [engagementId] });
  ctx.events.emit('interactions.changed', { ids: [i.id] });
  return { item: toOutboxView(item), engagement: (await getEngagement(ctx.db, engagementId)) ?? null };
}
