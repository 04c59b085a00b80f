// Add, edit or delete one special day: a date (once, or every year), closed all day or open with its own
// hours, and optionally its own message instead of the special-day template.
import { useState } from 'react';
import type { SpecialDay, SpecialDayInput } from '../../../../../preload/contract';
import { ConfirmDialog, Dialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { useToast } from '../../../components/Toasts';
import { api } from '../../../lib/api';
import { fieldError, formErrors, noErrors, summary, withoutChanged, type FormErrors } from '../shared/errors';
import { SaveStatus } from '../shared/SaveStatus';
import { useConfirmDiscard, useUnsavedChanges } from '../shared/unsaved';
import { HoursRanges, rangeErrors } from './HoursRanges';

export function SpecialDayDialog({ day, date, onClose }: { day: SpecialDay | null; date: string; onClose: () => void }) {
  const toast = useToast();
  const ask = useConfirmDiscard();
  const [initial] = useState<SpecialDayInput>(() =>
    day
      ? { name: day.name, date: day.date, recurrence: day.recurrence, closed: day.closed, hours: day.hours, message: day.message }
      : { name: '', date, recurrence: 'none', closed: true, hours: [], message: null },
  );
  const [form, setForm] = useState<SpecialDayInput>(initial);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saving, setSaving] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const dirty = JSON.stringify(form) !== JSON.stringify(initial);
  useUnsavedChanges(dirty, day ? `Special day "${day.name}"` : 'The new special day');
  const update = (next: SpecialDayInput) => {
    setErrors((e) => withoutChanged(e, form, next));
    setForm(next);
  };
  const set = <K extends keyof SpecialDayInput>(k: K, v: SpecialDayInput[K]) => update({ ...form, [k]: v });

  const save = async () => {
    if (!form.closed && form.hours.some((r) => Object.keys(rangeErrors(r)).length)) {
      setErrors({ message: 'Fix the hours marked in red.', fields: {} });
      return;
    }
    if (!form.closed && form.hours.length === 0) {
      setErrors({ message: 'Add the hours the team works that day, or mark the day closed.', fields: { hours: 'Add at least one range, or choose “Closed all day”' } });
      return;
    }
    setSaving(true);
    setErrors(noErrors);
    try {
      const saved = day ? await api.call('config.updateSpecialDay', { ...form, id: day.id }) : await api.call('config.createSpecialDay', form);
      toast(`${saved.name} (${saved.recurrence === 'yearly' ? `every ${saved.date.slice(5)}` : saved.date}) saved.`, 'ok');
      onClose();
    } catch (e) {
      setErrors(formErrors(e));
    } finally {
      setSaving(false);
    }
  };
  const remove = async () => {
    setConfirmDelete(false);
    if (!day) return;
    try {
      await api.call('config.deleteSpecialDay', { id: day.id });
      toast(`${day.name} deleted.`, 'ok');
      onClose();
    } catch (e) {
      setErrors(formErrors(e));
    }
  };
  const err = (p: string) => fieldError(errors.fields, p);
  return (
    <Dialog
      title={day ? `Edit ${day.name}` : 'Add a special day'}
      onClose={() => ask(onClose)}
      footer={
        <>
          {day ? (
            <button type="button" className="btn btn--ghost btn--danger-text" onClick={() => setConfirmDelete(true)}>
              Delete
            </button>
          ) : null}
          <SaveStatus state={saving ? 'saving' : errors.message ? 'error' : dirty ? 'dirty' : 'idle'} error={summary(errors)} idleText={day ? 'No changes' : 'Not saved yet'} />
          <span className="spacer" />
          <button type="button" className="btn" onClick={() => ask(onClose)}>
            Cancel
          </button>
          <button type="button" className="btn btn--primary" onClick={save} disabled={saving}>
            Save special day
          </button>
        </>
      }
    >
      <Field label="Name" error={err('name')}>
        <input className="input" value={form.name} onChange={(e) => set('name', e.target.value)} placeholder="Christmas Day" data-autofocus="true" />
      </Field>
      <div className="form-grid form-grid--2">
        <Field label="Date" error={err('date')}>
          <input className="input" type="date" value={form.date} onChange={(e) => set('date', e.target.value)} />
        </Field>
        <div className="field">
          <span className="field__label">Repeats</span>
          <label className="checkbox">
            <input type="checkbox" checked={form.recurrence === 'yearly'} onChange={(e) => set('recurrence', e.target.checked ? 'yearly' : 'none')} />
            Every year on this date
          </label>
        </div>
      </div>
      <fieldset className="fieldset">
        <legend>That day the team is</legend>
        <label className="checkbox">
          <input type="radio" name="special-day-closed" checked={form.closed} onChange={() => update({ ...form, closed: true, hours: [] })} />
          Closed all day
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name="special-day-closed"
            checked={!form.closed}
            onChange={() => update({ ...form, closed: false, hours: form.hours.length ? form.hours : [{ opensAt: '09:00', closesAt: '13:00' }] })}
          />
          Open with special hours
        </label>
        {!form.closed ? (
          <HoursRanges
            ranges={form.hours}
            label="Special hours"
            onChange={(hours) => set('hours', hours)}
            serverErrors={(i) => ({ opensAt: err(`hours.${i}.opensAt`), closesAt: err(`hours.${i}.closesAt`) })}
          />
        ) : null}
        {err('hours') ? <span className="field__error">{err('hours')}</span> : null}
      </fieldset>
      <Field label="Its own message (optional)" hint="Leave empty to send the special-day template. Placeholders such as {name} and {opens_at} work here too." error={err('message')}>
        <textarea className="textarea" rows={3} value={form.message ?? ''} onChange={(e) => set('message', e.target.value ? e.target.value : null)} />
      </Field>
      {confirmDelete && day ? (
        <ConfirmDialog title={`Delete ${day.name}?`} confirmLabel="Delete" danger onCancel={() => setConfirmDelete(false)} onConfirm={remove}>
          <p>On {day.recurrence === 'yearly' ? `${day.date.slice(5)} every year` : day.date} the usual weekly hours apply again.</p>
        </ConfirmDialog>
      ) : null}
    </Dialog>
  );
}
