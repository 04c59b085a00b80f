// What a PostgreSQL database holds, before Parley writes anything to it: the server's version, whether the
// database is empty, already a Parley team database (and of which data version), or something else.
import pg from 'pg';
import { latestVersion } from '../migrations/index';
import { describeTarget, withClient, type PostgresConfig } from './connection';
import { PostgresConnectError } from './errors';

export type DatabaseContents = 'empty' | 'parley' | 'other';

export interface PostgresInspection {
  serverVersion: string;
  database: string;
  user: string;
  host: string;
  port: number;
  tls: boolean;
  contents: DatabaseContents;
  /** Parley's data version in the database (contents = 'parley'). */
  parleyVersion: number | null;
  /** Tables in the public schema that are not Parley's (contents = 'other'), a few names. */
  otherTables: string[];
  /** Whether the user may create tables there (needed for an empty database). */
  canCreate: boolean;
}

export async function inspectClient(c: pg.Client): Promise<Omit<PostgresInspection, 'host' | 'port'>> {
  const info = await c.query<{ v: string; db: string; usr: string; tls: boolean | null; can_create: boolean }>(
    `select current_setting('server_version') as v, current_database() as db, current_user as usr,
            (select ssl from pg_stat_ssl where pid = pg_backend_pid()) as tls,
            has_schema_privilege('public', 'CREATE') as can_create`,
  );
  const row = info.rows[0]!;
  // pg_catalog, not information_schema: the latter hides tables this user has no rights on, and a table
  // someone else owns still makes the database not ours.
  const tables = (await c.query<{ name: string }>(`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f') order by c.relname`)).rows.map((r) => r.name);
  let contents: DatabaseContents = tables.length === 0 ? 'empty' : 'other';
  let parleyVersion: number | null = null;
  if (tables.includes('parley_migration')) {
    const v = await c.query<{ v: number | null }>(`select max(version) as v from parley_migration`);
    parleyVersion = v.rows[0]?.v == null ? 0 : Number(v.rows[0].v);
    contents = 'parley';
  }
  return {
    serverVersion: row.v,
    database: row.db,
    user: row.usr,
    tls: row.tls === true,
    contents,
    parleyVersion,
    otherTables: contents === 'other' ? tables.slice(0, 5) : [],
    canCreate: row.can_create,
  };
}

/** Connects, looks, and disconnects. Throws PostgresConnectError for the problems a person can fix. */
export async function inspectPostgres(config: PostgresConfig): Promise<PostgresInspection> {
  const t = describeTarget(config.connectionString);
  const found = await withClient(config, inspectClient);
  return { ...found, host: t.host, port: t.port };
}

/** Refuses a database Parley must not write to; returns quietly for an empty or compatible one. */
export function assertUsable(i: PostgresInspection): void {
  if (i.contents === 'other') {
    throw new PostgresConnectError(
      'not_parley_database',
      `The database "${i.database}" already holds tables that are not Parley's (${i.otherTables.join(', ')}${i.otherTables.length === 5 ? ', …' : ''}). ` +
        'Parley needs an empty database of its own: create one (see README, "Team mode") and connect to that.',
    );
  }
  if (i.contents === 'parley' && i.parleyVersion != null && i.parleyVersion > latestVersion) {
    throw new PostgresConnectError(
      'database_too_new',
      `The team database "${i.database}" was written by a newer Parley (data version ${i.parleyVersion}; this one understands up to ${latestVersion}). Install the newer Parley on this computer first.`,
    );
  }
  if (i.contents === 'empty' && !i.canCreate) {
    throw new PostgresConnectError('permission_denied', `User "${i.user}" may not create tables in "${i.database}". Make that user the owner of the database (see README, "Team mode").`);
  }
}
