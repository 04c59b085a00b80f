// Opens a team's PostgreSQL database: one pg.Pool behind Kysely's Postgres dialect, with the TLS mode the
// admin chose, 64-bit integers read as numbers (every id and epoch-ms time fits in 2^53), and dedicated
// clients for the few things a pool cannot do (LISTEN, session advisory locks).
import fs from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../schema';
import { describePostgresError } from './errors';

export type TlsMode = 'disable' | 'require' | 'verify-full';

export interface PostgresConfig {
  /** postgres://user@host:port/database; a password inside it is used unless `password` is given. */
  connectionString: string;
  password: string | null;
  tls: TlsMode;
  /** PEM file of the certificate authority that signed the server's certificate (verify-full). */
  caFile: string | null;
}

export interface PostgresHandle {
  dialect: 'postgres';
  db: Kysely<Database>;
  pool: pg.Pool;
  config: PostgresConfig;
  /** "host:port/database", for messages and logs (never the password). */
  label: string;
  /** A new client outside the pool (LISTEN, advisory locks); the caller connects and ends it. */
  client(applicationName: string): pg.Client;
  close(): Promise<void>;
}

const INT8 = 20;
const NUMERIC = 1700;

// Per-connection parsers, so nothing else in the process that uses pg is affected.
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8 || oid === NUMERIC) return (v: string) => (v === null ? null : Number(v));
    return pg.types.getTypeParser(oid, format as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** Where the connection string points, without credentials. */
export function describeTarget(connectionString: string): { host: string; port: number; database: string; user: string } {
  let u: URL;
  try {
    u = new URL(connectionString);
  } catch {
    throw new Error('The connection string is not a URL such as postgres://parley@db.example.com:5432/parley.');
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new Error('The connection string must start with postgres:// or postgresql://.');
  const host = decodeURIComponent(u.hostname || u.searchParams.get('host') || 'localhost');
  return {
    host,
    port: Number(u.port || u.searchParams.get('port') || 5432),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || decodeURIComponent(u.username) || 'postgres',
    user: decodeURIComponent(u.username),
  };
}

function sslOptions(config: PostgresConfig, host: string): pg.ClientConfig['ssl'] {
  if (config.tls === 'disable') return false;
  if (config.tls === 'require') return { rejectUnauthorized: false };
  // verify-full: the chain must lead to the given CA (or a system one) and the name must match the host.
  return { rejectUnauthorized: true, servername: host, ...(config.caFile ? { ca: fs.readFileSync(config.caFile, 'utf8') } : {}) };
}

export function clientConfig(config: PostgresConfig, applicationName: string): pg.ClientConfig {
  const target = describeTarget(config.connectionString);
  // sslmode in the string would override the TLS choice made in Admin; the choice wins.
  const u = new URL(config.connectionString);
  for (const k of ['sslmode', 'sslcert', 'sslkey', 'sslrootcert', 'ssl']) u.searchParams.delete(k);
  // pg lets what it parses from the string override the other options, so a separately kept password
  // must travel inside the string.
  if (config.password != null) u.password = encodeURIComponent(config.password);
  return {
    connectionString: u.toString(),
    ssl: sslOptions(config, target.host),
    types,
    application_name: applicationName,
    connectionTimeoutMillis: 5_000,
    // A server that vanished (cable, crash) is noticed by TCP keepalive instead of hanging forever.
    keepAlive: true,
    keepAliveInitialDelayMillis: 5_000,
  };
}

export function openPostgres(config: PostgresConfig, options: { applicationName?: string; max?: number } = {}): PostgresHandle {
  const target = describeTarget(config.connectionString);
  const label = `${target.host}:${target.port}/${target.database}`;
  const pool = new pg.Pool({ ...clientConfig(config, options.applicationName ?? 'parley'), max: options.max ?? 8, idleTimeoutMillis: 30_000 });
  // An idle connection the server dropped must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  // Nor one that is checked out between two queries (a transaction awaiting other work) when the server
  // goes away: pg emits 'error' on it, which without a listener would end the process. The work itself
  // still fails, through its next query.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    dialect: 'postgres',
    db,
    pool,
    config,
    label,
    client: (applicationName) => {
      const c = new pg.Client(clientConfig(config, applicationName));
      c.on('error', () => undefined);
      return c;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await db.destroy(); // ends the pool
    },
  };
}

/** Connects once and runs `fn`, turning connection failures into sentences a person can act on. */
export async function withClient<T>(config: PostgresConfig, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client(clientConfig(config, 'parley-check'));
  c.on('error', () => undefined);
  try {
    await c.connect();
  } catch (e) {
    await c.end().catch(() => undefined);
    throw describePostgresError(e, config);
  }
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}
