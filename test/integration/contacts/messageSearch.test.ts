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

  it('treats the last word as a prefix however the index is walked: expanded to whole terms, or as a prefix when it covers too many', async () => {
    const texts = ['order 1 arrived', 'my orders are late', 'ordering again', 'an ordinary day', 'café au lait', 'cafeteria closed', 'late order and refund'];
    for (let i = 0; i < 70; i++) texts.push(`word pre${i}x here`); // 70 terms starting with "pre": more than one expansion holds
    await ingestBatch(
      b.ctx,
      texts.map((text, i) => inbound(b.accounts.x, { networkMessageId: `p${i}`, user: `p-${i}`, handle: `p${i}`, name: `P${i}`, text, sentAt: t0 + i * 60_000 })),
    );
    const ids = new Map<string, number>();
    for (const r of (await b.q.all(`select id, text from message where direction = 'in'`)) as Array<{ id: number; text: string }>) ids.set(r.text, r.id);
    const newestFirst = (...list: string[]) => list.map((t) => ids.get(t)!).sort((a, c) => c - a);
    const found = async (query: string, limit = 100) => (await searchMessages(b.ctx.db, query, { limit })).map((h) => h.messageId);

    expect(await found('order')).toEqual(newestFirst('order 1 arrived', 'my orders are late', 'ordering again', 'late order and refund'));
    expect(await found('ORDERS')).toEqual(newestFirst('my orders are late'));
    expect(await found('late ord')).toEqual(newestFirst('my orders are late', 'late order and refund'));
    expect(await found('order refu')).toEqual(newestFirst('late order and refund'));
    expect(await found('caf')).toEqual(newestFirst('café au lait', 'cafeteria closed'));
    expect(await found('café')).toEqual(newestFirst('café au lait', 'cafeteria closed')); // not plain ASCII: FTS5's own prefix query
    expect(await found('au café')).toEqual(newestFirst('café au lait'));
    expect(await found('or')).toEqual(newestFirst('order 1 arrived', 'my orders are late', 'ordering again', 'an ordinary day', 'late order and refund'));
    expect(await found('orderz')).toEqual([]);
    const pre = texts.filter((t) => t.startsWith('word pre'));
    expect(await found('pre', 10)).toEqual(newestFirst(...pre).slice(0, 10));
    expect(await found('here pre6')).toEqual(newestFirst(...pre.filter((t) => /pre6\d*x/.test(t))));
    const snippet = (await searchMessages(b.ctx.db, 'late ord', { limit: 1 }))[0]!.snippet;
    expect(snippet).toBe('[late] [order] and refund');
  });
});
