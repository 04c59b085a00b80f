// Wrapping up: complete with a disposition code (required), transfer to an agent, a group or a skill, or
// put the conversation back in the queue.
import { useEffect, useRef, useState } from 'react';
import type { TransferTarget } from '../../../../preload/contract';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { api, ApiError } from '../../lib/api';
import { useQuery } from '../../lib/hooks';
import { statusLabel } from '../workspace/StatusControl';

function useSubmit(run: () => Promise<unknown>, done: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await run();
      done();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ code: 'internal', message: String(e) }));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit };
}

export function CompleteDialog({ interactionId, onClose, onDone }: { interactionId: number; onClose: () => void; onDone: () => void }) {
  const dispositions = useQuery('config.listDispositions', {});
  const [code, setCode] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const active = (dispositions.data ?? []).filter((d) => d.active);
  // The codes arrive after the dialog opened (and focused the note): move to the first code once, so the
  // arrow keys pick one, unless the agent already started writing the note.
  const codesRef = useRef<HTMLDivElement>(null);
  const hasCodes = active.length > 0;
  useEffect(() => {
    const el = codesRef.current;
    if (!hasCodes || !el) return;
    const noteFocused = document.activeElement instanceof HTMLTextAreaElement && document.activeElement.value === '';
    if (noteFocused) el.querySelector<HTMLInputElement>('input[type="radio"]')?.focus();
  }, [hasCodes]);
  const { busy, error, submit } = useSubmit(
    () => api.call('routing.complete', { interactionId, dispositionCodeId: code!, note: note.trim() || null }),
    onDone,
  );
  return (
    <Dialog
      title="Complete the conversation"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn--primary"
            disabled={busy}
            onClick={() => {
              setTried(true);
              if (code !== null) void submit();
            }}
          >
            {busy ? 'Completing…' : 'Complete'}
          </button>
        </>
      }
    >
      {dispositions.error ? <ErrorNotice error={dispositions.error} onRetry={dispositions.reload} /> : null}
      {error ? <ErrorNotice error={error} /> : null}
      <fieldset className="choice-list" aria-describedby={tried && code === null ? 'disposition-error' : undefined}>
        <legend className="field__label">Disposition code (required)</legend>
        {active.length === 0 && dispositions.data ? <p className="muted">No disposition codes yet: an admin adds them in Admin → Disposition codes.</p> : null}
        {/* Two columns, so a dozen codes and the Complete button fit on a laptop screen without scrolling. */}
        <div className="choice-grid" ref={codesRef}>
          {active.map((d, i) => (
            <label key={d.id} className={`choice${code === d.id ? ' is-on' : ''}`}>
              <input type="radio" name="disposition" value={d.id} checked={code === d.id} onChange={() => setCode(d.id)} data-autofocus={i === 0 ? 'true' : undefined} />
              <span className="choice__text">
                <span>
                  <strong>{d.label}</strong> <code className="muted">{d.code}</code>
                </span>
                {d.description ? <span className="choice__desc muted">{d.description}</span> : null}
              </span>
            </label>
          ))}
        </div>
        {tried && code === null ? (
          <span className="field__error" id="disposition-error" role="alert">
            Choose a disposition code to complete the conversation.
          </span>
        ) : null}
      </fieldset>
      <Field label="Note (optional)" hint="Kept with the outcome, for reports and the next agent.">
        <textarea className="textarea" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} rows={2} />
      </Field>
    </Dialog>
  );
}

type Kind = 'agent' | 'group' | 'skill';

export function TransferDialog({ interactionId, myId, onClose, onDone }: { interactionId: number; myId: number | null; onClose: () => void; onDone: () => void }) {
  const agents = useQuery('routing.agents', {});
  const groups = useQuery('config.listGroups', {});
  const skills = useQuery('config.listSkills', {});
  const [kind, setKind] = useState<Kind>('agent');
  const [target, setTarget] = useState('');
  const [level, setLevel] = useState(1);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const to = (): TransferTarget | null => {
    const id = Number(target);
    if (!target || !Number.isInteger(id)) return null;
    if (kind === 'agent') return { agentId: id };
    if (kind === 'group') return { groupId: id };
    return { skillId: id, minLevel: level };
  };
  const { busy, error, submit } = useSubmit(() => api.call('routing.transfer', { interactionId, to: to()!, ...(note.trim() ? { note: note.trim() } : {}) }), onDone);
  const others = (agents.data ?? []).filter((a) => a.id !== myId && a.active);
  return (
    <Dialog
      title="Transfer the conversation"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn--primary"
            disabled={busy}
            onClick={() => {
              setTried(true);
              if (to()) void submit();
            }}
          >
            {busy ? 'Transferring…' : 'Transfer'}
          </button>
        </>
      }
    >
      {error ? <ErrorNotice error={error} /> : null}
      <div className="segmented" role="radiogroup" aria-label="Transfer to">
        {(['agent', 'group', 'skill'] as const).map((k) => (
          <button
            key={k}
            type="button"
            role="radio"
            aria-checked={kind === k}
            className={`segmented__option${kind === k ? ' is-on' : ''}`}
            onClick={() => {
              setKind(k);
              setTarget('');
            }}
          >
            {k === 'agent' ? 'An agent' : k === 'group' ? 'A group' : 'A skill'}
          </button>
        ))}
      </div>
      <Field label={kind === 'agent' ? 'Agent' : kind === 'group' ? 'Group' : 'Skill'} error={tried && !to() ? `Choose ${kind === 'agent' ? 'an agent' : kind === 'group' ? 'a group' : 'a skill'}` : undefined}>
        <select className="select" value={target} onChange={(e) => setTarget(e.target.value)} data-autofocus="true">
          <option value="">Choose…</option>
          {kind === 'agent'
            ? others.map((a) => (
                <option key={a.id} value={a.id} disabled={a.status === 'offline'}>
                  {a.name} · {statusLabel(a.status, a.notReadyReason)}
                  {a.status === 'offline' ? ' (cannot take it)' : ''}
                </option>
              ))
            : kind === 'group'
              ? (groups.data ?? []).map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))
              : (skills.data ?? []).map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
        </select>
      </Field>
      {kind === 'skill' ? (
        <Field label="Lowest level that may take it" hint="1 (anyone with the skill) to 10 (experts only).">
          <input className="input" type="number" min={1} max={10} value={level} onChange={(e) => setLevel(Math.min(10, Math.max(1, Number(e.target.value) || 1)))} />
        </Field>
      ) : null}
      <Field label="Note for the next person (optional)">
        <textarea className="textarea" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} rows={2} />
      </Field>
    </Dialog>
  );
}

export function RequeueDialog({ interactionId, onClose, onDone }: { interactionId: number; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const { busy, error, submit } = useSubmit(() => api.call('routing.requeue', { interactionId, ...(reason.trim() ? { reason: reason.trim() } : {}) }), onDone);
  return (
    <Dialog
      title="Put back in the queue?"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void submit()}>
            {busy ? 'Putting back…' : 'Put back in the queue'}
          </button>
        </>
      }
    >
      {error ? <ErrorNotice error={error} /> : null}
      <p>It goes to the next able agent (not you), keeping its place in the queue.</p>
      <Field label="Why (optional)">
        <input className="input" value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} data-autofocus="true" />
      </Field>
    </Dialog>
  );
}
