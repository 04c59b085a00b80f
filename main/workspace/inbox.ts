// The inbox's reads: my assigned interactions, and a window of the queue (only the rows a screen shows,
// with the counts it needs), from the sorted queue the workspace service keeps.
import { countAssignedTo, describeInteractions, listAssignedTo, type InboxRowRecord } from '../../db/repositories/inbox';
import type { InboxCounts, InboxRow, QueueWindow } from '../../preload/contract';
import { HUMAN_AGENT_WINDOW_MS, STANDARD_WINDOW_MS } from '../channels/facebook/window';
import type { ConfigSnapshot } from '../config/snapshot';
import type { EngineContext } from '../context';
import { notFound } from '../errors';
import { polarityScores } from '../sentiment/vader';
import type { Eligibility } from './queueIndex';
import type { WorkspaceService } from './service';

/** "Billing 5+" or "Private messages": where the strategy sent it. */
export function routeLabel(s: ConfigSnapshot, r: { skillId: number | null; minLevel: number | null; groupId: number | null }): string | null {
  if (r.skillId != null) {
    const skill = s.skills.find((x) => x.id === r.skillId);
    return `${skill?.name ?? `Skill ${r.skillId}`} ${r.minLevel ?? 1}+`;
  }
  if (r.groupId != null) return s.groups.find((g) => g.id === r.groupId)?.name ?? `Group ${r.groupId}`;
  return null;
}

/**
 * The strategy scores a message only when it may engage with it (public posts, engagement on); the agent
 * wants the tone of every row, DMs and Messenger included, so the rest are scored here from the first words.
 */
export function sentimentFor(stored: number | null, subject: string): number | null {
  if (stored != null) return stored;
  return subject.trim() ? polarityScores(subject).compound : null;
}

export function toInboxRow(s: ConfigSnapshot, r: InboxRowRecord): InboxRow {
  return {
    interactionId: r.id,
    network: r.network,
    channelKind: r.channelKind,
    state: r.state,
    contactId: r.contactId,
    contactName: r.contactName,
    contactHandle: r.contactHandle,
    avatarUrl: r.avatarUrl,
    subject: r.subject,
    priority: r.priority,
    sentiment: sentimentFor(r.sentiment, r.subject),
    waitingSince: r.waitingSince,
    lastInboundAt: r.lastInboundAt,
    assignedAgentId: r.assignedAgentId,
    route: routeLabel(s, r),
    window:
      r.network === 'facebook' && r.channelKind === 'messenger'
        ? { respondUntil: r.lastInboundAt + STANDARD_WINDOW_MS, humanAgentUntil: r.lastInboundAt + HUMAN_AGENT_WINDOW_MS }
        : null,
    awaitingReply: r.awaitingReply,
  };
}

export function eligibilityOf(s: ConfigSnapshot, agentId: number): Eligibility {
  const agent = s.agents.find((a) => a.id === agentId);
  if (!agent) throw notFound('Agent', agentId);
  return { skills: new Map(agent.skills.map((x) => [x.skillId, x.level])), groups: new Set(agent.groupIds) };
}

async function counts(ctx: EngineContext, ws: WorkspaceService, agentId: number | null): Promise<InboxCounts & { eligibleIds: number[] | null }> {
  const all = await ws.queue.all();
  const eligibleIds = agentId != null ? await ws.queue.eligibleIds(eligibilityOf(ctx.config.snapshot, agentId)) : null;
  return {
    queued: all.length,
    eligible: eligibleIds?.length ?? 0,
    mine: agentId != null ? await countAssignedTo(ctx.db, agentId) : 0,
    eligibleIds,
  };
}

export async function myInbox(ctx: EngineContext, ws: WorkspaceService, agentId: number): Promise<{ counts: InboxCounts; rows: InboxRow[] }> {
  const [c, rows] = await Promise.all([counts(ctx, ws, agentId), listAssignedTo(ctx.db, agentId)]);
  const s = ctx.config.snapshot;
  return { counts: { queued: c.queued, eligible: c.eligible, mine: rows.length }, rows: rows.map((r) => toInboxRow(s, r)) };
}

export async function queueWindow(
  ctx: EngineContext,
  ws: WorkspaceService,
  agentId: number | null,
  q: { scope: 'eligible' | 'all'; offset: number; limit: number },
): Promise<QueueWindow> {
  const c = await counts(ctx, ws, agentId);
  const ids = q.scope === 'eligible' && c.eligibleIds ? c.eligibleIds.slice(q.offset, q.offset + q.limit) : (await ws.queue.all()).slice(q.offset, q.offset + q.limit).map((e) => e.id);
  const s = ctx.config.snapshot;
  const rows = (await describeInteractions(ctx.db, ids)).map((r) => toInboxRow(s, r));
  return { counts: { queued: c.queued, eligible: c.eligible, mine: c.mine }, offset: q.offset, rows };
}
