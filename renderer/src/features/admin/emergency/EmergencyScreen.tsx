// Admin → Emergency: the switch (switching on is a deliberate, confirmed act), its scope, its message, an
// automatic end, and who switched it when.
import { DateTime } from 'luxon';
import { useState } from 'react';
import type { Emergency, EmergencyInput } from '../../../../../preload/contract';
import { ConfirmDialog } from '../../../components/Dialog';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Field } from '../../../components/Field';
import { Icon } from '../../../components/Icon';
import { useToast } from '../../../components/Toasts';
import { api } from '../../../lib/api';
import { useEvent, useQuery } from '../../../lib/hooks';
import { fieldError, formErrors, noErrors, summary, type FormErrors } from '../shared/errors';
import { actionLabel, actorText } from '../shared/labels';
import { SaveStatus } from '../shared/SaveStatus';
import { useUnsavedChanges } from '../shared/unsaved';
import { useConfigOverview } from '../shared/useConfig';
import '../styles';

const scopeText: Record<Emergency['scope'], string> = { all: 'X and Facebook', x: 'X only', facebook: 'Facebook only' };

interface Draft {
  scope: Emergency['scope'];
  message: string;
  /** yyyy-MM-ddTHH:mm in the business time zone, or '' for no automatic end. */
  endsAt: string;
}

function toDraft(e: Emergency, zone: string): Draft {
  return { scope: e.scope, message: e.message, endsAt: e.endsAt ? DateTime.fromMillis(e.endsAt, { zone }).toFormat("yyyy-LL-dd'T'HH:mm") : '' };
}

function History() {
  const history = useQuery('audit.list', { entity: 'emergency', limit: 20 });
  useEvent('config.changed', (p) => p.parts.includes('emergency') && history.reload());
  const entries = history.data?.entries ?? [];
  const zone = history.data?.timeZone;
  return (
    <section className="card" aria-labelledby="emergency-history-title">
      <div className="card__header">
        <h2 className="card__title" id="emergency-history-title">
          Change history
        </h2>
      </div>
      <div className="card__body">
        {entries.length === 0 ? <p className="muted">The emergency has never been switched.</p> : null}
        <ol className="activity" aria-label="Emergency history">
          {entries.map((e) => {
            const after = (e.after ?? {}) as Partial<Emergency>;
            return (
              <li key={e.id} className="activity__item">
                <span className={`badge ${e.action === 'switch_on' ? 'badge--danger' : e.action === 'switch_off' || e.action === 'auto_end' ? 'badge--ok' : ''}`}>{actionLabel[e.action] ?? e.action}</span>
                <div>
                  <div>
                    <strong>{e.actorLabel}</strong>
                    {after.scope ? <span className="muted"> · {scopeText[after.scope]}</span> : null}
                  </div>
                  {after.message ? <div className="muted small message-text">“{after.message}”</div> : null}
                </div>
                <time className="activity__time muted" dateTime={new Date(e.at).toISOString()}>
                  {DateTime.fromMillis(e.at, { zone }).toFormat('d LLL yyyy, HH:mm')}
                </time>
              </li>
            );
          })}
        </ol>
      </div>
    </section>
  );
}

