// Handlers of the routing namespace: agent status, the queue, and the agent workspace's actions.
import type { EngineContext } from '../context';
import { actorOf } from './config';
import type { NamespaceHandlers } from './types';

export function routingHandlers(ctx: EngineContext): NamespaceHandlers<'routing'> {
  const r = ctx.routing;
  return {
    'routing.agents': () => r.agents(),
    'routing.setStatus': ({ agentId, status, reason }, s) => r.setAgentStatus(agentId, status, reason, actorOf(s)),
    'routing.queue': ({ limit }) => r.queue(limit),
    'routing.workOf': ({ agentId }) => r.workOf(agentId),
    'routing.accept': ({ interactionId, agentId }) => r.accept(interactionId, agentId),
    'routing.assign': ({ interactionId, agentId }, s) => r.assign(interactionId, agentId, actorOf(s)),
    'routing.transfer': ({ interactionId, to, note }, s) => r.transfer(interactionId, to, actorOf(s), note),
    'routing.requeue': ({ interactionId, reason }, s) => r.requeue(interactionId, actorOf(s), reason),
    'routing.complete': ({ interactionId, dispositionCodeId, note }, s) => r.complete(interactionId, dispositionCodeId, note, actorOf(s)),
  };
}
