// The X adapter: what the channel manager and the outbox need from one X account.
import type { OutboxPayloadKind } from '../../outbox/payload';
import { PollWorker } from '../pollWorker';
import type { AccountSession } from '../session';
import type { NetworkAdapter } from '../types';
import { reconcileX, sendX } from './actions';
import { XConnection } from './connection';
import { DmFeed } from './dms';
import { MentionsFeed } from './mentions';
import { refreshXToken } from './refresh';
import { StreamWorker } from './stream';

const BUCKETS: Partial<Record<OutboxPayloadKind, string>> = {
  reply: 'tweets',
  dm: 'dm',
  like: 'likes',
  unlike: 'likes',
  retweet: 'retweets',
  unretweet: 'retweets',
};

export function createXAdapter(session: AccountSession): NetworkAdapter {
  const x = new XConnection(session);
  session.refresher = async (current) =>
    current.kind === 'oauth2' ? refreshXToken(session.account.baseUrl, current, session.ctx.clock.now()) : null;
  return {
    async identify() {
      const me = await x.me();
      return { id: me.id, username: me.username ?? null, name: me.name ?? me.username ?? me.id };
    },
    workers: () => [new PollWorker(session, new MentionsFeed(x)), new PollWorker(session, new DmFeed(x)), new StreamWorker(x)],
    send: (_item, payload) => sendX(x, payload),
    reconcile: (item, payload) => reconcileX(x, item, payload),
    rateBucket: (kind) => BUCKETS[kind] ?? kind,
    close: () => undefined,
  };
}
