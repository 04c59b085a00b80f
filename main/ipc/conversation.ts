// Handlers of the conversation namespace: the thread view and the agent's outbound acts.
import type { EngineContext } from '../context';
import { signedInAgent } from '../workspace/agent';
import { moveToPrivate, sendReply } from '../workspace/compose';
import { conversationView } from '../workspace/conversation';
import { engage } from '../workspace/engage';
import { filledTemplates } from '../workspace/templates';
import type { NamespaceHandlers } from './types';

export function conversationHandlers(ctx: EngineContext): NamespaceHandlers<'conversation'> {
  return {
    'conversation.get': ({ interactionId }) => conversationView(ctx, interactionId),
    'conversation.reply': (input, session) => sendReply(ctx, signedInAgent(ctx, session), input),
    'conversation.moveToPrivate': (input, session) => moveToPrivate(ctx, signedInAgent(ctx, session), input),
    'conversation.engage': (input, session) => engage(ctx, signedInAgent(ctx, session), input),
    'conversation.templates': ({ interactionId }, session) =>
      filledTemplates(ctx, session.agentId != null ? (ctx.config.snapshot.agents.find((a) => a.id === session.agentId) ?? null) : null, interactionId),
  };
}
