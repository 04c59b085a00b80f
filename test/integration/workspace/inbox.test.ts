// Sign-in per window, the assignment notice behind desktop notifications, and the inbox's windows of the
// queue (only what the agent may take, in waiting order, with counts).
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentAssignment } from '../../../preload/contract';
import { interactionOf, startDesk, waitFor, type Desk } from './harness';

describe('the agent workspace: sessions and the inbox', () => {
  let d: Desk;
  afterEach(async () => {
    await d?.close();
  });

  it('signs a window in as an agent, refuses work without one, and signs out to Offline', async () => {
    d = await startDesk();
    const none = await d.try(null, 'inbox.mine', {});
    expect(none).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    const unknown = await d.try(null, 'session.signIn', { agentId: 999 });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const signedIn = await d.as(null, 'session.signIn', { agentId: d.ana });
    expect(signedIn.agent?.name).toBe('Ana Souza');
    // The same window now works as Ana.
    expect((await d.as(null, 'session.current', {})).agent?.id).toBe(d.ana);
    await d.as(null, 'routing.setStatus', { agentId: d.ana, status: 'ready', reason: null });
    const out = await d.as(null, 'session.signOut', { goOffline: true });
    expect(out.agent).toBeNull();
    const agents = await d.as(null, 'routing.agents', {});
    expect(agents.find((a) => a.id === d.ana)?.status).toBe('offline');
    const audit = d.h.engine.ctx.sqlite.prepare(`select action from audit_log where entity = 'agent' and entity_id = ? order by id`).all(String(d.ana)) as Array<{ action: string }>;
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['sign_in', 'status', 'sign_out']));
  });

  it('tells the agent when an interaction is routed to them, and not for one they took themselves', async () => {
    d = await startDesk();
    await d.as(d.ana, 'routing.setStatus', { agentId: d.ana, status: 'ready', reason: null });
    const mention = await d.h.control<{ id: string }>('POST', '/_sandbox/x/mentions', { author: { username: 'jane_doe', name: 'Jane Doe' }, text: 'my order is late' });
    const id = await interactionOf(d, mention.id);
    const notice = await waitFor('the assignment notice', () =>
      d.events.find((e) => e.name === 'agent.assigned' && (e.payload as AgentAssignment).interactionId === id)?.payload as AgentAssignment | undefined,
    );
    expect(notice).toMatchObject({ agentId: d.ana, network: 'x', channelKind: 'mention', contactName: 'Jane Doe', how: 'routed' });
    expect(notice.subject).toContain('my order is late');

    // Ben is Not Ready; he takes the next one from the queue himself.
    await d.as(d.ana, 'routing.setStatus', { agentId: d.ana, status: 'not_ready', reason: 'Break' });
    await d.as(d.ben, 'routing.setStatus', { agentId: d.ben, status: 'not_ready', reason: 'Training' });
    const second = await d.h.control<{ id: string }>('POST', '/_sandbox/x/mentions', { author: { username: 'sam_k', name: 'Sam' }, text: 'hello there' });
    const secondId = await interactionOf(d, second.id);
    await d.as(d.ben, 'routing.accept', { interactionId: secondId, agentId: d.ben });
    const took = await waitFor('the accepted notice', () =>
      d.events.find((e) => e.name === 'agent.assigned' && (e.payload as AgentAssignment).interactionId === secondId)?.payload as AgentAssignment | undefined,
    );
    expect(took).toMatchObject({ agentId: d.ben, how: 'accepted' });
    // Coalesced inbox events arrive (the screen refreshes on these, not on every message).
    await waitFor('an inbox.changed event', () => d.events.some((e) => e.name === 'inbox.changed'));
  });

  it('pages through the queue in waiting order, showing each agent only what they may take', async () => {
    d = await startDesk();
    // Nobody Ready: everything waits.
    const posted: string[] = [];
    for (const [i, text] of ['where is my parcel', 'I want a refund now', 'app keeps logging me out', 'second refund please', 'hello?'].entries()) {
      const m = await d.h.control<{ id: string }>('POST', '/_sandbox/x/mentions', { author: { username: `cust_${i}`, name: `Customer ${i}` }, text });
      posted.push(m.id);
    }
    const ids = [];
    for (const p of posted) ids.push(await interactionOf(d, p));
    await d.as(d.ana, 'session.signIn', { agentId: d.ana });
    await d.as(d.ben, 'session.signIn', { agentId: d.ben });

    const ana = await d.as(d.ana, 'inbox.queue', { scope: 'eligible', offset: 0, limit: 100 });
    expect(ana.counts).toEqual({ queued: 5, eligible: 5, mine: 0 });
    // Refunds (Billing 5+, priority 5) first, then the others oldest first.
    expect(ana.rows.map((r) => r.interactionId)).toEqual([ids[1], ids[3], ids[0], ids[2], ids[4]]);
    expect(ana.rows[0]).toMatchObject({ network: 'x', channelKind: 'mention', contactName: 'Customer 1', contactHandle: 'cust_1', priority: 5, route: 'Billing 5+', window: null });
    expect(ana.rows[0]!.subject).toContain('refund');

    const ben = await d.as(d.ben, 'inbox.queue', { scope: 'eligible', offset: 0, limit: 100 });
    expect(ben.counts).toEqual({ queued: 5, eligible: 3, mine: 0 });
    expect(ben.rows.map((r) => r.interactionId)).toEqual([ids[0], ids[2], ids[4]]);

    // A window in the middle, and the whole queue for a supervisor's view.
    const page = await d.as(d.ana, 'inbox.queue', { scope: 'eligible', offset: 2, limit: 2 });
    expect(page.offset).toBe(2);
    expect(page.rows.map((r) => r.interactionId)).toEqual([ids[0], ids[2]]);
    const all = await d.as(d.ben, 'inbox.queue', { scope: 'all', offset: 0, limit: 10 });
    expect(all.rows).toHaveLength(5);

    // Ben (Not Ready: he picks rather than being given work) takes one: it leaves the queue and shows in his own list.
    await d.as(d.ben, 'routing.setStatus', { agentId: d.ben, status: 'not_ready', reason: 'Picking by hand' });
    await d.as(d.ben, 'routing.accept', { interactionId: ids[2]!, agentId: d.ben });
    const mine = await d.as(d.ben, 'inbox.mine', {});
    expect(mine.rows.map((r) => r.interactionId)).toEqual([ids[2]]);
    expect(mine.rows[0]!.awaitingReply).toBe(true);
    expect(mine.counts).toMatchObject({ queued: 4, eligible: 2, mine: 1 });
  });

  it('shows the Messenger window on a Messenger row and none on an X DM', async () => {
    d = await startDesk();
    await d.as(d.ana, 'session.signIn', { agentId: d.ana });
    const fb = await d.h.control<{ id: string }>('POST', '/_sandbox/facebook/messenger', { from: { name: 'Maria Lopez' }, text: 'Hi, is anyone there?' });
    const dm = await d.h.control<{ id: string }>('POST', '/_sandbox/x/dms', { from: { username: 'dm_person', name: 'DM Person' }, text: 'private question' });
    const fbId = await interactionOf(d, fb.id);
    const dmId = await interactionOf(d, dm.id);
    const q = await d.as(d.ana, 'inbox.queue', { scope: 'eligible', offset: 0, limit: 10 });
    const fbRow = q.rows.find((r) => r.interactionId === fbId)!;
    const dmRow = q.rows.find((r) => r.interactionId === dmId)!;
    expect(fbRow.window).not.toBeNull();
    expect(fbRow.window!.respondUntil - fbRow.lastInboundAt).toBe(24 * 3600_000);
    expect(fbRow.window!.humanAgentUntil - fbRow.lastInboundAt).toBe(7 * 24 * 3600_000);
    expect(dmRow.window).toBeNull();
    // The DM went to the DM group, which only Ana is in.
    expect(dmRow.route).toBe('Private messages');
    await d.as(d.ben, 'session.signIn', { agentId: d.ben });
    const ben = await d.as(d.ben, 'inbox.queue', { scope: 'eligible', offset: 0, limit: 10 });
    expect(ben.rows.map((r) => r.interactionId)).not.toContain(dmId);
  });
});
