// The CSV export: RFC 4180 quoting, UTF-8 with BOM, the formula guard, and the tables it writes from a
// report (durations in seconds, shares in percent, the totals line).
import { describe, expect, it } from 'vitest';
import { BOM, csvField, csvFileName, toCsv } from '../../../renderer/src/features/reports/csv';
import { agentsTable, automationTable, csvOf, dispositionsTable, timesTable, volumeTable } from '../../../renderer/src/features/reports/tables';
import type { Report } from '../../../preload/contract/reports';

/** A small RFC 4180 reader, written here so the writer is checked against the standard, not itself. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  expect(field).toBe(''); // every line ends with CRLF
  expect(row).toEqual([]);
  return rows;
}

describe('CSV', () => {
  it('quotes every text field, doubles quotes, keeps commas and line breaks inside the field', () => {
    expect(csvField('plain')).toBe('"plain"');
    expect(csvField('Refund, "goodwill"')).toBe('"Refund, ""goodwill"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField(42)).toBe('42');
    expect(csvField(0.5)).toBe('0.5');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    for (const danger of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tTAB', '\rCR']) {
      expect(csvField(danger).startsWith(`"'${danger[0]}`)).toBe(true);
    }
    expect(csvField('Ana = Ana')).toBe('"Ana = Ana"');
    // Numbers are numbers, also negative ones: no apostrophe.
    expect(csvField(-5)).toBe('-5');
  });

  it('writes UTF-8 text with a BOM and CRLF line ends that a reader gets back exactly', () => {
    const text = toCsv(['Agent', 'Note', 'Count'], [
      ['Chloé Dupont', 'said "merci", then left\nfor the day', 3],
      ['=Dora (night shift)', null, 0],
    ]);
    expect(text.startsWith(BOM)).toBe(true);
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(parseCsv(text.slice(1))).toEqual([
      ['Agent', 'Note', 'Count'],
      ['Chloé Dupont', 'said "merci", then left\nfor the day', '3'],
      ["'=Dora (night shift)", '', '0'],
    ]);
  });

  it('names files without characters that trouble a file system', () => {
    expect(csvFileName(['parley', 'volume', '2026-03-27', '2026-03-31', 'all'])).toBe('parley_volume_2026-03-27_2026-03-31_all.csv');
    expect(csvFileName(['Équipe / Süd', ''])).toBe('equipe-sud.csv');
  });
});

describe('report tables as CSV', () => {
  const report: Report = {
    period: { preset: 'custom', from: '2026-03-28', to: '2026-03-29', timeZone: 'Europe/Berlin', startMs: 0, endMs: 1 },
    network: 'x',
    generatedAt: 0,
    totals: { conversations: 5, messages: 7, automatic: 2, reachedAgents: 3, undecided: 0, completed: 2 },
    volume: [
      { date: '2026-03-28', messages: { mention: 3, dm: 1, post: 0, comment: 0, messenger: 0 }, messageTotal: 4, conversations: 3 },
      { date: '2026-03-29', messages: { mention: 2, dm: 1, post: 0, comment: 0, messenger: 0 }, messageTotal: 3, conversations: 2 },
    ],
    automation: [
      { outcome: 'special_day', automatic: 0, thenToAgents: 0 },
      { outcome: 'closed', automatic: 1, thenToAgents: 1 },
      { outcome: 'emergency', automatic: 0, thenToAgents: 0 },
      { outcome: 'auto_reply', automatic: 0, thenToAgents: 0 },
      { outcome: 'engagement', automatic: 0, thenToAgents: 0 },
      { outcome: 'ignored', automatic: 1, thenToAgents: 0 },
    ],
    times: { queueWait: { count: 3, medianMs: 90_400, p90Ms: 3_600_000 }, firstResponse: { count: 0, medianMs: null, p90Ms: null }, handling: { count: 2, medianMs: 600_000, p90Ms: 1_200_000 } },
    dispositions: [
      { dispositionId: 1, code: 'resolved', label: 'Resolved', count: 2, share: 2 / 3 },
      { dispositionId: 2, code: 'refund', label: 'Refund, "goodwill"', count: 1, share: 1 / 3 },
    ],
    agents: [{ agentId: 1, name: '=Dora', handled: 2, open: 1, medianHandlingMs: 600_000, medianFirstResponseMs: null, dispositions: [{ dispositionId: 1, code: 'resolved', label: 'Resolved', count: 2 }] }],
  };
  const rows = (t: ReturnType<typeof volumeTable>) => parseCsv(toCsv(csvOf(t).header, csvOf(t).rows).slice(1));

  it('volume: only the network\'s channel kinds, one line per day and a total', () => {
    expect(rows(volumeTable(report))).toEqual([
      ['Day', 'Mentions', 'Direct messages', 'Messages', 'New conversations'],
      ['2026-03-28', '3', '1', '4', '3'],
      ['2026-03-29', '2', '1', '3', '2'],
      ['Total', '5', '2', '7', '5'],
    ]);
  });

  it('automation: every outcome, the conversations that went straight to agents, and the totals', () => {
    const r = rows(automationTable(report));
    expect(r[0]).toEqual(['What Parley did', 'Closed automatically', 'Then sent to agents']);
    expect(r.slice(1, -1).map((x) => x[0])).toEqual(['Special day message', 'Closed-hours message', 'Emergency message', 'Automatic reply', 'Liked or retweeted', 'Ignored as spam', 'Nothing automatic: straight to agents']);
    expect(r.at(-2)).toEqual(['Nothing automatic: straight to agents', '0', '2']);
    expect(r.at(-1)).toEqual(['Total', '2', '3']);
  });

  it('times in whole seconds, empty where nothing was timed', () => {
    expect(rows(timesTable(report))).toEqual([
      ['Measure', 'Conversations timed', 'Median (seconds)', '90th percentile (seconds)'],
      ['Queue waiting time (queued to assigned)', '3', '90', '3600'],
      ['First response time (received to first agent reply)', '0', '', ''],
      ['Handling time (assigned to completed)', '2', '600', '1200'],
    ]);
  });

  it('dispositions with their share in percent, agents with their formula-guarded names', () => {
    expect(rows(dispositionsTable(report))).toEqual([
      ['Code', 'Label', 'Conversations', 'Share (%)'],
      ['resolved', 'Resolved', '2', '66.7'],
      ['refund', 'Refund, "goodwill"', '1', '33.3'],
      ['Total', '', '3', '100'],
    ]);
    expect(rows(agentsTable(report))).toEqual([
      ['Agent', 'Handled', 'Still open', 'Median handling time (seconds)', 'Median first response (seconds)', 'Dispositions'],
      ["'=Dora", '2', '1', '600', '', 'Resolved: 2'],
    ]);
  });
});
