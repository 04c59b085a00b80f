// A real engine core for the strategy/ingest/routing tests: a migrated database (a SQLite file in a temp
// folder, or a PostgreSQL database in the PostgreSQL project), the config service, the routing service and
// the event bus, without the channel pollers or the sandbox.
import { noSqliteConnection, type DataHandle } from '../../../db/connection';
import { ManualClock } from '../../../main/clock';
import { ConfigService } from '../../../main/config/service';
import type { EngineContext } from '../../../main/context';
import { EventBus } from '../../../main/events';
import { silentLogger } from '../../../main/log';
import { FileKeySecretBox } from '../../../main/secrets/secretBox';
import { RoutingService } from '../../../main/services/routing';
import type { InboundItem } from '../../../main/services/inbound';
import type { ChannelKind, Network } from '../../../preload/contract/model';
import { tempDir } from '../../helpers/tempDir';
import { openTestDatabase, type TestDb } from '../../helpers/testDb';

export interface Brain {
  ctx: EngineContext;
  handle: DataHandle;
  /** What the database holds, asked in SQL with ? placeholders (either dialect). */
  q: TestDb;
  clock: ManualClock;
  events: Array<{ name: string; payload: unknown }>;
  accounts: { x: number; facebook: number };
  close(): Promise<void>;
}

/** 2026-11-25 (a Wednesday) 12:00 UTC unless told otherwise. */
export async function startBrain(options: { now?: number; dir?: string; dialect?: 'sqlite' | 'postgres' } = {}): Promise<Brain> {
  const tmp = options.dir ? null : tempDir();
  const dir = options.dir ?? tmp!.dir;
  const q = await openTestDatabase(dir, options.dialect ? { dialect: options.dialect } : {});
  const handle = q.handle;
  const sqlite = handle.dialect === 'sqlite' ? handle.sqlite : undefined;
  const clock = new ManualClock(options.now ?? Date.UTC(2026, 10, 25, 12));
  const config = new ConfigService(handle.db, clock);
  await config.load();
  const bus = new EventBus();
  const events: Brain['events'] = [];
  bus.subscribe((name, payload) => events.push({ name, payload }));
  const routing = new RoutingService({ db: handle.db, sqlite, clock, events: bus, log: silentLogger, config });
  const ctx: EngineContext = {
    db: handle.db,
    sqlite: sqlite ?? noSqliteConnection,
    dataDir: dir,
    host: 'web',
    appVersion: 'test',
    clock,
    log: silentLogger,
    events: bus,
    secrets: new FileKeySecretBox(dir),
    sandbox: null,
    startedAt: clock.now(),
    config,
    routing,
  };
  // A folder opened again (a restart) keeps its accounts.
  const existing = await ctx.db.selectFrom('channel_account').select(['id', 'network']).orderBy('id').execute();
  const accounts = {
    x: existing.find((a) => a.network === 'x')?.id ?? (await addAccount(ctx, 'x', 'Parley Coffee', '1000', 'parleycoffee')),
    facebook: existing.find((a) => a.network === 'facebook')?.id ?? (await addAccount(ctx, 'facebook', 'Parley Coffee', 'page-1', null)),
  };
  await config.setTimeZone('Europe/Berlin', 'test');
  await routing.start();
  return {
    ctx,
    handle,
    q,
    clock,
    events,
    accounts,
    close: async () => {
      routing.stop();
      config.stop();
      if (tmp) await q.drop();
      await handle.close();
      tmp?.cleanup();
    },
  };
}

export async function addAccount(ctx: EngineContext, network: Network, name: string, externalId: string, handle: string | null): Promise<number> {
  const now = ctx.clock.now();
  const r = await ctx.db
    .insertInto('channel_account')
    .values({ network, name, external_id: externalId, handle, auth_kind: network === 'x' ? 'oauth2' : 'page_token', credentials: null, credentials_scheme: null, base_url: null, status_detail: null, rate_limited_until: null, last_poll_at: null, next_poll_at: null, quota_json: null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

let seq = 0;
/** An inbound item with sensible defaults; `id` is the network message id. */
export function inbound(accountId: number, over: Partial<InboundItem> & { network?: Network; kind?: ChannelKind; user?: string; handle?: string | null; name?: string | null } = {}): InboundItem {
  const id = over.networkMessageId ?? `m${++seq}-${Math.random().toString(36).slice(2, 8)}`;
  const network = over.network ?? 'x';
  return {
    accountId,
    network,
    channelKind: over.kind ?? over.channelKind ?? (network === 'x' ? 'mention' : 'comment'),
    networkMessageId: id,
    threadNetworkId: over.threadNetworkId ?? id,
    inReplyToNetworkId: over.inReplyToNetworkId ?? null,
    author: over.author ?? { networkUserId: over.user ?? 'u1', handle: over.handle === undefined ? 'ana' : over.handle, displayName: over.name === undefined ? 'Ana Silva' : over.name, avatarUrl: null },
    text: over.text ?? 'Hello @parleycoffee, my order is late',
    sentAt: over.sentAt ?? Date.UTC(2026, 10, 25, 11, 59),
    raw: over.raw ?? { id },
    via: over.via ?? 'poll',
  };
}
