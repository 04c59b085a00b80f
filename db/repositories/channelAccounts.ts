// Channel accounts as the rest of the app sees them: never with their credentials.
import type { DB } from '../connection';
import type { AccountStatus, ChannelAccountRow, ChannelAccountUpdate, Network } from '../schema';

export interface ChannelAccount {
  id: number;
  network: Network;
  name: string;
  externalId: string | null;
  handle: string | null;
  authKind: 'oauth2' | 'oauth1' | 'page_token';
  baseUrl: string | null;
  isSandbox: boolean;
  enabled: boolean;
  status: AccountStatus;
  statusDetail: string | null;
  rateLimitedUntil: number | null;
  lastPollAt: number | null;
  nextPollAt: number | null;
  quota: Record<string, unknown> | null;
  createdAt: number;
  updatedAt: number;
}

const publicColumns = [
  'id',
  'network',
  'name',
  'external_id',
  'handle',
  'auth_kind',
  'base_url',
  'is_sandbox',
  'enabled',
  'status',
  'status_detail',
  'rate_limited_until',
  'last_poll_at',
  'next_poll_at',
  'quota_json',
  'created_at',
  'updated_at',
] as const;

export function toChannelAccount(r: Omit<ChannelAccountRow, 'credentials' | 'credentials_scheme'>): ChannelAccount {
  return {
    id: r.id,
    network: r.network,
    name: r.name,
    externalId: r.external_id,
    handle: r.handle,
    authKind: r.auth_kind,
    baseUrl: r.base_url,
    isSandbox: r.is_sandbox === 1,
    enabled: r.enabled === 1,
    status: r.status,
    statusDetail: r.status_detail,
    rateLimitedUntil: r.rate_limited_until,
    lastPollAt: r.last_poll_at,
    nextPollAt: r.next_poll_at,
    quota: r.quota_json ? (JSON.parse(r.quota_json) as Record<string, unknown>) : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function listChannelAccounts(db: DB): Promise<ChannelAccount[]> {
  const rows = await db.selectFrom('channel_account').select(publicColumns).orderBy('id').execute();
  return rows.map(toChannelAccount);
}

export async function getChannelAccount(db: DB, id: number): Promise<ChannelAccount | undefined> {
  const row = await db.selectFrom('channel_account').select(publicColumns).where('id', '=', id).executeTakeFirst();
  return row ? toChannelAccount(row) : undefined;
}

// ---- write side (main/channels and the Admin handlers) ----------------------------------------
// Credentials go in sealed (main/secrets) and come out only through readChannelAccountCredentials,
// which nothing on the way to the renderer calls.

export type AuthKind = ChannelAccount['authKind'];

export interface NewChannelAccountInput {
  network: Network;
  name: string;
  authKind: AuthKind;
  externalId: string | null;
  handle: string | null;
  credentials: Buffer;
  credentialsScheme: string;
  baseUrl: string | null;
  isSandbox: boolean;
  now: number;
}

export async function createChannelAccount(db: DB, input: NewChannelAccountInput): Promise<ChannelAccount> {
  const row = await db
    .insertInto('channel_account')
    .values({
      network: input.network,
      name: input.name,
      external_id: input.externalId,
      handle: input.handle,
      auth_kind: input.authKind,
      credentials: input.credentials,
      credentials_scheme: input.credentialsScheme,
      base_url: input.baseUrl,
      is_sandbox: input.isSandbox ? 1 : 0,
      enabled: 1,
      status: 'unknown',
      status_detail: null,
      rate_limited_until: null,
      last_poll_at: null,
      next_poll_at: null,
      quota_json: null,
      created_at: input.now,
      updated_at: input.now,
    })
    .returning(publicColumns)
    .executeTakeFirstOrThrow();
  return toChannelAccount(row);
}

export interface ChannelAccountPatch {
  name?: string;
  enabled?: boolean;
  externalId?: string | null;
  handle?: string | null;
  baseUrl?: string | null;
}

export async function updateChannelAccount(db: DB, id: number, patch: ChannelAccountPatch, now: number): Promise<ChannelAccount | undefined> {
  const set: ChannelAccountUpdate = { updated_at: now };
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.enabled !== undefined) set.enabled = patch.enabled ? 1 : 0;
  if (patch.externalId !== undefined) set.external_id = patch.externalId;
  if (patch.handle !== undefined) set.handle = patch.handle;
  if (patch.baseUrl !== undefined) set.base_url = patch.baseUrl;
  const row = await db.updateTable('channel_account').set(set).where('id', '=', id).returning(publicColumns).executeTakeFirst();
  return row ? toChannelAccount(row) : undefined;
}

export interface SealedCredentials {
  authKind: AuthKind;
  sealed: Buffer;
  scheme: string;
}

export async function setChannelAccountCredentials(db: DB, id: number, c: SealedCredentials, now: number): Promise<void> {
  await db
    .updateTable('channel_account')
    .set({ auth_kind: c.authKind, credentials: c.sealed, credentials_scheme: c.scheme, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** The sealed secret bundle of one account. Main-process only: never put the result in a contract value. */
export async function readChannelAccountCredentials(db: DB, id: number): Promise<{ sealed: Buffer | null; scheme: string | null } | undefined> {
  const row = await db.selectFrom('channel_account').select(['credentials', 'credentials_scheme']).where('id', '=', id).executeTakeFirst();
  return row ? { sealed: row.credentials, scheme: row.credentials_scheme } : undefined;
}

/** What the status bar and Admin show about an account's connection. Only the given fields change. */
export interface ChannelAccountHealthPatch {
  status?: AccountStatus;
  statusDetail?: string | null;
  rateLimitedUntil?: number | null;
  lastPollAt?: number | null;
  nextPollAt?: number | null;
  quota?: Record<string, unknown> | null;
}

export async function setChannelAccountHealth(db: DB, id: number, patch: ChannelAccountHealthPatch, now: number): Promise<void> {
  const set: ChannelAccountUpdate = { updated_at: now };
  if (patch.status !== undefined) set.status = patch.status;
  if (patch.statusDetail !== undefined) set.status_detail = patch.statusDetail;
  if (patch.rateLimitedUntil !== undefined) set.rate_limited_until = patch.rateLimitedUntil;
  if (patch.lastPollAt !== undefined) set.last_poll_at = patch.lastPollAt;
  if (patch.nextPollAt !== undefined) set.next_poll_at = patch.nextPollAt;
  if (patch.quota !== undefined) set.quota_json = patch.quota === null ? null : JSON.stringify(patch.quota);
  await db.updateTable('channel_account').set(set).where('id', '=', id).execute();
}

/**
 * Deletes an account that never produced anything. One with messages, interactions or outbox items is
 * kept (history must not be lost): the caller disables it instead.
 */
export async function deleteChannelAccountIfUnused(db: DB, id: number): Promise<'deleted' | 'in_use' | 'not_found'> {
  return db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('channel_account').select('id').where('id', '=', id).executeTakeFirst();
    if (!exists) return 'not_found';
    for (const table of ['message', 'interaction', 'outbox_item'] as const) {
      const used = await trx.selectFrom(table).select('id').where('account_id', '=', id).limit(1).executeTakeFirst();
      if (used) return 'in_use';
    }
    await trx.deleteFrom('channel_account').where('id', '=', id).execute();
    return 'deleted';
  });
}

export async function findSandboxAccount(db: DB, network: Network): Promise<ChannelAccount | undefined> {
  const row = await db
    .selectFrom('channel_account')
    .select(publicColumns)
    .where('network', '=', network)
    .where('is_sandbox', '=', 1)
    .orderBy('id')
    .executeTakeFirst();
  return row ? toChannelAccount(row) : undefined;
}

/** True when an account for the real networks exists (Sandbox mode starts only when there is none). */
export async function hasLiveChannelAccount(db: DB): Promise<boolean> {
  const row = await db.selectFrom('channel_account').select('id').where('is_sandbox', '=', 0).limit(1).executeTakeFirst();
  return !!row;
}

/** The position a feed reached (since_id, newest DM event id, time watermark). Written only by ingest, with its items. */
export async function getChannelCursor(db: DB, accountId: number, feed: string): Promise<string | null> {
  const row = await db
    .selectFrom('channel_cursor')
    .select('value')
    .where('account_id', '=', accountId)
    .where('feed', '=', feed)
    .executeTakeFirst();
  return row?.value ?? null;
}
