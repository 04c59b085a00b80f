// Admin → Channels: the accounts Parley watches and acts as, their health, and how Parley listens.
import { useCallback, useState } from 'react';
import type { Network } from '../../../../../preload/contract';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { useToast } from '../../../components/Toasts';
import { useEvent, useQuery } from '../../../lib/hooks';
import { AccountCard } from './AccountCard';
import { AddAccountDialog } from './AddAccountDialog';
import { ChannelSettingsCard } from './ChannelSettingsCard';
import './channels.css';

export function ChannelsScreen() {
  const toast = useToast();
  const overview = useQuery('channels.list', {});
  const settings = useQuery('channels.settings', {});
  const [adding, setAdding] = useState<Network | null>(null);
  const [justAdded, setJustAdded] = useState<number | null>(null);
  useEvent('channels.status', () => overview.reload());
  // Stable, so an open dialog is not re-initialised (and its focus reset) each time the list refreshes.
  const closeAdd = useCallback(() => setAdding(null), []);

  if (overview.error) return <ErrorNotice error={overview.error} onRetry={overview.reload} />;
  const data = overview.data;
  return (
    <div className="channels-screen">
      {data?.secretsWarning ? (
        <div className="notice notice--warn" role="note" data-testid="secrets-warning">
          <span>{data.secretsWarning}</span>
        </div>
      ) : null}
      {data?.sandboxUrl ? (
        <div className="notice" role="note">
          <span>
            Sandbox mode: the sandbox accounts talk to the local emulator at <span className="mono">{data.sandboxUrl}</span>, not to real customers.
          </span>
        </div>
      ) : null}
      {data && data.deadLettersWithoutAccount.count > 0 ? (
        <div className="notice notice--warn" role="note" data-testid="dead-letters-without-account">
          <span>
            {data.deadLettersWithoutAccount.count.toLocaleString()} inbound item(s) named no account Parley knows. They are kept with their payload in the
            database (inbound_dead_letter); the latest: {data.deadLettersWithoutAccount.lastReason}.
          </span>
        </div>
      ) : null}
      <div className="btn-row">
        <button type="button" className="btn btn--primary" onClick={() => setAdding('x')}>
          Add X account
        </button>
        <button type="button" className="btn btn--primary" onClick={() => setAdding('facebook')}>
          Add Facebook Page
        </button>
      </div>
      {data && data.accounts.length === 0 ? (
        <EmptyState icon="admin" title="No channel accounts yet">
          Add the brand's X account and Facebook Page. Their secrets are encrypted on this computer and never shown again.
        </EmptyState>
      ) : null}
      {data?.accounts.map((a) => <AccountCard key={a.id} account={a} onChanged={overview.reload} autoTest={a.id === justAdded} />)}
      {settings.data ? <ChannelSettingsCard settings={settings.data} onSaved={() => settings.reload()} /> : null}
      {adding ? (
        <AddAccountDialog
          network={adding}
          onClose={closeAdd}
          onAdded={(a) => {
            setAdding(null);
            setJustAdded(a.id);
            toast(`${a.name} added. Testing the connection…`, 'ok');
            overview.reload();
          }}
        />
      ) : null}
    </div>
  );
}
