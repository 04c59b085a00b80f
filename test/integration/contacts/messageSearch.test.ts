import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchMessages } from '../../../db/repositories/messageSearch';
import { ingestBatch } from '../../../main/services/ingest';
import { inbound, startBrain, type Brain } from '../ingest/harness';

// The documented rule of message search: every word must appear (accents folded, the last word a prefix),
// and hits come newest first (by message id), cut at the limit, optionally within one contact.
describe('message search order', () => {
  let b: Brain;
  beforeEach(async () => {
    b = await startBrain();
  });
  afterEach(async () => {
    await b.close();
  });

  const t0 = Date.UTC(2026, 10, 20, 9);
  it('returns the newest matching messages first, up to the limit, within a contact when asked', async () => {
    // A strong early match (the word three times) must not outrank later, weaker ones.
    const texts = ['Refund refund REFUND please', 'Where is my réfund?', 'Nothing to see', 'refunded yet?', 'still no refund'];
    await ingestBatch(
      b.ctx,
      texts.map((text, i) => inbound(b.accounts.x, { networkMessageId: `s${i}`, user: i % 2 === 0 ? 'x-1' : 'x-2', handle: `u${i % 2}`, name: `U${i % 2}`, text, sentAt: t0 + i * 60_000 })),
    );
    const idOf = async (nid: string) => ((await b.q.get(`select id from message where network_message_id = ?`, nid)) as { id: number }).id;
    const [s0, s1, s3, s4] = [await idOf('s0'), await idOf('s1'), await idOf('s3'), await idOf('s4')];

    const all = await searchMessages(b.ctx.db, 'refund', { limit: 10 });
    expect(all.map((h) => h.messageId)).toEqual([s4, s3, s1, s0]);
    expect(all[0]!.snippet).toContain('[refund]');

    expect((await searchMessages(b.ctx.db, 'refund', { limit: 2 })).map((h) => h.messageId)).toEqual([s4, s3]);

    const contactOfFirst = all.find((h) => h.messageId === s0)!.contactId;
    const mine = await searchMessages(b.ctx.db, 'refund', { limit: 10, contactId: contactOfFirst });
    expect(mine.map((h) => h.messageId)).toEqual([s4, s0]);
    expect(mine[0]!.snippet).toBe('still no [refund]');

    // Within a contact too: accents folded, the last word a prefix, every word required, newest first.
    const contactOfSecond = all.find((h) => h.messageId === s1)!.contactId;
    expect((await searchMessages(b.ctx.db, 'REFUN', { limit: 10, contactId: contactOfSecond })).map((h) => h.messageId)).toEqual([s3, s1]);
    expect((await searchMessages(b.ctx.db, 'where réfund', { limit: 10, contactId: contactOfSecond })).map((h) => h.messageId)).toEqual([s1]);
    expect(await searchMessages(b.ctx.db, 'where nothing', { limit: 10, contactId: contactOfSecond })).toEqual([]);
    expect(await searchMessages(b.ctx.db, '!!', { limit: 10, contactId: contactOfSecond })).toEqual([]);
  });
});
