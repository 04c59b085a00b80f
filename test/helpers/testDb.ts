// The database a test runs on: a SQLite file in the test's folder (the default), or, in the PostgreSQL
// project (PARLEY_TEST_DB=postgres), a fresh database on the run's throwaway cluster. Tests read what was
// stored through all/get with `?` placeholders, so the same assertion runs on both.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openSqlite, type DataHandle } from '../../db/connection';
import { migrateDatabase } from '../../db/migrate';
import { openPostgres, type PostgresConfig } from '../../db/postgres/connection';

export const testDialect: 'sqlite' | 'postgres' = process.env.PARLEY_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

export interface TestDb {
  handle: DataHandle;
  all<T = Record<string, unknown>>(sqlText: string, ...params: unknown[]): Promise<T[]>;
  get<T = Record<string, unknown>>(sqlText: string, ...params: unknown[]): Promise<T | undefined>;
  run(sqlText: string, ...params: unknown[]): Promise<number>;
  /** Several statements without parameters (DDL in a test). */
  exec(sqlText: string): Promise<void>;
}

/** `?` placeholders as PostgreSQL's $1, $2, ... (test SQL never has a ? inside a string literal). */
export function numbered(sqlText: string): string {
  let n = 0;
  return sqlText.replace(/\?/g, () => `$${++n}`);
}

export function queriesOn(handle: DataHandle): TestDb {
  if (handle.dialect === 'sqlite') {
    return {
      handle,
      all: async (s, ...p) => handle.sqlite.prepare(s).all(...p) as never[],
      get: async (s, ...p) => handle.sqlite.prepare(s).get(...p) as never,
      run: async (s, ...p) => handle.sqlite.prepare(s).run(...p).changes,
      exec: async (s) => void handle.sqlite.exec(s),
    };
  }
  return {
    handle,
    all: async (s, ...p) => (await handle.pool.query(numbered(s), p)).rows as never[],
    get: async (s, ...p) => (await handle.pool.query(numbered(s), p)).rows[0] as never,
    run: async (s, ...p) => (await handle.pool.query(numbered(s), p)).rowCount ?? 0,
    exec: async (s) => void (await handle.pool.query(s)),
  };
}

/** The test cluster (PostgreSQL project only; test/postgres/globalSetup.ts puts it in the environment). */
export function testCluster(): { host: string; port: number; user: string; password: string; template: string; dir: string } {
  const raw = process.env.PARLEY_TEST_PG;
  if (!raw) throw new Error('No test PostgreSQL cluster: run this suite in the "postgres" vitest project (npx vitest run --project postgres).');
  return JSON.parse(raw) as ReturnType<typeof testCluster>;
}

export function postgresConfigFor(database: string): PostgresConfig {
  const c = testCluster();
  return { connectionString: `postgres://${c.user}@${c.host}:${c.port}/${database}`, password: c.password, tls: 'disable', caFile: null };
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const c = testCluster();
  const client = new pg.Client({ host: c.host, port: c.port, user: c.user, password: c.password, database: 'postgres' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A new database on the test cluster: a copy of the migrated template, or empty (`empty: true`, for tests
 * that migrate step by step). Returns its name.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<string> {
  const name = `t_${crypto.randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name} template ${options.empty ? 'template0' : testCluster().template}`));
  return name;
}

export async function dropTestDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`drop database if exists ${name} with (force)`));
}

/**
 * Opens the test database of a folder: `dir/parley.db` on SQLite; on PostgreSQL the database named in
 * `dir/.pgdb`, created (migrated, unless `migrate` is false) the first time, so reopening a folder is a restart.
 */
export async function openTestDatabase(dir: string, options: { migrate?: boolean; dialect?: 'sqlite' | 'postgres' } = {}): Promise<TestDb & { drop(): Promise<void> }> {
  const migrate = options.migrate !== false;
  if ((options.dialect ?? testDialect) === 'sqlite') {
    const handle = openSqlite(path.join(dir, 'parley.db'));
    if (migrate) await migrateDatabase(handle, { appVersion: 'test' });
    return { ...queriesOn(handle), drop: async () => undefined };
  }
  const marker = path.join(dir, '.pgdb');
  let name = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').trim() : '';
  if (!name) {
    name = await createTestDatabase({ empty: !migrate });
    fs.writeFileSync(marker, name);
  }
  const handle = openPostgres(postgresConfigFor(name), { applicationName: 'parley-test' });
  return {
    ...queriesOn(handle),
    drop: async () => {
      await handle.close();
      await dropTestDatabase(name);
    },
  };
}
