// Rehearse alone: write as a customer on either network and watch what the brand answers.
import { useEffect, useState, type FormEvent } from 'react';
import type { SandboxOutboundAct, SandboxPost } from '../../../../preload/contract';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { NetworkBadge } from '../../components/NetworkBadge';
import { PageHeader } from '../../components/PageHeader';
import { useToast } from '../../components/Toasts';
import { api, ApiError } from '../../lib/api';
import { relativeTime } from '../../lib/format';
import { useEvent, useNow, useQuery } from '../../lib/hooks';

type Kind = SandboxPost['kind'];
const kinds: Array<{ kind: Kind; label: string; network: 'x' | 'facebook' }> = [
  { kind: 'mention', label: 'X: mention the brand', network: 'x' },
  { kind: 'dm', label: 'X: direct message', network: 'x' },
  { kind: 'post', label: 'Facebook: post on the Page', network: 'facebook' },
  { kind: 'comment', label: 'Facebook: comment on a post', network: 'facebook' },
  { kind: 'messenger', label: 'Facebook: Messenger', network: 'facebook' },
];

const actLabel: Record<string, string> = {
  reply: 'Replied publicly',
  dm: 'Sent a direct message',
  like: 'Liked',
  unlike: 'Removed a like',
  retweet: 'Retweeted',
  unretweet: 'Undid a retweet',
  comment: 'Commented',
  private_reply: 'Replied privately (Messenger)',
  messenger: 'Sent a Messenger message',
  hide: 'Hid a comment',
};

function Composer() {
  const toast = useToast();
  const [kind, setKind] = useState<Kind>('mention');
  const [name, setName] = useState('Jamie Rivera');
  const [username, setUsername] = useState('jamie_r');
  const [text, setText] = useState('');
  const [postId, setPostId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const posts = useQuery('sandbox.facebookPosts', {}, [kind]);
  const network = kinds.find((k) => k.kind === kind)!.network;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    const author = network === 'x' && username.trim() ? { name, username: username.trim() } : { name };
    const input = (kind === 'comment' ? { kind, author, text, postId } : { kind, author, text }) as SandboxPost;
    try {
      const res = await api.call('sandbox.post', input);
      toast(`Sent as ${name} (id ${res.id}). Parley picks it up at its next check.`, 'ok');
      setText('');
    } catch (err) {
      if (err instanceof ApiError && err.fields) {
        setErrors(Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k.split('.').pop()!, v])));
      } else toast((err as Error).message, 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="sandbox-compose-title">
      <div className="card__header">
        <h2 className="card__title" id="sandbox-compose-title">
          Write as a customer
        </h2>
      </div>
      <div className="card__body">
        <Field label="Where">
          <select className="select" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {kinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </Field>
        <div className="form-grid">
          <Field label="Customer name" error={errors.name}>
            <input className="input" value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          {network === 'x' ? (
            <Field label="X username" hint="The same username is the same customer." error={errors.username}>
              <input className="input" value={username} onChange={(e) => setUsername(e.target.value)} />
            </Field>
          ) : null}
        </div>
        {kind === 'comment' ? (
          <Field label="Post" hint="Posts Parley has already seen on the Page." error={errors.postId}>
            <select className="select" value={postId} onChange={(e) => setPostId(e.target.value)}>
              <option value="">Choose a post…</option>
              {(posts.data ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.author}: {p.text.slice(0, 60)}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <Field label="Message" error={errors.text}>
          <textarea className="textarea" value={text} onChange={(e) => setText(e.target.value)} placeholder="@brand my order #1234 arrived broken…" />
        </Field>
        <div className="btn-row">
          <button className="btn btn--primary" type="submit" disabled={busy}>
            Send as customer
          </button>
        </div>
      </div>
    </form>
  );
}

function Simulator() {
  const status = useQuery('sandbox.status', {});
  const [rate, setRate] = useState(6);
  const toast = useToast();
  const running = (status.data?.simulatorRate ?? 0) > 0;
  const apply = async (r: number) => {
    try {
      await api.call('sandbox.simulate', { rate: r });
      status.reload();
      toast(r > 0 ? `Simulated customers: ${r} messages a minute.` : 'Simulated customers stopped.', 'ok');
    } catch (e) {
      toast((e as Error).message, 'error');
    }
  };
  return (
    <section className="card" aria-labelledby="sim-title">
      <div className="card__header">
        <h2 className="card__title" id="sim-title">
          Simulated customers
        </h2>
        <span className={`badge ${running ? 'badge--ok' : ''}`}>{running ? `${status.data?.simulatorRate}/min` : 'Off'}</span>
      </div>
      <div className="card__body">
        <p className="muted">A realistic mix of complaints, questions, praise and spam, in several languages, on both networks.</p>
        <Field label={`Messages per minute: ${rate}`}>
          <input type="range" min={1} max={120} value={rate} onChange={(e) => setRate(Number(e.target.value))} />
        </Field>
        <div className="btn-row">
          <button type="button" className="btn btn--primary" onClick={() => void apply(rate)}>
            {running ? 'Change rate' : 'Start'}
          </button>
          <button type="button" className="btn" disabled={!running} onClick={() => void apply(0)}>
            Stop
          </button>
        </div>
      </div>
    </section>
  );
}

function Outbound() {
  const [acts, setActs] = useState<SandboxOutboundAct[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const now = useNow(10_000);
  const load = () =>
    api.call('sandbox.outbound', { limit: 200 }).then(
      (a) => {
        setActs(a);
        setError(null);
      },
      (e: Error) => setError(e),
    );
  useEffect(() => {
    void load();
    const t = setInterval(() => void load(), 3000);
    return () => clearInterval(t);
  }, []);
  useEvent('outbox.changed', () => void load());
  return (
    <section className="card" aria-labelledby="outbound-title">
      <div className="card__header">
        <h2 className="card__title" id="outbound-title">
          What the brand sent
        </h2>
      </div>
      <div className="card__body">
        {error ? <ErrorNotice error={error} onRetry={() => void load()} /> : null}
        {acts && acts.length === 0 ? (
          <EmptyState icon="send" title="Nothing sent yet">
            Replies, private messages, likes and retweets the brand makes on the emulator appear here.
          </EmptyState>
        ) : (
          <ul className="activity" aria-label="Acts of the brand">
            {(acts ?? []).map((a, i) => (
              <li key={`${a.at}-${i}`} className="activity__item">
                <NetworkBadge network={a.network} />
                <div>
                  <strong>{actLabel[a.kind] ?? a.kind}</strong>
                  {a.targetId ? <span className="muted"> · on {a.targetId}</span> : null}
                  {a.text ? <p className="message-text">{a.text}</p> : null}
                </div>
                <span className="muted activity__time">{relativeTime(a.at, now)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

export function SandboxPage() {
  const status = useQuery('sandbox.status', {});
  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader
        title="Sandbox"
        subtitle={
          <>
            Parley&apos;s built-in emulator of X and Facebook{status.data ? <> at <code>{status.data.url}</code></> : null}. No real customer is involved.
          </>
        }
      />
      {status.error ? (
        <ErrorNotice error={status.error} />
      ) : (
        <div className="sandbox-grid">
          <div className="sandbox-grid__col">
            <Composer />
            <Simulator />
          </div>
          <Outbound />
        </div>
      )}
    </section>
  );
}
