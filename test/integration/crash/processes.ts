// Real processes for the crash tests: the standalone sandbox (`dist/main/sandbox.cjs`) keeps its state
// while the engine (`dist/main/web.cjs --sandbox-url`) is killed with SIGKILL and started again.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openSqlite } from '../../../db/connection';
import { openAndMigrate } from '../../../db/migrate';
import { putSetting } from '../../../db/repositories/settings';
import { saveChannelSettings } from '../../../main/channels/settings';
import { DB_FILE } from '../../../main/engine';
import { defaultChannelSettings, type ChannelSettings } from '../../../preload/contract';

// The repository root: three folders up from this file, or (bundled into dist/bench or dist/soak by
// bench/run.mjs, where __dirname is the bundle's folder) the first folder up that holds scripts/build.mjs.
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'scripts', 'build.mjs'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(__dirname, '../../..');
  }
}
const root = findRoot(__dirname);

/** The crash tests run the built hosts; build them if anything changed (quick when up to date). */
export function buildOnce(): void {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--quiet'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('The build failed; the crash tests need dist/main/web.cjs and dist/main/sandbox.cjs.');
}

/** Every process started here, so a test that fails half-way leaves none running. */
const live = new Set<ChildProcess>();

export async function killAll(): Promise<void> {
  await Promise.all(
    [...live].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
  live.clear();
}

export interface Proc {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function launch(args: string[], readyLine: RegExp, env: Record<string, string> = {}): Promise<Proc & { line: string }> {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, PARLEY_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args[0]} did not start in time:\n${err}`)), 30_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = readyLine.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, line: m[1]!, stderr: () => err, exited });
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${path.basename(args[0]!)} exited (${code ?? signal}) before it was ready:\n${err}`));
    });
  });
}

export async function startStandaloneSandbox(): Promise<Proc & { url: string }> {
  const p = await launch([path.join(root, 'dist/main/sandbox.cjs'), '--port', '0'], /^Parley sandbox: (\S+)$/m);
  return { ...p, url: p.line };
}

/** `node dist/main/web.cjs --sandbox-url URL`; resolves once it prints its ready line. */
export async function startEngineProcess(dataDir: string, sandboxUrl: string, env: Record<string, string> = {}): Promise<Proc> {
  return launch([path.join(root, 'dist/main/web.cjs'), '--port', '0', '--data', dataDir, '--no-open', '--sandbox-url', sandboxUrl], /^Parley web: (\S+)$/m, env);
}

export async function stop(p: Proc, signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill(signal);
  return p.exited;
}

/** Channel settings (fast polling) and no demo setup, written before the first start. */
export async function prepareDataDir(dataDir: string, patch: Partial<ChannelSettings>): Promise<void> {
  fs.mkdirSync(dataDir, { recursive: true });
  const { handle } = await openAndMigrate(path.join(dataDir, DB_FILE), { appVersion: 'test' }, openSqlite);
  try {
    await saveChannelSettings(handle.db, { ...defaultChannelSettings, ...patch }, 'test', Date.now());
    await putSetting(handle.db, 'demo.seeded', { skipped: 'test' }, 'test', Date.now());
  } finally {
    await handle.close();
  }
}

/** Reads the engine's database while it runs (WAL lets a reader in beside the writer). */
export function query<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new BetterSqlite3(path.join(dataDir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export async function control<T>(url: string, method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`sandbox ${method} ${route} -> ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** Sandbox limits high enough that a test's flood is never rate-limited (POST /_sandbox/config). */
export function generousSandboxLimits(perWindow: number) {
  return {
    x: {
      mentions_cap: perWindow,
      rate_limits: {
        'GET /2/users/:id/mentions': { user: perWindow, app: perWindow },
        'POST /2/tweets': { user: perWindow, app_day: perWindow * 10 },
        'POST /2/dm_conversations/with/:participant_id/messages': { user: perWindow, app_day: perWindow * 10, user_day: perWindow * 10 },
        'GET /2/dm_events': { user: perWindow },
        'GET /2/tweets/search/recent': { user: perWindow, app: perWindow },
      },
    },
  };
}
