// One message template: its kind, network and visibility, its wordings (variants: Parley picks one per
// message so replies do not all read the same), each with a live preview and unknown placeholders flagged.
import { useEffect, useRef, useState } from 'react';
import type { Network, Template, TemplateInput, TemplatePreview, Visibility } from '../../../../../preload/contract';
import { ConfirmDialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { useToast } from '../../../components/Toasts';
import { api } from '../../../lib/api';
import { fieldError, formErrors, noErrors, summary, withoutChanged, type FormErrors } from '../shared/errors';
import { placeholders, templateKindLabel, templateKinds } from '../shared/labels';
import { SaveStatus } from '../shared/SaveStatus';
import { Switch } from '../shared/Switch';
import { useUnsavedChanges } from '../shared/unsaved';

export const blankTemplate: TemplateInput = { kind: 'acknowledgement', name: '', network: null, visibility: 'public', variants: [''], active: true };

function Preview({ text, network, visibility }: { text: string; network: Network | null; visibility: Visibility }) {
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  useEffect(() => {
    if (!text.trim()) {
      setPreview(null);
      return;
    }
    let live = true;
    const t = setTimeout(() => {
      api.call('config.previewTemplate', { text, network: network ?? 'x', visibility }).then(
        (p) => live && setPreview(p),
        () => live && setPreview(null),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [text, network, visibility]);
  if (!preview) return null;
  const tooLong = (network ?? 'x') === 'x' && visibility === 'public' && preview.text.length > 280;
  return (
    <div className="template-preview" data-testid="template-preview">
      <div className="template-preview__label">
        Preview <span className="muted">(sample customer Ana Silva)</span>
      </div>
      <div className="message-text">{preview.text}</div>
      <div className="template-preview__meta">
        <span className={tooLong ? 'field__error' : 'muted'}>
          {preview.text.length} characters{tooLong ? ': longer than an X post (280)' : ''}
        </span>
        {preview.unknownPlaceholders.map((p) => (
          <span key={p} className="badge badge--danger">
            Unknown placeholder {`{${p}}`}
          </span>
        ))}
      </div>
    </div>
  );
}

export function TemplateEditor({ template, onSaved, onDeleted, usedBy }: { template: Template | null; onSaved: (t: Template) => void; onDeleted: () => void; usedBy: string[] }) {
  const toast = useToast();
  const toInput = (t: Template): TemplateInput => ({ kind: t.kind, name: t.name, network: t.network, visibility: t.visibility, variants: t.variants, active: t.active });
  const [initial, setInitial] = useState<TemplateInput>(() => (template ? toInput(template) : blankTemplate));
  const [form, setForm] = useState<TemplateInput>(initial);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'error'>('idle');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const boxes = useRef<Array<HTMLTextAreaElement | null>>([]);
  const lastFocused = useRef(0);
  const dirty = JSON.stringify(form) !== JSON.stringify(initial);
  useUnsavedChanges(dirty, template ? `Template "${template.name}"` : 'The new template');
  const set = <K extends keyof TemplateInput>(k: K, v: TemplateInput[K]) => {
    const next = { ...form, [k]: v };
    setErrors((e) => withoutChanged(e, form, next));
    setForm(next);
  };
  const setVariant = (i: number, text: string) => set('variants', form.variants.map((v, j) => (j === i ? text : v)));

  const insert = (p: string) => {
    const i = Math.min(lastFocused.current, form.variants.length - 1);
    const box = boxes.current[i];
    const v = form.variants[i] ?? '';
    const at = box ? box.selectionStart : v.length;
    const end = box ? box.selectionEnd : v.length;
    setVariant(i, `${v.slice(0, at)}{${p}}${v.slice(end)}`);
    requestAnimationFrame(() => {
      box?.focus();
      box?.setSelectionRange(at + p.length + 2, at + p.length + 2);
    });
  };

  const save = async () => {
    setState('saving');
    setErrors(noErrors);
    try {
      const saved = template ? await api.call('config.updateTemplate', { ...form, id: template.id }) : await api.call('config.createTemplate', form);
      setInitial(toInput(saved));
      setForm(toInput(saved));
      setState('saved');
      if (!template) toast(`Template "${saved.name}" created.`, 'ok');
      onSaved(saved);
    } catch (e) {
      setErrors(formErrors(e));
      setState('error');
    }
  };
  const remove = async () => {
    setConfirmDelete(false);
    if (!template) return;
    try {
      await api.call('config.deleteTemplate', { id: template.id });
      toast(`Template "${template.name}" deleted.`, 'ok');
      onDeleted();
    } catch (e) {
      setErrors(formErrors(e));
      setState('error');
    }
  };
  const err = (p: string) => fieldError(errors.fields, p);
  return (
    <form
      className="card editor"
      aria-label={template ? `Template ${template.name}` : 'New template'}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="card__header editor__header">
        <h2 className="card__title">{template ? template.name : 'New template'}</h2>
        <SaveStatus state={dirty && state !== 'saving' && state !== 'error' ? 'dirty' : state} error={summary(errors)} idleText={template ? 'Saved' : 'Not saved yet'} />
      </div>
      <div className="card__body">
        <div className="form-grid">
          <Field label="Name" error={err('name')}>
            <input className="input" value={form.name} onChange={(e) => set('name', e.target.value)} />
          </Field>
          <Field label="Kind" hint="When Parley uses it" error={err('kind')}>
            <select className="select" value={form.kind} onChange={(e) => set('kind', e.target.value as TemplateInput['kind'])}>
              {templateKinds.map((k) => (
                <option key={k} value={k}>
                  {templateKindLabel[k]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Network" error={err('network')}>
            <select className="select" value={form.network ?? ''} onChange={(e) => set('network', e.target.value ? (e.target.value as Network) : null)}>
              <option value="">Any network</option>
              <option value="x">X only</option>
              <option value="facebook">Facebook only</option>
            </select>
          </Field>
          <Field label="Visibility" error={err('visibility')}>
            <select className="select" value={form.visibility} onChange={(e) => set('visibility', e.target.value as Visibility)}>
              <option value="public">Public (a reply everyone sees)</option>
              <option value="private">Private (DM, Messenger)</option>
            </select>
          </Field>
        </div>
        <div className="inline-row">
          <Switch checked={form.active} onChange={(v) => set('active', v)} label="Template is active" />
          <span className="muted">{form.active ? 'Active: Parley may send it.' : 'Inactive: kept, but never sent.'}</span>
        </div>
        <fieldset className="fieldset">
          <legend>Wordings</legend>
          <div className="placeholder-bar" role="group" aria-label="Insert a placeholder">
            <span className="muted small">Insert:</span>
            {placeholders.map((p) => (
              <button key={p} type="button" className="chip chip--button" onClick={() => insert(p)}>
                {`{${p}}`}
              </button>
            ))}
          </div>
          {err('variants') ? <p className="field__error">{err('variants')}</p> : null}
          {form.variants.map((v, i) => (
            <div className="variant" key={i}>
              <Field label={`Wording ${i + 1}`} error={err(`variants.${i}`)}>
                <textarea
                  ref={(el) => {
                    boxes.current[i] = el;
                  }}
                  className="textarea"
                  rows={3}
                  value={v}
                  onFocus={() => (lastFocused.current = i)}
                  onChange={(e) => setVariant(i, e.target.value)}
                />
              </Field>
              <Preview text={v} network={form.network} visibility={form.visibility} />
              {form.variants.length > 1 ? (
                <button type="button" className="btn btn--ghost btn--small" onClick={() => set('variants', form.variants.filter((_x, j) => j !== i))}>
                  Remove wording {i + 1}
                </button>
              ) : null}
            </div>
          ))}
          <div>
            <button type="button" className="btn btn--small" onClick={() => set('variants', [...form.variants, ''])} disabled={form.variants.length >= 20}>
              + Add a wording
            </button>
          </div>
        </fieldset>
        {usedBy.length ? <p className="muted small">Used by {usedBy.join(', ')}.</p> : null}
      </div>
      <div className="card__footer">
        {template ? (
          <button type="button" className="btn btn--ghost btn--danger-text" onClick={() => setConfirmDelete(true)}>
            Delete template
          </button>
        ) : null}
        <span className="spacer" />
        <button type="button" className="btn" disabled={!dirty} onClick={() => { setForm(initial); setErrors(noErrors); setState('idle'); }}>
          Undo changes
        </button>
        <button type="submit" className="btn btn--primary" disabled={state === 'saving'}>
          {template ? 'Save template' : 'Create template'}
        </button>
      </div>
      {confirmDelete && template ? (
        <ConfirmDialog title={`Delete the template "${template.name}"?`} confirmLabel="Delete template" danger onCancel={() => setConfirmDelete(false)} onConfirm={remove}>
          <p>{usedBy.length ? `It is used by ${usedBy.join(', ')}; Parley will refuse until those change.` : 'Nothing uses it. The audit log keeps a copy.'}</p>
        </ConfirmDialog>
      ) : null}
    </form>
  );
}
