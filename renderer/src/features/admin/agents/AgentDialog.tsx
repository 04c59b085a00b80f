// Add or edit one agent: who they are, their role, the skills they have (each with a level), the groups
// they belong to, and how many conversations of each channel kind they take at once.
import { useState } from 'react';
import type { Agent, AgentGroup, AgentInput, ChannelKind, Skill } from '../../../../../preload/contract';
import { Dialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { useToast } from '../../../components/Toasts';
import { api } from '../../../lib/api';
import { fieldError, formErrors, noErrors, summary, withoutChanged, type FormErrors } from '../shared/errors';
import { allKinds, kindLabel, roleLabel } from '../shared/labels';
import { SaveStatus } from '../shared/SaveStatus';
import { useConfirmDiscard, useUnsavedChanges } from '../shared/unsaved';

type Form = Omit<AgentInput, 'email'> & { email: string };

const blank: Form = {
  name: '',
  email: '',
  role: 'agent',
  skills: [],
  groupIds: [],
  capacity: { mention: 5, dm: 3, post: 5, comment: 5, messenger: 3 },
  active: true,
};

function toForm(a: Agent | null): Form {
  if (!a) return blank;
  return { name: a.name, email: a.email ?? '', role: a.role, skills: a.skills, groupIds: a.groupIds, capacity: a.capacity, active: a.active };
}

export function AgentDialog({ agent, skills, groups, onClose }: { agent: Agent | null; skills: Skill[]; groups: AgentGroup[]; onClose: () => void }) {
  const toast = useToast();
  const ask = useConfirmDiscard();
  const [initial] = useState(() => toForm(agent));
  const [form, setForm] = useState<Form>(initial);
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const dirty = JSON.stringify(form) !== JSON.stringify(initial);
  useUnsavedChanges(dirty, agent ? `Agent "${agent.name}"` : 'The new agent');
  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    const next = { ...form, [k]: v };
    setErrors((e) => withoutChanged(e, form, next));
    setForm(next);
  };
  const err = (path: string) => fieldError(errors.fields, path);

  const save = async () => {
    // Empty number boxes are caught here, with a sentence, rather than sent as nothing.
    const missing: Record<string, string> = {};
    allKinds.forEach((k) => Number.isNaN(form.capacity[k]) && (missing[`capacity.${k}`] = 'Enter a number from 0 to 50'));
    form.skills.forEach((k, i) => Number.isNaN(k.level) && (missing[`skills.${i}.level`] = 'Enter a level from 1 to 10'));
    if (Object.keys(missing).length) {
      setErrors({ message: 'Some numbers are missing.', fields: missing });
      return;
    }
    setSaving(true);
    setErrors(noErrors);
    const input = { ...form, email: form.email.trim() ? form.email.trim() : null };
    try {
      const saved = agent ? await api.call('config.updateAgent', { ...input, id: agent.id }) : await api.call('config.createAgent', input);
      toast(`${saved.name} saved.`, 'ok');
      onClose();
    } catch (e) {
      setErrors(formErrors(e));
    } finally {
      setSaving(false);
    }
  };

  const unusedSkills = skills.filter((s) => !form.skills.some((k) => k.skillId === s.id));
  const state = saving ? 'saving' : errors.message ? 'error' : dirty ? 'dirty' : 'idle';
  return (
    <Dialog
      title={agent ? `Edit ${agent.name}` : 'Add an agent'}
      wide
      onClose={() => ask(onClose)}
      footer={
        <>
          <SaveStatus state={state} error={summary(errors)} idleText={agent ? 'No changes' : 'Not saved yet'} />
          <span className="spacer" />
          <button type="button" className="btn" onClick={() => ask(onClose)}>
            Cancel
          </button>
          <button type="button" className="btn btn--primary" onClick={save} disabled={saving}>
            {agent ? 'Save agent' : 'Add agent'}
          </button>
        </>
      }
    >
      <div className="form-grid">
        <Field label="Name" error={err('name')}>
          <input className="input" value={form.name} onChange={(e) => set('name', e.target.value)} data-autofocus="true" />
        </Field>
        <Field label="Email" hint="Optional; used to match the agent when a configuration is imported." error={err('email')}>
          <input className="input" type="email" value={form.email} onChange={(e) => set('email', e.target.value)} />
        </Field>
        <Field label="Role" error={err('role')}>
          <select className="select" value={form.role} onChange={(e) => set('role', e.target.value as Form['role'])}>
            {(Object.keys(roleLabel) as Array<keyof typeof roleLabel>).map((r) => (
              <option key={r} value={r}>
                {roleLabel[r]}
              </option>
            ))}
          </select>
        </Field>
        <div className="field">
          <span className="field__label">Status</span>
          <label className="checkbox">
            <input type="checkbox" checked={form.active} onChange={(e) => set('active', e.target.checked)} />
            Active (can sign in and take work)
          </label>
        </div>
      </div>

      <fieldset className="fieldset">
        <legend>Skills and levels</legend>
        <p className="muted small">Keyword rules route work to a skill with a minimum level (1 = learning, 10 = expert).</p>
        {form.skills.length === 0 ? <p className="muted">No skills yet: this agent gets work routed to groups or to anyone.</p> : null}
        {form.skills.map((k, i) => {
          const skill = skills.find((s) => s.id === k.skillId);
          return (
            <div className="inline-row" key={k.skillId}>
              <span className="inline-row__label">{skill?.name ?? `Skill ${k.skillId}`}</span>
              <Field label={<span className="visually-hidden">Level of {skill?.name}</span>} error={err(`skills.${i}.level`) ?? err(`skills.${i}.skillId`)}>
                <input
                  className="input input--narrow"
                  type="number"
                  min={1}
                  max={10}
                  value={Number.isNaN(k.level) ? '' : k.level}
                  onChange={(e) => set('skills', form.skills.map((x, j) => (j === i ? { ...x, level: e.target.valueAsNumber } : x)))}
                />
              </Field>
              <input
                type="range"
                min={1}
                max={10}
                value={Number.isNaN(k.level) ? 1 : k.level}
                aria-label={`Level of ${skill?.name ?? 'skill'} (slider)`}
                onChange={(e) => set('skills', form.skills.map((x, j) => (j === i ? { ...x, level: e.target.valueAsNumber } : x)))}
              />
              <button type="button" className="btn btn--ghost btn--small" onClick={() => set('skills', form.skills.filter((_x, j) => j !== i))} aria-label={`Remove skill ${skill?.name}`}>
                Remove
              </button>
            </div>
          );
        })}
        {unusedSkills.length ? (
          <div className="inline-row">
            <label className="visually-hidden" htmlFor="agent-add-skill">
              Add a skill
            </label>
            <select
              id="agent-add-skill"
              className="select select--auto"
              value=""
              onChange={(e) => e.target.value && set('skills', [...form.skills, { skillId: Number(e.target.value), level: 5 }])}
            >
              <option value="">Add a skill…</option>
              {unusedSkills.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
        ) : skills.length === 0 ? (
          <p className="muted">Create skills on the Skills tab first.</p>
        ) : null}
      </fieldset>

      <fieldset className="fieldset">
        <legend>Groups</legend>
        {groups.length === 0 ? <p className="muted">No agent groups yet (create them on the Groups tab).</p> : null}
        <div className="check-grid">
          {groups.map((g, i) => (
            <label className="checkbox" key={g.id}>
              <input
                type="checkbox"
                checked={form.groupIds.includes(g.id)}
                onChange={(e) => set('groupIds', e.target.checked ? [...form.groupIds, g.id] : form.groupIds.filter((x) => x !== g.id))}
              />
              {g.name}
              {err(`groupIds.${i}`) ? <span className="field__error">{err(`groupIds.${i}`)}</span> : null}
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="fieldset">
        <legend>Capacity: conversations at once</legend>
        <div className="capacity-grid">
          {allKinds.map((k: ChannelKind) => (
            <Field key={k} label={kindLabel[k]} error={err(`capacity.${k}`)}>
              <input
                className="input"
                type="number"
                min={0}
                max={50}
                value={Number.isNaN(form.capacity[k]) ? '' : form.capacity[k]}
                onChange={(e) => set('capacity', { ...form.capacity, [k]: e.target.valueAsNumber })}
              />
            </Field>
          ))}
        </div>
      </fieldset>
      {errors.message && Object.keys(errors.fields).length === 0 ? (
        <div className="notice notice--error" role="alert">
          <span>{errors.message}</span>
        </div>
      ) : null}
    </Dialog>
  );
}
