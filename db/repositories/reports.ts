// The SQL behind Reports. Everything is aggregated in the database over an index range (created_at for
// conversations, sent_at for customer messages), so a report reads counts, never rows. Plain SQL that
// SQLite and PostgreSQL both run: window functions for percentiles, integer arithmetic for ranks.
import { sql, type RawBuilder } from 'kysely';
import type { DB } from '../connection';
import type { ChannelKind, Network } from '../schema';

const channelKindList: readonly ChannelKind[] = ['mention', 'dm', 'post', 'comment', 'messenger'];

export interface TimeRange {
  startMs: number;
  endMs: number;
}

export interface DaySlot extends TimeRange {
  /** Position of the day in the period, returned with its counts. */
  index: number;
}

export type NetworkFilter = Network | 'all';

export interface DayKindCount {
  day: number;
  channelKind: ChannelKind;
  count: number;
}

export interface DayCount {
  day: number;
  count: number;
}

export interface OutcomeCount {
  /** interaction.auto_outcome; null when the strategy decided nothing automatic. */
  outcome: string | null;
  reachedAgents: boolean;
  count: number;
  completed: number;
}

export type TimeMetric = 'queue_wait' | 'first_response' | 'handling';

export interface PercentileRow {
  metric: TimeMetric;
  count: number;
  p50: number;
  p90: number;
}

export interface AgentPercentileRow {
  agentId: number;
  metric: Exclude<TimeMetric, 'queue_wait'>;
  count: number;
  p50: number;
}

export interface AgentDispositionCount {
  agentId: number | null;
  dispositionId: number | null;
  completed: number;
  open: number;
}

const onNetwork = (column: string, network: NetworkFilter): RawBuilder<unknown> =>
  network === 'all' ? sql`` : sql`and ${sql.ref(column)} = ${network}`;

/** Conversations that began in the range: the cohort every figure except message volume is about. */
const cohort = (alias: string, range: TimeRange, network: NetworkFilter): RawBuilder<unknown> =>
  sql`${sql.ref(`${alias}.created_at`)} >= ${range.startMs} and ${sql.ref(`${alias}.created_at`)} < ${range.endMs} ${onNetwork(`${alias}.network`, network)}`;

/**
 * The p-th percentile by nearest rank is the value at 1-based position ceil(p * n / 100) of the sorted
 * values. In integer arithmetic: ceil(n / 2) = (n + 1) / 2 and ceil(9n / 10) = (9n + 9) / 10.
 */
const rank50 = (n: number) => Math.floor((n + 1) / 2);
const rank90 = (n: number) => Math.floor((9 * n + 9) / 10);

/** Durations sorted ascending: a typed array sorts numerically, in place, without boxing. */
const sorted = (values: ArrayLike<number>): Float64Array => Float64Array.from(values).sort();