export function EmergencyScreen() {
  const toast = useToast();
  const config = useConfigOverview();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saving, setSaving] = useState(false);
  const [confirm, setConfirm] = useState<'on' | 'off' | null>(null);
  const c = config.data;
  const saved = c ? toDraft(c.emergency, c.timeZone) : null;
  const form = draft ?? saved;
  const dirty = !!draft && !!saved && JSON.stringify(draft) !== JSON.stringify(saved);
  useUnsavedChanges(dirty, 'The emergency message and settings');

  if (config.error) return <ErrorNotice error={config.error} onRetry={config.reload} />;
  if (!c || !form || !saved) return <div className="spinner" aria-label="Loading" />;
  const e = c.emergency;
  const zone = c.timeZone;
  const templates = c.templates.filter((t) => t.kind === 'emergency' && t.active);

  const apply = async (active: boolean) => {
    setConfirm(null);
    setSaving(true);
    setErrors(noErrors);
    const endsAt = active && form.endsAt ? DateTime.fromISO(form.endsAt, { zone }).toMillis() : null;
    if (active && form.endsAt && !Number.isFinite(endsAt)) {
      setErrors({ message: 'The end time is not a date and time.', fields: { endsAt: 'Use a date and time, or leave it empty' } });
      setSaving(false);
      return;
    }
    const input: EmergencyInput = { active, scope: form.scope, message: form.message, endsAt };
    try {
      await api.call('config.setEmergency', input);
      setDraft(null);
      toast(active ? (e.active ? 'Emergency updated.' : 'Emergency switched ON.') : e.active ? 'Emergency switched off.' : 'Saved; the emergency stays off.', active ? 'error' : 'ok');
    } catch (err) {
      setErrors(formErrors(err));
    } finally {
      setSaving(false);
    }
  };
  const set = (patch: Partial<Draft>) => setDraft({ ...form, ...patch });
  const err = (p: string) => fieldError(errors.fields, p);

  return (
    <div className="admin-stack">
      <section className={`emergency-hero${e.active ? ' is-on' : ''}`} aria-live="polite" data-testid="emergency-state">
        <div className="emergency-hero__icon">
          <Icon name="siren" size={28} />
        </div>
        <div>
          <h2 className="emergency-hero__title">{e.active ? 'Emergency is ON' : 'Emergency is off'}</h2>
          <p>
            {e.active
              ? `Every new message on ${scopeText[e.scope]} gets the emergency message instead of waiting in the queue.${e.endsAt ? ` It ends automatically on ${DateTime.fromMillis(e.endsAt, { zone }).toFormat('d LLL yyyy \'at\' HH:mm')} (${zone}).` : ' It stays on until someone switches it off.'}`
              : 'Messages follow the keyword rules, special days and opening hours as usual.'}
          </p>
          {e.changedBy ? (
            <p className="small">
              Last changed by {actorText(e.changedBy, c.agents)} on {DateTime.fromMillis(e.changedAt, { zone }).toFormat('d LLL yyyy, HH:mm')}.
            </p>
          ) : null}
        </div>
        <div className="emergency-hero__actions">
          {e.active ? (
            <button type="button" className="btn" onClick={() => setConfirm('off')} disabled={saving}>
              Switch off
            </button>
          ) : (
            <button type="button" className="btn btn--danger" onClick={() => setConfirm('on')} disabled={saving}>
              Switch emergency on…
            </button>
          )}
        </div>
      </section>

      <section className="card" aria-labelledby="emergency-settings-title">
        <div className="card__header">
          <h2 className="card__title" id="emergency-settings-title">
            {e.active ? 'While it is on' : 'Prepare the emergency'}
          </h2>
          <SaveStatus state={saving ? 'saving' : errors.message ? 'error' : dirty ? 'dirty' : 'idle'} error={summary(errors)} />
        </div>
        <div className="card__body">
          <fieldset className="fieldset">
            <legend>Scope</legend>
            <div className="segmented" role="radiogroup" aria-label="Scope">
              {(Object.keys(scopeText) as Emergency['scope'][]).map((s) => (
                <label key={s} className={`segmented__option${form.scope === s ? ' is-selected' : ''}`}>
                  <input type="radio" name="emergency-scope" value={s} checked={form.scope === s} onChange={() => set({ scope: s })} />
                  {s === 'all' ? 'All networks' : scopeText[s]}
                </label>
              ))}
            </div>
          </fieldset>
          <Field
            label="Message"
            hint={templates.length ? `Leave empty to send the emergency template (${templates.map((t) => `“${t.name}”`).join(', ')}).` : 'No active emergency template exists, so write the message here.'}
            error={err('message')}
          >
            <textarea className="textarea" rows={3} value={form.message} onChange={(ev) => set({ message: ev.target.value })} placeholder="Hi {name}, we are dealing with an outage and replies are delayed." />
          </Field>
          <Field label={`Automatic end (${zone})`} hint="Optional. Parley switches the emergency off at this time." error={err('endsAt')}>
            <input className="input input--auto" type="datetime-local" value={form.endsAt} onChange={(ev) => set({ endsAt: ev.target.value })} />
          </Field>
          <div className="btn-row">
            {e.active ? (
              <button type="button" className="btn btn--primary" disabled={!dirty || saving} onClick={() => apply(true)}>
                Save changes
              </button>
            ) : (
              <button type="button" className="btn" disabled={!dirty || saving} onClick={() => apply(false)}>
                Save without switching on
              </button>
            )}
            {dirty ? (
              <button type="button" className="btn btn--ghost" onClick={() => { setDraft(null); setErrors(noErrors); }}>
                Undo changes
              </button>
            ) : null}
          </div>
        </div>
      </section>

      <History />

      {confirm === 'on' ? (
        <ConfirmDialog title="Switch the emergency on?" confirmLabel="Switch on now" danger onCancel={() => setConfirm(null)} onConfirm={() => apply(true)}>
          <p>
            From now on, every new message on <strong>{scopeText[form.scope]}</strong> gets the emergency message instead of going to agents as usual:
          </p>
          <blockquote className="quote message-text">{form.message.trim() || (templates[0] ? `The “${templates[0].name}” template` : 'No message (Parley will refuse)')}</blockquote>
          <p>{form.endsAt ? `It ends automatically on ${DateTime.fromISO(form.endsAt, { zone }).toFormat('d LLL yyyy \'at\' HH:mm')} (${zone}).` : 'It stays on until someone switches it off.'}</p>
        </ConfirmDialog>
      ) : null}
      {confirm === 'off' ? (
        <ConfirmDialog title="Switch the emergency off?" confirmLabel="Switch off" onCancel={() => setConfirm(null)} onConfirm={() => apply(false)}>
          <p>New messages follow the keyword rules, special days and opening hours again.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
