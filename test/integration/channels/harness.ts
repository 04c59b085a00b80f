// One engine against one in-process sandbox, sharing the sandbox's clock (so moving it moves both), with
// short waits and fast polling. Real SQLite in a temp folder, the real twitter-api-v2 client over HTTP.
import fs from 'node:fs';
import path from 'node:path';
import { openSqlite } from '../../../db/connection';
import { openAndMigrate } from '../../../db/migrate';
import { putSetting } from '../../../db/repositories/settings';
import { saveChannelSettings } from '../../../main/channels/settings';
import type { ChannelTiming } from '../../../main/channels/timing';
import type { Clock } from '../../../main/clock';
import { DB_FILE, startEngine, type Engine } from '../../../main/engine';
import { createLogger, silentLogger, type Logger } from '../../../main/log';
import { startSandbox, type SandboxHandle } from '../../../main/sandbox';
import { defaultChannelSettings, type ChannelSettings, type MethodInput, type MethodName, type MethodOutput } from '../../../preload/contract';
import { tempDir } from '../../helpers/tempDir';

export const fastTiming: Partial<ChannelTiming> = {
  clockStepMs: 25,
  pollRetryBaseMs: 40,
  pollRetryCapMs: 400,
  permanentRetryMs: 400,
  streamNetworkStepMs: 20,
  streamNetworkCapMs: 200,
  streamHttpBaseMs: 40,
  streamHttpCapMs: 400,
  streamRateBaseMs: 100,
  streamRateCapMs: 1_000,
  outboxRetryBaseMs: 40,
  outboxRetryCapMs: 400,
  outboxScanMs: 40,
};

export interface Harness {
  sandbox: SandboxHandle;
  engine: Engine;
  dataDir: string;
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** The raw envelope, for asserting on errors. */
  dispatch(method: MethodName, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string; fields?: Record<string, string> } }>;
  control<T = unknown>(method: 'GET' | 'POST' | 'DELETE', route: string, body?: unknown): Promise<T>;
  settings(patch: Partial<ChannelSettings>): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  settings?: Partial<ChannelSettings>;
  /** Sandbox config applied before the engine starts (e.g. rate limits). */
  sandboxConfig?: unknown;
  logToFile?: boolean;
  timing?: Partial<ChannelTiming>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const tmp = tempDir('parley-channels-');
  const sandbox = await startSandbox({ port: 0, keepAliveMs: 100 });
  const control = async <T,>(method: 'GET' | 'POST' | 'DELETE', route: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${sandbox.url}${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox ${method} ${route} -> ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  if (options.sandboxConfig) await control('POST', '/_sandbox/config', options.sandboxConfig);
  const dataDir = path.join(tmp.dir, 'data');
  const clock: Clock = { now: () => sandbox.clock.now() };
  const log: Logger = options.logToFile ? createLogger({ file: path.join(dataDir, 'parley.log'), stderr: false, level: 'debug' }) : silentLogger;
  // The settings go in before the first poll: the engine reads them when the channels start.
  await seedSettings(dataDir, { sandboxPollSeconds: 0.1, streamStallSeconds: 1, ...options.settings });
  const engine = await startEngine({
    dataDir,
    host: 'web',
    log,
    clock,
    sandbox: { url: sandbox.url },
    channelTiming: { ...fastTiming, ...options.timing },
  });
  const session = { id: 'test', host: 'web' as const, agentId: null };
  const dispatch = (method: MethodName, input: unknown) => engine.dispatch(method, input, session) as ReturnType<Harness['dispatch']>;
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const r = await engine.dispatch(method, input, session);
    if (!r.ok) throw new Error(`${method} failed: ${r.error.code}: ${r.error.message}`);
    return r.value as MethodOutput<M>;
  };
  const settings = async (patch: Partial<ChannelSettings>) => {
    const current = await call('channels.settings', {});
    await call('channels.saveSettings', { ...current, ...patch });
  };
  return {
    sandbox,
    engine,
    dataDir,
    call,
    dispatch,
    control,
    settings,
    close: async () => {
      await engine.close();
      await sandbox.close();
      tmp.cleanup();
    },
  };
}

async function seedSettings(dataDir: string, patch: Partial<ChannelSettings>): Promise<void> {
  fs.mkdirSync(dataDir, { recursive: true });
  const { handle } = await openAndMigrate(path.join(dataDir, DB_FILE), { appVersion: 'test' }, openSqlite);
  try {
    await saveChannelSettings(handle.db, { ...defaultChannelSettings, ...patch }, 'test', Date.now());
    // Each test sets up the configuration it needs; the Sandbox-mode demo setup would add auto-replies.
    await putSetting(handle.db, 'demo.seeded', { skipped: 'test' }, 'test', Date.now());
  } finally {
    await handle.close();
  }
}

/** Polls a condition until it holds or the deadline passes (no fixed sleeps). */
export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v as T;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface StoredMessage {
  id: number;
  network: string;
  channel_kind: string;
  direction: string;
  author_kind: string;
  network_message_id: string | null;
  thread_network_id: string | null;
  in_reply_to_network_id: string | null;
  interaction_id: number | null;
  outbox_item_id: number | null;
  text: string;
}

export function messages(h: Harness): StoredMessage[] {
  return h.engine.ctx.sqlite.prepare('select * from message order by id').all() as StoredMessage[];
}

export function cursor(h: Harness, accountId: number, feed: string): string | null {
  const row = h.engine.ctx.sqlite.prepare('select value from channel_cursor where account_id = ? and feed = ?').get(accountId, feed) as { value: string } | undefined;
  return row?.value ?? null;
}

export async function sandboxAccount(h: Harness, network: 'x' | 'facebook') {
  const list = await h.call('channels.list', {});
  const a = list.accounts.find((x) => x.network === network && x.isSandbox);
  if (!a) throw new Error(`no sandbox ${network} account`);
  return a;
}

export interface OutboundAct {
  network: string;
  kind: string;
  target_id?: string;
  text?: string;
  id?: string;
  tag?: string;
  at: number;
}

export const outbound = (h: Harness, network?: 'x' | 'facebook') => h.control<OutboundAct[]>('GET', `/_sandbox/outbound${network ? `?network=${network}` : ''}`);
