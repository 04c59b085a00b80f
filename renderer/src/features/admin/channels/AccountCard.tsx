// One channel account: who it is, its health (status, last and next poll, quota, stream), and what the
// admin can do with it: test the connection, re-authenticate, switch it off or on, remove it.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AccountIdentity, ChannelAccountDetail } from '../../../../../preload/contract';
import { ConfirmDialog } from '../../../components/Dialog';
import { NetworkBadge } from '../../../components/NetworkBadge';
import { useToast } from '../../../components/Toasts';
import { api } from '../../../lib/api';
import { relativeTime } from '../../../lib/format';
import { useNow } from '../../../lib/hooks';
import { authLabel, quotaText, statusSentence, statusTone, time } from './labels';
import { ReauthDialog } from './ReauthDialog';

type TestState = { state: 'idle' } | { state: 'testing' } | { state: 'ok'; identity: AccountIdentity } | { state: 'failed'; message: string };

export function AccountCard({ account, onChanged, autoTest = false }: { account: ChannelAccountDetail; onChanged: () => void; autoTest?: boolean }) {
  const toast = useToast();
  const now = useNow(5_000);
  const [test, setTest] = useState<TestState>({ state: 'idle' });
  const [reauth, setReauth] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const titleId = `account-${account.id}-title`;
  // Stable, so an open dialog keeps its focus while the account's health refreshes underneath it.
  const closeReauth = useCallback(() => setReauth(false), []);
  const cancelRemove = useCallback(() => setConfirmRemove(false), []);

  const runTest = async () => {
    setTest({ state: 'testing' });
    try {
      setTest({ state: 'ok', identity: await api.call('channels.test', { id: account.id }) });
    } catch (e) {
      setTest({ state: 'failed', message: (e as Error).message });
    }
    onChanged();
  };

  const toggle = async () => {
    try {
      await api.call('channels.update', { id: account.id, enabled: !account.enabled });
      toast(account.enabled ? `${account.name} switched off.` : `${account.name} switched on.`, 'ok');
    } catch (e) {
      toast((e as Error).message, 'error');
    }
    onChanged();
  };

  const remove = async () => {
    setConfirmRemove(false);
    try {
      const r = await api.call('channels.remove', { id: account.id });
      toast(r.removed ? `${account.name} removed.` : `${account.name} has conversations, so it was switched off instead of removed.`, 'ok');
    } catch (e) {
      toast((e as Error).message, 'error');
    }
    onChanged();
  };

  // A freshly added account is tested at once, so the admin sees who it is (or why not) straight away.
  const tested = useRef(false);
  useEffect(() => {
    if (autoTest && !tested.current) {
      tested.current = true;
      void runTest();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [autoTest]);

  const tone = statusTone[account.status];
  return (
    <article className="card" aria-labelledby={titleId} data-testid={`channel-account-${account.id}`}>
      <div className="card__header">
        <h2 className="card__title" id={titleId}>
          {account.name}
        </h2>
        <NetworkBadge network={account.network} />
        {account.isSandbox ? <span className="badge">Sandbox</span> : null}
        <span className={`badge${tone ? ` badge--${tone}` : ''}`} data-testid="account-status">
          {statusSentence(account)}
        </span>
      </div>
      <div className="card__body">
        <dl className="account-facts">
          <div>
            <dt className="muted">Account</dt>
            <dd>{account.handle ? (account.network === 'x' ? `@${account.handle}` : account.handle) : 'Not identified yet: test the connection'}</dd>
          </div>
          <div>
            <dt className="muted">Signs in with</dt>
            <dd>
              {authLabel[account.authKind]}
              {account.credentials?.refreshToken ? ' · refresh token stored' : ''}
              {account.network === 'x' ? (account.credentials?.appBearerToken ? ' · app bearer token stored' : ' · no app bearer token (no stream)') : ''}
            </dd>
          </div>
          <div>
            <dt className="muted">Last successful check</dt>
            <dd data-testid="last-poll">{account.lastPollAt ? relativeTime(account.lastPollAt, Math.max(now, account.lastPollAt)) : 'Not yet'}</dd>
          </div>
          <div>
            <dt className="muted">Next check</dt>
            <dd>{account.nextPollAt ? time(account.nextPollAt) : '—'}</dd>
          </div>
          {account.network === 'x' ? (
            <div>
              <dt className="muted">Filtered stream</dt>
              <dd>{account.streamConnected === null ? 'Off' : account.streamConnected ? 'Connected' : 'Reconnecting'}</dd>
            </div>
          ) : null}
          <div>
            <dt className="muted">Unreadable items kept</dt>
            <dd data-testid="dead-letters">
              {account.deadLetters.count === 0
                ? 'None'
                : `${account.deadLetters.count.toLocaleString()} · last ${account.deadLetters.lastAt ? relativeTime(account.deadLetters.lastAt, Math.max(now, account.deadLetters.lastAt)) : ''}: ${account.deadLetters.lastReason ?? ''}`}
            </dd>
          </div>
          {account.baseUrl ? (
            <div>
              <dt className="muted">API address</dt>
              <dd className="mono">{account.baseUrl}</dd>
            </div>
          ) : null}
        </dl>
        {account.statusDetail && account.status !== 'connected' ? <p className="muted">{account.statusDetail}</p> : null}
        {account.quota.length ? (
          <ul className="muted" aria-label="Remaining quota">
            {account.quota.map((q) => (
              <li key={q.name}>{quotaText(q)}</li>
            ))}
          </ul>
        ) : null}
        {test.state === 'ok' ? (
          <div className="notice notice--ok" role="status">
            <span>
              Connected as {test.identity.username ? `@${test.identity.username} (${test.identity.name})` : test.identity.name} · id {test.identity.id}
            </span>
          </div>
        ) : null}
        {test.state === 'failed' ? (
          <div className="notice notice--error" role="alert">
            <span>{test.message}</span>
          </div>
        ) : null}
        <div className="btn-row">
          <button type="button" className="btn" onClick={runTest} disabled={test.state === 'testing'}>
            {test.state === 'testing' ? 'Testing…' : 'Test connection'}
          </button>
          <button type="button" className={`btn${account.status === 'token_expired' ? ' btn--primary' : ''}`} onClick={() => setReauth(true)}>
            Re-authenticate
          </button>
          <button type="button" className="btn" onClick={toggle}>
            {account.enabled ? 'Switch off' : 'Switch on'}
          </button>
          <button type="button" className="btn btn--danger" onClick={() => setConfirmRemove(true)}>
            Remove
          </button>
        </div>
      </div>
      {reauth ? (
        <ReauthDialog
          account={account}
          onClose={closeReauth}
          onDone={() => {
            setReauth(false);
            toast('New credentials saved.', 'ok');
            void runTest();
          }}
        />
      ) : null}
      {confirmRemove ? (
        <ConfirmDialog title={`Remove ${account.name}?`} confirmLabel="Remove" danger onConfirm={remove} onCancel={cancelRemove}>
          Its secrets are deleted. If it already has conversations, it is switched off instead, so no history is lost.
        </ConfirmDialog>
      ) : null}
    </article>
  );
}
