import type { AppInfo, ChannelAccountSummary } from '../../../preload/contract';
import { Icon } from '../components/Icon';
import type { ConnectionState } from '../lib/api';
import { relativeTime } from '../lib/format';
import { useNow } from '../lib/hooks';

const statusLabel: Record<ChannelAccountSummary['status'], string> = {
  unknown: 'Starting',
  connected: 'Connected',
  rate_limited: 'Rate-limited',
  token_expired: 'Token expired',
  error: 'Error',
  disabled: 'Disabled',
};

function accountText(a: ChannelAccountSummary, now: number): string {
  if (a.status === 'rate_limited' && a.rateLimitedUntil) return `Rate-limited until ${new Date(a.rateLimitedUntil).toLocaleTimeString()}`;
  if (a.status === 'connected' && a.lastPollAt) return `Connected · checked ${relativeTime(a.lastPollAt, now)}`;
  return a.statusDetail ? `${statusLabel[a.status]}: ${a.statusDetail}` : statusLabel[a.status];
}

export function StatusBar({ info, accounts, connection }: { info: AppInfo | undefined; accounts: ChannelAccountSummary[]; connection: ConnectionState }) {
  const now = useNow(15_000);
  return (
    <footer className="statusbar" aria-label="Status">
      <span className="statusbar__item" data-testid="host-kind">
        <span className={`dot dot--${connection === 'open' ? 'ok' : 'warn'}`} aria-hidden />
        {info?.host === 'electron' ? 'Desktop app' : 'Web host'}
        {connection !== 'open' ? ` · ${connection === 'reconnecting' ? 'reconnecting…' : connection}` : ''}
      </span>
      {accounts.length === 0 ? (
        <span className="statusbar__item statusbar__muted">No channel accounts yet</span>
      ) : (
        accounts.map((a) => (
          <span key={a.id} className="statusbar__item" data-testid={`account-status-${a.id}`} title={accountText(a, now)}>
            <Icon name={a.network === 'x' ? 'x' : 'facebook'} size={14} />
            <span className={`dot dot--${a.status === 'connected' ? 'ok' : a.status === 'unknown' ? 'idle' : a.status === 'rate_limited' ? 'warn' : 'bad'}`} aria-hidden />
            <span>
              {a.handle ? (a.network === 'x' ? `@${a.handle}` : a.handle) : a.name}: {accountText(a, now)}
            </span>
          </span>
        ))
      )}
      <span className="statusbar__spacer" />
      {info ? (
        <span className="statusbar__item statusbar__muted">
          v{info.version} · {info.timeZone}
        </span>
      ) : null}
    </footer>
  );
}
