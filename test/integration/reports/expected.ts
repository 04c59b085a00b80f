// What the report must say about the seed, computed here in plain JavaScript from the spec (seed.ts):
// local days with Intl (not luxon), percentiles by sorting (not SQL), counts by filtering arrays.
import { agents, codes, conversations, TIME_ZONE, type SeedConversation } from './seed';

export type NetworkChoice = 'all' | 'x' | 'facebook';

const localDay = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
export const dayOf = (t: number): string => localDay.format(t);

/** Nearest rank: the value at position ceil(p * n / 100) of the sorted values. */
export function nearestRank(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p * sorted.length) / 100) - 1]!;
}

export interface Expected {
  days: string[];
  conversationsByDay: number[];
  messagesByDay: Array<Record<string, number>>;
  totals: { conversations: number; messages: number; automatic: number; reachedAgents: number; undecided: number; completed: number };
  automation: Record<string, { automatic: number; thenToAgents: number }>;
  times: Record<'queueWait' | 'firstResponse' | 'handling', { count: number; medianMs: number | null; p90Ms: number | null }>;
  dispositions: Array<{ code: string; label: string; count: number; share: number }>;
  agents: Array<{ name: string; handled: number; open: number; medianHandlingMs: number | null; medianFirstResponseMs: number | null; dispositions: Record<string, number> }>;
}

export function expectedFor(days: string[], startMs: number, endMs: number, network: NetworkChoice): Expected {
  const onNetwork = (c: SeedConversation) => network === 'all' || c.network === network;
  const cohort = conversations.filter((c) => onNetwork(c) && c.createdAt >= startMs && c.createdAt < endMs);
  const reached = (c: SeedConversation) => c.queuedAt != null || c.assignedAt != null;

  const messagesByDay = days.map(() => ({ mention: 0, dm: 0, post: 0, comment: 0, messenger: 0 }) as Record<string, number>);
  for (const c of conversations.filter(onNetwork)) {
    for (const t of c.inbound) {
      const i = days.indexOf(dayOf(t));
      if (t >= startMs && t < endMs) messagesByDay[i]![c.kind]! += 1;
    }
  }
  const conversationsByDay = days.map((day) => cohort.filter((c) => dayOf(c.createdAt) === day).length);

  const automation: Expected['automation'] = {};
  for (const o of ['special_day', 'closed', 'emergency', 'auto_reply', 'engagement', 'ignored']) {
    automation[o] = {
      automatic: cohort.filter((c) => c.autoOutcome === o && !reached(c)).length,
      thenToAgents: cohort.filter((c) => c.autoOutcome === o && reached(c)).length,
    };
  }

  const span = (list: SeedConversation[], from: (c: SeedConversation) => number | null, to: (c: SeedConversation) => number | null) =>
    list.flatMap((c) => {
      const a = from(c);
      const b = to(c);
      return a != null && b != null && b >= a ? [b - a] : [];
    });
  const stat = (values: number[]) => ({ count: values.length, medianMs: nearestRank(values, 50), p90Ms: nearestRank(values, 90) });
  const queueWait = span(cohort, (c) => c.queuedAt, (c) => c.assignedAt);
  const firstResponse = span(cohort, (c) => c.createdAt, (c) => c.firstResponseAt);
  const handling = span(cohort, (c) => c.assignedAt, (c) => c.completedAt);

  const coded = cohort.filter((c) => c.disposition != null && c.completedAt != null);
  const dispositions = Object.values(codes)
    .map((code) => {
      const count = coded.filter((c) => codes[c.disposition!].code === code.code).length;
      return { code: code.code, label: code.label, count, share: count / coded.length, position: code.position };
    })
    .filter((d) => d.count > 0)
    .sort((a, b) => b.count - a.count || a.position - b.position)
    .map(({ position: _p, ...d }) => d);

  const agentRows = Object.entries(agents)
    .map(([key, name]) => {
      const mine = cohort.filter((c) => c.agent === key);
      const done = mine.filter((c) => c.completedAt != null);
      const perCode: Record<string, number> = {};
      for (const c of done) if (c.disposition) perCode[codes[c.disposition].code] = (perCode[codes[c.disposition].code] ?? 0) + 1;
      return {
        name,
        handled: done.length,
        open: mine.filter((c) => c.state === 'assigned').length,
        medianHandlingMs: nearestRank(span(mine, (c) => c.assignedAt, (c) => c.completedAt), 50),
        medianFirstResponseMs: nearestRank(span(mine, (c) => c.createdAt, (c) => c.firstResponseAt), 50),
        dispositions: perCode,
      };
    })
    .filter((a) => a.handled > 0 || a.open > 0)
    .sort((a, b) => b.handled - a.handled || a.name.localeCompare(b.name));

  const totals = {
    conversations: cohort.length,
    messages: messagesByDay.reduce((s, d) => s + Object.values(d).reduce((x, y) => x + y, 0), 0),
    automatic: cohort.filter((c) => !reached(c) && c.autoOutcome != null).length,
    reachedAgents: cohort.filter(reached).length,
    undecided: cohort.filter((c) => !reached(c) && c.autoOutcome == null).length,
    completed: cohort.filter((c) => c.completedAt != null).length,
  };
  return {
    days,
    conversationsByDay,
    messagesByDay,
    totals,
    automation,
    times: { queueWait: stat(queueWait), firstResponse: stat(firstResponse), handling: stat(handling) },
    dispositions,
    agents: agentRows,
  };
}
