import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

export function InboxPage() {
  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title="Inbox" subtitle="Conversations assigned to you and the queues you can pick from." />
      <EmptyState icon="inbox" title="Nothing waiting">
        When a customer mentions your X account, sends a DM, or writes on your Facebook Page or in Messenger, the conversation
        appears here.
      </EmptyState>
    </section>
  );
}
