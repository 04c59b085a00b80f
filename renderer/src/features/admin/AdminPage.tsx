import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

export interface AdminSection {
  id: string;
  label: string;
  description: string;
}

export const adminSections: AdminSection[] = [
  { id: 'channels', label: 'Channels', description: 'The X account and Facebook Page Parley watches.' },
  { id: 'agents', label: 'Agents', description: 'Agents, skills with levels, groups and capacity.' },
  { id: 'rules', label: 'Keyword rules', description: 'Ordered rules that pick the next step for each message.' },
  { id: 'calendar', label: 'Calendar', description: 'Time zone, weekly hours and special days.' },
  { id: 'emergency', label: 'Emergency', description: 'The emergency switch and its message.' },
  { id: 'templates', label: 'Templates', description: 'Automatic messages and canned responses.' },
  { id: 'dispositions', label: 'Disposition codes', description: 'Outcomes an agent picks when closing a conversation.' },
  { id: 'strategies', label: 'Strategies', description: 'Auto-reply, DM routing and automatic engagement.' },
  { id: 'audit', label: 'Audit log', description: 'Who changed which setting, and when.' },
];

export function AdminPage({ section }: { section: string | undefined }) {
  const current = adminSections.find((s) => s.id === section) ?? adminSections[0]!;
  return (
    <section className="page page--split" aria-labelledby="page-title">
      <nav className="subnav" aria-label="Admin sections">
        <h2 className="subnav__title">Admin</h2>
        <ul>
          {adminSections.map((s) => (
            <li key={s.id}>
              <a href={`#/admin/${s.id}`} className={s.id === current.id ? 'is-active' : ''} aria-current={s.id === current.id ? 'page' : undefined}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="page__content">
        <PageHeader title={current.label} subtitle={current.description} />
        <EmptyState icon="admin" title={`${current.label}: nothing configured yet`}>
          Settings are saved the moment they are changed and work without a network connection.
        </EmptyState>
      </div>
    </section>
  );
}
