import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeInteractions } from '../../../db/repositories/inbox';
import { ingestBatch } from '../../../main/services/ingest';
import { inbound, startBrain, type Brain } from '../ingest/harness';

// The inbox row query on both dialects: the contact's handle on the interaction's network (its latest one),
// rows in the order asked, ids that do not exist left out.
describe('inbox rows', () => {
  let b: Brain;
  beforeEach(async () => {
    b = await startBrain();
  });
  afterEach(async () => {
    await b.close();
  });

  it("describes interactions with the contact's current handle on that network, in the order asked", async () => {
    const t0 = Date.UTC(2026, 10, 20, 9);
    await ingestBatch(b.ctx, [
      inbound(b.accounts.x, { networkMessageId: 'h1', threadNetworkId: 'h1', user: 'x-5', handle: 'old_name', name: 'Rui', text: 'Order late', sentAt: t0 }),
      inbound(b.accounts.x, { networkMessageId: 'h2', threadNetworkId: 'h2', user: 'x-6', handle: 'mia', name: 'Mia', text: 'Refund please', sentAt: t0 + 1_000 }),
    ]);
    await ingestBatch(b.ctx, [inbound(b.accounts.x, { networkMessageId: 'h3', threadNetworkId: 'h3', user: 'x-5', handle: 'new_name', name: 'Rui', text: 'Still late', sentAt: t0 + 2_000 })]);
    const ids = ((await b.q.all(`select id from interaction order by id`)) as Array<{ id: number }>).map((r) => r.id);
    expect(ids).toHaveLength(3);
    const rows = await describeInteractions(b.ctx.db, [ids[2]!, ids[1]!, ids[0]!, 999_999]);
    expect(rows.map((r) => [r.id, r.contactHandle, r.awaitingReply])).toEqual([
      [ids[2], 'new_name', true],
      [ids[1], 'mia', true],
      [ids[0], 'new_name', true],
    ]);
  });
});
