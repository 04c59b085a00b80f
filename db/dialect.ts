// Which database a Kysely instance talks to, and the few error shapes that differ between SQLite and
// PostgreSQL. Repositories ask here instead of sniffing messages themselves, so the dialect stays a switch.
import { PostgresAdapter, type Kysely } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/** The dialect behind a Kysely instance (a transaction shares its parent's adapter). */
export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

const codeOf = (e: unknown): string | undefined => {
  const c = (e as { code?: unknown })?.code;
  return typeof c === 'string' ? c : undefined;
};

/** A unique constraint refused the write (SQLite: SQLITE_CONSTRAINT_UNIQUE; PostgreSQL: 23505). */
export function isUniqueViolation(e: unknown): boolean {
  const code = codeOf(e);
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return true;
  return /UNIQUE constraint failed/.test(String((e as Error)?.message));
}

// Node socket errors and PostgreSQL's connection-exception class (08), shutdowns (57P01-57P03) and
// "cannot connect now" while the server starts.
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED']);

/**
 * The database server could not be reached or dropped the connection: the request may succeed later
 * unchanged. Never true for SQLite (a local file is always "reachable"; its errors are about the file).
 */
export function isConnectionLost(e: unknown): boolean {
  const code = codeOf(e);
  if (code && (socketCodes.has(code) || code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03')) return true;
  const message = String((e as Error)?.message ?? '');
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection timeout|Connection ended unexpectedly|Client was closed and is not queryable/i.test(message);
}
