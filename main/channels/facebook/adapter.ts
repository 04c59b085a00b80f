// The Facebook adapter: what the channel manager and the outbox need from one Page.
import { PollWorker } from '../pollWorker';
import type { AccountSession } from '../session';
import type { NetworkAdapter } from '../types';
import { reconcileFacebook, sendFacebook } from './actions';
import { FacebookConnection } from './connection';
import { FeedPoller } from './feed';
import { MessengerPoller } from './messenger';

export function createFacebookAdapter(session: AccountSession): NetworkAdapter {
  const fb = new FacebookConnection(session);
  return {
    async identify() {
      const res = await fb.call((g) => g.get<{ id: string; name?: string }>(fb.pageId, { fields: 'id,name' }));
      return { id: res.data.id, username: null, name: res.data.name ?? res.data.id };
    },
    workers: () => [new PollWorker(session, new FeedPoller(fb)), new PollWorker(session, new MessengerPoller(fb))],
    send: (_item, payload) => sendFacebook(fb, payload),
    reconcile: (item, payload) => reconcileFacebook(fb, item, payload),
    // Business-use-case limits are per Page, whatever the call: one bucket.
    rateBucket: () => 'page',
    close: () => undefined,
  };
}
