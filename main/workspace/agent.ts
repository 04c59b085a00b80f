// Who is working in this window: the workspace's acts are the signed-in agent's, and say so.
import type { Agent } from '../../preload/contract';
import type { EngineContext, Session } from '../context';
import { ParleyError } from '../errors';

export function signedInAgent(ctx: EngineContext, session: Session): Agent {
  if (session.agentId == null) {
    throw new ParleyError('not_signed_in', 'Choose who you are working as first: Inbox → sign in as an agent.');
  }
  const agent = ctx.config.snapshot.agents.find((a) => a.id === session.agentId);
  if (!agent) throw new ParleyError('not_signed_in', 'The agent profile this window used no longer exists; sign in again.');
  if (!agent.active) throw new ParleyError('forbidden', `${agent.name} is deactivated in Admin → Agents; sign in as another agent.`);
  return agent;
}

export const actorFor = (agent: Pick<Agent, 'id'>): string => `agent:${agent.id}`;
