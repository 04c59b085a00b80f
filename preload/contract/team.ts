// Admin → Team: keep this install on its local SQLite file (the default) or share one queue with other
// seats through a team's PostgreSQL server. The password goes in, never comes out.
import { z } from 'zod';
import { event, method } from './core';

export const teamConnectionSchema = z
  .object({
    connectionString: z
      .string()
      .trim()
      .min(1, 'Enter a connection string such as postgres://parley@db.example.com:5432/parley')
      .max(2000)
      .regex(/^postgres(ql)?:\/\//, 'A connection string starts with postgres:// or postgresql://'),
    password: z.string().max(500).nullable().default(null),
    tls: z.enum(['disable', 'require', 'verify-full']).default('require'),
    caFile: z.string().trim().max(1000).nullable().default(null),
  })
  .strict();
export type TeamConnectionInput = z.input<typeof teamConnectionSchema>;

export type TeamDatabaseContents = 'empty' | 'parley' | 'other';

export interface TeamConnectionCheck {
  serverVersion: string;
  host: string;
  port: number;
  database: string;
  user: string;
  tls: boolean;
  contents: TeamDatabaseContents;
  /** Parley's data version in that database (contents = 'parley'). */
  parleyVersion: number | null;
  /** What Parley would do with it: move this install's data there, or join the team already there. */
  next: 'move' | 'join';
}

export interface TeamStatus {
  /** Where this running engine keeps its data. */
  mode: 'sqlite' | 'postgres';
  /** "host:port/database" (postgres), never a password. */
  target: string | null;
  /** The local file (SQLite mode), or the backup kept by a move. */
  sqliteFile: string;
  /** team.json names a different place than this engine runs on: a restart applies it. */
  restartRequired: boolean;
  /** Where the next start will open, when it differs. */
  nextTarget: string | null;
}

export interface TeamMoveResult {
  tables: Array<{ table: string; rows: number }>;
  backupFile: string;
  restartRequired: true;
}

export interface TeamMoveProgress {
  table: string;
  copied: number;
  total: number;
  tablesDone: number;
  tablesTotal: number;
}

/** Team mode: whether the team database answers, and the admin changes kept on this computer meanwhile. */
export interface TeamOfflineStatus {
  online: boolean;
  /** Waiting to be applied, oldest first. */
  pending: Array<{ method: string; at: number }>;
  /** Tried when the connection returned and refused (e.g. the thing was deleted meanwhile). */
  rejected: Array<{ method: string; at: number; triedAt: number; code: string; message: string }>;
}

export const teamMethods = {
  'team.status': method(z.object({}).strict()).returns<TeamStatus>(),
  /** Connects, looks and disconnects: what it reached, or a sentence saying what is wrong. */
  'team.test': method(teamConnectionSchema).returns<TeamConnectionCheck>(),
  /** Copies every table into an empty team database (progress: team.moveProgress), then points this install at it. */
  'team.move': method(teamConnectionSchema).returns<TeamMoveResult>(),
  /** Points this install at an existing team database, copying nothing. */
  'team.join': method(teamConnectionSchema).returns<TeamStatus>(),
  /** Back to the local SQLite file from the next start (the team database is left as it is). */
  'team.leave': method(z.object({}).strict()).returns<TeamStatus>(),
  'team.offline': method(z.object({}).strict()).returns<TeamOfflineStatus>(),
  /** The admin has read the rejected offline changes. */
  'team.dismissRejected': method(z.object({}).strict()).returns<TeamOfflineStatus>(),
};

export const teamEvents = {
  'team.moveProgress': event<TeamMoveProgress>(),
  'team.offline': event<TeamOfflineStatus>(),
};