// SQLite allows 500 terms in a compound select; a month per statement stays far below it.
const DAYS_PER_STATEMENT = 31;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Customer messages received per business day and channel kind (message.sent_at, the network's time).
 * One aggregate per day over its own index range: exact whatever the day's length (23 h, 25 h), and a
 * streaming count with no sort.
 */
export async function messagesByDay(db: DB, days: DaySlot[], network: NetworkFilter): Promise<DayKindCount[]> {
  const out: DayKindCount[] = [];
  for (const group of chunks(days, DAYS_PER_STATEMENT)) {
    // The literal direction/author filters match the partial index message_customer_sent (migration 0002).
    const selects = group.map(
      (d) => sql`select ${d.index} as day, ${sql.join(
        channelKindList.map((k) => sql`sum(case when m.channel_kind = ${sql.lit(k)} then 1 else 0 end) as ${sql.ref(k)}`),
      )}
      from message m
      where m.sent_at >= ${d.startMs} and m.sent_at < ${d.endMs} and m.direction = 'in' and m.author_kind = 'customer' ${onNetwork('m.network', network)}`,
    );
    const r = await sql<{ day: number } & Record<ChannelKind, number | null>>`${sql.join(selects, sql` union all `)}`.execute(db);
    for (const row of r.rows) {
      for (const k of channelKindList) {
        const n = Number(row[k] ?? 0);
        if (n > 0) out.push({ day: Number(row.day), channelKind: k, count: n });
      }
    }
  }
  return out;
}

/** Conversations that began per business day. */
export async function conversationsByDay(db: DB, days: DaySlot[], network: NetworkFilter): Promise<DayCount[]> {
  const out: DayCount[] = [];
  for (const group of chunks(days, DAYS_PER_STATEMENT)) {
    const selects = group.map(
      (d) => sql`select ${d.index} as day, count(*) as n from interaction i
        where i.created_at >= ${d.startMs} and i.created_at < ${d.endMs} ${onNetwork('i.network', network)}`,
    );
    const r = await sql<{ day: number; n: number }>`${sql.join(selects, sql` union all `)}`.execute(db);
    for (const row of r.rows) if (Number(row.n) > 0) out.push({ day: Number(row.day), count: Number(row.n) });
  }
  return out;
}

/** How the cohort was handled: automatic outcome x whether it ever reached an agent. */
export async function outcomeCounts(db: DB, range: TimeRange, network: NetworkFilter): Promise<OutcomeCount[]> {
  const r = await sql<{ outcome: string | null; reached: number; n: number; completed: number }>`
    select i.auto_outcome as outcome,
           case when i.queued_at is not null or i.assigned_at is not null then 1 else 0 end as reached,
           count(*) as n,
           sum(case when i.completed_at is not null then 1 else 0 end) as completed
    from interaction i
    where ${cohort('i', range, network)}
    group by i.auto_outcome, case when i.queued_at is not null or i.assigned_at is not null then 1 else 0 end`.execute(db);
  return r.rows.map((x) => ({ outcome: x.outcome, reachedAgents: Number(x.reached) === 1, count: Number(x.n), completed: Number(x.completed ?? 0) }));
}

function percentileRow(metric: TimeMetric, values: number[]): PercentileRow | null {
  if (values.length === 0) return null;
  const v = sorted(values);
  const n = v.length;
  return { metric, count: n, p50: v[rank50(n) - 1]!, p90: v[rank90(n) - 1]! };
}

function agentMedianRows(metric: AgentPercentileRow['metric'], byAgent: Map<number, number[]>): AgentPercentileRow[] {
  return [...byAgent]
    .sort((p, q) => p[0] - q[0])
    .map(([agentId, list]) => {
      const v = sorted(list);
      return { agentId, metric, count: v.length, p50: v[rank50(v.length) - 1]! };
    });
}

function push(into: Map<number, number[]>, key: number, value: number): void {
  let list = into.get(key);
  if (!list) into.set(key, (list = []));
  list.push(value);
}

export interface CohortTimes {
  percentiles: Record<TimeMetric, PercentileRow | null>;
  agentMedians: Record<AgentPercentileRow['metric'], AgentPercentileRow[]>;
}

/**
 * Every time a report shows, from ONE range scan of the covering index (interaction_report), sorted here:
 * queue wait (queued -> assigned), first response (created -> first response) and handling (assigned ->
 * completed) over the cohort, as median and 90th percentile (nearest rank), and per agent who held the
 * conversation last, the median. Five scans, one per figure, took 2.6 s of a year-long report over 1M messages.
 */
export async function cohortTimes(db: DB, range: TimeRange, network: NetworkFilter): Promise<CohortTimes> {
  type Row = { agent: number | string | null; queued: number | string | null; assigned: number | string | null; created: number | string; first: number | string | null; completed: number | string | null };
  const r = await sql<Row>`select i.assigned_agent_id as agent, i.queued_at as queued, i.assigned_at as assigned, i.created_at as created,
        i.first_response_at as first, i.completed_at as completed
      from interaction i where ${cohort('i', range, network)}`.execute(db);
  const all: Record<TimeMetric, number[]> = { queue_wait: [], first_response: [], handling: [] };
  const byAgent = { first_response: new Map<number, number[]>(), handling: new Map<number, number[]>() };
  const num = (v: number | string | null) => (v == null ? null : Number(v));
  for (const row of r.rows) {
    const agent = num(row.agent);
    const [queued, assigned, created, first, completed] = [num(row.queued), num(row.assigned), Number(row.created), num(row.first), num(row.completed)];
    // A time is counted when both ends are known and it does not run backwards (a clock change).
    if (queued != null && assigned != null && assigned >= queued) all.queue_wait.push(assigned - queued);
    if (first != null && first >= created) {
      all.first_response.push(first - created);
      if (agent != null) push(byAgent.first_response, agent, first - created);
    }
    if (assigned != null && completed != null && completed >= assigned) {
      all.handling.push(completed - assigned);
      if (agent != null) push(byAgent.handling, agent, completed - assigned);
    }
  }
  return {
    percentiles: { queue_wait: percentileRow('queue_wait', all.queue_wait), first_response: percentileRow('first_response', all.first_response), handling: percentileRow('handling', all.handling) },
    agentMedians: { first_response: agentMedianRows('first_response', byAgent.first_response), handling: agentMedianRows('handling', byAgent.handling) },
  };
}

/**
 * Who held each conversation last (null: nobody) x its disposition code (null: none yet): completed and
 * still-open counts. One scan gives the disposition table and every agent's row.
 */
export async function agentDispositionCounts(db: DB, range: TimeRange, network: NetworkFilter): Promise<AgentDispositionCount[]> {
  const r = await sql<{ agent_id: number | null; disposition_id: number | null; completed: number; open: number }>`
    select i.assigned_agent_id as agent_id, i.disposition_code_id as disposition_id,
           sum(case when i.completed_at is not null then 1 else 0 end) as completed,
           sum(case when i.completed_at is null and i.state = 'assigned' then 1 else 0 end) as open
    from interaction i
    where ${cohort('i', range, network)} and (i.assigned_agent_id is not null or i.disposition_code_id is not null)
    group by i.assigned_agent_id, i.disposition_code_id`.execute(db);
  return r.rows.map((x) => ({
    agentId: x.agent_id == null ? null : Number(x.agent_id),
    dispositionId: x.disposition_id == null ? null : Number(x.disposition_id),
    completed: Number(x.completed),
    open: Number(x.open),
  }));
}

/** Names for the ids a report found (a few rows). */
export async function agentNames(db: DB, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('agent').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function dispositionNames(db: DB, ids: number[]): Promise<Map<number, { code: string; label: string; position: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('disposition_code').select(['id', 'code', 'label', 'position']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { code: r.code, label: r.label, position: r.position }]));
}
