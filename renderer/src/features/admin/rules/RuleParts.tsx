// The parts of the rule editor: what a rule looks for, where it applies, and what it does.
import type { ChannelKind, ConfigOverview, KeywordRuleInput, Network, RuleAction } from '../../../../../preload/contract';
import { Field } from '../../../components/Field';
import { fieldError } from '../shared/errors';
import { allKinds, kindLabel, networkLabel, networks, templateKindLabel } from '../shared/labels';
import { TagInput } from '../shared/TagInput';
import { regexError } from './ruleText';

type Match = KeywordRuleInput['match'];
type Errors = Record<string, string>;

export function MatchEditor({ match, onChange, errors }: { match: Match; onChange: (m: Match) => void; errors: Errors }) {
  const set = <K extends keyof Match>(k: K, v: Match[K]) => onChange({ ...match, [k]: v });
  const localRegexError = regexError(match.regex);
  const words = (k: 'any' | 'all' | 'none', label: string, hint: string) => (
    <Field label={label} hint={hint} error={fieldError(errors, `match.${k}`, true)}>
      <TagInput label={label} value={match[k]} onChange={(v) => set(k, v)} placeholder="Type a word or phrase, then Enter" />
    </Field>
  );
  return (
    <fieldset className="fieldset">
      <legend>Looks for</legend>
      {fieldError(errors, 'match') ? (
        <p className="field__error" role="alert">
          {fieldError(errors, 'match')}
        </p>
      ) : null}
      <div className="form-grid form-grid--2">
        {words('any', 'Any of these words or phrases', 'At least one must appear. Whole words; case and accents do not matter.')}
        {words('all', 'All of these', 'Every one must appear.')}
        {words('none', 'None of these', 'The rule does not apply if any appears.')}
        <Field label="Hashtags" hint="Any of these, without the #." error={fieldError(errors, 'match.hashtags', true)}>
          <TagInput label="Hashtags" prefix="#" value={match.hashtags} onChange={(v) => set('hashtags', v)} placeholder="e.g. outage" />
        </Field>
        <Field label="Mentions" hint="Any of these handles, without the @." error={fieldError(errors, 'match.mentions', true)}>
          <TagInput label="Mentions" prefix="@" value={match.mentions} onChange={(v) => set('mentions', v)} placeholder="e.g. ceo" />
        </Field>
        <Field
          label="Pattern (regular expression)"
          hint="Optional. JavaScript syntax, case-insensitive, e.g. order\s*#?\d{6}"
          error={localRegexError ? `The pattern does not compile: ${localRegexError}` : fieldError(errors, 'match.regex')}
        >
          <input className="input mono" value={match.regex ?? ''} onChange={(e) => set('regex', e.target.value ? e.target.value : null)} spellCheck={false} />
        </Field>
      </div>
    </fieldset>
  );
}

function toggle<T>(list: T[], item: T, on: boolean): T[] {
  return on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);
}

export function ScopeEditor({ rule, onChange, errors }: { rule: KeywordRuleInput; onChange: (r: KeywordRuleInput) => void; errors: Errors }) {
  return (
    <fieldset className="fieldset">
      <legend>Applies to</legend>
      <p className="muted small">Leave everything unticked to apply to every network and channel kind.</p>
      <div className="check-grid" role="group" aria-label="Networks">
        {networks.map((n: Network) => (
          <label className="checkbox" key={n}>
            <input type="checkbox" checked={rule.networks.includes(n)} onChange={(e) => onChange({ ...rule, networks: toggle(rule.networks, n, e.target.checked) })} />
            {networkLabel[n]}
          </label>
        ))}
      </div>
      <div className="check-grid" role="group" aria-label="Channel kinds">
        {allKinds.map((k: ChannelKind) => (
          <label className="checkbox" key={k}>
            <input type="checkbox" checked={rule.channelKinds.includes(k)} onChange={(e) => onChange({ ...rule, channelKinds: toggle(rule.channelKinds, k, e.target.checked) })} />
            {kindLabel[k]}
          </label>
        ))}
      </div>
      {fieldError(errors, 'networks', true) || fieldError(errors, 'channelKinds', true) ? (
        <p className="field__error">{fieldError(errors, 'networks', true) ?? fieldError(errors, 'channelKinds', true)}</p>
      ) : null}
    </fieldset>
  );
}

const actionTypes: Array<[RuleAction['type'], string]> = [
  ['route_skill', 'Route to a skill'],
  ['route_group', 'Route to a group'],
  ['auto_reply', 'Reply automatically'],
  ['engage', 'Like or retweet'],
  ['ignore', 'Ignore'],
];

