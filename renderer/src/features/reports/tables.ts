// Every table of the Reports screen as data: the screen renders it, the CSV export writes it, so what a
// person reads and what they download cannot drift apart. Pure: no DOM, no React.
import type { ChannelKind, Report, ReportAutoOutcome, ReportNetwork } from '../../../../preload/contract';
import type { CsvValue } from './csv';

export type ColumnKind = 'text' | 'date' | 'count' | 'duration' | 'percent';

export interface Column {
  label: string;
  kind: ColumnKind;
}

export interface ReportTable {
  id: 'volume' | 'automation' | 'times' | 'dispositions' | 'agents';
  title: string;
  columns: Column[];
  rows: CsvValue[][];
  /** A totals line under the rows, in the same columns. */
  footer: CsvValue[] | null;
}

export const kindLabels: Record<ChannelKind, string> = {
  mention: 'Mentions',
  dm: 'Direct messages',
  post: 'Page posts',
  comment: 'Comments',
  messenger: 'Messenger',
};

export const outcomeLabels: Record<ReportAutoOutcome, string> = {
  special_day: 'Special day message',
  closed: 'Closed-hours message',
  emergency: 'Emergency message',
  auto_reply: 'Automatic reply',
  engagement: 'Liked or retweeted',
  ignored: 'Ignored as spam',
};

/** The channel kinds a network has; both networks show all five. */
export function kindsOf(network: ReportNetwork): ChannelKind[] {
  if (network === 'x') return ['mention', 'dm'];
  if (network === 'facebook') return ['post', 'comment', 'messenger'];
  return ['mention', 'dm', 'post', 'comment', 'messenger'];
}

export function volumeTable(r: Report): ReportTable {
  const kinds = kindsOf(r.network);
  const sum = (f: (d: Report['volume'][number]) => number) => r.volume.reduce((s, d) => s + f(d), 0);
  return {
    id: 'volume',
    title: 'Volume by day',
    columns: [{ label: 'Day', kind: 'date' }, ...kinds.map((k) => ({ label: kindLabels[k], kind: 'count' as const })), { label: 'Messages', kind: 'count' }, { label: 'New conversations', kind: 'count' }],
    rows: r.volume.map((d) => [d.date, ...kinds.map((k) => d.messages[k]), d.messageTotal, d.conversations]),
    footer: ['Total', ...kinds.map((k) => sum((d) => d.messages[k])), sum((d) => d.messageTotal), sum((d) => d.conversations)],
  };
}

export function automationTable(r: Report): ReportTable {
  const answeredFirst = r.automation.reduce((s, a) => s + a.thenToAgents, 0);
  return {
    id: 'automation',
    title: 'Automatic handling',
    columns: [
      { label: 'What Parley did', kind: 'text' },
      { label: 'Closed automatically', kind: 'count' },
      { label: 'Then sent to agents', kind: 'count' },
    ],
    rows: [
      ...r.automation.map((a) => [outcomeLabels[a.outcome], a.automatic, a.thenToAgents]),
      ['Nothing automatic: straight to agents', 0, r.totals.reachedAgents - answeredFirst],
    ],
    footer: ['Total', r.totals.automatic, r.totals.reachedAgents],
  };
}

export function timesTable(r: Report): ReportTable {
  const row = (label: string, t: Report['times']['queueWait']): CsvValue[] => [label, t.count, t.medianMs, t.p90Ms];
  return {
    id: 'times',
    title: 'Waiting, response and handling times',
    columns: [
      { label: 'Measure', kind: 'text' },
      { label: 'Conversations timed', kind: 'count' },
      { label: 'Median', kind: 'duration' },
      { label: '90th percentile', kind: 'duration' },
    ],
    rows: [
      row('Queue waiting time (queued to assigned)', r.times.queueWait),
      row('First response time (received to first agent reply)', r.times.firstResponse),
      row('Handling time (assigned to completed)', r.times.handling),
    ],
    footer: null,
  };
}

export function dispositionsTable(r: Report): ReportTable {
  const total = r.dispositions.reduce((s, d) => s + d.count, 0);
  return {
    id: 'dispositions',
    title: 'Disposition codes',
    columns: [
      { label: 'Code', kind: 'text' },
      { label: 'Label', kind: 'text' },
      { label: 'Conversations', kind: 'count' },
      { label: 'Share', kind: 'percent' },
    ],
    rows: r.dispositions.map((d) => [d.code, d.label, d.count, d.share]),
    footer: total ? ['Total', '', total, 1] : null,
  };
}

export function agentsTable(r: Report): ReportTable {
  return {
    id: 'agents',
    title: 'Agents',
    columns: [
      { label: 'Agent', kind: 'text' },
      { label: 'Handled', kind: 'count' },
      { label: 'Still open', kind: 'count' },
      { label: 'Median handling time', kind: 'duration' },
      { label: 'Median first response', kind: 'duration' },
      { label: 'Dispositions', kind: 'text' },
    ],
    rows: r.agents.map((a) => [a.name, a.handled, a.open, a.medianHandlingMs, a.medianFirstResponseMs, a.dispositions.map((d) => `${d.label}: ${d.count}`).join('; ')]),
    footer: null,
  };
}

/** The CSV of a table: durations in whole seconds and shares in percent, so a spreadsheet can compute with them. */
export function csvOf(table: ReportTable): { header: string[]; rows: CsvValue[][] } {
  const header = table.columns.map((c) => (c.kind === 'duration' ? `${c.label} (seconds)` : c.kind === 'percent' ? `${c.label} (%)` : c.label));
  const cell = (v: CsvValue, c: Column): CsvValue => {
    if (v == null || typeof v === 'string') return v;
    if (c.kind === 'duration') return Math.round(v / 1000);
    if (c.kind === 'percent') return Math.round(v * 1000) / 10;
    return v;
  };
  const lines = table.footer ? [...table.rows, table.footer] : table.rows;
  return { header, rows: lines.map((row) => row.map((v, i) => cell(v, table.columns[i]!))) };
}
