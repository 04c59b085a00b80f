// Admin → Strategies: the automatic reply, where direct messages go, automatic positive engagement, and
// how automatic messages behave. Saved a moment after each valid change; a refused change stays on screen.
import type { ChannelKind, ConfigOverview, Network, StrategySettings, Visibility } from '../../../../../preload/contract';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Field } from '../../../components/Field';
import { api } from '../../../lib/api';
import { useAutosave, useDraft } from '../shared/autosave';
import { fieldError, summary } from '../shared/errors';
import { allKinds, kindLabel, networkLabel, networks } from '../shared/labels';
import { SaveStatus } from '../shared/SaveStatus';
import { Switch } from '../shared/Switch';
import { useConfigOverview } from '../shared/useConfig';
import { SentimentTry } from './SentimentTry';
import '../styles';

type S = StrategySettings;
const autoKinds = ['emergency', 'special_day', 'closed', 'acknowledgement'] as const;
const autoKindLabel: Record<(typeof autoKinds)[number], string> = {
  emergency: 'Emergency message',
  special_day: 'Special-day message',
  closed: 'Closed message',
  acknowledgement: 'Acknowledgement',
};

const toggle = <T,>(list: T[], item: T, on: boolean) => (on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item));

/** What can be told without the engine: numbers that are empty or out of range. */
function localErrors(s: S): Record<string, string> {
  const f: Record<string, string> = {};
  const int = (path: string, v: number, min: number, max: number, what: string) => {
    if (!Number.isInteger(v) || v < min || v > max) f[path] = `${what}: a whole number from ${min} to ${max}`;
  };
  int('autoReply.retryMinutes', s.autoReply.retryMinutes, 1, 10080, 'Minutes');
  int('dmRouting.priority', s.dmRouting.priority, 0, 100, 'Priority');
  int('autoMessageThrottleMinutes', s.autoMessageThrottleMinutes, 0, 10080, 'Minutes');
  if (!Number.isFinite(s.engagement.threshold) || s.engagement.threshold < 0 || s.engagement.threshold > 1) f['engagement.threshold'] = 'A score from 0 to 1';
  return f;
}

