// Try a sentence against the engagement threshold: the score Parley gives it, and whether it would engage.
import { useState } from 'react';
import type { SentimentResult } from '../../../../../preload/contract';
import { api } from '../../../lib/api';

export function SentimentTry({ threshold }: { threshold: number }) {
  const [text, setText] = useState('');
  const [result, setResult] = useState<SentimentResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setError(null);
    try {
      setResult(await api.call('strategy.sentiment', { text, threshold: Number.isFinite(threshold) ? Math.min(1, Math.max(0, threshold)) : undefined }));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div className="try-box">
      <label className="field__label" htmlFor="sentiment-try">
        Try a sentence
      </label>
      <div className="inline-row">
        <input id="sentiment-try" className="input" value={text} onChange={(e) => setText(e.target.value)} placeholder="Loving the new app, great job! 😍" onKeyDown={(e) => e.key === 'Enter' && text.trim() && void run()} />
        <button type="button" className="btn" onClick={run} disabled={!text.trim()}>
          Score it
        </button>
      </div>
      <div aria-live="polite">
        {result ? (
          <p className="small">
            Score <strong>{result.scores.compound.toFixed(2)}</strong> ({result.verdict}): {result.positive ? 'Parley would engage.' : 'Parley would not engage.'} <span className="muted">{result.reason}</span>
          </p>
        ) : null}
        {error ? <p className="field__error">{error}</p> : null}
      </div>
    </div>
  );
}
