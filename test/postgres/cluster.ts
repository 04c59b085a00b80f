// A throwaway PostgreSQL cluster for the tests: initdb in a temp folder, started on a free port with its
// socket in the same folder, password authentication over TCP, torn down (and removed) afterwards.
// PostgreSQL refuses to run as root; as root it runs as the `postgres` user (Debian's package makes it).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface TestCluster {
  host: string;
  port: number;
  /** Superuser with a password (TCP, scram-sha-256). */
  user: string;
  password: string;
  dir: string;
  /** postgres://user:password@host:port/<database> */
  url(database: string, as?: { user: string; password: string }): string;
  /** Runs SQL as the superuser on `database` (psql over the socket), returning stdout. */
  psql(sqlText: string, database?: string): string;
  stop(): void;
}

const SUPERUSER_PASSWORD = 'parley-test-superuser';

export function postgresBinDir(): string | null {
  const candidates = [process.env.PG_BIN, ...['17', '16', '15', '14', '13'].map((v) => `/usr/lib/postgresql/${v}/bin`)].filter((d): d is string => !!d);
  for (const d of candidates) if (fs.existsSync(path.join(d, 'initdb'))) return d;
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? path.dirname(which.stdout.trim()) : null;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function asOwner(bin: string, args: string[], options: { cwd?: string } = {}): string {
  const cmd = isRoot() ? 'runuser' : bin;
  const full = isRoot() ? ['-u', 'postgres', '--', bin, ...args] : args;
  return execFileSync(cmd, full, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], cwd: options.cwd ?? os.tmpdir() });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface ClusterOptions {
  /** Extra postgresql.conf lines (e.g. ssl = on). */
  settings?: Record<string, string>;
  /** Called with the data directory before the first start (certificates, pg_hba changes). */
  prepare?: (dataDir: string) => void;
}

export async function startCluster(options: ClusterOptions = {}): Promise<TestCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (no initdb). Install it with: sudo apt-get install -y postgresql');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-pg-'));
  const data = path.join(dir, 'data');
  if (isRoot()) execFileSync('chown', ['postgres:postgres', dir]);
  const pwFile = path.join(dir, 'pw');
  fs.writeFileSync(pwFile, SUPERUSER_PASSWORD, { mode: 0o600 });
  if (isRoot()) execFileSync('chown', ['postgres:postgres', pwFile]);
  asOwner(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--pwfile', pwFile, '--auth-local=trust', '--auth-host=scram-sha-256', '--locale=C', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const conf = {
    listen_addresses: "'127.0.0.1'",
    port: String(port),
    unix_socket_directories: `'${dir}'`,
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    max_connections: '200',
    ...options.settings,
  };
  fs.appendFileSync(path.join(data, 'postgresql.conf'), `\n${Object.entries(conf).map(([k, v]) => `${k} = ${v}`).join('\n')}\n`);
  options.prepare?.(data);
  if (isRoot()) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  asOwner(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  let stopped = false;
  const cluster: TestCluster = {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password: SUPERUSER_PASSWORD,
    dir,
    url: (database, as) =>
      `postgres://${encodeURIComponent(as?.user ?? 'postgres')}:${encodeURIComponent(as?.password ?? SUPERUSER_PASSWORD)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    psql: (sqlText, database = 'postgres') =>
      asOwner(path.join(bin, 'psql'), ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-h', dir, '-p', String(port), '-U', 'postgres', '-d', database, '-c', sqlText]),
    stop: () => {
      if (stopped) return;
      stopped = true;
      try {
        asOwner(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already down
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}

/** The cluster's server, stopped and started again on the same port (tests of an unreachable server). */
export function pgCtl(cluster: TestCluster, action: 'stop' | 'start'): void {
  const bin = postgresBinDir()!;
  const data = path.join(cluster.dir, 'data');
  if (action === 'stop') asOwner(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
  else asOwner(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(cluster.dir, 'server.log'), '-w', '-t', '60', 'start']);
}
