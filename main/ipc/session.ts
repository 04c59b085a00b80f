// Handlers of the session namespace: which agent this window works as.
import { appendAudit } from '../../db/repositories/audit';
import type { SessionInfo } from '../../preload/contract';
import type { EngineContext, Session } from '../context';
import { notFound, ParleyError } from '../errors';
import type { NamespaceHandlers } from './types';

function info(ctx: EngineContext, session: Session): SessionInfo {
  return { agent: session.agentId != null ? (ctx.routing.agents().find((a) => a.id === session.agentId) ?? null) : null };
}

export function sessionHandlers(ctx: EngineContext): NamespaceHandlers<'session'> {
  return {
    'session.current': (_i, session) => info(ctx, session),

    'session.signIn': async ({ agentId }, session) => {
      const agent = ctx.config.snapshot.agents.find((a) => a.id === agentId);
      if (!agent) throw notFound('Agent', agentId);
      if (!agent.active) throw new ParleyError('forbidden', `${agent.name} is deactivated in Admin → Agents and cannot sign in.`);
      const before = session.agentId;
      session.agentId = agentId;
      ctx.workspace?.track(session);
      if (before !== agentId) {
        await appendAudit(ctx.db, { at: ctx.clock.now(), actor: `agent:${agentId}`, action: 'sign_in', entity: 'agent', entityId: agentId, after: { host: session.host } });
      }
      return info(ctx, session);
    },

    'session.signOut': async ({ goOffline }, session) => {
      const agentId = session.agentId;
      if (agentId == null) return info(ctx, session);
      if (goOffline) await ctx.routing.setAgentStatus(agentId, 'offline', null, `agent:${agentId}`);
      await appendAudit(ctx.db, { at: ctx.clock.now(), actor: `agent:${agentId}`, action: 'sign_out', entity: 'agent', entityId: agentId, after: { goOffline } });
      session.agentId = null;
      ctx.workspace?.forgetSession(session.id);
      return info(ctx, session);
    },
  };
}
