// The agent workspace's background part: it watches routing's events and
//  - tells an agent when an interaction was just given to them ('agent.assigned', for desktop notifications),
//  - coalesces queue changes into 'inbox.changed' (a flood of mentions costs the window a few refreshes
//    per second, not one per message) and keeps the sorted queue the inbox pages through,
//  - remembers which Electron window works as which agent, so the main process can notify the right one.
import { latestEventKinds, loadAssignments, probeAssignments } from '../../db/repositories/inbox';
import type { AgentAssignment } from '../../preload/contract';
import type { EngineContext, Session } from '../context';
import type { Service } from '../engine';
import { QueueIndex } from './queueIndex';

/** Shortest gap between two 'inbox.changed' events. */
export const INBOX_COALESCE_MS = 250;

export class WorkspaceService implements Service {
  readonly name = 'workspace';
  readonly queue: QueueIndex;
  private assigned = new Map<number, number>();
  private chain: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastEmit = 0;
  private readonly windows = new Map<string, Session>();
  private stopped = false;

  constructor(private readonly ctx: EngineContext) {
    // Routing keeps the queue in memory (and in step with the database): read it there, not from disk.
    this.queue = new QueueIndex(async () =>
      ctx.routing.queuedInOrder().map((e) => ({ id: e.interactionId, skillId: e.skillId, minLevel: e.minLevel, groupId: e.groupId, priority: e.priority, queuedAt: e.queuedAt })),
    );
  }

  async start(): Promise<void> {
    this.assigned = await loadAssignments(this.ctx.db);
    this.unsubscribe = this.ctx.events.subscribe((name, payload) => {
      if (name === 'interactions.changed') {
        const ids = (payload as { ids: number[] }).ids;
        this.chain = this.chain.then(() => this.checkAssignments(ids)).catch((e) => this.ctx.log.error('assignment check failed', { error: e }));
        this.changed();
      } else if (name === 'queue.changed' || name === 'agents.changed') {
        this.changed();
      } else if (name === 'config.changed') {
        const parts = (payload as { parts: string[] }).parts;
        if (parts.some((p) => p === 'agents' || p === 'skills' || p === 'groups')) this.changed();
      }
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.chain;
  }

  /** Resolves once every event received so far has been looked at (tests). */
  settled(): Promise<void> {
    return this.chain;
  }

  // ---- sessions -------------------------------------------------------------------------------------

  /** Records which window works as which agent (Electron windows; the web host needs no lookup). */
  track(session: Session): void {
    if (session.host === 'electron') this.windows.set(session.id, session);
  }

  agentOfSession(sessionId: string): number | null {
    return this.windows.get(sessionId)?.agentId ?? null;
  }

  forgetSession(sessionId: string): void {
    this.windows.delete(sessionId);
  }

  // ---- inbox coalescing ---------------------------------------------------------------------------

  private changed(): void {
    this.queue.invalidate();
    if (this.timer || this.stopped) return;
    const wait = Math.max(0, this.lastEmit + INBOX_COALESCE_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.lastEmit = Date.now();
      this.ctx.events.emit('inbox.changed', { queued: this.ctx.routing.queueSize });
    }, wait);
  }

  // ---- assignment notices ----------------------------------------------------------------------------

  private async checkAssignments(ids: number[]): Promise<void> {
    if (ids.length === 0 || this.stopped) return;
    const rows = await probeAssignments(this.ctx.db, ids);
    for (const r of rows) {
      const holder = r.state === 'assigned' ? r.assignedAgentId : null;
      const before = this.assigned.get(r.id) ?? null;
      if (holder === null) {
        this.assigned.delete(r.id);
        continue;
      }
      if (holder === before) continue;
      this.assigned.set(r.id, holder);
      const kinds = await latestEventKinds(this.ctx.db, r.id, 2);
      const how: AgentAssignment['how'] = kinds[0] === 'accepted' ? 'accepted' : kinds.includes('transferred') ? 'transferred' : 'routed';
      this.ctx.events.emit('agent.assigned', {
        agentId: holder,
        interactionId: r.id,
        network: r.network,
        channelKind: r.channelKind,
        contactName: r.contactName,
        subject: r.subject,
        how,
        at: this.ctx.clock.now(),
      });
    }
  }
}
