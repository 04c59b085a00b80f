// One keyword rule, edited in place: name, on/off, what it looks for, where, what it does, a tester, and
// an explicit Save whose state is always shown. An invalid edit stays on screen with its errors.
import { useEffect, useState } from 'react';
import type { ConfigOverview, KeywordRule, KeywordRuleInput } from '../../../../../preload/contract';
import { ConfirmDialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { useToast } from '../../../components/Toasts';
import { api } from '../../../lib/api';
import { fieldError, formErrors, noErrors, summary, withoutChanged, type FormErrors } from '../shared/errors';
import { SaveStatus } from '../shared/SaveStatus';
import { Switch } from '../shared/Switch';
import { useUnsavedChanges } from '../shared/unsaved';
import { ActionEditor, MatchEditor, ScopeEditor } from './RuleParts';
import { RuleTester } from './RuleTester';
import { regexError } from './ruleText';

export const blankRule = (c: Pick<ConfigOverview, 'skills'>): KeywordRuleInput => ({
  name: '',
  enabled: true,
  match: { any: [], all: [], none: [], hashtags: [], mentions: [], regex: null },
  networks: [],
  channelKinds: [],
  action: { type: 'route_skill', skillId: c.skills[0]?.id ?? 0, minLevel: 1, priority: 0 },
});

function toInput(r: KeywordRule): KeywordRuleInput {
  return { name: r.name, enabled: r.enabled, match: r.match, networks: r.networks, channelKinds: r.channelKinds, action: r.action };
}

/** What can be told before asking the engine: empty numbers and choices not yet made. */
function localErrors(r: KeywordRuleInput): Record<string, string> {
  const f: Record<string, string> = {};
  const a = r.action;
  if (a.type === 'route_skill' && !a.skillId) f['action.skillId'] = 'Choose a skill (create one under Agents → Skills first)';
  if (a.type === 'route_group' && !a.groupId) f['action.groupId'] = 'Choose a group (create one under Agents → Groups first)';
  if (a.type === 'auto_reply' && !a.templateId) f['action.templateId'] = 'Choose a template (create one under Templates first)';
  if ('priority' in a && Number.isNaN(a.priority)) f['action.priority'] = 'Enter a priority from 0 to 100';
  if (a.type === 'route_skill' && Number.isNaN(a.minLevel)) f['action.minLevel'] = 'Enter a level from 1 to 10';
  const re = regexError(r.match.regex);
  if (re) f['match.regex'] = `The pattern does not compile: ${re}`;
  return f;
}

export function RuleEditor({ rule, config, onSaved, onDeleted }: { rule: KeywordRule | null; config: ConfigOverview; onSaved: (r: KeywordRule) => void; onDeleted: () => void }) {
  const toast = useToast();
  const [initial, setInitial] = useState<KeywordRuleInput>(() => (rule ? toInput(rule) : blankRule(config)));
  const [form, setFormState] = useState<KeywordRuleInput>(initial);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const setForm = (next: KeywordRuleInput) => {
    setErrors((e) => withoutChanged(e, form, next));
    setFormState(next);
  };
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'error'>('idle');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const dirty = JSON.stringify(form) !== JSON.stringify(initial);
  useUnsavedChanges(dirty, rule ? `Rule "${rule.name}"` : 'The new rule');
  // A change saved elsewhere (the on/off switch in the list, another window) shows here unless this
  // editor holds an edit of its own.
  const savedText = rule ? JSON.stringify(toInput(rule)) : null;
  useEffect(() => {
    if (!savedText || dirty) return;
    const next = JSON.parse(savedText) as KeywordRuleInput;
    setInitial(next);
    setFormState(next);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [savedText]);

  const save = async () => {
    const local = localErrors(form);
    if (Object.keys(local).length) {
      setErrors({ message: 'Fix the marked fields, then save.', fields: local });
      setState('error');
      return;
    }
    setState('saving');
    setErrors(noErrors);
    try {
      const saved = rule ? await api.call('config.updateRule', { ...form, id: rule.id }) : await api.call('config.createRule', form);
      setInitial(toInput(saved));
      setFormState(toInput(saved));
      setState('saved');
      if (!rule) toast(`Rule "${saved.name}" created at position ${saved.position}.`, 'ok');
      onSaved(saved);
    } catch (e) {
      setErrors(formErrors(e));
      setState('error');
    }
  };
  const remove = async () => {
    setConfirmDelete(false);
    if (!rule) return;
    try {
      await api.call('config.deleteRule', { id: rule.id });
      toast(`Rule "${rule.name}" deleted.`, 'ok');
      onDeleted();
    } catch (e) {
      setErrors(formErrors(e));
      setState('error');
    }
  };
  const shown = dirty && state !== 'saving' && state !== 'error' ? 'dirty' : state;
  return (
    <form
      className="card editor"
      aria-label={rule ? `Rule ${rule.name}` : 'New rule'}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="card__header editor__header">
        <h2 className="card__title">{rule ? `Rule ${rule.position}: ${rule.name}` : 'New rule'}</h2>
        <SaveStatus state={shown} error={summary(errors)} idleText={rule ? 'Saved' : 'Not saved yet'} />
      </div>
      <div className="card__body">
        <div className="form-grid form-grid--2">
          <Field label="Rule name" error={fieldError(errors.fields, 'name')}>
            <input className="input" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} placeholder="Refunds go to Billing" />
          </Field>
          <div className="field">
            <span className="field__label" id="rule-enabled-label">
              On
            </span>
            <div className="inline-row">
              <Switch checked={form.enabled} onChange={(v) => setForm({ ...form, enabled: v })} label="Rule is on" />
              <span className="muted">{form.enabled ? 'The rule is evaluated, in its position.' : 'Off: the rule is skipped.'}</span>
            </div>
          </div>
        </div>
        <MatchEditor match={form.match} onChange={(match) => setForm({ ...form, match })} errors={errors.fields} />
        <ScopeEditor rule={form} onChange={setForm} errors={errors.fields} />
        <ActionEditor action={form.action} onChange={(action) => setForm({ ...form, action })} errors={errors.fields} config={config} />
        <RuleTester rule={form} />
      </div>
      <div className="card__footer">
        {rule ? (
          <button type="button" className="btn btn--ghost btn--danger-text" onClick={() => setConfirmDelete(true)}>
            Delete rule
          </button>
        ) : null}
        <span className="spacer" />
        <button type="button" className="btn" disabled={!dirty} onClick={() => { setFormState(initial); setErrors(noErrors); setState('idle'); }}>
          Undo changes
        </button>
        <button type="submit" className="btn btn--primary" disabled={state === 'saving'}>
          {rule ? 'Save rule' : 'Create rule'}
        </button>
      </div>
      {confirmDelete && rule ? (
        <ConfirmDialog title={`Delete the rule "${rule.name}"?`} confirmLabel="Delete rule" danger onCancel={() => setConfirmDelete(false)} onConfirm={remove}>
          <p>Messages it matched will go on to the next rule. The audit log keeps a copy of the rule.</p>
        </ConfirmDialog>
      ) : null}
    </form>
  );
}
