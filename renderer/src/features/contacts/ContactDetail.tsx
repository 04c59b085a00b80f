// One contact's card: details (editable), identities on each network, earlier conversations with their
// disposition codes, and every message across channels, newest first.
import { useCallback, useEffect, useState } from 'react';
import type { ContactDetail as Detail, TimelineMessage } from '../../../../preload/contract';
import { Avatar } from '../../components/Avatar';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { channelKindLabel, VisibilityBadge } from '../../components/NetworkBadge';
import { useToast } from '../../components/Toasts';
import { api, ApiError } from '../../lib/api';
import { dateTime } from '../../lib/format';
import { useEvent, useNow } from '../../lib/hooks';
import { navigate } from '../../lib/router';
import { EarlierInteractions, Identities, NotesEditor } from '../conversation/ContactPanel';
import { MessageText } from '../conversation/MessageText';
import { MergeDialog } from './MergeDialog';

function EditForm({ detail, onDone }: { detail: Detail; onDone: (d: Detail) => void }) {
  const c = detail.contact;
  const [form, setForm] = useState({ displayName: c.displayName, email: c.email ?? '', phone: c.phone ?? '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setErrors({});
    setError(null);
    try {
      const r = await api.call('contacts.update', { id: c.id, displayName: form.displayName, email: form.email, phone: form.phone, notes: c.notes });
      onDone(r);
    } catch (e) {
      if (e instanceof ApiError && e.fields) setErrors(e.fields);
      else setError(e instanceof ApiError ? e : new ApiError({ code: 'internal', message: String(e) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="card contact-edit"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      aria-label="Edit contact"
    >
      <div className="card__body">
        {error ? <ErrorNotice error={error} /> : null}
        <div className="form-grid">
          <Field label="Name" error={errors.displayName}>
            <input className="input" value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} data-autofocus="true" />
          </Field>
          <Field label="E-mail" error={errors.email}>
            <input className="input" type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
          </Field>
          <Field label="Phone" error={errors.phone}>
            <input className="input" type="tel" value={form.phone} onChange={(e) => setForm({ ...form, phone: e.target.value })} />
          </Field>
        </div>
        <div className="btn-row">
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
          <button type="button" className="btn" onClick={() => onDone(detail)}>
            Cancel
          </button>
        </div>
      </div>
    </form>
  );
}

function Timeline({ contactId }: { contactId: number }) {
  const [items, setItems] = useState<TimelineMessage[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const load = useCallback(
    (before?: string) => {
      setLoading(true);
      api.call('contacts.timeline', { contactId, limit: 50, ...(before ? { before } : {}) }).then(
        (r) => {
          setItems((old) => (before ? [...old, ...r.items] : r.items));
          setNext(r.nextCursor);
          setError(null);
          setLoading(false);
        },
        (e: unknown) => {
          setError(e as ApiError);
          setLoading(false);
        },
      );
    },
    [contactId],
  );
  useEffect(() => load(), [load]);
  useEvent('interactions.changed', () => load());
  // A merge moves the other contact's messages here.
  useEvent('contacts.changed', ({ ids }) => {
    if (ids.includes(contactId)) load();
  });
  return (
    <section className="card" aria-labelledby="timeline-title">
      <div className="card__header">
        <h2 className="card__title" id="timeline-title">
          Every message
        </h2>
        <span className="muted">newest first</span>
      </div>
      <div className="card__body">
        {error ? <ErrorNotice error={error} onRetry={() => load()} /> : null}
        {!loading && items.length === 0 ? <p className="muted">No messages.</p> : null}
        <ol className="timeline">
          {items.map((m) => (
            <li key={m.id} className={`timeline__item timeline__item--${m.direction}`}>
              <div className="timeline__head">
                <span className={`net-chip net-chip--${m.network}`}>
                  <Icon name={m.channelKind === 'messenger' ? 'messenger' : m.network === 'x' ? 'x' : 'facebook'} size={11} />
                  {m.network === 'x' ? 'X' : 'Facebook'} {channelKindLabel[m.channelKind]}
                </span>
                <VisibilityBadge visibility={m.visibility} />
                <span className="muted">{m.direction === 'in' ? 'customer' : m.authorKind === 'agent' ? 'agent' : m.authorKind === 'auto' ? 'automatic' : 'brand'}</span>
                {m.interactionId != null ? (
                  <a className="timeline__time" href={`#/inbox/${m.interactionId}`} title="Open the conversation">
                    {dateTime(m.sentAt)}
                  </a>
                ) : (
                  <time className="timeline__time">{dateTime(m.sentAt)}</time>
                )}
              </div>
              <MessageText text={m.text} className="timeline__text" />
            </li>
          ))}
        </ol>
        {next ? (
          <button type="button" className="btn btn--small" disabled={loading} onClick={() => load(next)}>
            {loading ? 'Loading…' : 'Load older messages'}
          </button>
        ) : null}
      </div>
    </section>
  );
}

export function ContactDetail({ contactId }: { contactId: number }) {
  const toast = useToast();
  const now = useNow(60_000);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const load = useCallback(() => {
    api.call('contacts.get', { id: contactId }).then(
      (d) => {
        setDetail(d);
        setError(null);
      },
      (e: unknown) => setError(e as ApiError),
    );
  }, [contactId]);
  useEffect(() => load(), [load]);
  useEvent('contacts.changed', ({ ids }) => {
    if (ids.includes(contactId)) load();
  });

  if (error) return <ErrorNotice error={error} onRetry={load} />;
  if (!detail) {
    return (
      <div className="center-spinner" role="status">
        <span className="spinner" aria-hidden /> Opening the contact…
      </div>
    );
  }
  const c = detail.contact;
  return (
    <div className="contact-detail">
      {c.mergedIntoId != null ? (
        <div className="notice notice--warn" role="note">
          <span>
            This contact was merged into another. <a href={`#/contacts/${c.mergedIntoId}`}>Open the contact it became</a>.
          </span>
        </div>
      ) : null}
      <header className="contact-detail__head">
        <Avatar name={c.displayName} url={c.avatarUrl} size={56} />
        <div className="contact-detail__title">
          <h2 className="contact-detail__name">
            <bdi>{c.displayName}</bdi>
          </h2>
          <p className="muted">
            {[c.email, c.phone].filter(Boolean).join(' · ') || 'No e-mail or phone on record'} · first seen {dateTime(c.createdAt)}
          </p>
        </div>
        {c.mergedIntoId == null ? (
          <div className="btn-row">
            <button type="button" className="btn" onClick={() => setEditing((e) => !e)} aria-expanded={editing}>
              Edit details
            </button>
            <button type="button" className="btn" onClick={() => setMerging(true)}>
              Merge with another contact…
            </button>
          </div>
        ) : null}
      </header>
      {editing ? (
        <EditForm
          detail={detail}
          onDone={(d) => {
            if (d !== detail) toast('Contact saved.', 'ok');
            setDetail(d);
            setEditing(false);
          }}
        />
      ) : null}
      <div className="contact-detail__grid">
        <div className="contact-detail__col">
          <section className="card" aria-labelledby="ids-title">
            <div className="card__header">
              <h2 className="card__title" id="ids-title">
                On each network
              </h2>
            </div>
            <div className="card__body">
              <Identities contact={c} />
            </div>
          </section>
          <section className="card" aria-labelledby="notes-title">
            <div className="card__header">
              <h2 className="card__title" id="notes-title">
                Notes
              </h2>
            </div>
            <div className="card__body">
              <NotesEditor contact={c} />
            </div>
          </section>
          <section className="card" aria-labelledby="earlier-title">
            <div className="card__header">
              <h2 className="card__title" id="earlier-title">
                Conversations ({detail.interactions.length})
              </h2>
            </div>
            <div className="card__body">
              <EarlierInteractions items={detail.interactions} now={now} />
            </div>
          </section>
        </div>
        <div className="contact-detail__col contact-detail__col--wide">
          <Timeline contactId={c.id} />
        </div>
      </div>
      {merging ? (
        <MergeDialog
          keep={c}
          onClose={() => setMerging(false)}
          onMerged={(d) => {
            setMerging(false);
            setDetail(d);
            toast('Contacts merged: every identity, conversation and message is now here.', 'ok');
            navigate(`contacts/${d.contact.id}`);
          }}
        />
      ) : null}
    </div>
  );
}
