// Skills and agent groups: a name and a description each, edited in place, one Save per row, and a row
// at the end to add one. A delete that something still depends on is refused with the reason.
import { useEffect, useRef, useState } from 'react';
import { ConfirmDialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { useToast } from '../../../components/Toasts';
import { fieldError, formErrors, noErrors, type FormErrors } from '../shared/errors';
import { SaveStatus } from '../shared/SaveStatus';
import { useUnsavedChanges } from '../shared/unsaved';

interface Named {
  id: number;
  name: string;
  description: string;
}

export interface NamedListApi {
  noun: string; // "skill"
  create: (v: { name: string; description: string }) => Promise<unknown>;
  update: (v: Named) => Promise<unknown>;
  remove: (id: number) => Promise<unknown>;
  /** Who uses it, shown beside the name (e.g. "2 agents"). */
  usage: (id: number) => string;
}

function Row({ item, api }: { item: Named; api: NamedListApi }) {
  const toast = useToast();
  const [name, setName] = useState(item.name);
  const [description, setDescription] = useState(item.description);
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'error'>('idle');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [confirm, setConfirm] = useState(false);
  const dirty = name !== item.name || description !== item.description;
  useUnsavedChanges(dirty, `The ${api.noun} "${item.name}"`);
  // A change saved elsewhere shows here too, unless this row holds an edit of its own.
  const seen = useRef(item);
  useEffect(() => {
    const was = seen.current;
    seen.current = item;
    setName((n) => (n === was.name ? item.name : n));
    setDescription((d) => (d === was.description ? item.description : d));
  }, [item]);

  const save = async () => {
    setState('saving');
    setErrors(noErrors);
    try {
      await api.update({ id: item.id, name, description });
      setState('saved');
    } catch (e) {
      setErrors(formErrors(e));
      setState('error');
    }
  };
  const remove = async () => {
    setConfirm(false);
    try {
      await api.remove(item.id);
      toast(`The ${api.noun} "${item.name}" was deleted.`, 'ok');
    } catch (e) {
      setErrors(formErrors(e));
      setState('error');
    }
  };
  return (
    <tr>
      <td>
        <Field label={<span className="visually-hidden">Name of {item.name}</span>} error={fieldError(errors.fields, 'name')}>
          <input className="input" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
      </td>
      <td>
        <Field label={<span className="visually-hidden">Description of {item.name}</span>} error={fieldError(errors.fields, 'description')}>
          <input className="input" value={description} onChange={(e) => setDescription(e.target.value)} placeholder="What it covers" />
        </Field>
      </td>
      <td className="muted nowrap">{api.usage(item.id)}</td>
      <td className="row-actions">
        {dirty || state !== 'idle' ? <SaveStatus state={dirty && state !== 'saving' && state !== 'error' ? 'dirty' : state} error={Object.keys(errors.fields).length ? null : errors.message} /> : null}
        <button type="button" className="btn btn--small btn--primary" disabled={!dirty || state === 'saving'} onClick={save}>
          Save
        </button>
        <button type="button" className="btn btn--small btn--ghost" onClick={() => setConfirm(true)} aria-label={`Delete ${api.noun} ${item.name}`}>
          Delete
        </button>
        {confirm ? (
          <ConfirmDialog title={`Delete the ${api.noun} "${item.name}"?`} confirmLabel="Delete" danger onCancel={() => setConfirm(false)} onConfirm={remove}>
            <p>Agents lose it, and it disappears from the choices in rules and strategies. The audit log keeps a record.</p>
          </ConfirmDialog>
        ) : null}
      </td>
    </tr>
  );
}

export function NamedList({ items, api }: { items: Named[]; api: NamedListApi }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saving, setSaving] = useState(false);
  useUnsavedChanges(!!(name.trim() || description.trim()), `The new ${api.noun}`);
  const add = async () => {
    setSaving(true);
    setErrors(noErrors);
    try {
      await api.create({ name, description });
      setName('');
      setDescription('');
    } catch (e) {
      setErrors(formErrors(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="table-wrap">
      <table className="table table--form">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Description</th>
            <th scope="col">Used by</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <Row key={item.id} item={item} api={api} />
          ))}
          <tr className="table__add-row">
            <td>
              <Field label={<span className="visually-hidden">New {api.noun} name</span>} error={fieldError(errors.fields, 'name')}>
                <input className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder={`New ${api.noun} name`} onKeyDown={(e) => e.key === 'Enter' && add()} />
              </Field>
            </td>
            <td>
              <Field label={<span className="visually-hidden">New {api.noun} description</span>} error={fieldError(errors.fields, 'description')}>
                <input className="input" value={description} onChange={(e) => setDescription(e.target.value)} placeholder="Description (optional)" onKeyDown={(e) => e.key === 'Enter' && add()} />
              </Field>
            </td>
            <td />
            <td className="row-actions">
              {errors.message && !Object.keys(errors.fields).length ? <span className="field__error">{errors.message}</span> : null}
              <button type="button" className="btn btn--small btn--primary" onClick={add} disabled={saving}>
                Add {api.noun}
              </button>
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
