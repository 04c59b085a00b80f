// Handlers of the inbox namespace: my work and a window of the queue.
import type { EngineContext } from '../context';
import { ParleyError } from '../errors';
import { signedInAgent } from '../workspace/agent';
import { myInbox, queueWindow } from '../workspace/inbox';
import type { WorkspaceService } from '../workspace/service';
import type { NamespaceHandlers } from './types';

export function workspaceOf(ctx: EngineContext): WorkspaceService {
  if (!ctx.workspace) throw new ParleyError('internal', 'The agent workspace is not running.');
  return ctx.workspace;
}

export function inboxHandlers(ctx: EngineContext): NamespaceHandlers<'inbox'> {
  return {
    'inbox.mine': (_i, session) => myInbox(ctx, workspaceOf(ctx), signedInAgent(ctx, session).id),
    'inbox.queue': ({ scope, offset, limit }, session) => {
      const agentId = scope === 'eligible' ? signedInAgent(ctx, session).id : session.agentId;
      return queueWindow(ctx, workspaceOf(ctx), agentId, { scope, offset, limit });
    },
  };
}
