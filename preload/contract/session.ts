// The session namespace: which agent profile this window works as. One session per window (Electron) or
// per WebSocket (web host); the renderer keeps the choice for the tab and signs in again after a reload.
import { z } from 'zod';
import { event, method } from './core';
import type { ChannelKind, Network } from './model';
import type { AgentRoutingState } from './routing';

export interface SessionInfo {
  /** The signed-in agent, or null when this window has not chosen one. */
  agent: AgentRoutingState | null;
}

/** An interaction just given to an agent: what a desktop notification says. */
export interface AgentAssignment {
  agentId: number;
  interactionId: number;
  network: Network;
  channelKind: ChannelKind;
  contactName: string;
  subject: string;
  /** routed: the router chose this agent; transferred: someone sent it; accepted: the agent took it. */
  how: 'routed' | 'transferred' | 'accepted';
  at: number;
}

const id = z.number().int().positive();

export const sessionMethods = {
  'session.current': method(z.object({}).strict()).returns<SessionInfo>(),
  /** Works as this agent from now on in this window; their status is not changed. */
  'session.signIn': method(z.object({ agentId: id }).strict()).returns<SessionInfo>(),
  /** Stops working as the agent; `goOffline` also sets them Offline (their open work goes back to the queue). */
  'session.signOut': method(z.object({ goOffline: z.boolean().default(false) }).strict()).returns<SessionInfo>(),
};

export const sessionEvents = {
  'agent.assigned': event<AgentAssignment>(),
  /** Desktop app: the agent clicked the notification about this interaction; the window opens it. */
  'notification.clicked': event<{ interactionId: number }>(),
};
