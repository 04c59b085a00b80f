// "Move to private" as one act: the private message (a DM on X, a private reply on Facebook) and, if the
// agent keeps it, a short public note that the conversation continues privately. One interaction.
import { useEffect, useState } from 'react';
import type { ConversationView } from '../../../../preload/contract';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { api, ApiError } from '../../lib/api';
import { useQuery } from '../../lib/hooks';
import { measure, newKey } from './drafting';

export function MoveToPrivateDialog({ view, initialText, onClose, onSent }: { view: ConversationView; initialText: string; onClose: () => void; onSent: () => void }) {
  const id = view.interaction.id;
  const templates = useQuery('conversation.templates', { interactionId: id }, [id]);
  const [text, setText] = useState(initialText);
  const [withNote, setWithNote] = useState(true);
  const [note, setNote] = useState('');
  const [key] = useState(newKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const priv = view.capabilities.private;
  const pub = view.capabilities.public;

  useEffect(() => {
    const first = templates.data?.moveToPrivate[0]?.variants[0];
    if (first && !note) setNote(first);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [templates.data]);

  const privSize = measure(text, priv.maxLength);
  const noteSize = measure(note, pub.maxLength);
  const ok = text.trim() && !privSize.over && (!withNote || (note.trim() && !noteSize.over));

  const send = async () => {
    if (!ok) return;
    setBusy(true);
    setError(null);
    try {
      await api.call('conversation.moveToPrivate', { interactionId: id, text: text.trim(), publicNote: withNote ? note.trim() : null, clientKey: key });
      onSent();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ code: 'internal', message: String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Move to private"
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn--private" disabled={!ok || busy} onClick={() => void send()}>
            {busy ? 'Sending…' : withNote ? 'Send privately and post the note' : 'Send privately'}
          </button>
        </>
      }
    >
      <p className="muted">
        {view.interaction.network === 'x'
          ? `A direct message goes to ${priv.recipient ?? 'the customer'}. The conversation stays one conversation here.`
          : 'A private reply opens Messenger with the customer. Facebook allows one per comment; they answer you in Messenger.'}
      </p>
      {error ? (
        <div className="notice notice--error" role="alert">
          <span>{error.message}</span>
        </div>
      ) : null}
      <Field label={`Private message to ${priv.recipient ?? 'the customer'}`} hint={`${privSize.used.toLocaleString()} / ${privSize.limit.toLocaleString()}`} error={privSize.over ? 'Too long' : undefined}>
        <textarea className="textarea textarea--private" value={text} onChange={(e) => setText(e.target.value)} rows={4} data-autofocus="true" />
      </Field>
      <label className="checkbox">
        <input type="checkbox" checked={withNote} onChange={(e) => setWithNote(e.target.checked)} />
        Also post a short public note that the conversation continues privately
      </label>
      {withNote ? (
        <Field
          label="Public note"
          hint={pub.maxLength === 'tweet' ? `${noteSize.used} / 280 (as X counts)` : `${noteSize.used} / ${noteSize.limit}`}
          error={noteSize.over ? 'Too long for a public reply' : undefined}
        >
          <textarea className="textarea textarea--public" value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
        </Field>
      ) : null}
    </Dialog>
  );
}
