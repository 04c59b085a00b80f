// The composition root both hosts share: open and migrate the database, build the services and the
// handlers, start the background work, and stop it all in order.
import fs from 'node:fs';
import path from 'node:path';
import { noSqliteConnection, openSqlite, type DataHandle } from '../db/connection';
import { WalCheckpointer } from '../db/walCheckpointer';
import { migrateDatabase, openAndMigrate, type MigrateResult } from '../db/migrate';
import { openPostgres } from '../db/postgres/connection';
import { describePostgresError } from '../db/postgres/errors';
import type { HostKind } from '../preload/contract';
import { systemClock, type Clock } from './clock';
import { ConfigService } from './config/service';
import { ingestBatch } from './services/ingest';
import { RoutingService } from './services/routing';
import type { EngineContext } from './context';
import { createFacebookAdapter } from './channels/facebook/adapter';
import { ChannelManager } from './channels/manager';
import { SandboxConnection, type SandboxPlan } from './channels/sandboxAccounts';
import type { ChannelTiming } from './channels/timing';
import { createXAdapter } from './channels/twitter/adapter';
import type { IngestFn } from './channels/types';
import { acquireDataLock } from './dataLock';
import { EventBus } from './events';
import { createDispatch, type Dispatch } from './ipc/dispatch';
import { createHandlers } from './ipc/handlers';
import { createLogger, type Logger } from './log';
import { OutboxWorker } from './outbox/worker';
import { FileKeySecretBox, type SecretBox } from './secrets/secretBox';
import { TeamSecretBox } from './secrets/teamSecretBox';
import { AccountLeases } from './team/leases';
import { OfflineQueue } from './team/offlineQueue';
import { TeamNotices } from './team/notices';
import { readTeamConfig } from './team/teamConfig';
import { TextAnalysisThread } from './strategy/analysisPool';
import { WorkspaceService } from './workspace/service';
import { appVersion as builtVersion } from './version';

export interface EngineOptions {
  dataDir: string;
  host: HostKind;
  appVersion?: string;
  secrets?: SecretBox;
  clock?: Clock;
  log?: Logger;
  /** Sandbox mode: 'auto' (hosts: when no real account exists), 'off' (default), or a running sandbox's URL. */
  sandbox?: SandboxPlan;
  /** Shorter waits for tests (poll retries, stream backoff, outbox retries). */
  channelTiming?: Partial<ChannelTiming>;
  /** Where channels hand inbound items; main/services/ingest.ts unless a test replaces it. */
  ingest?: IngestFn;
}

/** A long-running part of the engine (poller, outbox worker, router). Stopped in reverse start order. */
export interface Service {
  name: string;
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}

export interface Engine {
  ctx: EngineContext;
  dispatch: Dispatch;
  close(): Promise<void>;
}

export const DB_FILE = 'parley.db';

