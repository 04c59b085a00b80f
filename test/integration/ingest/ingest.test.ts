import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestBatch } from '../../../main/services/ingest';
import { testDialect } from '../../helpers/testDb';
import { startBrain, inbound, type Brain } from './harness';

const openAllWeek = Array.from({ length: 7 }, (_, i) => ({ weekday: i + 1, opensAt: '08:00', closesAt: '20:00' }));

describe('ingestBatch', () => {
  let b: Brain;
  beforeEach(async () => {
    b = await startBrain();
    await b.ctx.config.setWeeklyHours(openAllWeek, 'test');
  });
  afterEach(async () => {
    await b.close();
  });
  const count = async (table: 'message' | 'interaction' | 'contact' | 'contact_identity' | 'outbox_item' | 'engagement' | 'channel_cursor') =>
    ((await b.q.get(`select count(*) as n from ${table}`)) as { n: number }).n;

  it('stores a mention with its contact and interaction, and the cursor that moved past it, once', async () => {
    const item = inbound(b.accounts.x, { networkMessageId: '500', text: 'Where is my order? @parleycoffee' });
    const r = await ingestBatch(b.ctx, [item], { accountId: b.accounts.x, feed: 'mentions', value: '500' });
    expect(r).toMatchObject({ stored: 1, duplicates: 0, interactionsCreated: 1, cursorSaved: true });
    const again = await ingestBatch(b.ctx, [item, { ...item, via: 'stream' }], { accountId: b.accounts.x, feed: 'mentions', value: '500' });
    expect(again).toMatchObject({ stored: 0, duplicates: 2 });
    expect(await Promise.all([count('message'), count('interaction'), count('contact'), count('contact_identity')])).toEqual([1, 1, 1, 1]);
    expect((await b.q.get(`select value from channel_cursor where account_id = ? and feed = 'mentions'`, b.accounts.x))).toEqual({ value: '500' });
    const i = (await b.q.get(`select state, subject, decision_json from interaction`)) as { state: string; subject: string; decision_json: string };
    expect(i.state).toBe('queued');
    expect(i.subject).toBe('Where is my order? @parleycoffee');
    const decision = JSON.parse(i.decision_json) as { path: Array<{ step: string }> };
    expect(decision.path.map((s) => s.step)).toEqual(['dedupe', 'contact', 'rules', 'emergency', 'special_day', 'hours', 'auto_reply', 'route']);
    expect(b.events.some((e) => e.name === 'interactions.changed')).toBe(true);
  });

  it('finds the contact by user id, never by handle, and keeps the handle history', async () => {
    await ingestBatch(b.ctx, [inbound(b.accounts.x, { user: '42', handle: 'ana_old', text: 'first' })]);
    await ingestBatch(b.ctx, [inbound(b.accounts.x, { user: '42', handle: 'ana_new', text: 'second' })]);
    await ingestBatch(b.ctx, [inbound(b.accounts.x, { user: '43', handle: 'ana_old', text: 'someone else took the old handle' })]);
    const contacts = (await b.q.all(`select ci.network_user_id as uid, ci.handle, ci.contact_id from contact_identity ci order by uid`));
    expect(contacts).toEqual([
      { uid: '42', handle: 'ana_new', contact_id: 1 },
      { uid: '43', handle: 'ana_old', contact_id: 2 },
    ]);
    const history = (await b.q.all(`select h.handle, case when h.seen_until is null then 1 else 0 end as open from contact_handle_history h join contact_identity i on i.id = h.identity_id where i.network_user_id = '42' order by h.id`));
    expect(history).toEqual([
      { handle: 'ana_old', open: 0 },
      { handle: 'ana_new', open: 1 },
    ]);
    expect(await count('interaction')).toBe(3);
  });

  it('stitches a reply into the open interaction of its thread, and opens a new one once it is completed', async () => {
    const first = inbound(b.accounts.x, { networkMessageId: '700', threadNetworkId: '700', text: 'My card was charged twice' });
    const reply = inbound(b.accounts.x, { networkMessageId: '701', threadNetworkId: '700', inReplyToNetworkId: '700', text: 'Any news?', sentAt: first.sentAt + 1000 });
    // Both in one batch, newest first: ingest orders them so the reply finds its thread.
    const r = await ingestBatch(b.ctx, [reply, first]);
    expect(r).toMatchObject({ interactionsCreated: 1, interactionsStitched: 1, stored: 2 });
    const rows = (await b.q.all(`select interaction_id, network_message_id from message order by id`));
    expect(rows).toEqual([
      { interaction_id: 1, network_message_id: '700' },
      { interaction_id: 1, network_message_id: '701' },
    ]);
    const dispo = await b.ctx.config.createDisposition({ code: 'resolved', label: 'Resolved' }, 'test');
    await b.ctx.routing.complete(1, dispo.id, null, 'test');
    await ingestBatch(b.ctx, [inbound(b.accounts.x, { networkMessageId: '702', threadNetworkId: '700', text: 'Thanks! One more thing', sentAt: first.sentAt + 5000 })]);
    expect(((await b.q.get(`select interaction_id from message where network_message_id = '702'`)) as { interaction_id: number }).interaction_id).toBe(2);
  });

  it('never treats the brand\'s own posts as customer messages', async () => {
    const first = inbound(b.accounts.x, { networkMessageId: '800', text: 'Help please' });
    await ingestBatch(b.ctx, [first]);
    const own = inbound(b.accounts.x, { networkMessageId: '801', threadNetworkId: '800', inReplyToNetworkId: '800', user: '1000', handle: 'parleycoffee', text: 'We are on it!' });
    const unrelated = inbound(b.accounts.x, { networkMessageId: '802', threadNetworkId: '802', user: '1000', handle: 'parleycoffee', text: 'New menu today' });
    const r = await ingestBatch(b.ctx, [own, unrelated]);
    expect(r).toMatchObject({ ownPosts: 2, stored: 0, interactionsCreated: 0 });
    expect((await b.q.get(`select author_kind, direction, interaction_id from message where network_message_id = '801'`))).toEqual({ author_kind: 'brand', direction: 'out', interaction_id: 1 });
    expect(await count('contact')).toBe(1);
    expect(await count('interaction')).toBe(1);
  });

  it('stores nothing, not even the cursor, when the batch fails', async () => {
    const good = inbound(b.accounts.x, { networkMessageId: '900' });
    // A cursor for an account that does not exist is refused before anything is written.
    await expect(ingestBatch(b.ctx, [good], { accountId: 999, feed: 'mentions', value: '900' })).rejects.toThrow(/does not exist/);
    expect(await Promise.all([count('message'), count('channel_cursor')])).toEqual([0, 0]);
    // A failure inside the transaction rolls back the items with it.
    await b.q.exec(
      testDialect === 'sqlite'
        ? `create trigger fail_second before insert on message when new.network_message_id = '902' begin select raise(abort, 'disk trouble'); end`
        : `create function fail_second() returns trigger language plpgsql as $$ begin if new.network_message_id = '902' then raise exception 'disk trouble'; end if; return new; end $$;
           create trigger fail_second before insert on message for each row execute function fail_second();`,
    );
    await expect(ingestBatch(b.ctx, [inbound(b.accounts.x, { networkMessageId: '901' }), inbound(b.accounts.x, { networkMessageId: '902', sentAt: Date.UTC(2026, 10, 25, 11, 59, 30) })], { accountId: b.accounts.x, feed: 'mentions', value: '902' })).rejects.toThrow(/disk trouble/);
    expect(await Promise.all([count('message'), count('interaction'), count('contact'), count('channel_cursor')])).toEqual([0, 0, 0, 0]);
    expect(b.ctx.routing.queueSize).toBe(0);
    await b.q.exec(testDialect === 'sqlite' ? `drop trigger fail_second` : `drop trigger fail_second on message; drop function fail_second();`);
    const ok = await ingestBatch(b.ctx, [inbound(b.accounts.x, { networkMessageId: '901' })], { accountId: b.accounts.x, feed: 'mentions', value: '901' });
    expect(ok.stored).toBe(1);
    expect(b.ctx.routing.queueSize).toBe(1);
  });
});
