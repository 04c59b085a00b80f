// Admin → Disposition codes: the outcomes an agent picks when completing a conversation, in the order the
// agent sees them. Added, edited in place, deactivated (kept for reports), deleted when unused, reordered.
import { useEffect, useState } from 'react';
import type { Disposition, DispositionInput } from '../../../../../preload/contract';
import { ConfirmDialog } from '../../../components/Dialog';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Field } from '../../../components/Field';
import { useToast } from '../../../components/Toasts';
import { api, ApiError } from '../../../lib/api';
import { fieldError, formErrors, noErrors, type FormErrors } from '../shared/errors';
import { moved, useDragReorder } from '../shared/reorder';
import { SaveStatus, type SaveState } from '../shared/SaveStatus';
import { Switch } from '../shared/Switch';
import { useUnsavedChanges } from '../shared/unsaved';
import { useConfigOverview } from '../shared/useConfig';
import '../styles';

const blank: DispositionInput = { code: '', label: '', description: '', active: true };

function CodeFields({ value, onChange, errors, label }: { value: DispositionInput; onChange: (v: DispositionInput) => void; errors: Record<string, string>; label: string }) {
  return (
    <>
      <td>
        <Field label={<span className="visually-hidden">{label}: code</span>} error={fieldError(errors, 'code')}>
          <input className="input mono" value={value.code} placeholder="resolved" onChange={(e) => onChange({ ...value, code: e.target.value })} />
        </Field>
      </td>
      <td>
        <Field label={<span className="visually-hidden">{label}: label</span>} error={fieldError(errors, 'label')}>
          <input className="input" value={value.label} placeholder="Resolved" onChange={(e) => onChange({ ...value, label: e.target.value })} />
        </Field>
      </td>
      <td>
        <Field label={<span className="visually-hidden">{label}: description</span>} error={fieldError(errors, 'description')}>
          <input className="input" value={value.description} placeholder="When to pick it" onChange={(e) => onChange({ ...value, description: e.target.value })} />
        </Field>
      </td>
    </>
  );
}

function Row({ d, index, count, drag, onMove }: { d: Disposition; index: number; count: number; drag: ReturnType<typeof useDragReorder>; onMove: (delta: number) => void }) {
  const toast = useToast();
  const saved: DispositionInput = { code: d.code, label: d.label, description: d.description, active: d.active };
  const [edit, setEdit] = useState<DispositionInput | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [state, setState] = useState<SaveState>('idle');
  const [confirm, setConfirm] = useState(false);
  const [inUse, setInUse] = useState<string | null>(null);
  const dirty = !!edit && JSON.stringify(edit) !== JSON.stringify(saved);
  useUnsavedChanges(dirty, `Disposition code "${d.code}"`);

  const save = async (value: DispositionInput, closeAfter = true) => {
    setState('saving');
    setErrors(noErrors);
    try {
      await api.call('config.updateDisposition', { ...value, id: d.id });
      setState('saved');
      if (closeAfter) setEdit(null);
    } catch (e) {
      setErrors(formErrors(e));
      setState('error');
    }
  };
  const remove = async () => {
    setConfirm(false);
    try {
      await api.call('config.deleteDisposition', { id: d.id });
      toast(`"${d.label}" deleted.`, 'ok');
    } catch (e) {
      if (e instanceof ApiError && e.code === 'conflict') setInUse(e.message);
      else toast((e as Error).message, 'error');
    }
  };
  return (
    <tr {...(edit ? {} : drag.props(d.id))} className={`${d.active ? '' : 'is-inactive'}${drag.over === d.id && drag.dragging !== d.id ? ' is-drop-target' : ''}`} data-testid="disposition-row">
      <td className="drag-cell">
        <span className="drag-handle" aria-hidden title="Drag to reorder">
          ⋮⋮
        </span>
        <span className="updown">
          <button type="button" className="btn btn--icon btn--ghost btn--tiny" aria-label={`Move ${d.code} up`} disabled={index === 0} onClick={() => onMove(-1)}>
            ▲
          </button>
          <button type="button" className="btn btn--icon btn--ghost btn--tiny" aria-label={`Move ${d.code} down`} disabled={index === count - 1} onClick={() => onMove(1)}>
            ▼
          </button>
        </span>
      </td>
      {edit ? (
        <CodeFields value={edit} onChange={setEdit} errors={errors.fields} label={`Disposition ${d.code}`} />
      ) : (
        <>
          <td className="mono">{d.code}</td>
          <td>{d.label}</td>
          <td className="muted">{d.description}</td>
        </>
      )}
      <td>
        <Switch checked={d.active} onChange={(v) => void save({ ...saved, active: v }, false)} label={`${d.code} is active`} />
      </td>
      <td className="row-actions">
        {dirty || state !== 'idle' ? <SaveStatus state={dirty && state !== 'saving' && state !== 'error' ? 'dirty' : state} error={Object.keys(errors.fields).length ? null : errors.message} /> : null}
        {edit ? (
          <>
            <button type="button" className="btn btn--small btn--primary" onClick={() => void save(edit)} disabled={state === 'saving'}>
              Save
            </button>
            <button type="button" className="btn btn--small btn--ghost" onClick={() => { setEdit(null); setErrors(noErrors); setState('idle'); }}>
              Cancel
            </button>
          </>
        ) : (
          <>
            <button type="button" className="btn btn--small" onClick={() => setEdit(saved)} aria-label={`Edit ${d.code}`}>
              Edit
            </button>
            <button type="button" className="btn btn--small btn--ghost" onClick={() => setConfirm(true)} aria-label={`Delete ${d.code}`}>
              Delete
            </button>
          </>
        )}
        {inUse ? (
          <div className="notice notice--warn small" role="alert">
            <span>{inUse}</span>
            <button type="button" className="btn btn--small" onClick={() => { setInUse(null); void save({ ...saved, active: false }, false); }}>
              Deactivate
            </button>
          </div>
        ) : null}
        {confirm ? (
          <ConfirmDialog title={`Delete "${d.label}"?`} confirmLabel="Delete code" danger onCancel={() => setConfirm(false)} onConfirm={remove}>
            <p>A code already chosen on a conversation cannot be deleted (reports need it); Parley offers to deactivate it instead.</p>
          </ConfirmDialog>
        ) : null}
      </td>
    </tr>
  );
}

