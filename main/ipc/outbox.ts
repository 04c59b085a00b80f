// The agent's view of outbound acts: list them with their state, retry a failed one, cancel one not yet sent.
import { cancelOutboxItem, getOutboxItem, listOutboxItems, retryOutboxItem } from '../../db/repositories/outbox';
import type { EngineContext } from '../context';
import { ParleyError, notFound } from '../errors';
import { toOutboxView } from '../outbox/view';
import type { NamespaceHandlers } from './types';

export function outboxHandlers(ctx: EngineContext): NamespaceHandlers<'outbox'> {
  return {
    'outbox.list': async (q) => (await listOutboxItems(ctx.db, q)).map(toOutboxView),

    'outbox.get': async ({ id }) => {
      const item = await getOutboxItem(ctx.db, id);
      if (!item) throw notFound('Outbox item', id);
      return toOutboxView(item);
    },

    'outbox.retry': async ({ id, deadlineMinutes }) => {
      const now = ctx.clock.now();
      const item = await retryOutboxItem(ctx.db, id, now + deadlineMinutes * 60_000, now);
      if (!item) {
        const existing = await getOutboxItem(ctx.db, id);
        if (!existing) throw notFound('Outbox item', id);
        throw new ParleyError('conflict', `Only a failed or cancelled item can be retried; this one is ${existing.state}.`);
      }
      const view = toOutboxView(item);
      ctx.events.emit('outbox.changed', view);
      ctx.outbox?.wake();
      return view;
    },

    'outbox.cancel': async ({ id }) => {
      const item = await cancelOutboxItem(ctx.db, id, ctx.clock.now());
      if (!item) {
        const existing = await getOutboxItem(ctx.db, id);
        if (!existing) throw notFound('Outbox item', id);
        throw new ParleyError('conflict', existing.state === 'sending' ? 'It is being sent right now and cannot be stopped.' : `It is already ${existing.state}.`);
      }
      const view = toOutboxView(item);
      ctx.events.emit('outbox.changed', view);
      return view;
    },
  };
}
