// The reports namespace: what happened in a period of business days, for one network or both.
import { z } from 'zod';
import { method } from './core';
import type { ChannelKind } from './model';

export const reportPresets = ['today', 'last7', 'last30', 'thisMonth'] as const;
export type ReportPreset = (typeof reportPresets)[number] | 'custom';
export const reportNetworkSchema = z.enum(['all', 'x', 'facebook']);
export type ReportNetwork = z.infer<typeof reportNetworkSchema>;

/** The longest period one report covers; longer ones are better read as several. */
export const MAX_REPORT_DAYS = 366;

/** The automatic outcomes the strategy records (interaction.auto_outcome). */
export const autoOutcomes = ['special_day', 'closed', 'emergency', 'auto_reply', 'engagement', 'ignored'] as const;
export type ReportAutoOutcome = (typeof autoOutcomes)[number];

/**
 * How the median and the 90th percentile are read: nearest rank. Of n times sorted ascending, the p-th
 * percentile is the one at position ceil(p/100 * n) (1-based), so it is always a time that really
 * happened. The median of 1, 2, 3, 4 minutes is 2 minutes; their 90th percentile is 4 minutes.
 */
export const PERCENTILE_DEFINITION =
  'Median and 90th percentile use the nearest-rank method: of n times sorted from shortest to longest, the p-th percentile is the time at position ⌈p × n⌉.';

const realDate = (s: string) => {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-29')
  .refine((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || realDate(s), 'This date does not exist');

const dayNumber = (s: string) => {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
};
const comparable = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && realDate(s);

export const reportRequestSchema = z.discriminatedUnion('preset', [
  z.object({ preset: z.enum(reportPresets), network: reportNetworkSchema.default('all') }).strict(),
  z
    .object({ preset: z.literal('custom'), from: isoDate, to: isoDate, network: reportNetworkSchema.default('all') })
    .strict()
    .superRefine((v, ctx) => {
      if (!comparable(v.from) || !comparable(v.to)) return;
      const span = dayNumber(v.to) - dayNumber(v.from) + 1;
      if (span < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The last day must not be before the first day' });
      else if (span > MAX_REPORT_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `A report covers at most ${MAX_REPORT_DAYS} days; choose a shorter period` });
    }),
]);
export type ReportRequest = z.input<typeof reportRequestSchema>;

export interface ReportPeriod {
  preset: ReportPreset;
  /** First and last business day, inclusive, YYYY-MM-DD in `timeZone`. */
  from: string;
  to: string;
  timeZone: string;
  /** [startMs, endMs): midnight of `from` to midnight after `to`, in the business time zone. */
  startMs: number;
  endMs: number;
}

export interface VolumeDay {
  date: string;
  /** Customer messages received that day, by channel kind. */
  messages: Record<ChannelKind, number>;
  messageTotal: number;
  /** Conversations (interactions) that began that day. */
  conversations: number;
}

export interface AutomationRow {
  outcome: ReportAutoOutcome;
  /** Closed by Parley without ever reaching an agent. */
  automatic: number;
  /** Answered automatically first (e.g. "we are closed"), then sent to agents. */
  thenToAgents: number;
}

export interface TimeStat {
  /** How many conversations have this time. */
  count: number;
  medianMs: number | null;
  p90Ms: number | null;
}

export interface DispositionShare {
  dispositionId: number;
  code: string;
  label: string;
  count: number;
  /** Share of the conversations completed with a code, 0..1. */
  share: number;
}

export interface AgentReportRow {
  agentId: number;
  name: string;
  /** Conversations the agent completed. */
  handled: number;
  /** Still with the agent (assigned, not completed). */
  open: number;
  medianHandlingMs: number | null;
  medianFirstResponseMs: number | null;
  dispositions: Array<{ dispositionId: number; code: string; label: string; count: number }>;
}

export interface Report {
  period: ReportPeriod;
  network: ReportNetwork;
  generatedAt: number;
  totals: {
    conversations: number;
    messages: number;
    /** Closed by Parley without an agent (sum of AutomationRow.automatic). */
    automatic: number;
    /** Queued for or given to an agent at some point. */
    reachedAgents: number;
    /** Neither (should not happen; shown so the totals add up). */
    undecided: number;
    completed: number;
  };
  volume: VolumeDay[];
  automation: AutomationRow[];
  times: { queueWait: TimeStat; firstResponse: TimeStat; handling: TimeStat };
  dispositions: DispositionShare[];
  agents: AgentReportRow[];
}

export const reportsMethods = {
  /** Every figure of the Reports screen for one period and network, aggregated in the database. */
  'reports.run': method(reportRequestSchema).returns<Report>(),
};
