// Opens the local SQLite database with the pragmas every connection needs.
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';
import type { Database } from './schema';
import { describeSqliteError } from './errors';
import { openPostgres, type PostgresConfig, type PostgresHandle } from './postgres/connection';

export type DB = Kysely<Database>;

export interface SqliteHandle {
  dialect: 'sqlite';
  db: DB;
  /** The raw connection, for the few SQLite-only paths inside db/ (backup, hot prepared statements). */
  sqlite: BetterSqlite3.Database;
  file: string;
  close: () => Promise<void>;
}

/** SQLite itself rolls a transaction back on some errors (a full disk, an I/O error); Kysely's ROLLBACK then fails
 *  with "no transaction is active" and hides the real error. Skip the ROLLBACK when nothing is open. */
class RollbackSafeDriver extends SqliteDriver {
  constructor(
    config: SqliteDialectConfig,
    private readonly sqlite: BetterSqlite3.Database,
  ) {
    super(config);
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.sqlite.inTransaction) return;
    await super.rollbackTransaction(connection);
  }
}

class ParleySqliteDialect extends SqliteDialect {
  constructor(private readonly sqlite: BetterSqlite3.Database) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    return new RollbackSafeDriver({ database: this.sqlite }, this.sqlite);
  }
}

export function openSqlite(file: string): SqliteHandle {
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file);
    // WAL lets the renderer's reads run beside ingest writes; NORMAL sync in WAL mode is durable
    // against a crash of the process (the case Parley must survive) and keeps commits cheap.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('temp_store = MEMORY');
  } catch (e) {
    throw describeSqliteError(e, file) ?? e;
  }
  const db = new Kysely<Database>({ dialect: new ParleySqliteDialect(sqlite) });
  let closed = false;
  return {
    dialect: 'sqlite',
    db,
    sqlite,
    file,
    close: async () => {
      if (closed) return;
      closed = true;
      await db.destroy(); // SqliteDialect closes the better-sqlite3 handle
    },
  };
}

/** Either database Parley can run on: the local SQLite file (the default) or a team's PostgreSQL server. */
export type DataHandle = SqliteHandle | PostgresHandle;

export type DataConfig = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; postgres: PostgresConfig; applicationName?: string };

export function openDatabase(config: DataConfig): DataHandle {
  return config.dialect === 'sqlite' ? openSqlite(config.file) : openPostgres(config.postgres, { applicationName: config.applicationName ?? 'parley' });
}

export type { PostgresConfig, PostgresHandle };

/**
 * Stands in for the raw SQLite connection when the data lives in PostgreSQL: any use says so plainly
 * (code outside db/ should use Kysely, which runs on both).
 */
export const noSqliteConnection = new Proxy({} as BetterSqlite3.Database, {
  get: (_t, name) => {
    if (name === 'then') return undefined;
    throw new Error(`The raw SQLite connection (.${String(name)}) is not available: this install keeps its data in PostgreSQL.`);
  },
});

/**
 * Runs `fn` as one synchronous SQLite transaction on the raw connection, for hot paths (ingest) where
 * Kysely's per-statement cost matters. It first takes Kysely's connection lock, so it can never start
 * while a Kysely transaction is open on the same connection (SQLite has no nested transactions).
 */
export async function rawTransaction<T>(handle: Pick<SqliteHandle, 'db' | 'sqlite'>, fn: (sqlite: BetterSqlite3.Database) => T): Promise<T> {
  return handle.db.connection().execute(async () => handle.sqlite.transaction(() => fn(handle.sqlite)).immediate());
}
