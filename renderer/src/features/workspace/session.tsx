// Who works in this window: the chosen agent profile, kept for the tab (a reload signs in again), their
// live status, and the notices when an interaction is assigned to them.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AgentAssignment, AgentRoutingState, AgentStatus } from '../../../../preload/contract';
import { api, ApiError } from '../../lib/api';
import { useEvent } from '../../lib/hooks';
import { navigate } from '../../lib/router';
import { notifyAssignment, prepareNotifications } from './notifications';
import './workspace.css';

const AGENT_KEY = 'parley.agentId';

export interface Workspace {
  /** The signed-in agent with their live status, or null. */
  agent: AgentRoutingState | null;
  /** True until the tab's stored sign-in has been restored (or found missing). */
  restoring: boolean;
  /** Counts sign-ins of this window (a reconnect signs in again): screens reload their data on a change. */
  epoch: number;
  signIn(agentId: number): Promise<void>;
  signOut(goOffline: boolean): Promise<void>;
  setStatus(status: AgentStatus, reason?: string | null): Promise<void>;
  /** Says something to screen readers without covering the screen (a toast would sit on the composer). */
  announce(text: string): void;
}

const WorkspaceContext = createContext<Workspace>({
  agent: null,
  restoring: false,
  epoch: 0,
  signIn: async () => undefined,
  signOut: async () => undefined,
  setStatus: async () => undefined,
  announce: () => undefined,
});

export function useWorkspace(): Workspace {
  return useContext(WorkspaceContext);
}

function storedAgent(): number | null {
  const v = Number(sessionStorage.getItem(AGENT_KEY));
  return Number.isInteger(v) && v > 0 ? v : null;
}

export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const [agent, setAgent] = useState<AgentRoutingState | null>(null);
  const [restoring, setRestoring] = useState(() => storedAgent() !== null);
  const [spoken, setSpoken] = useState('');
  const [epoch, setEpoch] = useState(0);
  const announce = useCallback((text: string) => setSpoken((old) => (old === text ? `${text}\u00a0` : text)), []);
  const agentId = agent?.id ?? null;
  const agentRef = useRef<number | null>(null);
  agentRef.current = agentId;

  // The engine forgets the sign-in when the window's connection is new (a reload, a reconnect): sign in
  // again with the agent this tab chose, before anything else is asked.
  useEffect(() => {
    const restore = () => {
      const id = storedAgent();
      if (id === null) {
        setRestoring(false);
        return;
      }
      api.call('session.signIn', { agentId: id }).then(
        (r) => {
          setAgent(r.agent);
          setEpoch((n) => n + 1);
          setRestoring(false);
        },
        (e: unknown) => {
          // The profile is gone or deactivated: choose again.
          if (e instanceof ApiError && (e.code === 'not_found' || e.code === 'forbidden')) sessionStorage.removeItem(AGENT_KEY);
          setAgent(null);
          setRestoring(false);
        },
      );
    };
    if (api.connectionState() === 'open') restore();
    let previous = api.connectionState();
    return api.onConnectionState((s) => {
      if (s === 'open' && previous !== 'open') restore();
      previous = s;
    });
  }, []);

  useEvent('agents.changed', (agents) => {
    const id = agentRef.current;
    if (id == null) return;
    const mine = agents.find((a) => a.id === id);
    if (mine) setAgent(mine);
  });

  useEvent('agent.assigned', (a: AgentAssignment) => {
    if (a.agentId !== agentRef.current || a.how === 'accepted') return;
    announce(`New conversation from ${a.contactName}: ${a.subject}`);
    notifyAssignment(a, () => navigate(`inbox/${a.interactionId}`));
  });

  useEvent('notification.clicked', ({ interactionId }) => navigate(`inbox/${interactionId}`));

  const signIn = useCallback(async (id: number) => {
    prepareNotifications();
    const r = await api.call('session.signIn', { agentId: id });
    sessionStorage.setItem(AGENT_KEY, String(id));
    setAgent(r.agent);
    setEpoch((n) => n + 1);
  }, []);

  const signOut = useCallback(async (goOffline: boolean) => {
    await api.call('session.signOut', { goOffline });
    sessionStorage.removeItem(AGENT_KEY);
    setAgent(null);
  }, []);

  const setStatus = useCallback(
    async (status: AgentStatus, reason: string | null = null) => {
      if (agentRef.current == null) return;
      const next = await api.call('routing.setStatus', { agentId: agentRef.current, status, reason });
      setAgent(next);
    },
    [],
  );

  const value = useMemo<Workspace>(() => ({ agent, restoring, epoch, signIn, signOut, setStatus, announce }), [agent, restoring, epoch, signIn, signOut, setStatus, announce]);
  return (
    <WorkspaceContext.Provider value={value}>
      {children}
      <div className="visually-hidden" role="status" aria-live="polite" data-testid="workspace-announcer">
        {spoken}
      </div>
    </WorkspaceContext.Provider>
  );
}
