// Admin → Agents: the people who answer (skills with levels, groups, capacity, role, active), and the
// skills and groups that rules and strategies route to.
import { useState } from 'react';
import type { Agent } from '../../../../../preload/contract';
import { ConfirmDialog } from '../../../components/Dialog';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { useToast } from '../../../components/Toasts';
import { api, ApiError } from '../../../lib/api';
import { allKinds, kindLabel, kindShort, roleLabel } from '../shared/labels';
import { useConfirmDiscard } from '../shared/unsaved';
import { useConfigOverview } from '../shared/useConfig';
import { AgentDialog } from './AgentDialog';
import { NamedList } from './NamedList';
import '../styles';

type Tab = 'agents' | 'skills' | 'groups';

export function AgentsScreen() {
  const toast = useToast();
  const ask = useConfirmDiscard();
  const config = useConfigOverview();
  const [tab, setTab] = useState<Tab>('agents');
  const [editing, setEditing] = useState<Agent | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Agent | null>(null);
  const [refused, setRefused] = useState<{ agent: Agent; message: string } | null>(null);

  if (config.error) return <ErrorNotice error={config.error} onRetry={config.reload} />;
  const c = config.data;
  if (!c) return <div className="spinner" aria-label="Loading" />;
  const skillName = (id: number) => c.skills.find((s) => s.id === id)?.name ?? `Skill ${id}`;
  const groupName = (id: number) => c.groups.find((g) => g.id === id)?.name ?? `Group ${id}`;

  const remove = async (a: Agent) => {
    setDeleting(null);
    try {
      await api.call('config.deleteAgent', { id: a.id });
      toast(`${a.name} was deleted.`, 'ok');
    } catch (e) {
      if (e instanceof ApiError && e.code === 'conflict') setRefused({ agent: a, message: e.message });
      else toast((e as Error).message, 'error');
    }
  };
  const deactivate = async (a: Agent) => {
    setRefused(null);
    const { id, status: _s, notReadyReason: _n, statusChangedAt: _c, idleSince: _i, ...input } = a;
    try {
      await api.call('config.updateAgent', { ...input, id, active: false });
      toast(`${a.name} is deactivated; their history stays.`, 'ok');
    } catch (e) {
      toast((e as Error).message, 'error');
    }
  };

  const tabs: Array<[Tab, string, number]> = [
    ['agents', 'Agents', c.agents.length],
    ['skills', 'Skills', c.skills.length],
    ['groups', 'Groups', c.groups.length],
  ];
  return (
    <div className="admin-screen">
      <div className="tabs" role="tablist" aria-label="Agents, skills and groups">
        {tabs.map(([id, label, n]) => (
          <button key={id} type="button" role="tab" id={`tab-${id}`} aria-controls={`panel-${id}`} aria-selected={tab === id} className="tab" onClick={() => ask(() => setTab(id))}>
            {label} <span className="tab__count">{n}</span>
          </button>
        ))}
      </div>

      {tab === 'agents' ? (
        <section role="tabpanel" id="panel-agents" aria-labelledby="tab-agents" className="admin-stack">
          <div className="toolbar">
            <p className="muted">Work goes to a Ready agent who has the skill (at the level a rule asks for) and room in their capacity.</p>
            <button type="button" className="btn btn--primary" onClick={() => setEditing('new')}>
              Add agent
            </button>
          </div>
          {refused ? (
            <div className="notice notice--warn" role="alert">
              <span>{refused.message}</span>
              <button type="button" className="btn btn--small" onClick={() => deactivate(refused.agent)}>
                Deactivate {refused.agent.name}
              </button>
              <button type="button" className="btn btn--small btn--ghost" onClick={() => setRefused(null)}>
                Dismiss
              </button>
            </div>
          ) : null}
          {c.agents.length === 0 ? (
            <EmptyState icon="user" title="No agents yet">
              Add the people who answer customers, with the skills they have.
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="table" aria-label="Agents">
                <thead>
                  <tr>
                    <th scope="col">Agent</th>
                    <th scope="col">Role</th>
                    <th scope="col">Skills</th>
                    <th scope="col">Groups</th>
                    <th scope="col">Capacity</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {c.agents.map((a) => (
                    <tr key={a.id} className={a.active ? '' : 'is-inactive'}>
                      <td>
                        <div className="cell-title">{a.name}</div>
                        <div className="muted small">{a.email ?? 'No email'}</div>
                        {!a.active ? <span className="badge">Inactive</span> : null}
                      </td>
                      <td>{roleLabel[a.role]}</td>
                      <td>
                        <div className="chip-row">
                          {a.skills.length === 0 ? <span className="muted">None</span> : null}
                          {a.skills.map((k) => (
                            <span key={k.skillId} className="chip chip--static" title={`Level ${k.level} of 10`}>
                              {skillName(k.skillId)} <b>{k.level}</b>
                            </span>
                          ))}
                        </div>
                      </td>
                      <td>{a.groupIds.length ? a.groupIds.map(groupName).join(', ') : <span className="muted">None</span>}</td>
                      <td>
                        <ul className="capacity-list" aria-label={`Capacity of ${a.name}`}>
                          {allKinds.map((k) => (
                            <li key={k} title={kindLabel[k]}>
                              <span className="muted">{kindShort[k]}</span> {a.capacity[k]}
                            </li>
                          ))}
                        </ul>
                      </td>
                      <td className="row-actions">
                        <button type="button" className="btn btn--small" onClick={() => setEditing(a)} aria-label={`Edit ${a.name}`}>
                          Edit
                        </button>
                        <button type="button" className="btn btn--small btn--ghost" onClick={() => setDeleting(a)} aria-label={`Delete ${a.name}`}>
                          Delete
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}

      {tab === 'skills' ? (
        <section role="tabpanel" id="panel-skills" aria-labelledby="tab-skills" className="admin-stack">
          <p className="muted">Skills describe what an agent can handle. Keyword rules route messages to a skill and a minimum level.</p>
          <NamedList
            items={c.skills}
            api={{
              noun: 'skill',
              create: (v) => api.call('config.createSkill', v),
              update: (v) => api.call('config.updateSkill', v),
              remove: (id) => api.call('config.deleteSkill', { id }),
              usage: (id) => {
                const n = c.agents.filter((a) => a.skills.some((k) => k.skillId === id)).length;
                const r = c.rules.filter((x) => x.action.type === 'route_skill' && x.action.skillId === id).length;
                return `${n} agent${n === 1 ? '' : 's'}, ${r} rule${r === 1 ? '' : 's'}`;
              },
            }}
          />
        </section>
      ) : null}

      {tab === 'groups' ? (
        <section role="tabpanel" id="panel-groups" aria-labelledby="tab-groups" className="admin-stack">
          <p className="muted">Groups gather agents for rules that route to a team, and for direct messages (Strategies).</p>
          <NamedList
            items={c.groups}
            api={{
              noun: 'group',
              create: (v) => api.call('config.createGroup', v),
              update: (v) => api.call('config.updateGroup', v),
              remove: (id) => api.call('config.deleteGroup', { id }),
              usage: (id) => {
                const n = c.agents.filter((a) => a.groupIds.includes(id)).length;
                return `${n} agent${n === 1 ? '' : 's'}${c.strategy.dmRouting.groupId === id ? ', direct messages' : ''}`;
              },
            }}
          />
        </section>
      ) : null}

      {editing ? <AgentDialog agent={editing === 'new' ? null : editing} skills={c.skills} groups={c.groups} onClose={() => setEditing(null)} /> : null}
      {deleting ? (
        <ConfirmDialog title={`Delete ${deleting.name}?`} confirmLabel="Delete agent" danger onCancel={() => setDeleting(null)} onConfirm={() => remove(deleting)}>
          <p>An agent who has handled conversations cannot be deleted (their history stays); Parley offers to deactivate them instead.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
