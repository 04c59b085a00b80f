// Beside the thread: who the customer is on each network, what happened in their earlier conversations
// (with disposition codes), and notes the team keeps about them.
import { useEffect, useState } from 'react';
import type { Contact, ContactInteraction, ConversationView } from '../../../../preload/contract';
import { Avatar } from '../../components/Avatar';
import { Icon } from '../../components/Icon';
import { channelKindLabel } from '../../components/NetworkBadge';
import { api, ApiError } from '../../lib/api';
import { relativeTime } from '../../lib/format';
import './panel.css';

export function Identities({ contact }: { contact: Contact }) {
  return (
    <ul className="identities" aria-label="Identities on each network">
      {contact.identities.map((i) => {
        const past = i.handleHistory.filter((h) => h.seenUntil !== null && h.handle !== i.handle);
        return (
          <li key={i.id} className="identity">
            <Icon name={i.network === 'x' ? 'x' : 'facebook'} size={14} title={i.network === 'x' ? 'X' : 'Facebook'} />
            <span className="identity__main">
              <span className="identity__handle">
                <bdi>{i.network === 'x' && i.handle ? `@${i.handle}` : (i.displayName ?? i.handle ?? 'Unnamed')}</bdi>
              </span>
              <span className="identity__id muted">
                {i.network === 'x' && i.displayName ? (
                  <>
                    <bdi>{i.displayName}</bdi> ·{' '}
                  </>
                ) : null}
                {i.network === 'x' ? 'X user' : 'Facebook id'} {i.networkUserId}
              </span>
              {past.length > 0 ? (
                <span className="identity__past muted">
                  Was{' '}
                  {past.map((h, n) => (
                    <span key={`${h.handle}-${h.seenFrom}`}>
                      {n > 0 ? ', ' : ''}@<bdi>{h.handle}</bdi>
                    </span>
                  ))}
                </span>
              ) : null}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

export function EarlierInteractions({ items, now, currentId }: { items: ContactInteraction[]; now: number; currentId?: number }) {
  if (items.length === 0) return <p className="muted">No earlier conversations.</p>;
  return (
    <ol className="earlier" aria-label="Earlier conversations">
      {items.map((i) => (
        <li key={i.id} className={`earlier__item${i.id === currentId ? ' is-current' : ''}`}>
          <a href={`#/inbox/${i.id}`} className="earlier__link">
            <span className="earlier__top">
              <span className={`net-chip net-chip--${i.network}`}>
                <Icon name={i.channelKind === 'messenger' ? 'messenger' : i.network === 'x' ? 'x' : 'facebook'} size={11} />
                {channelKindLabel[i.channelKind]}
              </span>
              <span className="muted earlier__time">{relativeTime(i.createdAt, now)}</span>
            </span>
            <bdi className="earlier__subject">{i.subject || '(no text)'}</bdi>
            <span className="earlier__outcome">
              {i.disposition ? (
                <span className="chip chip--ok" title={i.dispositionNote ?? undefined}>
                  {i.disposition.label}
                </span>
              ) : (
                <span className="chip">{i.state === 'auto_handled' ? 'Handled automatically' : i.state === 'ignored' ? 'Ignored as spam' : i.state === 'completed' ? 'Completed' : 'Open'}</span>
              )}
              {i.dispositionNote ? <span className="muted earlier__note">“{i.dispositionNote}”</span> : null}
            </span>
          </a>
        </li>
      ))}
    </ol>
  );
}

export function NotesEditor({ contact }: { contact: Contact }) {
  const [justSaved, setJustSaved] = useState(false);
  const [notes, setNotes] = useState(contact.notes);
  const [saved, setSaved] = useState(contact.notes);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Someone else saved meanwhile: show theirs unless this one is being edited.
  useEffect(() => {
    setSaved(contact.notes);
    setNotes((n) => (n === saved ? contact.notes : n));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [contact.notes]);
  const dirty = notes !== saved;
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.call('contacts.update', { id: contact.id, displayName: contact.displayName, email: contact.email, phone: contact.phone, notes });
      setSaved(r.contact.notes);
      setJustSaved(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="notes">
      <label className="field__label" htmlFor={`notes-${contact.id}`}>
        Notes about {contact.displayName}
      </label>
      <textarea
        id={`notes-${contact.id}`}
        className="textarea notes__input"
        value={notes}
        maxLength={5000}
        onChange={(e) => {
          setNotes(e.target.value);
          setJustSaved(false);
        }}
        rows={4}
        placeholder="What the next agent should know (preferences, order numbers, promises made)…"
      />
      {error ? (
        <span className="field__error" role="alert">
          {error}
        </span>
      ) : null}
      <div className="btn-row">
        <button type="button" className="btn btn--small" disabled={!dirty || busy} onClick={() => void save()}>
          {busy ? 'Saving…' : 'Save notes'}
        </button>
        {dirty ? <span className="muted">Not saved yet</span> : justSaved ? <span className="notes__saved" role="status">Saved</span> : null}
      </div>
    </div>
  );
}

export function ContactPanel({ view, now }: { view: ConversationView; now: number }) {
  const c = view.contact;
  const [why, setWhy] = useState(false);
  return (
    <aside className="contact-panel" aria-label="Contact">
      <div className="contact-panel__head">
        <Avatar name={c.displayName} url={c.avatarUrl} size={44} />
        <div>
          <h2 className="contact-panel__name">
            <bdi>{c.displayName}</bdi>
          </h2>
          <a className="muted contact-panel__link" href={`#/contacts/${c.id}`}>
            Open in Contacts
          </a>
        </div>
      </div>
      {c.email || c.phone ? (
        <dl className="contact-panel__facts">
          {c.email ? (
            <>
              <dt>E-mail</dt>
              <dd>{c.email}</dd>
            </>
          ) : null}
          {c.phone ? (
            <>
              <dt>Phone</dt>
              <dd>{c.phone}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      <section className="contact-panel__section" aria-labelledby="cp-ids">
        <h3 className="contact-panel__title" id="cp-ids">
          On each network
        </h3>
        <Identities contact={c} />
      </section>
      <section className="contact-panel__section" aria-labelledby="cp-notes">
        <h3 className="contact-panel__title" id="cp-notes">
          Notes
        </h3>
        <NotesEditor contact={c} />
      </section>
      <section className="contact-panel__section" aria-labelledby="cp-earlier">
        <h3 className="contact-panel__title" id="cp-earlier">
          Earlier conversations ({view.earlier.length})
        </h3>
        <EarlierInteractions items={view.earlier} now={now} />
      </section>
      {view.interaction.decisionPath.length > 0 ? (
        <section className="contact-panel__section">
          <button type="button" className="link-button" aria-expanded={why} onClick={() => setWhy((w) => !w)}>
            {why ? 'Hide' : 'Why did this come here?'}
          </button>
          {why ? (
            <ol className="decision-path">
              {view.interaction.decisionPath.map((s, i) => (
                <li key={i}>
                  <strong>{s.step.replace('_', ' ')}</strong>: {s.outcome}
                  <span className="muted"> — {s.detail}</span>
                </li>
              ))}
            </ol>
          ) : null}
        </section>
      ) : null}
    </aside>
  );
}
