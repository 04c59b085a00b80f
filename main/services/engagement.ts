// Strategy (c)'s engagements after the fact: approve or reject a proposed like/retweet, and undo any
// automatic one (cancel it if it was not sent yet, else send the opposite act).
import { appendAudit } from '../../db/repositories/audit';
import { getEngagement, setEngagementState, type EngagementView } from '../../db/repositories/engagements';
import { cancelOutboxItem } from '../../db/repositories/outbox';
import type { EngineContext } from '../context';
import { notFound, ParleyError } from '../errors';
import { enqueueOutbound } from '../outbox/enqueue';
import type { OutboxPayload } from '../outbox/payload';
import { undoPayload } from './outboundPlan';

function actPayload(e: EngagementView): OutboxPayload {
  if (!e.networkMessageId) throw new ParleyError('conflict', 'This post has no network id, so it cannot be liked.');
  if (e.network === 'x') return e.kind === 'like' ? { kind: 'like', network: 'x', tweetId: e.networkMessageId } : { kind: 'retweet', network: 'x', tweetId: e.networkMessageId };
  if (e.kind === 'retweet') throw new ParleyError('invalid_input', 'Facebook posts cannot be retweeted.');
  return { kind: 'fb_like', network: 'facebook', objectId: e.networkMessageId };
}

async function load(ctx: EngineContext, id: number): Promise<EngagementView> {
  const e = await getEngagement(ctx.db, id);
  if (!e) throw notFound('Engagement', id);
  return e;
}

async function changed(ctx: EngineContext, e: EngagementView, actor: string, action: string, before: EngagementView): Promise<EngagementView> {
  const after = await load(ctx, e.id);
  await appendAudit(ctx.db, { at: ctx.clock.now(), actor, action, entity: 'engagement', entityId: e.id, before: { state: before.state }, after: { state: after.state, outboxItemId: after.outboxItemId, undoOutboxItemId: after.undoOutboxItemId } });
  ctx.events.emit('engagements.changed', { ids: [e.id] });
  if (after.interactionId != null) ctx.events.emit('interactions.changed', { ids: [after.interactionId] });
  return after;
}

export async function approveEngagement(ctx: EngineContext, id: number, actor: string): Promise<EngagementView> {
  const e = await load(ctx, id);
  if (e.state !== 'proposed') throw new ParleyError('conflict', `This ${e.kind} is already ${e.state}.`);
  const now = ctx.clock.now();
  const payload = actPayload(e);
  // The same key ingest uses, so an approval can never add a second act for the same post.
  const { item } = await enqueueOutbound(ctx, {
    accountId: e.accountId,
    interactionId: e.interactionId,
    payload,
    createdBy: actor,
    deadlineAt: now + ctx.config.snapshot.strategy.autoReply.retryMinutes * 60_000,
    idempotencyKey: `engage:${e.kind}:${e.network}:${e.networkMessageId}`,
  });
  if (!(await setEngagementState(ctx.db, id, { state: 'approved', decidedBy: actor, outboxItemId: item.id }, ['proposed'], now))) {
    throw new ParleyError('conflict', 'Someone else decided on this engagement at the same moment; look again.');
  }
  return changed(ctx, e, actor, 'approve', e);
}

export async function rejectEngagement(ctx: EngineContext, id: number, actor: string): Promise<EngagementView> {
  const e = await load(ctx, id);
  if (e.state !== 'proposed') throw new ParleyError('conflict', `This ${e.kind} is already ${e.state}.`);
  await setEngagementState(ctx.db, id, { state: 'rejected', decidedBy: actor }, ['proposed'], ctx.clock.now());
  return changed(ctx, e, actor, 'reject', e);
}

/** Undoes an engagement: not sent yet -> cancelled; already sent (or sending) -> unlike / unretweet. */
export async function undoEngagement(ctx: EngineContext, id: number, actor: string): Promise<EngagementView> {
  const e = await load(ctx, id);
  if (e.state === 'undone' || e.state === 'rejected') throw new ParleyError('conflict', `This ${e.kind} is already ${e.state}.`);
  const now = ctx.clock.now();
  if (e.state === 'proposed') {
    await setEngagementState(ctx.db, id, { state: 'rejected', decidedBy: actor }, ['proposed'], now);
    return changed(ctx, e, actor, 'reject', e);
  }
  let undoId: number | null = null;
  const cancelled = e.outboxItemId != null ? await cancelOutboxItem(ctx.db, e.outboxItemId, now) : undefined;
  if (!cancelled && e.outboxItemId != null) {
    const opposite = undoPayload(actPayload(e));
    if (opposite) {
      const { item } = await enqueueOutbound(ctx, { accountId: e.accountId, interactionId: e.interactionId, payload: opposite, createdBy: actor, idempotencyKey: `undo:engagement:${e.id}` });
      undoId = item.id;
    }
  }
  await setEngagementState(ctx.db, id, { state: 'undone', decidedBy: actor, undoOutboxItemId: undoId }, ['approved', 'done'], now);
  ctx.outbox?.wake();
  return changed(ctx, e, actor, 'undo', e);
}
