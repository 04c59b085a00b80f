// "Who is working?": the agent profiles Admin defined, one click to work as one of them in this window.
import { useState } from 'react';
import { Avatar } from '../../components/Avatar';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ApiError } from '../../lib/api';
import { useEvent, useQuery } from '../../lib/hooks';
import { useWorkspace } from './session';
import { statusLabel } from './StatusControl';

export function SignIn() {
  const { signIn } = useWorkspace();
  const agents = useQuery('config.listAgents', { includeInactive: false });
  const routing = useQuery('routing.agents', {});
  const skills = useQuery('config.listSkills', {});
  const groups = useQuery('config.listGroups', {});
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  useEvent('config.changed', () => agents.reload());
  useEvent('agents.changed', () => routing.reload());

  const choose = async (id: number) => {
    setBusy(id);
    setError(null);
    try {
      await signIn(id);
    } catch (e) {
      setError(e instanceof Error ? e : new ApiError({ code: 'internal', message: String(e) }));
    } finally {
      setBusy(null);
    }
  };

  const skillName = (id: number) => skills.data?.find((s) => s.id === id)?.name ?? `Skill ${id}`;
  const groupName = (id: number) => groups.data?.find((g) => g.id === id)?.name ?? `Group ${id}`;

  return (
    <section className="signin" aria-labelledby="signin-title">
      <div className="signin__card card">
        <div className="card__header">
          <div>
            <h2 className="card__title" id="signin-title">
              Who is working in this window?
            </h2>
            <p className="muted">Choose your agent profile. Conversations are routed to you by your skills and groups once you are Ready.</p>
          </div>
        </div>
        <div className="card__body">
          {error ? <ErrorNotice error={error} /> : null}
          {agents.error ? <ErrorNotice error={agents.error} onRetry={agents.reload} /> : null}
          {agents.data && agents.data.length === 0 ? (
            <EmptyState icon="user" title="No agent profiles yet">
              An admin adds agents in <a href="#/admin/agents">Admin → Agents</a>.
            </EmptyState>
          ) : null}
          <ul className="signin__list" aria-label="Agent profiles">
            {(agents.data ?? []).map((a) => {
              const live = routing.data?.find((r) => r.id === a.id);
              return (
                <li key={a.id} className="signin__agent">
                  <Avatar name={a.name} size={40} />
                  <div className="signin__who">
                    <strong>{a.name}</strong>
                    <span className="muted signin__meta">
                      {a.role === 'agent' ? 'Agent' : a.role === 'supervisor' ? 'Supervisor' : 'Admin'}
                      {a.skills.length ? ` · ${a.skills.map((s) => `${skillName(s.skillId)} ${s.level}`).join(', ')}` : ''}
                      {a.groupIds.length ? ` · ${a.groupIds.map(groupName).join(', ')}` : ''}
                    </span>
                  </div>
                  {live ? (
                    <span className="status-pill" data-status={live.status}>
                      <span className={`dot dot--${live.status === 'ready' ? 'ok' : live.status === 'not_ready' ? 'warn' : 'idle'}`} aria-hidden />
                      {statusLabel(live.status, live.notReadyReason)}
                    </span>
                  ) : null}
                  <button type="button" className="btn btn--primary" disabled={busy !== null} onClick={() => void choose(a.id)} aria-label={`Sign in as ${a.name}`}>
                    {busy === a.id ? 'Signing in…' : 'Sign in'}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      </div>
    </section>
  );
}
