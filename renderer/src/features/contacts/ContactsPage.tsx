// Contacts: find anyone who ever wrote (by name, handle past or present, e-mail, phone, or their words),
// and open their card: identities, earlier conversations, every message, notes; edit and merge.
import { useState } from 'react';
import { Avatar } from '../../components/Avatar';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { ContactDetail } from './ContactDetail';
import { Snippet } from './Snippet';
import { useContactSearch } from './useContactSearch';
import './contacts.css';

export function ContactsPage({ contactId }: { contactId: number | null }) {
  const [query, setQuery] = useState('');
  const { hits, error, busy } = useContactSearch(query);
  return (
    <section className="contacts" aria-labelledby="page-title">
      <div className="contacts__list">
        <header className="inbox-list__header">
          <h1 className="inbox-list__title" id="page-title">
            Contacts
          </h1>
        </header>
        <div className="contacts__search">
          <Icon name="search" size={16} />
          <input
            className="input"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Name, @handle, e-mail, phone or words they wrote"
            aria-label="Search contacts"
          />
          {busy ? <span className="spinner spinner--tiny" aria-hidden /> : null}
        </div>
        <div className="inbox-list__scroll">
          {error ? <ErrorNotice error={error} /> : null}
          {hits === null ? (
            <EmptyState icon="contacts" title="Find a contact">
              Everyone who wrote to you is here, recognised by their network identity even after a handle change. Search by name, a past or present
              handle, e-mail, phone, or something they wrote.
            </EmptyState>
          ) : hits.length === 0 ? (
            <EmptyState icon="search" title="No one matches">
              Try part of a name or handle, or a word from one of their messages.
            </EmptyState>
          ) : (
            <ul className="contact-hits" aria-label="Contacts found">
              {hits.map((h) => (
                <li key={h.contact.id}>
                  <a href={`#/contacts/${h.contact.id}`} className={`contact-hit${h.contact.id === contactId ? ' is-selected' : ''}`} aria-current={h.contact.id === contactId ? 'true' : undefined}>
                    <Avatar name={h.contact.displayName} url={h.contact.avatarUrl} size={32} />
                    <span className="contact-hit__body">
                      <span className="contact-hit__name">
                        <bdi>{h.contact.displayName}</bdi>
                      </span>
                      <span className="contact-hit__ids muted">
                        {h.contact.identities.map((i) => (
                          <span key={i.id} className="contact-hit__id">
                            <Icon name={i.network === 'x' ? 'x' : 'facebook'} size={11} />
                            <bdi>{i.network === 'x' && i.handle ? `@${i.handle}` : (i.displayName ?? i.handle ?? i.networkUserId)}</bdi>
                          </span>
                        ))}
                      </span>
                      {h.messages[0] ? (
                        <span className="contact-hit__snippet">
                          <Snippet text={h.messages[0].snippet} />
                        </span>
                      ) : null}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <div className="contacts__detail">
        {contactId != null ? (
          <ContactDetail key={contactId} contactId={contactId} />
        ) : (
          <EmptyState icon="contacts" title="No contact open">
            Search on the left and open a contact to see their history across X and Facebook.
          </EmptyState>
        )}
      </div>
    </section>
  );
}
