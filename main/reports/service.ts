// Builds the Reports screen's figures for one period and network: resolves the business days, asks the
// database for aggregates (db/repositories/reports.ts) and shapes them for the window.
import type { DB } from '../../db/connection';
import * as sqlReports from '../../db/repositories/reports';
import { channelKinds, type ChannelKind } from '../../preload/contract/model';
import {
  autoOutcomes,
  reportRequestSchema,
  type AgentReportRow,
  type AutomationRow,
  type DispositionShare,
  type Report,
  type ReportAutoOutcome,
  type ReportRequest,
  type TimeStat,
  type VolumeDay,
} from '../../preload/contract/reports';
import { daysOf, resolvePeriod } from './period';

export interface ReportClock {
  /** The business time zone (IANA), in which a report's days begin and end. */
  timeZone: string;
  now: number;
}

const zeroKinds = (): Record<ChannelKind, number> => Object.fromEntries(channelKinds.map((k) => [k, 0])) as Record<ChannelKind, number>;

const timeStat = (row: sqlReports.PercentileRow | null): TimeStat =>
  row ? { count: row.count, medianMs: row.p50, p90Ms: row.p90 } : { count: 0, medianMs: null, p90Ms: null };

export async function buildReport(db: DB, request: ReportRequest, clock: ReportClock): Promise<Report> {
  const input = reportRequestSchema.parse(request);
  const period = resolvePeriod(input.preset === 'custom' ? { preset: 'custom', from: input.from, to: input.to } : { preset: input.preset }, clock.timeZone, clock.now);
  const network = input.network;
  const days = daysOf(period).map((d, index) => ({ ...d, index }));
  const range = { startMs: period.startMs, endMs: period.endMs };

  // One connection answers one query at a time, so these run in turn; each is one index range scan.
  const messages = await sqlReports.messagesByDay(db, days, network);
  const conversations = await sqlReports.conversationsByDay(db, days, network);
  const outcomes = await sqlReports.outcomeCounts(db, range, network);
  const times = await sqlReports.cohortTimes(db, range, network);
  const { queue_wait: queueWait, first_response: firstResponse, handling } = times.percentiles;
  const breakdown = await sqlReports.agentDispositionCounts(db, range, network);
  const { handling: agentHandling, first_response: agentFirstResponse } = times.agentMedians;
  const agentIds = [...new Set(breakdown.flatMap((b) => (b.agentId == null ? [] : [b.agentId])))];
  const codeIds = [...new Set(breakdown.flatMap((b) => (b.dispositionId == null ? [] : [b.dispositionId])))];
  const agentName = await sqlReports.agentNames(db, agentIds);
  const codeName = await sqlReports.dispositionNames(db, codeIds);

  const volume: VolumeDay[] = days.map((d) => ({ date: d.date, messages: zeroKinds(), messageTotal: 0, conversations: 0 }));
  for (const m of messages) {
    const day = volume[m.day]!;
    day.messages[m.channelKind] += m.count;
    day.messageTotal += m.count;
  }
  for (const c of conversations) volume[c.day]!.conversations = c.count;

  const automation: AutomationRow[] = autoOutcomes.map((outcome) => ({ outcome, automatic: 0, thenToAgents: 0 }));
  const known = new Map<string, AutomationRow>(automation.map((a) => [a.outcome, a]));
  const totals = { conversations: 0, messages: 0, automatic: 0, reachedAgents: 0, undecided: 0, completed: 0 };
  for (const o of outcomes) {
    totals.conversations += o.count;
    totals.completed += o.completed;
    const row = o.outcome == null ? undefined : known.get(o.outcome as ReportAutoOutcome);
    if (o.reachedAgents) {
      totals.reachedAgents += o.count;
      if (row) row.thenToAgents += o.count;
    } else if (row) {
      row.automatic += o.count;
      totals.automatic += o.count;
    } else totals.undecided += o.count;
  }
  totals.messages = volume.reduce((s, d) => s + d.messageTotal, 0);

  const perCode = new Map<number, number>();
  for (const b of breakdown) if (b.dispositionId != null) perCode.set(b.dispositionId, (perCode.get(b.dispositionId) ?? 0) + b.completed);
  const coded = [...perCode.values()].reduce((s, n) => s + n, 0);
  const dispositionRows: DispositionShare[] = [...perCode]
    .filter(([, count]) => count > 0)
    .map(([id, count]) => {
      const name = codeName.get(id) ?? { code: `#${id}`, label: `Code ${id}`, position: Number.MAX_SAFE_INTEGER };
      return { dispositionId: id, code: name.code, label: name.label, count, share: coded ? count / coded : 0, position: name.position };
    })
    .sort((a, b) => b.count - a.count || a.position - b.position || a.dispositionId - b.dispositionId)
    .map(({ position: _position, ...row }) => row);

  const median = (rows: sqlReports.AgentPercentileRow[], agentId: number) => rows.find((r) => r.agentId === agentId)?.p50 ?? null;
  const agentRows: AgentReportRow[] = agentIds
    .map((agentId) => {
      const mine = breakdown.filter((b) => b.agentId === agentId);
      return {
        agentId,
        name: agentName.get(agentId) ?? `Agent ${agentId}`,
        handled: mine.reduce((s, b) => s + b.completed, 0),
        open: mine.reduce((s, b) => s + b.open, 0),
        medianHandlingMs: median(agentHandling, agentId),
        medianFirstResponseMs: median(agentFirstResponse, agentId),
        dispositions: mine
          .filter((b) => b.dispositionId != null && b.completed > 0)
          .map((b) => {
            const name = codeName.get(b.dispositionId!) ?? { code: `#${b.dispositionId}`, label: `Code ${b.dispositionId}` };
            return { dispositionId: b.dispositionId!, code: name.code, label: name.label, count: b.completed };
          })
          .sort((x, y) => y.count - x.count || x.label.localeCompare(y.label)),
      };
    })
    .filter((a) => a.handled > 0 || a.open > 0)
    .sort((a, b) => b.handled - a.handled || a.name.localeCompare(b.name) || a.agentId - b.agentId);

  return {
    period,
    network,
    generatedAt: clock.now,
    totals,
    volume,
    automation,
    times: { queueWait: timeStat(queueWait), firstResponse: timeStat(firstResponse), handling: timeStat(handling) },
    dispositions: dispositionRows,
    agents: agentRows,
  };
}