export function DispositionsScreen() {
  const config = useConfigOverview();
  const [order, setOrder] = useState<number[] | null>(null);
  const [orderState, setOrderState] = useState<{ state: SaveState; error: string | null }>({ state: 'idle', error: null });
  const [draft, setDraft] = useState<DispositionInput>(blank);
  const [addErrors, setAddErrors] = useState<FormErrors>(noErrors);
  const [adding, setAdding] = useState(false);
  useUnsavedChanges(JSON.stringify(draft) !== JSON.stringify(blank), 'The new disposition code');
  useEffect(() => setOrder(null), [config.data?.version]);
  const list = config.data?.dispositions ?? [];
  const ids = order ?? list.map((d) => d.id);
  const byId = new Map(list.map((d) => [d.id, d]));
  const ordered = ids.map((id) => byId.get(id)).filter((d): d is Disposition => !!d);

  const reorder = async (next: number[]) => {
    setOrder(next);
    setOrderState({ state: 'saving', error: null });
    try {
      await api.call('config.reorderDispositions', { ids: next });
      setOrderState({ state: 'saved', error: null });
    } catch (e) {
      setOrder(null);
      setOrderState({ state: 'error', error: (e as Error).message });
    }
  };
  const drag = useDragReorder(ids, (next) => void reorder(next));
  const add = async () => {
    setAdding(true);
    setAddErrors(noErrors);
    try {
      await api.call('config.createDisposition', draft);
      setDraft(blank);
    } catch (e) {
      setAddErrors(formErrors(e));
    } finally {
      setAdding(false);
    }
  };

  if (config.error) return <ErrorNotice error={config.error} onRetry={config.reload} />;
  if (!config.data) return <div className="spinner" aria-label="Loading" />;
  return (
    <div className="admin-stack">
      <div className="toolbar">
        <p className="muted">Agents see the active codes in this order when they complete a conversation. Reports count by code.</p>
        <SaveStatus state={orderState.state} error={orderState.error} idleText="Order saved" />
      </div>
      <div className="table-wrap">
        <table className="table table--form" aria-label="Disposition codes">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Order</span>
              </th>
              <th scope="col">Code</th>
              <th scope="col">Label</th>
              <th scope="col">Description</th>
              <th scope="col">Active</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((d, i) => (
              <Row key={d.id} d={d} index={i} count={ordered.length} drag={drag} onMove={(delta) => i + delta >= 0 && i + delta < ids.length && void reorder(moved(ids, i, i + delta))} />
            ))}
            <tr className="table__add-row">
              <td />
              <CodeFields value={draft} onChange={setDraft} errors={addErrors.fields} label="New disposition" />
              <td />
              <td className="row-actions">
                {addErrors.message && !Object.keys(addErrors.fields).length ? <span className="field__error">{addErrors.message}</span> : null}
                <button type="button" className="btn btn--small btn--primary" onClick={add} disabled={adding}>
                  Add code
                </button>
              </td>
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}