function Form({ c }: { c: ConfigOverview }) {
  const [s, setS] = useDraft<S>(c.strategy);
  const local = localErrors(s);
  const { state, errors } = useAutosave(s, c.strategy, (v) => api.call('config.setStrategy', v), { valid: Object.keys(local).length === 0, what: 'Strategies' });
  const err = (p: string) => local[p] ?? fieldError(errors.fields, p);
  const up = <K extends keyof S>(k: K, patch: Partial<S[K]>) => setS({ ...s, [k]: { ...(s[k] as object), ...patch } });
  const num = (v: number) => (Number.isNaN(v) ? '' : v);
  const autoTemplates = c.templates.filter((t) => t.kind === 'auto_reply');

  return (
    <div className="admin-stack">
      <div className="toolbar toolbar--sticky">
        <p className="muted">Changes are saved a moment after you make them.</p>
        <SaveStatus state={state} error={Object.keys(local).length ? 'fix the values marked in red' : summary(errors)} />
      </div>

      <section className="card" aria-labelledby="st-auto-title">
        <div className="card__header">
          <h2 className="card__title" id="st-auto-title">
            Automatic reply
          </h2>
          <Switch checked={s.autoReply.enabled} onChange={(v) => up('autoReply', { enabled: v })} label="Automatic reply is on" />
        </div>
        <div className="card__body">
          <p className="muted small">Answers new public messages straight away with a template, during opening hours. Keyword rules and the emergency come first.</p>
          <div className="form-grid">
            <Field label="Template" error={err('autoReply.templateId')}>
              <select className="select" value={s.autoReply.templateId ?? ''} onChange={(e) => up('autoReply', { templateId: e.target.value ? Number(e.target.value) : null })}>
                <option value="">None chosen</option>
                {autoTemplates.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                    {t.network ? ` (${networkLabel[t.network]})` : ''}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Retry deadline (minutes)" hint="How long Parley keeps trying when posting fails" error={err('autoReply.retryMinutes')}>
              <input className="input" type="number" min={1} value={num(s.autoReply.retryMinutes)} onChange={(e) => up('autoReply', { retryMinutes: e.target.valueAsNumber })} />
            </Field>
            <div className="field">
              <span className="field__label">Afterwards</span>
              <label className="checkbox">
                <input type="checkbox" checked={s.autoReply.alsoRoute} onChange={(e) => up('autoReply', { alsoRoute: e.target.checked })} />
                Also put the message in the queue for an agent
              </label>
            </div>
          </div>
          <div className="check-grid" role="group" aria-label="Automatic reply networks">
            <span className="field__label">Networks</span>
            {networks.map((n) => (
              <label className="checkbox" key={n}>
                <input type="checkbox" checked={s.autoReply.networks.includes(n)} onChange={(e) => up('autoReply', { networks: toggle(s.autoReply.networks, n, e.target.checked) })} />
                {networkLabel[n]}
              </label>
            ))}
          </div>
          <div className="check-grid" role="group" aria-label="Automatic reply channel kinds">
            <span className="field__label">Channel kinds</span>
            {allKinds.map((k: ChannelKind) => (
              <label className="checkbox" key={k}>
                <input type="checkbox" checked={s.autoReply.channelKinds.includes(k)} onChange={(e) => up('autoReply', { channelKinds: toggle(s.autoReply.channelKinds, k, e.target.checked) })} />
                {kindLabel[k]}
              </label>
            ))}
          </div>
        </div>
      </section>

      <section className="card" aria-labelledby="st-dm-title">
        <div className="card__header">
          <h2 className="card__title" id="st-dm-title">
            Direct messages
          </h2>
        </div>
        <div className="card__body">
          <div className="form-grid">
            <Field label="Route X DMs and Messenger to" error={err('dmRouting.groupId')}>
              <select className="select" value={s.dmRouting.groupId ?? ''} onChange={(e) => up('dmRouting', { groupId: e.target.value ? Number(e.target.value) : null })}>
                <option value="">Anyone (the general queue)</option>
                {c.groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Priority" hint="0 to 100; higher is answered first" error={err('dmRouting.priority')}>
              <input className="input" type="number" min={0} max={100} value={num(s.dmRouting.priority)} onChange={(e) => up('dmRouting', { priority: e.target.valueAsNumber })} />
            </Field>
          </div>
        </div>
      </section>

      <section className="card" aria-labelledby="st-eng-title">
        <div className="card__header">
          <h2 className="card__title" id="st-eng-title">
            Positive engagement
          </h2>
          <Switch checked={s.engagement.enabled} onChange={(v) => up('engagement', { enabled: v })} label="Positive engagement is on" />
        </div>
        <div className="card__body">
          <p className="muted small">Likes (and on X, retweets) public posts whose sentiment score reaches the threshold.</p>
          <div className="form-grid">
            <Field label={`Threshold: ${Number.isFinite(s.engagement.threshold) ? s.engagement.threshold.toFixed(2) : '?'}`} hint="0 = anything not negative, 1 = only the most enthusiastic" error={err('engagement.threshold')}>
              <input className="input" type="number" min={0} max={1} step={0.05} value={num(s.engagement.threshold)} onChange={(e) => up('engagement', { threshold: e.target.valueAsNumber })} />
            </Field>
            <div className="field">
              <span className="field__label">Act</span>
              <label className="checkbox">
                <input type="checkbox" checked={s.engagement.like} onChange={(e) => up('engagement', { like: e.target.checked })} /> Like
              </label>
              <label className="checkbox">
                <input type="checkbox" checked={s.engagement.retweet} onChange={(e) => up('engagement', { retweet: e.target.checked })} /> Retweet (X only)
              </label>
            </div>
            <div className="field">
              <span className="field__label">Approval</span>
              <label className="checkbox">
                <input type="checkbox" checked={s.engagement.requireApproval} onChange={(e) => up('engagement', { requireApproval: e.target.checked })} /> An agent approves each one first
              </label>
            </div>
            <div className="field" role="group" aria-label="Engagement networks">
              <span className="field__label">Networks</span>
              {networks.map((n) => (
                <label className="checkbox" key={n}>
                  <input type="checkbox" checked={s.engagement.networks.includes(n)} onChange={(e) => up('engagement', { networks: toggle(s.engagement.networks, n, e.target.checked) })} />
                  {networkLabel[n]}
                </label>
              ))}
            </div>
          </div>
          <SentimentTry threshold={s.engagement.threshold} />
        </div>
      </section>

      <section className="card" aria-labelledby="st-msg-title">
        <div className="card__header">
          <h2 className="card__title" id="st-msg-title">
            Automatic messages
          </h2>
        </div>
        <div className="card__body">
          <div className="form-grid">
            <Field label="At most one automatic message per contact every (minutes)" hint="0 = no limit" error={err('autoMessageThrottleMinutes')}>
              <input className="input" type="number" min={0} value={num(s.autoMessageThrottleMinutes)} onChange={(e) => setS({ ...s, autoMessageThrottleMinutes: e.target.valueAsNumber })} />
            </Field>
          </div>
          <div className="table-wrap">
            <table className="table" aria-label="Automatic messages per network">
              <thead>
                <tr>
                  <th scope="col">Answering a public post</th>
                  {networks.map((n) => (
                    <th scope="col" key={n}>
                      {networkLabel[n]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {autoKinds.map((k) => (
                  <tr key={k}>
                    <th scope="row">{autoKindLabel[k]}</th>
                    {networks.map((n: Network) => (
                      <td key={n}>
                        <select
                          className="select select--auto"
                          aria-label={`${autoKindLabel[k]} on ${networkLabel[n]}`}
                          value={s.autoMessageVisibility[n][k]}
                          onChange={(e) => setS({ ...s, autoMessageVisibility: { ...s.autoMessageVisibility, [n]: { ...s.autoMessageVisibility[n], [k]: e.target.value as Visibility } } })}
                        >
                          <option value="public">Publicly (reply)</option>
                          <option value="private">Privately ({n === 'x' ? 'DM' : 'private reply'})</option>
                        </select>
                      </td>
                    ))}
                  </tr>
                ))}
                <tr>
                  <th scope="row">After a closed, special-day or emergency message</th>
                  {networks.map((n) => (
                    <td key={n}>
                      <label className="checkbox">
                        <input type="checkbox" checked={s.queueAfterAutoMessage[n]} onChange={(e) => up('queueAfterAutoMessage', { [n]: e.target.checked })} />
                        Queue for the next open period
                      </label>
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
          <p className="muted small">Answers to direct messages and Messenger are always private.</p>
        </div>
      </section>
    </div>
  );
}

export function StrategiesScreen() {
  const config = useConfigOverview();
  if (config.error) return <ErrorNotice error={config.error} onRetry={config.reload} />;
  if (!config.data) return <div className="spinner" aria-label="Loading" />;
  return <Form c={config.data} />;
}
