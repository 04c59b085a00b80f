// Reports read what the real pipeline writes: messages through ingestBatch (strategy, routing), an agent
// taking, answering and completing them through the routing service, a clock moved by hand.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../../main/reports/service';
import { ingestBatch } from '../../../main/services/ingest';
import { inbound, startBrain, type Brain } from '../ingest/harness';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 25, 12); // Wednesday 13:00 in Berlin, within opening hours
const openAllWeek = Array.from({ length: 7 }, (_, i) => ({ weekday: i + 1, opensAt: '08:00', closesAt: '20:00' }));

describe('reports over the real pipeline', () => {
  let b: Brain;
  beforeEach(async () => {
    b = await startBrain({ now: T0 });
    await b.ctx.config.setWeeklyHours(openAllWeek, 'test');
    // After the closed-hours message: X conversations wait for an agent, Facebook ones are closed.
    await b.ctx.config.setStrategySettings({ queueAfterAutoMessage: { x: true, facebook: false } }, 'test');
  });
  afterEach(async () => {
    await b.close();
  });

  const idOf = async (networkMessageId: string) =>
    ((await b.q.get(`select interaction_id as id from message where network_message_id = ?`, networkMessageId)) as { id: number }).id;

  it('times, outcomes, dispositions and the agent row follow what routing recorded', async () => {
    const ana = await b.ctx.config.createAgent({ name: 'Ana Lima' }, 'test');
    const resolved = await b.ctx.config.createDisposition({ code: 'resolved', label: 'Resolved' }, 'test');

    // 13:00: a mention while nobody is ready waits in the queue.
    await ingestBatch(b.ctx, [inbound(b.accounts.x, { networkMessageId: 'm1', user: 'u1', text: 'Where is my order?', sentAt: T0 - MIN })]);
    const first = await idOf('m1');
    b.clock.advance(7 * MIN);
    await b.ctx.routing.setAgentStatus(ana.id, 'ready', null, 'test'); // takes it: 7 minutes in the queue
    b.clock.advance(3 * MIN);
    await b.ctx.routing.recordFirstResponse(first, ana.id, b.clock.now()); // 10 minutes after it arrived
    b.clock.advance(20 * MIN);
    await b.ctx.routing.complete(first, resolved.id, null, 'test'); // 23 minutes after she took it

    // 13:30: a DM goes straight to Ana, who answers in 2 minutes and keeps it open.
    await ingestBatch(b.ctx, [inbound(b.accounts.x, { networkMessageId: 'm2', kind: 'dm', user: 'u2', text: 'Can you check my account?', sentAt: b.clock.now() })]);
    const second = await idOf('m2');
    b.clock.advance(2 * MIN);
    await b.ctx.routing.recordFirstResponse(second, ana.id, b.clock.now());

    // 21:00, closed: the Facebook comment is closed automatically; the X mention is answered, then routed.
    b.clock.set(Date.UTC(2026, 10, 25, 20));
    await ingestBatch(b.ctx, [
      inbound(b.accounts.facebook, { network: 'facebook', kind: 'comment', networkMessageId: 'm3', user: 'f1', text: 'Are you open tomorrow?', sentAt: b.clock.now() - MIN }),
      inbound(b.accounts.x, { networkMessageId: 'm4', user: 'u4', text: 'Hello, anyone there?', sentAt: b.clock.now() - MIN }),
    ]);
    const states = (await b.q.all(`select network, state, auto_outcome as outcome from interaction order by id`));
    expect(states).toEqual([
      { network: 'x', state: 'completed', outcome: null },
      { network: 'x', state: 'assigned', outcome: null },
      { network: 'facebook', state: 'auto_handled', outcome: 'closed' },
      { network: 'x', state: 'assigned', outcome: 'closed' },
    ]);

    const report = await buildReport(b.ctx.db, { preset: 'today' }, { timeZone: b.ctx.config.snapshot.timeZone, now: b.clock.now() });
    expect(report.period).toMatchObject({ from: '2026-11-25', to: '2026-11-25', timeZone: 'Europe/Berlin' });
    expect(report.totals).toEqual({ conversations: 4, messages: 4, automatic: 1, reachedAgents: 3, undecided: 0, completed: 1 });
    expect(report.volume).toEqual([{ date: '2026-11-25', messages: { mention: 2, dm: 1, post: 0, comment: 1, messenger: 0 }, messageTotal: 4, conversations: 4 }]);
    expect(report.automation.find((a) => a.outcome === 'closed')).toEqual({ outcome: 'closed', automatic: 1, thenToAgents: 1 });
    // Queue waits 7, 0 and 0 minutes; first responses 10 and 2; one handling time of 23.
    expect(report.times).toEqual({
      queueWait: { count: 3, medianMs: 0, p90Ms: 7 * MIN },
      firstResponse: { count: 2, medianMs: 2 * MIN, p90Ms: 10 * MIN },
      handling: { count: 1, medianMs: 23 * MIN, p90Ms: 23 * MIN },
    });
    expect(report.dispositions).toEqual([{ dispositionId: resolved.id, code: 'resolved', label: 'Resolved', count: 1, share: 1 }]);
    expect(report.agents).toEqual([
      { agentId: ana.id, name: 'Ana Lima', handled: 1, open: 2, medianHandlingMs: 23 * MIN, medianFirstResponseMs: 2 * MIN, dispositions: [{ dispositionId: resolved.id, code: 'resolved', label: 'Resolved', count: 1 }] },
    ]);
  });
});
