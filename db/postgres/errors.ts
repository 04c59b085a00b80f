// What went wrong reaching a PostgreSQL server, as a code and a sentence a person can act on.
import { describeTarget, type PostgresConfig } from './connection';

export type PostgresProblem =
  | 'server_unreachable'
  | 'auth_failed'
  | 'tls_failed'
  | 'database_missing'
  | 'database_too_new'
  | 'not_parley_database'
  | 'permission_denied';

export class PostgresConnectError extends Error {
  constructor(
    readonly code: PostgresProblem,
    message: string,
  ) {
    super(message);
    this.name = 'PostgresConnectError';
  }
}

const tlsCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_NOT_YET_VALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

export function describePostgresError(e: unknown, config: PostgresConfig): Error {
  if (e instanceof PostgresConnectError) return e;
  let where = 'the server';
  let user = '';
  let database = '';
  try {
    const t = describeTarget(config.connectionString);
    where = `${t.host}:${t.port}`;
    user = t.user;
    database = t.database;
  } catch (bad) {
    return new PostgresConnectError('server_unreachable', (bad as Error).message);
  }
  const code = String((e as { code?: unknown })?.code ?? '');
  const message = String((e as Error)?.message ?? e);
  if (code === '28P01' || (code === '28000' && /password/i.test(message))) {
    return new PostgresConnectError('auth_failed', `PostgreSQL at ${where} refused the password for user "${user}". Check the user name and password.`);
  }
  if (code === '28000') {
    return new PostgresConnectError('auth_failed', `PostgreSQL at ${where} does not let user "${user}" connect to "${database}" from here (${message}). Ask the server's admin to allow it in pg_hba.conf.`);
  }
  if (code === '3D000') {
    return new PostgresConnectError('database_missing', `PostgreSQL at ${where} has no database called "${database}". Create it first (see README, "Team mode").`);
  }
  if (code === '42501') {
    return new PostgresConnectError('permission_denied', `User "${user}" may not create tables in "${database}". Make that user the owner of the database (see README, "Team mode").`);
  }
  if (tlsCodes.has(code) || /certificate|SSL|TLS|self.signed/i.test(message)) {
    return new PostgresConnectError(
      'tls_failed',
      `The secure (TLS) connection to ${where} failed: ${message}. With "verify-full", give the CA file that signed the server's certificate and use the host name the certificate names; or choose another TLS option.`,
    );
  }
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET'].includes(code) || /timeout|terminated|ended unexpectedly/i.test(message)) {
    return new PostgresConnectError('server_unreachable', `No PostgreSQL server answered at ${where} (${code || message}). Check the host name and port, and that the server is running and reachable from this computer.`);
  }
  return e instanceof Error ? e : new Error(message);
}
