// Team mode: an admin editing while the team database cannot be reached. The change is not lost: it is
// written to a file in the data folder (durably, before the answer) and the admin is told so in one clear
// sentence. When the server answers again the changes are applied in the order they were made, through the
// same handlers, as the admin who made them; one that no longer fits (the thing was deleted meanwhile) is
// kept in a list of rejected changes and reported, never dropped silently. Once anything is waiting, later
// changes wait behind it, so the order holds.
import fs from 'node:fs';
import path from 'node:path';
import { isConnectionLost } from '../../db/dialect';
import type { MethodName, TeamOfflineStatus } from '../../preload/contract';
import type { EngineContext, Session } from '../context';
import type { Service } from '../engine';
import { ParleyError } from '../errors';
import type { Handlers } from '../ipc/types';

export const OFFLINE_FILE = 'offline-changes.json';
export const RETRY_MS = 1_500;

/** Admin changes that are queued when the server is unreachable (reads, previews and exports are not). */
const queued = (m: string) => /^config\.(create|update|delete|reorder|set|import)[A-Z]/.test(m);

interface Entry {
  method: MethodName;
  input: unknown;
  agentId: number | null;
  at: number;
}

interface Rejected extends Entry {
  code: string;
  message: string;
  triedAt: number;
}

interface FileBody {
  pending: Entry[];
  rejected: Rejected[];
}

export const OFFLINE_MESSAGE =
  'Offline: the team database cannot be reached. Your change is kept on this computer and will be applied when the connection returns.';

export class OfflineQueue implements Service {
  readonly name = 'team.offline';
  private body: FileBody = { pending: [], rejected: [] };
  private online = true;
  private handlers: Handlers | null = null;
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private stopped = false;
  private readonly file: string;

  constructor(private readonly ctx: EngineContext) {
    this.file = path.join(ctx.dataDir, OFFLINE_FILE);
  }

  async start(): Promise<void> {
    this.stopped = false;
    if (fs.existsSync(this.file)) this.body = JSON.parse(fs.readFileSync(this.file, 'utf8')) as FileBody;
    if (this.body.pending.length) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.draining;
  }

  status(): TeamOfflineStatus {
    return {
      online: this.online,
      pending: this.body.pending.map((e) => ({ method: e.method, at: e.at })),
      rejected: this.body.rejected.map((r) => ({ method: r.method, at: r.at, triedAt: r.triedAt, code: r.code, message: r.message })),
    };
  }

  dismissRejected(): TeamOfflineStatus {
    this.body.rejected = [];
    this.persist();
    this.announce();
    return this.status();
  }

  /** The handlers the dispatcher calls: admin changes go through the queue when the server is away. */
  wrap(handlers: Handlers): Handlers {
    this.handlers = handlers;
    const out = { ...handlers } as Record<string, (input: unknown, session: Session) => unknown>;
    for (const [name, handler] of Object.entries(handlers) as Array<[MethodName, (input: unknown, session: Session) => unknown]>) {
      if (!queued(name)) continue;
      out[name] = async (input, session) => {
        if (this.body.pending.length) return this.keep(name, input, session);
        try {
          const result = await handler(input, session);
          this.setOnline(true);
          return result;
        } catch (e) {
          if (!isConnectionLost(e)) throw e;
          return this.keep(name, input, session);
        }
      };
    }
    return out as Handlers;
  }

  /** Resolves when nothing is being applied (tests). */
  async settled(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private keep(method: MethodName, input: unknown, session: Session): never {
    this.body.pending.push({ method, input, agentId: session.agentId, at: this.ctx.clock.now() });
    this.persist();
    this.setOnline(false);
    this.schedule(RETRY_MS);
    throw new ParleyError('disconnected', OFFLINE_MESSAGE);
  }

  private persist(): void {
    // Written whole to a temporary file, flushed, then renamed over: a crash leaves the old or the new list.
    const tmp = `${this.file}.tmp`;
    const fd = fs.openSync(tmp, 'w', 0o600);
    try {
      fs.writeSync(fd, JSON.stringify(this.body));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
  }

  private setOnline(online: boolean): void {
    if (this.online === online) return;
    this.online = online;
    this.announce();
  }

  private announce(): void {
    this.ctx.events.emit('team.offline', this.status());
  }

  private schedule(ms: number): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.draining ??= this.drain().finally(() => {
        this.draining = null;
        if (this.body.pending.length) this.schedule(RETRY_MS);
      });
    }, ms);
    this.timer.unref?.();
  }

  private async drain(): Promise<void> {
    const handlers = this.handlers as unknown as Record<string, (input: unknown, session: Session) => Promise<unknown>> | null;
    if (!handlers) return;
    let changed = false;
    while (!this.stopped && this.body.pending.length) {
      const e = this.body.pending[0]!;
      const session: Session = { id: 'offline-queue', host: this.ctx.host, agentId: e.agentId };
      try {
        await handlers[e.method]!(e.input, session);
      } catch (err) {
        if (isConnectionLost(err)) {
          this.setOnline(false);
          break;
        }
        const info = err instanceof ParleyError ? err : new ParleyError('internal', (err as Error)?.message ?? String(err));
        this.body.rejected.push({ ...e, code: info.code, message: info.message, triedAt: this.ctx.clock.now() });
        this.ctx.log.warn('team: a change made offline could not be applied', { method: e.method, code: info.code });
      }
      this.body.pending.shift();
      this.persist();
      changed = true;
      this.online = true;
    }
    if (changed) this.announce();
  }
}
