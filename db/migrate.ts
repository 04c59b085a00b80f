// Brings a database up to the schema this code understands. Refuses a database written by a newer
// version (it would corrupt data it does not understand) and copies a SQLite file aside before migrating.
// The same numbered migrations run on SQLite and PostgreSQL; each takes its column types from the context.
import fs from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { DataHandle, SqliteHandle } from './connection';
import { DatabaseError, describeSqliteError } from './errors';
import { migrationContext } from './migrations/context';
import { latestVersion, migrations, type Migration } from './migrations/index';
import type { Database } from './schema';

export interface MigrateResult {
  from: number;
  to: number;
  backupFile: string | null;
}

export interface MigrateOptions {
  appVersion: string;
  /** Stop at this version (tests migrate to N-1, seed, then to N). */
  targetVersion?: number;
  now?: () => number;
  /** The registry to apply; tests may pass a longer one. */
  registry?: readonly Migration[];
}

export function checkRegistry(registry: readonly Migration[]): void {
  registry.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration registry out of order: position ${i + 1} holds version ${m.version}`);
  });
}

async function ensureVersionTable(db: Kysely<Database>, dialect: DataHandle['dialect']): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`create table if not exists parley_migration (
      version integer primary key, name text not null, applied_at integer not null, app_version text not null) strict`.execute(db);
  } else {
    await sql`create table if not exists parley_migration (
      version integer primary key, name text not null, applied_at bigint not null, app_version text not null)`.execute(db);
  }
}

export async function currentVersion(handle: Pick<DataHandle, 'db' | 'dialect'>): Promise<number> {
  await ensureVersionTable(handle.db, handle.dialect);
  const row = await handle.db.selectFrom('parley_migration').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
  return Number(row?.v ?? 0);
}

const where = (handle: DataHandle) => (handle.dialect === 'sqlite' ? handle.file : handle.label);
const describe = (handle: DataHandle, e: unknown) => (handle.dialect === 'sqlite' ? describeSqliteError(e, handle.file) : undefined);

/** Migrates either dialect. On PostgreSQL, seats starting together take turns (an advisory lock). */
export async function migrateDatabase(handle: DataHandle, options: MigrateOptions): Promise<MigrateResult> {
  if (handle.dialect === 'sqlite') return migrateOn(handle, handle.db, options);
  return handle.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      return await migrateOn(handle, conn, options);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}

/** Kept for the SQLite callers and tests written before PostgreSQL: the same function. */
export const migrateSqlite = (handle: SqliteHandle, options: MigrateOptions) => migrateDatabase(handle, options);

/** The advisory-lock key seats use while migrating one team database (any constant no other lock uses). */
export const MIGRATION_LOCK = 0x5041524c; // "PARL"

async function migrateOn(handle: DataHandle, db: Kysely<Database>, options: MigrateOptions): Promise<MigrateResult> {
  const registry = options.registry ?? migrations;
  checkRegistry(registry);
  const known = registry.length ? registry[registry.length - 1]!.version : 0;
  const target = options.targetVersion ?? known;
  const now = options.now ?? Date.now;
  let from: number;
  try {
    from = await currentVersion({ db, dialect: handle.dialect });
  } catch (e) {
    throw describe(handle, e) ?? e;
  }
  if (from > known) {
    throw new DatabaseError(
      'database_too_new',
      handle.dialect === 'sqlite'
        ? `This data folder was written by a newer version of Parley (data version ${from}; this version understands up to ${known}). ` +
            'Install the newer Parley, or start this one with another data folder. Nothing was changed.'
        : `The team database ${handle.label} was written by a newer version of Parley (data version ${from}; this version understands up to ${known}). ` +
            'Install the newer Parley on this computer. Nothing was changed.',
      where(handle),
    );
  }
  const pending = registry.filter((m) => m.version > from && m.version <= target);
  if (pending.length === 0) return { from, to: from, backupFile: null };

  let backupFile: string | null = null;
  if (handle.dialect === 'sqlite' && from > 0 && handle.file !== ':memory:') {
    backupFile = `${handle.file}.v${from}-before-v${target}-${now()}.bak`;
    // The online backup API gives a consistent copy even with a WAL beside the file.
    await handle.sqlite.backup(backupFile);
  }
  // PostgreSQL has no file to copy aside; its DDL is transactional, so a failed step leaves nothing behind.
  for (const m of pending) {
    const ctx = migrationContext(handle.dialect, now());
    try {
      await db.transaction().execute(async (trx) => {
        await m.up(trx, ctx);
        await trx
          .insertInto('parley_migration')
          .values({ version: m.version, name: m.name, applied_at: now(), app_version: options.appVersion })
          .execute();
      });
    } catch (e) {
      const described = describe(handle, e);
      if (described) throw described;
      throw new Error(`Migration ${m.version} (${m.name}) failed and was rolled back: ${(e as Error).message}`);
    }
  }
  return { from, to: pending[pending.length - 1]!.version, backupFile };
}

export { latestVersion };

/** Opens, migrates and returns; the one call both hosts use. */
export async function openAndMigrate(
  file: string,
  options: MigrateOptions,
  open: (file: string) => SqliteHandle,
): Promise<{ handle: SqliteHandle; result: MigrateResult }> {
  const existed = fs.existsSync(file);
  const handle = open(file);
  try {
    const result = await migrateSqlite(handle, options);
    return { handle, result };
  } catch (e) {
    await handle.close();
    if (!existed) {
      // Do not leave a half-made database behind for the next start to trip over.
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    }
    throw e;
  }
}
