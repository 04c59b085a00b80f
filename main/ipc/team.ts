// Handlers of Admin → Team: test a connection, move this install's data to a team database, join one, or
// go back to the local file. Each takes effect at the next start (the engine opens its data once), and the
// answer says so. The password is sealed into team.json (main/team/teamConfig.ts) and never returned.
import path from 'node:path';
import { dialectOf } from '../../db/dialect';
import { describeTarget, openPostgres, type PostgresConfig } from '../../db/postgres/connection';
import { PostgresConnectError, type PostgresProblem } from '../../db/postgres/errors';
import { assertUsable, inspectPostgres } from '../../db/postgres/inspect';
import type { ErrorCode, TeamConnectionCheck, TeamStatus } from '../../preload/contract';
import type { EngineContext } from '../context';
import { DB_FILE } from '../engine';
import { ParleyError } from '../errors';
import { copySqliteToPostgres, MoveRefused } from '../team/move';
import { clearTeamConfig, readTeamConfig, teamPassword, withoutPassword, writeTeamConfig } from '../team/teamConfig';
import type { NamespaceHandlers } from './types';

const codes: Record<PostgresProblem, ErrorCode> = {
  server_unreachable: 'network_error',
  auth_failed: 'forbidden',
  tls_failed: 'network_error',
  database_missing: 'not_found',
  database_too_new: 'database_too_new',
  not_parley_database: 'conflict',
  permission_denied: 'forbidden',
};

function asParley(e: unknown): unknown {
  if (e instanceof PostgresConnectError) return new ParleyError(codes[e.code], e.message);
  if (e instanceof MoveRefused) return new ParleyError('conflict', e.message);
  return e;
}

type Input = { connectionString: string; password: string | null; tls: 'disable' | 'require' | 'verify-full'; caFile: string | null };

function configOf(input: Input): PostgresConfig {
  let split: ReturnType<typeof withoutPassword>;
  try {
    split = withoutPassword(input.connectionString);
  } catch (e) {
    throw new ParleyError('invalid_input', (e as Error).message, { connectionString: (e as Error).message });
  }
  if (input.tls === 'verify-full' && input.caFile && !path.isAbsolute(input.caFile)) {
    throw new ParleyError('invalid_input', 'Give the full path of the CA file.', { caFile: 'Give the full path of the CA file' });
  }
  return { connectionString: split.connectionString, password: input.password || split.password, tls: input.tls, caFile: input.caFile || null };
}

const labelOf = (c: PostgresConfig) => {
  const t = describeTarget(c.connectionString);
  return `${t.host}:${t.port}/${t.database}`;
};

function status(ctx: EngineContext): TeamStatus {
  const running = dialectOf(ctx.db);
  let next: PostgresConfig | null = null;
  try {
    next = readTeamConfig(ctx.dataDir, ctx.secrets);
  } catch {
    next = null;
  }
  const nextTarget = next ? labelOf(next) : null;
  const target = running === 'postgres' ? (ctx.teamTarget ?? null) : null;
  return {
    mode: running,
    target,
    sqliteFile: path.join(ctx.dataDir, DB_FILE),
    restartRequired: running === 'postgres' ? nextTarget !== target : nextTarget !== null,
    nextTarget: nextTarget !== target ? nextTarget : null,
  };
}

async function check(input: Input): Promise<{ config: PostgresConfig; found: TeamConnectionCheck }> {
  const config = configOf(input);
  const i = await inspectPostgres(config);
  assertUsable(i);
  return { config, found: { ...i, next: i.contents === 'parley' ? 'join' : 'move' } };
}

export function teamHandlers(ctx: EngineContext): NamespaceHandlers<'team'> {
  return {
    'team.status': () => status(ctx),
    'team.test': async (input) => {
      try {
        return (await check(input)).found;
      } catch (e) {
        throw asParley(e);
      }
    },
    'team.move': async (input) => {
      if (dialectOf(ctx.db) !== 'sqlite') throw new ParleyError('conflict', 'This install already keeps its data in a team database; there is no local file to move.');
      try {
        const { config, found } = await check(input);
        if (found.contents === 'parley') throw new MoveRefused(`"${found.database}" already holds a Parley team database. Join it instead, or move into an empty database.`);
        // Nothing new may arrive in the local file once it is copied: channels and the outbox stop here.
        await ctx.channels?.stop();
        await ctx.outbox?.stop();
        const target = openPostgres(config, { applicationName: 'parley-move' });
        try {
          const result = await copySqliteToPostgres({ sqlite: ctx.sqlite }, target, {
            appVersion: ctx.appVersion,
            secrets: { local: ctx.secrets, dataDir: ctx.dataDir, password: teamPassword(config) },
            onProgress: (p) => ctx.events.emit('team.moveProgress', p),
          });
          writeTeamConfig(ctx.dataDir, config, ctx.secrets);
          ctx.log.info('team: moved to PostgreSQL', { target: labelOf(config), tables: result.tables.length });
          return { tables: result.tables, backupFile: path.join(ctx.dataDir, DB_FILE), restartRequired: true as const };
        } finally {
          await target.close();
        }
      } catch (e) {
        throw asParley(e);
      }
    },
    'team.join': async (input) => {
      try {
        const { config, found } = await check(input);
        if (found.contents !== 'parley') {
          throw new ParleyError('conflict', `"${found.database}" is empty: there is no team to join yet. Move this install's data there instead, or ask for the team's connection string.`);
        }
        writeTeamConfig(ctx.dataDir, config, ctx.secrets);
        return status(ctx);
      } catch (e) {
        throw asParley(e);
      }
    },
    'team.offline': () => ctx.teamOffline?.status() ?? { online: true, pending: [], rejected: [] },
    'team.dismissRejected': () => ctx.teamOffline?.dismissRejected() ?? { online: true, pending: [], rejected: [] },
    'team.leave': () => {
      clearTeamConfig(ctx.dataDir);
      return status(ctx);
    },
  };
}
