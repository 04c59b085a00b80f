import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

export function ContactsPage() {
  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title="Contacts" subtitle="Everyone who has written to you, on every network, with their history." />
      <EmptyState icon="contacts" title="No contacts yet">
        Parley creates a contact the first time someone writes, and recognises them again by their network identity even when their
        handle changes.
      </EmptyState>
    </section>
  );
}
