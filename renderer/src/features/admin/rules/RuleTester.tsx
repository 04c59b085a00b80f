// "Test against a sample": runs the rule as it is on screen (saved or not) against a sample message.
import { useState } from 'react';
import type { ChannelKind, KeywordRuleInput, Network } from '../../../../../preload/contract';
import { Field } from '../../../components/Field';
import { api } from '../../../lib/api';
import { formErrors, type FormErrors } from '../shared/errors';
import { kindLabel, kindsOf, networkLabel, networks } from '../shared/labels';

export function RuleTester({ rule }: { rule: KeywordRuleInput }) {
  const [text, setText] = useState('');
  const [network, setNetwork] = useState<Network>('x');
  const [kind, setKind] = useState<ChannelKind>('mention');
  const [result, setResult] = useState<{ matched: boolean; reasons: string[] } | null>(null);
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    setErrors(null);
    setResult(null);
    try {
      setResult(await api.call('rules.test', { rule, text, network, channelKind: kind }));
    } catch (e) {
      setErrors(formErrors(e, 'rule.'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="tester" aria-labelledby="rule-tester-title">
      <h3 id="rule-tester-title" className="section-title">
        Test against a sample
      </h3>
      <p className="muted small">Tries the rule as it is on screen, before you save it. Nothing is sent.</p>
      <Field label="Sample message">
        <textarea className="textarea" rows={3} value={text} onChange={(e) => setText(e.target.value)} placeholder="@brand I was charged twice, I want a refund" />
      </Field>
      <div className="inline-row">
        <label className="visually-hidden" htmlFor="tester-network">
          Network of the sample
        </label>
        <select
          id="tester-network"
          className="select select--auto"
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
        <label className="visually-hidden" htmlFor="tester-kind">
          Channel kind of the sample
        </label>
        <select id="tester-kind" className="select select--auto" value={kind} onChange={(e) => setKind(e.target.value as ChannelKind)}>
          {kindsOf[network].map((k) => (
            <option key={k} value={k}>
              {kindLabel[k]}
            </option>
          ))}
        </select>
        <button type="button" className="btn" onClick={run} disabled={busy || !text.trim()}>
          Test
        </button>
      </div>
      <div aria-live="polite" data-testid="rule-test-result">
        {result ? (
          <div className={`notice ${result.matched ? 'notice--ok' : ''}`}>
            <div>
              <strong>{result.matched ? 'Matches: the rule would apply.' : 'Does not match.'}</strong>
              <ul className="plain-list small">
                {result.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </div>
          </div>
        ) : null}
        {errors ? (
          <div className="notice notice--error" role="alert">
            <span>
              The rule cannot be tested yet: {Object.values(errors.fields).length ? Object.entries(errors.fields).map(([k, v]) => `${k}: ${v}`).join('; ') : errors.message}
            </span>
          </div>
        ) : null}
      </div>
    </section>
  );
}
