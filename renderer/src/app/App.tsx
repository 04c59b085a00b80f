import { useEffect, useState } from 'react';
import type { ChannelAccountSummary } from '../../../preload/contract';
import { ErrorNotice } from '../components/ErrorNotice';
import { AdminPage } from '../features/admin/AdminPage';
import { EmergencyBanner } from '../features/admin/emergency/EmergencyBanner';
import { ContactsPage } from '../features/contacts/ContactsPage';
import { InboxPage } from '../features/inbox/InboxPage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { SandboxPage } from '../features/sandbox/SandboxPage';
import { WorkspaceProvider } from '../features/workspace/session';
import { ShortcutProvider } from '../features/workspace/shortcuts';
import { SidebarFooter } from '../features/workspace/SidebarFooter';
import { useConnectionState, useEvent, useQuery } from '../lib/hooks';
import { navigate, useRoute } from '../lib/router';
import { Sidebar } from './Sidebar';
import { StatusBar } from './StatusBar';

export function App() {
  const route = useRoute();
  const connection = useConnectionState();
  const info = useQuery('app.info', {});
  const status = useQuery('app.channelStatus', {});
  const [accounts, setAccounts] = useState<ChannelAccountSummary[]>([]);
  useEffect(() => {
    if (status.data) setAccounts(status.data);
  }, [status.data]);
  useEvent('channels.status', setAccounts);

  useEffect(() => {
    if (route.length === 0) navigate('inbox');
  }, [route.length]);

  if (connection === 'no_token' || connection === 'rejected') {
    return (
      <div className="gate" role="alert">
        <h1>Parley needs its access link</h1>
        <p>
          Open the address that <code>npm run web</code> printed (it ends in <code>#token=…</code>). The token changes every time
          Parley starts, so an old link no longer works.
        </p>
      </div>
    );
  }

  const section = route[0] ?? 'inbox';
  const idParam = /^\d+$/.test(route[1] ?? '') ? Number(route[1]) : null;
  let page;
  switch (section) {
    case 'contacts':
      page = <ContactsPage contactId={idParam} />;
      break;
    case 'admin':
      page = <AdminPage section={route[1]} />;
      break;
    case 'reports':
      page = <ReportsPage />;
      break;
    case 'sandbox':
      page = <SandboxPage />;
      break;
    default:
      page = <InboxPage interactionId={idParam} />;
  }

  return (
    <WorkspaceProvider>
    <ShortcutProvider>
    <div className="shell">
      {info.data?.sandbox ? (
        <div className="sandbox-banner" role="note" data-testid="sandbox-banner">
          Sandbox mode: Parley is connected to its built-in emulator of X and Facebook. No real customer sees anything sent here.
        </div>
      ) : null}
      <EmergencyBanner />
      <div className="shell__body">
        <Sidebar active={section} extra={info.data?.sandbox ? [{ id: 'sandbox', label: 'Sandbox', icon: 'sandbox' }] : []} footer={<SidebarFooter />} />
        <main className="shell__main" id="main">
          {info.error ? <ErrorNotice error={info.error} onRetry={info.reload} /> : null}
          {page}
        </main>
      </div>
      <StatusBar info={info.data} accounts={accounts} connection={connection} />
    </div>
    </ShortcutProvider>
    </WorkspaceProvider>
  );
}
