// The data folder from the command line: read-only while the app may be running, or locked for writing.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { openSqlite, type DB } from '../../db/connection';
import { currentVersion, openAndMigrate } from '../../db/migrate';
import { latestVersion } from '../../db/migrations/index';
import type { Database } from '../../db/schema';
import { systemClock } from '../clock';
import { ConfigService } from '../config/service';
import { acquireDataLock } from '../dataLock';
import { ParleyError } from '../errors';
import { appVersion } from '../version';

// The file main/engine.ts opens in a data folder (not imported from there: the CLI stays small).
const DB_FILE = 'parley.db';

export interface DataFolder {
  db: DB;
  sqlite: BetterSqlite3.Database;
  config: ConfigService;
  close(): Promise<void>;
}

function dbFile(dataDir: string): string {
  const file = path.join(path.resolve(dataDir), DB_FILE);
  if (!fs.existsSync(file)) throw new ParleyError('not_found', `There is no Parley data in ${path.resolve(dataDir)} (no ${DB_FILE}). Start Parley once with --data ${dataDir}, or check the path.`);
  return file;
}

/** Opens without writing anything; safe beside a running Parley (WAL readers never block it). */
export async function openReadOnly(dataDir: string): Promise<DataFolder> {
  const sqlite = new BetterSqlite3(dbFile(dataDir), { readonly: true, fileMustExist: true });
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    const row = await db.selectFrom('parley_migration').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst().catch(() => undefined);
    const version = Number(row?.v ?? 0);
    if (version > latestVersion) throw new ParleyError('database_too_new', `This data folder was written by a newer Parley (data version ${version}; this one understands up to ${latestVersion}).`);
    if (version < latestVersion) throw new ParleyError('conflict', `This data folder was written by an older Parley (data version ${version}). Start Parley once to upgrade it, then run this again.`);
    const config = new ConfigService(db, systemClock);
    await config.load();
    return { db, sqlite, config, close: () => db.destroy() };
  } catch (e) {
    await db.destroy();
    throw e;
  }
}

/** Takes the data-folder lock (refused while Parley runs with it), migrates if needed, and opens for writing. */
export async function openForWriting(dataDir: string): Promise<DataFolder> {
  const file = dbFile(dataDir);
  const release = acquireDataLock(path.resolve(dataDir));
  try {
    const { handle } = await openAndMigrate(file, { appVersion }, openSqlite);
    await currentVersion(handle);
    const config = new ConfigService(handle.db, systemClock);
    await config.load();
    return {
      db: handle.db,
      sqlite: handle.sqlite,
      config,
      close: async () => {
        config.stop();
        await handle.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}
