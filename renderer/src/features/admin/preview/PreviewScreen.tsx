// Admin → What would happen: a sample message on a network and channel, at a date and time in the business
// time zone, run through the strategy as it is configured now. It shows each step and the exact message
// that would be sent, and sends nothing.
import { DateTime } from 'luxon';
import { useState, type FormEvent } from 'react';
import type { ChannelKind, DecisionStep, Network, PreviewResult } from '../../../../../preload/contract';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Field } from '../../../components/Field';
import { NetworkBadge, VisibilityBadge } from '../../../components/NetworkBadge';
import { api } from '../../../lib/api';
import { useQuery } from '../../../lib/hooks';
import { fieldError, formErrors, noErrors, type FormErrors } from '../shared/errors';
import { kindLabel, kindsOf, networkLabel, networks } from '../shared/labels';
import '../styles';

const stepLabel: Record<DecisionStep['step'], string> = {
  dedupe: 'Already seen?',
  contact: 'Contact',
  rules: 'Keyword rules',
  emergency: 'Emergency',
  special_day: 'Special day',
  hours: 'Opening hours',
  auto_reply: 'Automatic reply',
  engagement: 'Positive engagement',
  throttle: 'Automatic-message limit',
  route: 'Routing',
};

const actLabel: Record<string, string> = {
  reply: 'A public reply',
  dm: 'A direct message on X',
  comment: 'A public comment',
  private_reply: 'A private reply on Messenger',
  messenger: 'A Messenger message',
  like: 'Like',
  retweet: 'Retweet',
};

function headline(r: PreviewResult): string {
  const d = r.decision;
  if (d.state === 'ignored') return 'Ignored: stored, but neither answered nor queued.';
  const auto = d.autoMessage && !d.autoMessage.suppressedBy ? `Parley answers ${d.autoMessage.visibility === 'public' ? 'publicly' : 'privately'} by itself` : null;
  const queued = d.state === 'queued' ? 'it waits in the queue for an agent' : null;
  if (auto && queued) return `${auto}, then ${queued}.`;
  if (auto) return `${auto}; no agent is needed.`;
  if (queued) return `No automatic answer; ${queued}.`;
  return 'Handled automatically.';
}

export function PreviewScreen() {
  const info = useQuery('app.info', {});
  const zone = info.data?.timeZone ?? 'UTC';
  const [network, setNetwork] = useState<Network>('x');
  const [kind, setKind] = useState<ChannelKind>('mention');
  const [text, setText] = useState('');
  const [at, setAt] = useState<string | null>(null);
  const [author, setAuthor] = useState('');
  const [result, setResult] = useState<PreviewResult | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const when = at ?? DateTime.now().setZone(zone).toFormat("yyyy-LL-dd'T'HH:mm");

  const run = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors(noErrors);
    try {
      setResult(await api.call('strategy.preview', { network, channelKind: kind, text, at: when, authorName: author.trim() || null }));
    } catch (err) {
      setResult(null);
      setErrors(formErrors(err));
    } finally {
      setBusy(false);
    }
  };
  const d = result?.decision;
  return (
    <div className="admin-split admin-split--even">
      <form className="card" onSubmit={run} aria-label="Sample message">
        <div className="card__header">
          <h2 className="card__title">A sample message</h2>
        </div>
        <div className="card__body">
          <div className="form-grid form-grid--2">
            <Field label="Network" error={fieldError(errors.fields, 'network')}>
              <select
                className="select"
                value={network}
                onChange={(e) => {
                  const n = e.target.value as Network;
                  setNetwork(n);
                  setKind(kindsOf[n][0]!);
                }}
              >
                {networks.map((n) => (
                  <option key={n} value={n}>
                    {networkLabel[n]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Channel" error={fieldError(errors.fields, 'channelKind')}>
              <select className="select" value={kind} onChange={(e) => setKind(e.target.value as ChannelKind)}>
                {kindsOf[network].map((k) => (
                  <option key={k} value={k}>
                    {kindLabel[k]}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <Field label="Text" error={fieldError(errors.fields, 'text')}>
            <textarea className="textarea" rows={4} value={text} onChange={(e) => setText(e.target.value)} placeholder="@brand my order arrived broken, I want a refund" />
          </Field>
          <div className="form-grid form-grid--2">
            <Field label={`Date and time (${zone})`} error={fieldError(errors.fields, 'at')}>
              <input className="input" type="datetime-local" value={when} onChange={(e) => setAt(e.target.value)} />
            </Field>
            <Field label="Customer name" hint="Optional; fills {name}">
              <input className="input" value={author} onChange={(e) => setAuthor(e.target.value)} placeholder="Sample Customer" />
            </Field>
          </div>
          <div className="btn-row">
            <button type="submit" className="btn btn--primary" disabled={busy}>
              Show what would happen
            </button>
            <span className="muted small">Nothing is stored or sent.</span>
          </div>
          {errors.message && !Object.keys(errors.fields).length ? <ErrorNotice error={new Error(errors.message)} /> : null}
        </div>
      </form>

      <section className="card" aria-labelledby="preview-result-title" aria-live="polite">
        <div className="card__header">
          <h2 className="card__title" id="preview-result-title">
            What Parley would do
          </h2>
          {result ? <span className="muted small">{result.localTime}</span> : null}
        </div>
        <div className="card__body" data-testid="preview-result">
          {!result || !d ? (
            <p className="muted">Write a sample message and choose when it arrives.</p>
          ) : (
            <>
              <p className="preview-headline">{headline(result)}</p>
              <ol className="timeline" aria-label="The path the strategy takes">
                {d.path.map((s, i) => (
                  <li key={i} className="timeline__step">
                    <span className="timeline__dot" aria-hidden />
                    <div>
                      <div className="timeline__title">
                        {stepLabel[s.step] ?? s.step} <span className="badge">{s.outcome.replace(/_/g, ' ')}</span>
                      </div>
                      <div className="muted small">{s.detail}</div>
                    </div>
                  </li>
                ))}
              </ol>
              {d.autoMessage ? (
                <div className="sent-message" data-testid="preview-message">
                  <div className="sent-message__head">
                    <strong>{d.autoMessage.suppressedBy ? 'Would be held back (limit reached):' : 'The exact message'}</strong>
                    <VisibilityBadge visibility={d.autoMessage.visibility} />
                    <NetworkBadge network={network} />
                    {result.autoMessageAct ? <span className="muted small">{actLabel[result.autoMessageAct.kind] ?? result.autoMessageAct.kind}</span> : null}
                  </div>
                  <div className="message-text sent-message__text">{d.autoMessage.text}</div>
                  <div className="muted small">
                    {d.autoMessage.templateName ? `Template “${d.autoMessage.templateName}”${d.autoMessage.variant != null ? `, wording ${d.autoMessage.variant + 1}` : ''}` : 'Its own message'}
                  </div>
                </div>
              ) : (
                <p className="muted">No automatic message.</p>
              )}
              {result.engagementActs.length ? (
                <p>
                  Engagement: {result.engagementActs.map((a) => actLabel[a.kind] ?? a.kind).join(' and ')}
                  {d.engagement?.requiresApproval ? ' (after an agent approves)' : ''}.
                </p>
              ) : null}
              {d.route ? (
                <p className="small">
                  Queue: priority {d.route.priority}
                  {d.availability ? ` · ${d.availability.reason}` : ''}
                </p>
              ) : null}
            </>
          )}
        </div>
      </section>
    </div>
  );
}
