// The Admin page: the sections menu and the chosen section's screen, inside the guard that asks before
// an unsaved edit is left behind.
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { adminSections } from './sections';
import { UnsavedGuard } from './shared/unsaved';
import { TeamOfflineBanner } from './team/TeamOfflineBanner';

export function AdminPage({ section }: { section: string | undefined }) {
  const current = adminSections.find((s) => s.id === section) ?? adminSections[0]!;
  const Screen = current.component;
  return (
    <UnsavedGuard>
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
          <TeamOfflineBanner />
          {Screen ? (
            <Screen key={current.id} />
          ) : (
            <EmptyState icon="admin" title={`${current.label}: nothing configured yet`}>
              Settings are saved the moment they are changed and work without a network connection.
            </EmptyState>
          )}
        </div>
      </section>
    </UnsavedGuard>
  );
}
