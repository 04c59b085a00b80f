// Team mode: every seat LISTENs on one channel. Routing transactions (ingest, offers, claims, completions)
// send a notice as they commit (routingTx.ts); configuration changes send one after they commit (below).
// A notice from another seat makes this one catch up from the database and raise the same local events
// its own changes raise, so every window sees new, assigned and completed work within a second. After a
// lost connection the seat reconnects and catches up on everything, since notices sent meanwhile are gone.
import type pg from 'pg';
import { z } from 'zod';
import type { PostgresHandle } from '../../db/postgres/connection';
import type { ConfigPart } from '../config/core';
import type { EngineContext } from '../context';
import type { Service } from '../engine';
import { TEAM_CHANNEL } from './routingTx';

const ALL_PARTS: ConfigPart[] = ['skills', 'groups', 'agents', 'rules', 'hours', 'timeZone', 'specialDays', 'emergency', 'templates', 'dispositions', 'strategy'];

const noticeSchema = z.discriminatedUnion('kind', [
  z.object({ seat: z.string(), kind: z.literal('routing') }),
  z.object({ seat: z.string(), kind: z.literal('config'), parts: z.array(z.enum(ALL_PARTS as [ConfigPart, ...ConfigPart[]])) }),
]);

export const RECONNECT_MS = 1_000;

export class TeamNotices implements Service {
  readonly name = 'team.notices';
  private client: pg.Client | null = null;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  /** Work to do, coalesced: one routing catch-up and one config reload cover any number of notices. */
  private routingDirty = false;
  private configParts = new Set<ConfigPart>();
  private draining: Promise<void> | null = null;

  constructor(
    private readonly handle: PostgresHandle,
    private readonly ctx: EngineContext,
    private readonly seat: string,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    this.ctx.config.onLocalChange = (parts) => {
      void this.handle.pool
        .query('select pg_notify($1, $2)', [TEAM_CHANNEL, JSON.stringify({ seat: this.seat, kind: 'config', parts })])
        .catch((e) => this.ctx.log.warn('team: could not tell the other seats about a configuration change', { error: e }));
    };
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.ctx.config.onLocalChange = null;
    if (this.timer) clearTimeout(this.timer);
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
    await this.draining;
  }

  /** Resolves once every notice received so far has been applied (tests). */
  async settled(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const c = this.handle.client('parley-notices');
    const lost = () => {
      if (this.client !== c) return;
      this.client = null;
      this.ctx.log.warn('team: lost the notice connection; reconnecting');
      this.retry();
    };
    c.on('error', lost);
    c.on('end', lost);
    c.on('notification', (n) => {
      if (n.channel === TEAM_CHANNEL && n.payload) this.receive(n.payload);
    });
    try {
      await c.connect();
      await c.query(`listen ${TEAM_CHANNEL}`);
    } catch {
      await c.end().catch(() => undefined);
      this.retry();
      return;
    }
    if (this.stopped) {
      await c.end().catch(() => undefined);
      return;
    }
    const reconnected = this.client === null && this.everConnected;
    this.client = c;
    this.everConnected = true;
    if (reconnected) {
      this.routingDirty = true;
      for (const p of ALL_PARTS) this.configParts.add(p);
      this.drain();
    }
  }

  private everConnected = false;

  private retry(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, RECONNECT_MS);
    this.timer.unref?.();
  }

  private receive(payload: string): void {
    let notice: z.infer<typeof noticeSchema>;
    try {
      notice = noticeSchema.parse(JSON.parse(payload));
    } catch {
      return; // not ours to read (another version, or a hand-sent notice)
    }
    if (notice.seat === this.seat) return;
    if (notice.kind === 'routing') this.routingDirty = true;
    else for (const p of notice.parts) this.configParts.add(p);
    this.drain();
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = (async () => {
      while (!this.stopped && (this.routingDirty || this.configParts.size)) {
        const parts = [...this.configParts];
        this.configParts.clear();
        if (parts.length) await this.ctx.config.reloadFromRemote(parts).catch((e) => this.ctx.log.error('team: could not reload the configuration', { error: e }));
        if (this.routingDirty) {
          this.routingDirty = false;
          await this.ctx.routing.refreshFromDatabase().catch((e) => this.ctx.log.error('team: could not catch up with the queue', { error: e }));
        }
      }
    })().finally(() => {
      this.draining = null;
    });
  }
}