export function ActionEditor({
  action,
  onChange,
  errors,
  config,
}: {
  action: RuleAction;
  onChange: (a: RuleAction) => void;
  errors: Errors;
  config: Pick<ConfigOverview, 'skills' | 'groups' | 'templates'>;
}) {
  const switchTo = (type: RuleAction['type']) => {
    const priority = 'priority' in action ? action.priority : 0;
    if (type === 'route_skill') onChange({ type, skillId: config.skills[0]?.id ?? 0, minLevel: 1, priority });
    else if (type === 'route_group') onChange({ type, groupId: config.groups[0]?.id ?? 0, priority });
    else if (type === 'auto_reply') onChange({ type, templateId: config.templates[0]?.id ?? 0, visibility: 'public', alsoRoute: false });
    else if (type === 'engage') onChange({ type, like: true, retweet: false, alsoRoute: false });
    else onChange({ type: 'ignore' });
  };
  const err = (p: string) => fieldError(errors, `action.${p}`);
  const num = (v: number) => (Number.isNaN(v) ? '' : v);
  return (
    <fieldset className="fieldset">
      <legend>Then</legend>
      <div className="segmented" role="radiogroup" aria-label="What the rule does">
        {actionTypes.map(([t, label]) => (
          <label key={t} className={`segmented__option${action.type === t ? ' is-selected' : ''}`}>
            <input type="radio" name="rule-action" value={t} checked={action.type === t} onChange={() => switchTo(t)} />
            {label}
          </label>
        ))}
      </div>
      <div className="form-grid">
        {action.type === 'route_skill' ? (
          <>
            <Field label="Skill" error={err('skillId')}>
              <select className="select" value={action.skillId || ''} onChange={(e) => onChange({ ...action, skillId: Number(e.target.value) })}>
                {action.skillId ? null : <option value="">Choose a skill</option>}
                {config.skills.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Minimum level" hint="1 to 10" error={err('minLevel')}>
              <input className="input" type="number" min={1} max={10} value={num(action.minLevel)} onChange={(e) => onChange({ ...action, minLevel: e.target.valueAsNumber })} />
            </Field>
          </>
        ) : null}
        {action.type === 'route_group' ? (
          <Field label="Agent group" error={err('groupId')}>
            <select className="select" value={action.groupId || ''} onChange={(e) => onChange({ ...action, groupId: Number(e.target.value) })}>
              {action.groupId ? null : <option value="">Choose a group</option>}
              {config.groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        {action.type === 'route_skill' || action.type === 'route_group' ? (
          <Field label="Priority" hint="0 to 100; higher is answered first" error={err('priority')}>
            <input className="input" type="number" min={0} max={100} value={num(action.priority)} onChange={(e) => onChange({ ...action, priority: e.target.valueAsNumber })} />
          </Field>
        ) : null}
        {action.type === 'auto_reply' ? (
          <>
            <Field label="Template" error={err('templateId')}>
              <select className="select" value={action.templateId || ''} onChange={(e) => onChange({ ...action, templateId: Number(e.target.value) })}>
                {action.templateId ? null : <option value="">Choose a template</option>}
                {config.templates.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name} ({templateKindLabel[t.kind]})
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Send it" error={err('visibility')}>
              <select className="select" value={action.visibility} onChange={(e) => onChange({ ...action, visibility: e.target.value as 'public' | 'private' })}>
                <option value="public">Publicly (a reply)</option>
                <option value="private">Privately (DM or Messenger)</option>
              </select>
            </Field>
          </>
        ) : null}
        {action.type === 'engage' ? (
          <div className="field">
            <span className="field__label">Engage</span>
            <label className="checkbox">
              <input type="checkbox" checked={action.like} onChange={(e) => onChange({ ...action, like: e.target.checked })} /> Like
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={action.retweet} onChange={(e) => onChange({ ...action, retweet: e.target.checked })} /> Retweet (X only)
            </label>
            {err('like') ? <span className="field__error">{err('like')}</span> : null}
          </div>
        ) : null}
        {action.type === 'auto_reply' || action.type === 'engage' ? (
          <div className="field">
            <span className="field__label">Afterwards</span>
            <label className="checkbox">
              <input type="checkbox" checked={action.alsoRoute} onChange={(e) => onChange({ ...action, alsoRoute: e.target.checked })} /> Also put it in the queue for an agent
            </label>
          </div>
        ) : null}
        {action.type === 'ignore' ? <p className="muted">Matching messages are stored but neither answered nor queued (spam, scams).</p> : null}
      </div>
    </fieldset>
  );
}
