// Channel accounts as the rest of the app sees them: never with their credentials.
import type { DB } from '../connection';
import type { AccountStatus, ChannelAccountRow, Network } from '../schema';

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
