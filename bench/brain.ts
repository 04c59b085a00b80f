// The engine core the in-process benchmarks drive: a migrated SQLite file, the configuration service, the
// routing service and the event bus (no pollers, no sandbox), plus the "busy desk" configuration every
// ingest and routing figure is measured under.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqlite, type SqliteHandle } from '../db/connection';
import { migrateSqlite } from '../db/migrate';
import { WalCheckpointer } from '../db/walCheckpointer';
import { ManualClock } from '../main/clock';
import { ConfigService } from '../main/config/service';
import type { EngineContext } from '../main/context';
import { seedDemoSetup } from '../main/demo/seed';
import { EventBus } from '../main/events';
import { silentLogger } from '../main/log';
import { FileKeySecretBox } from '../main/secrets/secretBox';
import { RoutingService } from '../main/services/routing';
import { TextAnalysisThread } from '../main/strategy/analysisPool';
import type { Network } from '../preload/contract/model';

export interface BenchBrain {
  ctx: EngineContext;
  handle: SqliteHandle;
  clock: ManualClock;
  dir: string;
  file: string;
  accounts: { x: number; facebook: number };
  close(): Promise<void>;
}

/** Wednesday 2026-11-25, 12:00 UTC: inside the demo's weekly hours in Berlin, an ordinary day. */
export const BENCH_NOW = Date.UTC(2026, 10, 25, 12);

export function benchDir(prefix = 'parley-bench-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A folder that survives between benchmark runs (large databases take a while to build). */
export function cacheDir(): string {
  const dir = process.env.PARLEY_BENCH_CACHE ?? path.join(os.tmpdir(), 'parley-bench-cache');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export async function openBrain(dir: string, options: { now?: number; file?: string } = {}): Promise<BenchBrain> {
  const file = path.join(dir, options.file ?? 'parley.db');
  const handle = openSqlite(file);
  await migrateSqlite(handle, { appVersion: 'bench' });
  const clock = new ManualClock(options.now ?? BENCH_NOW);
  const config = new ConfigService(handle.db, clock);
  await config.load();
  const events = new EventBus();
  const routing = new RoutingService({ db: handle.db, sqlite: handle.sqlite, clock, events, log: silentLogger, config });
  const ctx: EngineContext = {
    db: handle.db,
    sqlite: handle.sqlite,
    dataDir: dir,
    host: 'web',
    appVersion: 'bench',
    clock,
    log: silentLogger,
    events,
    secrets: new FileKeySecretBox(dir),
    sandbox: null,
    startedAt: clock.now(),
    config,
    routing,
  };
  const existing = await ctx.db.selectFrom('channel_account').select(['id', 'network']).orderBy('id').execute();
  const accounts = {
    x: existing.find((a) => a.network === 'x')?.id ?? (await addAccount(ctx, 'x', '1000', 'parleycoffee')),
    facebook: existing.find((a) => a.network === 'facebook')?.id ?? (await addAccount(ctx, 'facebook', 'page-1', null)),
  };
  await routing.start();
  // As the engine does: the log is checkpointed on a worker thread, not inside the commits measured here.
  const checkpointer = new WalCheckpointer(handle.sqlite);
  checkpointer.start();
  // And ingest's second thread reads the texts (bench/run.mjs bundles analysisWorker.cjs beside the bench).
  ctx.textAnalysis = new TextAnalysisThread();
  ctx.textAnalysis.start();
  return {
    ctx,
    handle,
    clock,
    dir,
    file,
    accounts,
    close: async () => {
      routing.stop();
      config.stop();
      await ctx.textAnalysis?.stop();
      await checkpointer.stop();
      await handle.close();
    },
  };
}

async function addAccount(ctx: EngineContext, network: Network, externalId: string, handle: string | null): Promise<number> {
  const now = ctx.clock.now();
  const r = await ctx.db
    .insertInto('channel_account')
    .values({ network, name: 'Parley Coffee', external_id: externalId, handle, auth_kind: network === 'x' ? 'oauth2' : 'page_token', credentials: null, credentials_scheme: null, base_url: null, status_detail: null, rate_limited_until: null, last_poll_at: null, next_poll_at: null, quota_json: null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export interface BusyDeskOptions {
  agents: number;
  /** Share of agents set Ready (the rest Not Ready), so part of the traffic is assigned and part waits. */
  readyShare: number;
  extraRules: number;
}

/**
 * A busy desk: the sandbox demo setup (skills, DM group, rules, hours, special days, templates) plus many
 * agents, dozens of extra keyword rules most messages are checked against without matching, an automatic
 * reply to every X mention and automatic likes of positive posts (so most messages write outbox rows).
 */
export async function busyDesk(b: BenchBrain, o: BusyDeskOptions): Promise<void> {
  const c = b.ctx.config;
  await c.setTimeZone('Europe/Berlin', 'bench');
  await seedDemoSetup(b.ctx);
  const snap = () => c.snapshot;
  const skills = snap().skills;
  const groups = snap().groups;
  for (let i = 0; i < o.extraRules; i++) {
    const words = Array.from({ length: 12 }, (_, k) => `product${i}x${k}`);
    await c.createRule(
      {
        name: `Product line ${i}`,
        match: i % 10 === 9 ? { regex: `\\bsku-${i}-[0-9]{4}\\b` } : { any: words, hashtags: [`line${i}`] },
        action: { type: 'route_skill', skillId: skills[i % skills.length]!.id, minLevel: 1 + (i % 5), priority: i % 4 },
      },
      'bench',
    );
  }
  for (let i = 0; i < o.agents; i++) {
    await c.createAgent(
      {
        name: `Agent ${String(i).padStart(3, '0')}`,
        skills: skills.filter((_, k) => (i + k) % 2 === 0).map((s, k) => ({ skillId: s.id, level: 1 + ((i + k) % 10) })),
        groupIds: i % 4 === 0 ? groups.map((g) => g.id) : [],
        capacity: { mention: 3, dm: 2, post: 3, comment: 3, messenger: 2 },
      },
      'bench',
    );
  }
  const autoReply = snap().templates.find((t) => t.kind === 'auto_reply')!;
  await c.setStrategySettings(
    {
      ...snap().strategy,
      autoReply: { ...snap().strategy.autoReply, enabled: true, templateId: autoReply.id, networks: ['x'], channelKinds: ['mention'], alsoRoute: true },
      engagement: { ...snap().strategy.engagement, enabled: true, requireApproval: false, like: true },
    },
    'bench',
  );
  const agents = snap().agents;
  const ready = Math.round(agents.length * o.readyShare);
  for (let i = 0; i < agents.length; i++) {
    await b.ctx.routing.setAgentStatus(agents[i]!.id, i < ready ? 'ready' : 'not_ready', i < ready ? null : 'Training', 'bench');
  }
}
