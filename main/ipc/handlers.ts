// Every contract method's handler, merged from one file per namespace. `Handlers` requires a handler
// for every method, so a method added to the contract without one does not compile.
import type { EngineContext } from '../context';
import { appHandlers } from './app';
import { configHandlers } from './config';
import { routingHandlers } from './routing';
import { contactsHandlers } from './contacts';
import { strategyHandlers } from './strategy';
import { channelsHandlers } from './channels';
import { outboxHandlers } from './outbox';
import { sandboxHandlers } from './sandbox';
import { configTransferHandlers } from './configTransfer';
import { auditHandlers } from './audit';
import { sessionHandlers } from './session';
import { inboxHandlers } from './inbox';
import { conversationHandlers } from './conversation';
import { reportsHandlers } from './reports';
import { teamHandlers } from './team';
import type { Handlers } from './types';

export function createHandlers(ctx: EngineContext): Handlers {
  return {
    ...appHandlers(ctx),
    ...configHandlers(ctx),
    ...routingHandlers(ctx),
    ...contactsHandlers(ctx),
    ...strategyHandlers(ctx),
    ...channelsHandlers(ctx),
    ...outboxHandlers(ctx),
    ...sandboxHandlers(ctx),
    ...configTransferHandlers(ctx),
    ...auditHandlers(ctx),
    ...sessionHandlers(ctx),
    ...inboxHandlers(ctx),
    ...conversationHandlers(ctx),
    ...reportsHandlers(ctx),
    ...teamHandlers(ctx),
  };
}
