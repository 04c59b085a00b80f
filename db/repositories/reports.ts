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

const metricColumns: Record<TimeMetric, [from: string, to: string]> = {
  queue_wait: ['queued_at', 'assigned_at'],
  first_response: ['created_at', 'first_response_at'],
  handling: ['assigned_at', 'completed_at'],
};

/** One metric's durations in the cohort; a time that runs backwards (clock change) is left out. */
const durations = (metric: TimeMetric, range: TimeRange, network: NetworkFilter, byAgent: boolean): RawBuilder<unknown> => {
  const [from, to] = metricColumns[metric];
  return sql`
    select ${byAgent ? sql`i.assigned_agent_id as agent_id,` : sql``} ${sql.ref(`i.${to}`)} - ${sql.ref(`i.${from}`)} as v
    from interaction i
    where ${cohort('i', range, network)} ${byAgent ? sql`and i.assigned_agent_id is not null` : sql``}
      and ${sql.ref(`i.${from}`)} is not null and ${sql.ref(`i.${to}`)} >= ${sql.ref(`i.${from}`)}`;
};

/** Median and 90th percentile (nearest rank) of one metric over the cohort, in ms; null when nothing was timed. */
export async function timePercentiles(db: DB, metric: TimeMetric, range: TimeRange, network: NetworkFilter): Promise<PercentileRow | null> {
  // The durations come off the covering index in one range scan and are sorted here: over a year's 450,000
  // conversations that took 0.4 s where SQLite's row_number() over (order by v) took 1.2 s.
  const r = await sql<{ v: number | string }>`${durations(metric, range, network, false)}`.execute(db);
  if (r.rows.length === 0) return null;
  const v = sorted(r.rows.map((x) => Number(x.v)));
  const n = v.length;
  return { metric, count: n, p50: v[rank50(n) - 1]!, p90: v[rank90(n) - 1]! };
}

/** Per agent (the one who held the conversation last): the median of one metric, in ms, by agent id. */
export async function agentMedians(db: DB, metric: 'first_response' | 'handling', range: TimeRange, network: NetworkFilter): Promise<AgentPercentileRow[]> {
  const r = await sql<{ agent_id: number | string; v: number | string }>`${durations(metric, range, network, true)}`.execute(db);
  const byAgent = new Map<number, number[]>();
  for (const x of r.rows) {
    const id = Number(x.agent_id);
    let list = byAgent.get(id);
    if (!list) byAgent.set(id, (list = []));
    list.push(Number(x.v));
  }
  return [...byAgent]
    .sort((p, q) => p[0] - q[0])
    .map(([agentId, list]) => {
      const v = sorted(list);
      return { agentId, metric, count: v.length, p50: v[rank50(v.length) - 1]! };
    });
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
