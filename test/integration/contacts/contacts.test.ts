import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../../db/repositories/audit';
import { contactTimelinePage, getContactDetail, mergeContacts, searchContacts, updateContactDetails } from '../../../main/services/contacts';
import { ingestBatch } from '../../../main/services/ingest';
import { inbound, startBrain, type Brain } from '../ingest/harness';

describe('contact history', () => {
  let b: Brain;
  beforeEach(async () => {
    b = await startBrain();
  });
  afterEach(async () => {
    await b.close();
  });

  const t0 = Date.UTC(2026, 10, 20, 9);
  async function seed() {
    // Ana writes on X (two threads) and, as another identity, on Messenger.
    await ingestBatch(b.ctx, [
      inbound(b.accounts.x, { networkMessageId: 'x1', user: 'x-42', handle: 'ana_s', name: 'Ana Silva', text: 'My café latte arrived cold', sentAt: t0 }),
      inbound(b.accounts.x, { networkMessageId: 'x2', user: 'x-42', handle: 'ana_s', name: 'Ana Silva', text: 'Still waiting for a refund', sentAt: t0 + 60_000 }),
      inbound(b.accounts.facebook, { network: 'facebook', kind: 'messenger', networkMessageId: 'fb1', threadNetworkId: 't-1', user: 'psid-9', handle: null, name: 'Ana S.', text: 'Hi, I wrote to you on X about my refund', sentAt: t0 + 120_000 }),
      inbound(b.accounts.x, { networkMessageId: 'x3', user: 'x-77', handle: 'bob', name: 'Bob', text: 'Great coffee today', sentAt: t0 + 180_000 }),
    ]);
    const id = async (network: string, uid: string) => ((await b.q.get(`select contact_id as c from contact_identity where network = ? and network_user_id = ?`, network, uid)) as { c: number }).c;
    return { anaX: await id('x', 'x-42'), anaFb: await id('facebook', 'psid-9'), bob: await id('x', 'x-77') };
  }

  it('finds contacts by name, handle and by what they wrote (accent-insensitive full text)', async () => {
    const { anaX, anaFb, bob } = await seed();
    expect((await searchContacts(b.ctx, '@ana_s', 10)).map((h) => h.contact.id)).toEqual([anaX]);
    const byText = await searchContacts(b.ctx, 'refund', 10);
    expect(byText.map((h) => h.contact.id).sort()).toEqual([anaX, anaFb].sort());
    expect(byText.find((h) => h.contact.id === anaX)!.messages[0]!.snippet).toBe('Still waiting for a [refund]');
    expect((await searchContacts(b.ctx, 'cafe', 10)).map((h) => h.contact.id)).toEqual([anaX]);
    expect((await searchContacts(b.ctx, 'coff', 10)).map((h) => h.contact.id)).toEqual([bob]); // prefix
    expect(await searchContacts(b.ctx, '"; drop table message; --', 10)).toEqual([]);
  });

  it('merges two identities of one person without losing an identity, a message or an interaction, and audits it', async () => {
    const { anaX, anaFb } = await seed();
    await updateContactDetails(b.ctx, anaFb, { displayName: 'Ana S.', email: 'ana@example.com', phone: null, notes: 'Prefers Messenger' }, 'admin@web');
    const before = ((await b.q.get(`select count(*) as n from message where contact_id in (?, ?)`, anaX, anaFb)) as { n: number }).n;
    const merged = await mergeContacts(b.ctx, anaX, anaFb, 'admin@web');
    expect(merged.contact.identities.map((i) => `${i.network}:${i.networkUserId}`).sort()).toEqual(['facebook:psid-9', 'x:x-42']);
    expect(merged.contact.email).toBe('ana@example.com');
    expect(merged.contact.notes).toBe('Prefers Messenger');
    expect(merged.interactions.map((i) => i.network).sort()).toEqual(['facebook', 'x', 'x']);
    expect(((await b.q.get(`select count(*) as n from message where contact_id = ?`, anaX)) as { n: number }).n).toBe(before);
    expect((await getContactDetail(b.ctx, anaFb)).contact.mergedIntoId).toBe(anaX);
    const audit = await listAudit(b.handle.db, { entity: 'contact' });
    expect(audit.map((a) => [a.action, a.actor, a.entityId])).toEqual([
      ['merge', 'admin@web', String(anaX)],
      ['update', 'admin@web', String(anaFb)],
    ]);
    // A later Messenger message from the same PSID lands on the merged contact.
    await ingestBatch(b.ctx, [inbound(b.accounts.facebook, { network: 'facebook', kind: 'messenger', networkMessageId: 'fb2', threadNetworkId: 't-1', user: 'psid-9', handle: null, name: 'Ana S.', text: 'Any news?', sentAt: t0 + 300_000 })]);
    expect(((await b.q.get(`select contact_id as c from message where network_message_id = 'fb2'`)) as { c: number }).c).toBe(anaX);
    await expect(mergeContacts(b.ctx, anaX, anaFb, 'admin@web')).rejects.toMatchObject({ code: 'conflict' });
    await expect(mergeContacts(b.ctx, anaX, anaX, 'admin@web')).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('pages the timeline across channels, newest first, without gaps or repeats', async () => {
    const { anaX, anaFb } = await seed();
    await mergeContacts(b.ctx, anaX, anaFb, 'test');
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const p = await contactTimelinePage(b.ctx, anaX, cursor, 1);
      seen.push(...p.items.map((m) => `${m.network}:${m.networkMessageId}`));
      if (!p.nextCursor) break;
      cursor = p.nextCursor;
    }
    expect(seen).toEqual(['facebook:fb1', 'x:x2', 'x:x1']);
    await expect(contactTimelinePage(b.ctx, anaX, 'garbage', 5)).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('shows earlier interactions with their disposition codes', async () => {
    const { anaX } = await seed();
    const d = await b.ctx.config.createDisposition({ code: 'refund_issued', label: 'Refund issued' }, 'test');
    const first = (await getContactDetail(b.ctx, anaX)).interactions.at(-1)!;
    await b.ctx.routing.complete(first.id, d.id, 'sent 5 EUR', 'test');
    const detail = await getContactDetail(b.ctx, anaX);
    expect(detail.interactions.find((i) => i.id === first.id)).toMatchObject({ state: 'completed', disposition: { code: 'refund_issued', label: 'Refund issued' }, dispositionNote: 'sent 5 EUR', messageCount: 1 });
  });
});
