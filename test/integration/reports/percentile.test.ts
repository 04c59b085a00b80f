// The percentile definition the Reports screen states: nearest rank, ceil(p * n / 100), always a time
// that really happened. Checked on sets where interpolating definitions would give other answers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataHandle } from '../../../db/connection';
import { cohortTimes } from '../../../db/repositories/reports';
import { PERCENTILE_DEFINITION } from '../../../preload/contract/reports';
import { tempDir } from '../../helpers/tempDir';
import { openTestDatabase } from '../../helpers/testDb';

const MIN = 60_000;
const T0 = Date.UTC(2026, 5, 1, 8);
const range = { startMs: T0, endMs: T0 + 24 * 60 * MIN };

describe('median and 90th percentile', () => {
  let tmp: ReturnType<typeof tempDir>;
  let handle: DataHandle;
  let drop: () => Promise<void>;
  let ids: { account: number; contact: number; agents: number[] };

  beforeEach(async () => {
    tmp = tempDir();
    ({ handle, drop } = await openTestDatabase(tmp.dir));
    const db = handle.db;
    const account = await db.insertInto('channel_account').values({ network: 'x', name: 'Brand', auth_kind: 'oauth2', external_id: '1', handle: 'brand', credentials: null, credentials_scheme: null, base_url: null, status_detail: null, rate_limited_until: null, last_poll_at: null, next_poll_at: null, quota_json: null, created_at: T0, updated_at: T0 }).returning('id').executeTakeFirstOrThrow();
    const contact = await db.insertInto('contact').values({ display_name: 'C', email: null, phone: null, avatar_url: null, merged_into_id: null, created_at: T0, updated_at: T0 }).returning('id').executeTakeFirstOrThrow();
    const agents: number[] = [];
    for (const name of ['A', 'B']) agents.push((await db.insertInto('agent').values({ name, email: null, not_ready_reason: null, idle_since: null, status_changed_at: T0, created_at: T0, updated_at: T0 }).returning('id').executeTakeFirstOrThrow()).id);
    ids = { account: account.id, contact: contact.id, agents };
  });
  afterEach(async () => {
    await drop();
    await handle.close();
    tmp.cleanup();
  });

  /** Conversations handled in `minutes` each (assigned at T0 + i, completed `minutes` later), by `agent`. */
  async function handled(minutes: number[], agent = 0): Promise<void> {
    for (const [i, m] of minutes.entries()) {
      const created = T0 + i * MIN;
      await handle.db
        .insertInto('interaction')
        .values({ contact_id: ids.contact, account_id: ids.account, network: 'x', channel_kind: 'mention', thread_key: `t${agent}-${i}`, state: 'completed', assigned_agent_id: ids.agents[agent]!, created_at: created, queued_at: created, assigned_at: created, first_response_at: created + m * MIN, completed_at: created + m * MIN, last_inbound_at: created, updated_at: created })
        .execute();
    }
  }
  const handling = async () => (await cohortTimes(handle.db, range, 'all')).percentiles.handling;

  it('is stated in the words the screen shows', () => {
    expect(PERCENTILE_DEFINITION).toMatch(/nearest-rank/);
    expect(PERCENTILE_DEFINITION).toMatch(/⌈p × n⌉/);
  });

  it('takes the lower middle of an even count, not the average of the two middles', async () => {
    await handled([4, 1, 3, 2]);
    // Interpolation would say 2.5 min and 3.7 min.
    expect(await handling()).toEqual({ metric: 'handling', count: 4, p50: 2 * MIN, p90: 4 * MIN });
  });

  it('ranks 1..10 and 1..11 as the definition says', async () => {
    await handled([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(await handling()).toMatchObject({ count: 10, p50: 5 * MIN, p90: 9 * MIN });
    await handled([11], 1);
    // Eleven values: ceil(5.5) = 6th and ceil(9.9) = 10th.
    expect(await handling()).toMatchObject({ count: 11, p50: 6 * MIN, p90: 10 * MIN });
  });

  it('gives the only value for one conversation and nothing for none', async () => {
    expect(await handling()).toBeNull();
    await handled([7]);
    expect(await handling()).toEqual({ metric: 'handling', count: 1, p50: 7 * MIN, p90: 7 * MIN });
  });

  it('keeps ties and counts every conversation once', async () => {
    await handled([5, 5, 5, 1, 20]);
    expect(await handling()).toMatchObject({ count: 5, p50: 5 * MIN, p90: 20 * MIN });
  });

  it('takes each agent\'s median on their own conversations', async () => {
    await handled([1, 2, 3, 4], 0);
    await handled([30, 10, 20], 1);
    const medians = (await cohortTimes(handle.db, range, 'all')).agentMedians.handling;
    expect(medians.sort((a, b) => a.agentId - b.agentId)).toEqual([
      { agentId: ids.agents[0], metric: 'handling', count: 4, p50: 2 * MIN },
      { agentId: ids.agents[1], metric: 'handling', count: 3, p50: 20 * MIN },
    ]);
  });

  it('times each figure from its own columns, leaving out times not known or running backwards', async () => {
    const at = (i: number, minutes: number | null) => (minutes == null ? null : T0 + i * MIN + minutes * MIN);
    const rows: Array<{ queued: number | null; assigned: number | null; first: number | null; completed: number | null; agent: number | null }> = [
      { queued: 0, assigned: 3, first: 5, completed: 9, agent: 0 }, // wait 3, first 5, handling 6
      { queued: 0, assigned: 1, first: 2, completed: 3, agent: 1 }, // wait 1, first 2, handling 2
      { queued: 0, assigned: null, first: null, completed: null, agent: null }, // still waiting: no time at all
      { queued: 4, assigned: 2, first: -1, completed: 1, agent: 0 }, // clock ran backwards: every time left out
      { queued: null, assigned: null, first: 7, completed: null, agent: null }, // answered automatically: first response only
    ];
    for (const [i, r] of rows.entries()) {
      const created = T0 + i * MIN;
      await handle.db
        .insertInto('interaction')
        .values({ contact_id: ids.contact, account_id: ids.account, network: 'x', channel_kind: 'mention', thread_key: `c${i}`, state: r.completed != null ? 'completed' : 'queued', assigned_agent_id: r.agent == null ? null : ids.agents[r.agent]!, created_at: created, queued_at: at(i, r.queued), assigned_at: at(i, r.assigned), first_response_at: at(i, r.first), completed_at: at(i, r.completed), last_inbound_at: created, updated_at: created })
        .execute();
    }
    const t = await cohortTimes(handle.db, range, 'all');
    expect(t.percentiles).toEqual({
      queue_wait: { metric: 'queue_wait', count: 2, p50: 1 * MIN, p90: 3 * MIN },
      first_response: { metric: 'first_response', count: 3, p50: 5 * MIN, p90: 7 * MIN },
      handling: { metric: 'handling', count: 2, p50: 2 * MIN, p90: 6 * MIN },
    });
    expect(t.agentMedians.first_response).toEqual([
      { agentId: ids.agents[0], metric: 'first_response', count: 1, p50: 5 * MIN },
      { agentId: ids.agents[1], metric: 'first_response', count: 1, p50: 2 * MIN },
    ]);
    expect(t.agentMedians.handling.map((m) => [m.agentId, m.count, m.p50])).toEqual([[ids.agents[0], 1, 6 * MIN], [ids.agents[1], 1, 2 * MIN]]);
    expect(await cohortTimes(handle.db, range, 'facebook')).toEqual({
      percentiles: { queue_wait: null, first_response: null, handling: null },
      agentMedians: { first_response: [], handling: [] },
    });
  });
});