export async function startEngine(options: EngineOptions): Promise<Engine> {
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const releaseLock = acquireDataLock(dataDir);
  const log = options.log ?? createLogger({ file: path.join(dataDir, 'parley.log') });
  const clock = options.clock ?? systemClock;
  const version = options.appVersion ?? builtVersion;
  const secrets = options.secrets ?? new FileKeySecretBox(dataDir);
  let handle: DataHandle;
  let teamSecrets: SecretBox | undefined;
  try {
    // team.json in the data folder (Admin → Team) points this install at a team's PostgreSQL server.
    const team = readTeamConfig(dataDir, secrets);
    let result: MigrateResult;
    if (team) {
      const pgHandle = openPostgres(team, { applicationName: `parley-${options.host}` });
      try {
        result = await migrateDatabase(pgHandle, { appVersion: version, now: () => clock.now() });
      } catch (e) {
        await pgHandle.close();
        // Connection problems become sentences; a refusal from the migrations (a newer Parley) stays as it is.
        throw describePostgresError(e, team);
      }
      handle = pgHandle;
      // Channel credentials are shared by every seat, so they are sealed with a key every seat derives.
      try {
        teamSecrets = await TeamSecretBox.open(pgHandle.db, team.password);
      } catch (e) {
        await pgHandle.close();
        throw e;
      }
    } else {
      const opened = await openAndMigrate(path.join(dataDir, DB_FILE), { appVersion: version, now: () => clock.now() }, openSqlite);
      handle = opened.handle;
      result = opened.result;
    }
    if (result.to !== result.from) {
      log.info('database migrated', { from: result.from, to: result.to, backup: result.backupFile });
    }
  } catch (e) {
    releaseLock();
    throw e;
  }
  const sqlite = handle.dialect === 'sqlite' ? handle.sqlite : undefined;

  // The configuration snapshot is read by everything after this point, so it loads first.
  const config = new ConfigService(handle.db, clock);
  try {
    await config.load();
    await config.endEmergencyIfDue();
  } catch (e) {
    await handle.close();
    releaseLock();
    throw e;
  }

  const events = new EventBus();
  const routing = new RoutingService({ db: handle.db, sqlite, clock, events, log: log.child('routing'), config });

  const ctx: EngineContext = {
    db: handle.db,
    sqlite: sqlite ?? noSqliteConnection,
    dataDir,
    host: options.host,
    appVersion: version,
    clock,
    log,
    events,
    secrets,
    ...(teamSecrets ? { teamSecrets } : {}),
    sandbox: null,
    startedAt: clock.now(),
    config,
    routing,
    ...(handle.dialect === 'postgres' ? { teamTarget: handle.label } : {}),
  };
  config.subscribe((parts, snapshot) => ctx.events.emit('config.changed', { parts, version: snapshot.version }));

  const services: Service[] = [];
  services.push({ name: 'config', start: () => undefined, stop: () => config.stop() });
  services.push({ name: 'routing', start: () => routing.start(), stop: () => routing.stop() });
  if (sqlite) {
    // Commits append to the log; a worker thread copies it into the database (db/walCheckpointer.ts).
    const checkpointer = new WalCheckpointer(sqlite, { onError: (message) => log.warn('checkpoint failed', { message }) });
    services.push({ name: checkpointer.name, start: () => checkpointer.start(), stop: () => checkpointer.stop() });
  }
  // Ingest reads message texts on a second thread while this one writes (main/strategy/analysisPool.ts).
  const textAnalysis = new TextAnalysisThread({ log: log.child('ingest') });
  ctx.textAnalysis = textAnalysis;
  services.push({ name: textAnalysis.name, start: () => textAnalysis.start(), stop: () => textAnalysis.stop() });
  // The workspace listens to routing before anything can route (so no assignment goes unnoticed).
  const workspace = new WorkspaceService(ctx);
  ctx.workspace = workspace;
  services.push(workspace);
  // Sandbox first (it provisions the sandbox accounts), then the accounts' pollers, then the outbox.
  const channels = new ChannelManager(ctx, {
    ingest: options.ingest ?? ingestBatch,
    adapters: { x: createXAdapter, facebook: createFacebookAdapter },
    ...(options.channelTiming ? { timing: options.channelTiming } : {}),
  });
  const outbox = new OutboxWorker(ctx, channels, options.channelTiming ? { timing: options.channelTiming } : {});
  ctx.channels = channels;
  ctx.outbox = outbox;
  services.push(new SandboxConnection(ctx, options.sandbox ?? 'off'));
  let offline: OfflineQueue | null = null;
  if (handle.dialect === 'postgres') {
    offline = new OfflineQueue(ctx);
    ctx.teamOffline = offline;
    services.push(offline);
    // Team mode: notices from the other seats, and the accounts this seat holds (taken before the channels
    // start, given up only after they stopped).
    const leases = new AccountLeases(handle, ctx);
    leases.connect({
      gained: async (id) => {
        await outbox.recoverInterrupted(id);
        await channels.reload(id);
      },
      lost: (id) => channels.reload(id),
    });
    channels.gate = leases;
    services.push(new TeamNotices(handle, ctx, routing.seat!), leases);
  }
  services.push(channels, outbox);
  const started: Service[] = [];
  const stopAll = async () => {
    for (const s of started.reverse()) {
      try {
        await withinDeadline(s.name, () => s.stop());
      } catch (e) {
        log.error('service did not stop cleanly', { service: s.name, error: e });
      }
    }
    started.length = 0;
  };
  try {
    for (const s of services) {
      await s.start();
      started.push(s);
    }
  } catch (e) {
    await stopAll();
    await handle.close();
    releaseLock();
    throw e;
  }

  const handlers = createHandlers(ctx);
  const dispatch = createDispatch(offline ? offline.wrap(handlers) : handlers, log);
  let closing: Promise<void> | null = null;
  return {
    ctx,
    dispatch,
    close: () =>
      (closing ??= (async () => {
        await stopAll();
        await withinDeadline('database', () => handle.close()).catch((e) => log.error('database did not close cleanly', { error: e }));
        releaseLock();
      })()),
  };
}

/**
 * A service that cannot stop (a socket to a server that went away, a request that never returns) must not keep
 * the process from quitting: every outbound act is already durable and reconciled on the next start, so after
 * STOP_DEADLINE_MS we give up on that step, say which, and go on.
 */
const STOP_DEADLINE_MS = 5_000;

function withinDeadline(name: string, step: () => Promise<void> | void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} did not stop within ${STOP_DEADLINE_MS / 1000} s; left behind`)), STOP_DEADLINE_MS);
    timer.unref();
  });
  return Promise.race([Promise.resolve().then(step), deadline]).finally(() => clearTimeout(timer));
}
