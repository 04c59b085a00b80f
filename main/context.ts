// What every part of the engine may use. Built once in engine.ts and passed down; no globals.
import type BetterSqlite3 from 'better-sqlite3';
import type { DB } from '../db/connection';
import type { HostKind, TeamOfflineStatus } from '../preload/contract';
import type { ChannelManager } from './channels/manager';
import type { Clock } from './clock';
import type { ConfigService } from './config/service';
import type { RoutingService } from './services/routing';
import type { TextAnalysisThread } from './strategy/analysisPool';
import type { EventBus } from './events';
import type { Logger } from './log';
import type { OutboxWorker } from './outbox/worker';
import type { SecretBox } from './secrets/secretBox';
import type { WorkspaceService } from './workspace/service';

export interface EngineContext {
  db: DB;
  sqlite: BetterSqlite3.Database;
  dataDir: string;
  host: HostKind;
  appVersion: string;
  clock: Clock;
  log: Logger;
  events: EventBus;
  secrets: SecretBox;
  /** Team mode: the box every seat opens channel credentials with (main/secrets/teamSecretBox.ts). */
  teamSecrets?: SecretBox;
  sandbox: { url: string } | null;
  startedAt: number;
  /** Configuration: validated, audited changes and the in-memory snapshot the pipeline reads. */
  config: ConfigService;
  /** Agents, the queue and who gets what next (in memory, persisted in the same transactions). */
  routing: RoutingService;
  /** The channel accounts' sessions (pollers, stream, adapters); set by engine.ts. */
  channels?: ChannelManager;
  /** The outbox worker; enqueueOutbound wakes it. Set by engine.ts. */
  outbox?: OutboxWorker;
  /** Team mode: "host:port/database" of the team's PostgreSQL database this engine runs on. */
  teamTarget?: string;
  /** Team mode: admin changes kept on this computer while the team database is unreachable. */
  teamOffline?: { status(): TeamOfflineStatus; dismissRejected(): TeamOfflineStatus };
  /** Ingest's second thread for reading message texts (rules, sentiment); optional, set by engine.ts. */
  textAnalysis?: TextAnalysisThread;
  /** The agent workspace: assignment notices, the coalesced inbox events, the sorted queue. Set by engine.ts. */
  workspace?: WorkspaceService;
}

/** Who is calling: one per window (Electron) or WebSocket connection (web host). */
export interface Session {
  id: string;
  host: HostKind;
  /** The agent profile this window signed in as, if any. */
  agentId: number | null;
}
