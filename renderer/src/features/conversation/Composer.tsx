// The composer: what the agent writes, and where it goes. The mode (public or private) is always on
// screen, colours the whole composer and names the send button; changing it asks first. The draft and
// its send key survive switching conversations, so a double click or a lost answer never sends twice.
import { useEffect, useId, useRef, useState } from 'react';
import type { ConversationView, ReplyOption, Visibility } from '../../../../preload/contract';
import { ConfirmDialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { useToast } from '../../components/Toasts';
import { api, ApiError } from '../../lib/api';
import { useWorkspace } from '../workspace/session';
import { useShortcut } from '../workspace/shortcuts';
import { CannedDialog } from './CannedDialog';
import { measure, newKey } from './drafting';
import { MoveToPrivateDialog } from './MoveToPrivateDialog';
import './composer.css';

interface Draft {
  text: string;
  key: string;
  mode: Visibility;
}

const draftKey = (id: number) => `parley.draft.${id}`;
function loadDraft(id: number, mode: Visibility): Draft {
  try {
    const d = JSON.parse(sessionStorage.getItem(draftKey(id)) ?? 'null') as Draft | null;
    if (d && typeof d.text === 'string' && typeof d.key === 'string' && (d.mode === 'public' || d.mode === 'private')) return d;
  } catch {
    // a damaged draft is started again
  }
  return { text: '', key: newKey(), mode };
}

const modeWords = (o: ReplyOption, mode: Visibility) =>
  mode === 'public' ? `${o.recipient ? `To ${o.recipient} · ` : ''}everyone sees it` : `To ${o.recipient ?? 'the customer'} · only they see it`;

export function Composer({ view, onSent }: { view: ConversationView; onSent?: () => void }) {
  const toast = useToast();
  const { announce } = useWorkspace();
  const id = view.interaction.id;
  const [draft, setDraft] = useState<Draft>(() => loadDraft(id, view.defaultMode));
  const [asking, setAsking] = useState<Visibility | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [canned, setCanned] = useState(false);
  const [moving, setMoving] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const labelId = useId();
  const hintId = useId();

  useEffect(() => {
    if (draft.text) sessionStorage.setItem(draftKey(id), JSON.stringify(draft));
    else sessionStorage.removeItem(draftKey(id));
  }, [draft, id]);

  const mode = draft.mode;
  const option = mode === 'public' ? view.capabilities.public : view.capabilities.private;
  const other: Visibility = mode === 'public' ? 'private' : 'public';
  const otherOption = other === 'public' ? view.capabilities.public : view.capabilities.private;
  const size = measure(draft.text, option.maxLength);
  const canSend = option.allowed && draft.text.trim().length > 0 && !size.over && !busy;

  const askSwitch = (to: Visibility) => {
    if (to === mode || busy) return;
    const target = to === 'public' ? view.capabilities.public : view.capabilities.private;
    if (!target.allowed) {
      toast(target.reason ?? `Sending ${to}ly is not possible here.`, 'error');
      return;
    }
    setAsking(to);
  };

  const send = async () => {
    if (!canSend) return;
    setBusy(true);
    setError(null);
    try {
      await api.call('conversation.reply', { interactionId: id, mode, text: draft.text.trim(), clientKey: draft.key });
      setDraft({ text: '', key: newKey(), mode });
      onSent?.();
    } catch (e) {
      // The same key stays: sending again cannot send twice.
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  useShortcut('send', () => void send(), option.allowed);
  useShortcut('toggleMode', () => askSwitch(other));
  useShortcut('reply', () => area.current?.focus());

  const insert = (text: string) => {
    setDraft((d) => ({ ...d, text: d.text.trim() ? `${d.text.trimEnd()} ${text}` : text }));
    requestAnimationFrame(() => area.current?.focus());
  };

  return (
    <div className={`composer composer--${mode}`} data-testid="composer" data-mode={mode}>
      <div className="composer__bar">
        <div className="mode-switch" role="radiogroup" aria-label="Send mode">
          {(['public', 'private'] as const).map((m) => {
            const o = m === 'public' ? view.capabilities.public : view.capabilities.private;
            return (
              <button
                key={m}
                type="button"
                role="radio"
                aria-checked={mode === m}
                aria-disabled={!o.allowed || undefined}
                className={`mode-switch__option mode-switch__option--${m}${mode === m ? ' is-on' : ''}`}
                onClick={() => askSwitch(m)}
                title={o.allowed ? o.label : (o.reason ?? undefined)}
              >
                <Icon name={m === 'public' ? 'globe' : 'lock'} size={14} />
                {m === 'public' ? 'Public' : 'Private'}
              </button>
            );
          })}
        </div>
        <span className="composer__where" id={hintId}>
          {option.allowed ? modeWords(option, mode) : option.reason}
        </span>
        <span
          className={`composer__count${size.over ? ' is-over' : ''}`}
          data-testid="composer-count"
          title={option.maxLength === 'tweet' ? 'Counted as X counts: a link is 23, most emoji 2' : 'Characters'}
        >
          {size.used.toLocaleString()} / {size.limit.toLocaleString()}
          <span className="visually-hidden">{option.maxLength === 'tweet' ? ' characters as X counts them' : ' characters'}</span>
        </span>
      </div>
      <label className="visually-hidden" id={labelId} htmlFor={`composer-${id}`}>
        {option.allowed ? `${option.label}${option.recipient ? ` to ${option.recipient}` : ''}` : 'Reply'}
      </label>
      <textarea
        id={`composer-${id}`}
        ref={area}
        className="composer__input"
        value={draft.text}
        disabled={!option.allowed}
        aria-describedby={hintId}
        aria-invalid={size.over || undefined}
        placeholder={option.allowed ? (mode === 'public' ? 'Write a public reply…' : 'Write a private message…') : (option.reason ?? '')}
        onChange={(e) => setDraft((d) => ({ ...d, text: e.target.value }))}
        onKeyDown={(e) => {
          if (e.key === 'Escape') (e.target as HTMLTextAreaElement).blur();
        }}
        rows={3}
      />
      {error ? (
        <div className="composer__error" role="alert">
          {error}
        </div>
      ) : null}
      <div className="composer__foot">
        <span className="composer__tools">
          <button type="button" className="btn btn--small btn--ghost" onClick={() => setCanned(true)}>
            Canned responses
          </button>
          {view.capabilities.moveToPrivate ? (
            <button type="button" className="btn btn--small btn--ghost" onClick={() => setMoving(true)}>
              <Icon name="lock" size={13} />
              Move to private
            </button>
          ) : null}
        </span>
        <button
          type="button"
          className={`btn ${mode === 'public' ? 'btn--public' : 'btn--private'}`}
          disabled={!canSend}
          onClick={() => void send()}
          data-testid="send-button"
          title={`${/Mac/.test(navigator.platform) ? '⌘' : 'Ctrl'}+Enter sends`}
        >
          <Icon name={mode === 'public' ? 'globe' : 'lock'} size={14} />
          {busy ? 'Sending…' : option.label}
        </button>
      </div>
      {asking ? (
        <ConfirmDialog
          title={asking === 'private' ? 'Switch to private?' : 'Switch to public?'}
          confirmLabel={asking === 'private' ? 'Yes, write privately' : 'Yes, write publicly'}
          danger={asking === 'public'}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setDraft((d) => ({ ...d, mode: asking, key: newKey() }));
            setAsking(null);
            requestAnimationFrame(() => area.current?.focus());
          }}
        >
          <p>
            {asking === 'private'
              ? `Your next message will go privately (${otherOption.label.toLowerCase()}) to ${otherOption.recipient ?? 'the customer'}. Nothing will be posted publicly.`
              : `Your next message will be posted publicly (${otherOption.label.toLowerCase()}) where anyone can read it.`}
          </p>
        </ConfirmDialog>
      ) : null}
      {canned ? <CannedDialog interactionId={id} mode={mode} onClose={() => setCanned(false)} onPick={(t) => { setCanned(false); insert(t); }} /> : null}
      {moving ? (
        <MoveToPrivateDialog
          view={view}
          initialText={draft.mode === 'private' ? draft.text : ''}
          onClose={() => setMoving(false)}
          onSent={() => {
            setMoving(false);
            // On X the conversation now continues by DM; a Facebook comment allows one private reply only.
            setDraft({ text: '', key: newKey(), mode: view.interaction.network === 'x' ? 'private' : 'public' });
            announce('Moved to private: the private message is on its way.');
            onSent?.();
          }}
        />
      ) : null}
    </div>
  );
}
