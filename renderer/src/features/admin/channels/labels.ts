// Words and formats for the Channels screen.
import type { AccountStatus, ChannelAccountDetail, QuotaEntry } from '../../../../../preload/contract';

export const statusLabel: Record<AccountStatus, string> = {
  unknown: 'Connecting',
  connected: 'Connected',
  rate_limited: 'Rate-limited',
  token_expired: 'Token expired',
  error: 'Error',
  disabled: 'Off',
};

export const statusTone: Record<AccountStatus, 'ok' | 'warn' | 'danger' | ''> = {
  unknown: '',
  connected: 'ok',
  rate_limited: 'warn',
  token_expired: 'danger',
  error: 'danger',
  disabled: '',
};

export const time = (t: number) => new Date(t).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function statusSentence(a: ChannelAccountDetail): string {
  if (a.status === 'rate_limited' && a.rateLimitedUntil) return `Rate-limited until ${time(a.rateLimitedUntil)}`;
  if (a.status === 'token_expired') return 'Token expired: re-authenticate to resume';
  return statusLabel[a.status];
}

const quotaName: Record<string, string> = {
  mentions: 'Mentions',
  dm_events: 'Direct messages',
  search: 'Search',
  graph_app: 'App usage',
  graph_page: 'Page usage',
};

export function quotaText(q: QuotaEntry): string {
  const name = quotaName[q.name] ?? q.name;
  if (q.remaining !== null && q.limit !== null) return `${name}: ${q.remaining} of ${q.limit} left${q.resetsAt ? ` (resets ${time(q.resetsAt)})` : ''}`;
  if (q.usedPercent !== null) return `${name}: ${q.usedPercent}% used`;
  return name;
}

export const authLabel: Record<ChannelAccountDetail['authKind'], string> = {
  oauth2: 'OAuth 2.0 user token',
  oauth1: 'OAuth 1.0a user keys',
  page_token: 'Page access token',
};
