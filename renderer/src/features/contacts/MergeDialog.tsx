// Merging two contacts who are one person: find the other one, see what moves, confirm. Nothing is
// deleted; the other contact stays as a pointer to this one.
import { useState } from 'react';
import type { Contact, ContactDetail } from '../../../../preload/contract';
import { Avatar } from '../../components/Avatar';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { api, ApiError } from '../../lib/api';
import { useContactSearch } from './useContactSearch';

export function MergeDialog({ keep, onClose, onMerged }: { keep: Contact; onClose: () => void; onMerged: (d: ContactDetail) => void }) {
  const [query, setQuery] = useState('');
  const [other, setOther] = useState<Contact | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const { hits } = useContactSearch(query);
  const candidates = (hits ?? []).map((h) => h.contact).filter((c) => c.id !== keep.id);

  const merge = async () => {
    if (!other) return;
    setBusy(true);
    setError(null);
    try {
      onMerged(await api.call('contacts.merge', { keepId: keep.id, mergeId: other.id }));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ code: 'internal', message: String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Merge another contact into ${keep.displayName}`}
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn--primary" disabled={!other || busy} onClick={() => void merge()}>
            {busy ? 'Merging…' : other ? `Merge ${other.displayName} into ${keep.displayName}` : 'Merge'}
          </button>
        </>
      }
    >
      {error ? <ErrorNotice error={error} /> : null}
      <p className="muted">
        Every identity, conversation and message of the other contact moves to {keep.displayName}. Their notes are added to these, and the merge is
        recorded in the audit log.
      </p>
      <input className="input" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Search for the other contact" aria-label="Search for the contact to merge" data-autofocus="true" />
      <ul className="merge-candidates" aria-label="Contacts to merge">
        {candidates.map((c) => (
          <li key={c.id}>
            <label className={`choice${other?.id === c.id ? ' is-on' : ''}`}>
              <input type="radio" name="merge-other" checked={other?.id === c.id} onChange={() => setOther(c)} />
              <Avatar name={c.displayName} url={c.avatarUrl} size={28} />
              <span className="choice__text">
                <strong>
                  <bdi>{c.displayName}</bdi>
                </strong>
                <span className="muted">
                  {c.identities.map((i) => (
                    <span key={i.id} className="contact-hit__id">
                      <Icon name={i.network === 'x' ? 'x' : 'facebook'} size={11} />
                      <bdi>{i.network === 'x' && i.handle ? `@${i.handle}` : (i.displayName ?? i.networkUserId)}</bdi>
                    </span>
                  ))}
                </span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      {hits && candidates.length === 0 ? <p className="muted">No other contact matches.</p> : null}
    </Dialog>
  );
}
