// 50,000 queued interactions: the inbox reads any window of them in waiting order with the right counts,
// and sees a change at once (the sorted queue is rebuilt after any change, never served stale).
import { afterEach, describe, expect, it } from 'vitest';
import { startDesk, type Desk } from './harness';

const N = 50_000;

describe('the inbox over a very long queue', () => {
  let d: Desk;
  afterEach(async () => {
    await d?.close();
  });

  it('pages through 50,000 queued interactions in waiting order, only the ones the agent may take', async () => {
    d = await startDesk();
    const ctx = d.h.engine.ctx;
    const now = ctx.clock.now();
    const account = d.accounts.x;
    // Written straight into the database (as a long outage would leave it), then loaded by routing.
    ctx.sqlite.transaction(() => {
      const contact = ctx.sqlite.prepare(`insert into contact (display_name, notes, created_at, updated_at) values (?, '', ?, ?)`);
      const interaction = ctx.sqlite.prepare(
        `insert into interaction (contact_id, account_id, network, channel_kind, thread_key, state, skill_id, skill_level, group_id, priority, subject, created_at, queued_at, last_inbound_at, updated_at)
         values (?, ?, 'x', 'mention', ?, 'queued', ?, ?, null, ?, ?, ?, ?, ?, ?)`,
      );
      for (let i = 0; i < N; i++) {
        const c = Number(contact.run(`Customer ${i}`, now, now).lastInsertRowid);
        // Every tenth needs Billing 5+ (Ana has it, Ben does not) at priority 5; the rest wait for anyone.
        const billing = i % 10 === 0;
        interaction.run(c, account, `t${i}`, billing ? d.billing : null, billing ? 5 : null, billing ? 5 : 0, `Message ${i}`, now - (N - i) * 1000, now - (N - i) * 1000, now, now);
      }
    })();
    await ctx.routing.reload();
    ctx.workspace!.queue.invalidate();
    await d.as(d.ana, 'session.signIn', { agentId: d.ana });
    await d.as(d.ben, 'session.signIn', { agentId: d.ben });

    const first = await d.as(d.ana, 'inbox.queue', { scope: 'eligible', offset: 0, limit: 100 });
    expect(first.counts).toEqual({ queued: N, eligible: N, mine: 0 });
    // Priority first: the 5,000 Billing ones, oldest first; then the others, oldest first.
    expect(first.rows.slice(0, 3).map((r) => r.subject)).toEqual(['Message 0', 'Message 10', 'Message 20']);
    const tail = await d.as(d.ana, 'inbox.queue', { scope: 'eligible', offset: N - 3, limit: 100 });
    expect(tail.rows.map((r) => r.subject)).toEqual(['Message 49997', 'Message 49998', 'Message 49999']);
    const boundary = await d.as(d.ana, 'inbox.queue', { scope: 'eligible', offset: N / 10 - 1, limit: 2 });
    expect(boundary.rows.map((r) => [r.subject, r.priority])).toEqual([
      ['Message 49990', 5],
      ['Message 1', 0],
    ]);

    const ben = await d.as(d.ben, 'inbox.queue', { scope: 'eligible', offset: 44_998, limit: 100 });
    expect(ben.counts).toEqual({ queued: N, eligible: N - N / 10, mine: 0 });
    expect(ben.rows.map((r) => r.subject)).toEqual(['Message 49998', 'Message 49999']);

    // Ben takes the oldest he may: the next window no longer shows it, at once.
    const oldest = (await d.as(d.ben, 'inbox.queue', { scope: 'eligible', offset: 0, limit: 1 })).rows[0]!;
    expect(oldest.subject).toBe('Message 1');
    await d.as(d.ben, 'routing.setStatus', { agentId: d.ben, status: 'not_ready', reason: 'Picking' });
    await d.as(d.ben, 'routing.accept', { interactionId: oldest.interactionId, agentId: d.ben });
    const after = await d.as(d.ben, 'inbox.queue', { scope: 'eligible', offset: 0, limit: 1 });
    expect(after.counts).toEqual({ queued: N - 1, eligible: N - N / 10 - 1, mine: 1 });
    expect(after.rows[0]!.subject).toBe('Message 2');
  }, 120_000);
});
