// Malformed inbound items are kept, not lost: each lands in inbound_dead_letter with its raw payload and the
// reason, in the same transaction as the cursor that moved past it, and the admin's Channels health counts
// them. Runs on SQLite and, in the PostgreSQL project, on PostgreSQL (migration 0005 on both).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tweetToInbound } from '../../main/channels/twitter/mapping';
import { ingestBatch } from '../../main/services/ingest';
import type { InboundItem } from '../../main/services/inbound';
import { deadLetterSummaries, listDeadLetters } from '../../db/repositories/deadLetters';
import { inbound, startBrain, type Brain } from '../integration/ingest/harness';

describe('dead letters for unreadable inbound items', () => {
  let b: Brain;
  beforeEach(async () => {
    b = await startBrain();
  });
  afterEach(async () => {
    await b.close();
  });

  it('keeps each unreadable item with its payload and reason, beside the good ones and the cursor, in one batch', async () => {
    const good = inbound(b.accounts.x, { networkMessageId: '700', text: 'my order is late' });
    const noAuthor = { ...inbound(b.accounts.x, { networkMessageId: '701', text: 'who wrote me? <script>x</script>' }), author: { networkUserId: '', handle: null, displayName: null, avatarUrl: null } };
    const unknownAccount = inbound(9_999, { networkMessageId: '702', text: 'to nobody' });
    const wrongKind = { ...inbound(b.accounts.x, { networkMessageId: '703', text: 'odd kind' }), channelKind: 'fax' } as unknown as InboundItem;
    const noText = { ...inbound(b.accounts.x, { networkMessageId: '704' }), text: undefined } as unknown as InboundItem;
    const r = await ingestBatch(b.ctx, [good, noAuthor, unknownAccount, wrongKind, noText], { accountId: b.accounts.x, feed: 'mentions', value: '704' });
    expect(r).toMatchObject({ stored: 1, rejected: 4, cursorSaved: true });

    const letters = await listDeadLetters(b.ctx.db);
    expect(letters.map((l) => [l.networkMessageId, l.reason]).sort()).toEqual([
      ['701', 'missing author id'],
      ['702', 'account 9999 does not exist'],
      ['703', 'unknown channel kind fax'],
      ['704', 'missing text'],
    ]);
    const kept = letters.find((l) => l.networkMessageId === '701')!;
    expect(kept).toMatchObject({ accountId: b.accounts.x, network: 'x', channelKind: 'mention', feed: 'mentions', receivedAt: b.clock.now() });
    // The payload is the item as handed over, byte for byte in its text.
    expect((JSON.parse(kept.payloadJson) as InboundItem).text).toBe('who wrote me? <script>x</script>');
    expect(letters.find((l) => l.networkMessageId === '702')!.accountId).toBe(9_999);
    expect(await b.q.get(`select value from channel_cursor where account_id = ? and feed = 'mentions'`, b.accounts.x)).toEqual({ value: '704' });

    const summary = await deadLetterSummaries(b.ctx.db);
    expect(summary.get(b.accounts.x)).toMatchObject({ count: 3 });
    expect(summary.get(9_999)).toMatchObject({ count: 1, lastReason: 'account 9999 does not exist' });
  });

  it('a tweet without an author reaches ingest and is kept rather than dropped by the mapping', async () => {
    const item = tweetToInbound({ id: '800', text: 'no author here' }, new Map(), b.accounts.x, 'poll', b.clock.now());
    expect(item).not.toBeNull();
    const r = await ingestBatch(b.ctx, [item!], { accountId: b.accounts.x, feed: 'mentions', value: '800' });
    expect(r).toMatchObject({ stored: 0, rejected: 1 });
    const [letter] = await listDeadLetters(b.ctx.db, { accountId: b.accounts.x });
    expect(letter).toMatchObject({ networkMessageId: '800', reason: 'missing author id' });
    expect(JSON.parse(letter!.payloadJson)).toMatchObject({ raw: { id: '800', text: 'no author here' } });
  });

  it('a batch that fails rolls its dead letters back with everything else, so a retry keeps them once', async () => {
    const bad = { ...inbound(b.accounts.x, { networkMessageId: '900' }), author: { networkUserId: '', handle: null, displayName: null, avatarUrl: null } };
    await expect(ingestBatch(b.ctx, [bad], { accountId: 424_242, feed: 'mentions', value: '900' })).rejects.toThrow(/does not exist/);
    expect(await listDeadLetters(b.ctx.db)).toEqual([]);
    await ingestBatch(b.ctx, [bad], { accountId: b.accounts.x, feed: 'mentions', value: '900' });
    expect((await listDeadLetters(b.ctx.db)).length).toBe(1);
  });
});
