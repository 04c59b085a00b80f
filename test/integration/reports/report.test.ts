// Reports against a seeded database, through the real engine and its dispatch (contract validation
// included). Every figure is compared with numbers computed from the seed in expected.ts.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../db/connection';
import { migrateSqlite } from '../../../db/migrate';
import { ManualClock } from '../../../main/clock';
import { startEngine, DB_FILE, type Engine } from '../../../main/engine';
import { silentLogger } from '../../../main/log';
import type { Report, ReportRequest } from '../../../preload/contract/reports';
import { tempDir } from '../../helpers/tempDir';
import { expectedFor, type NetworkChoice } from './expected';
import { berlin, PERIOD, seedReports } from './seed';

const session = { id: 'reports-test', host: 'web' as const, agentId: null };
const HOUR = 3_600_000;

describe('reports over a seeded database', () => {
  let engine: Engine;
  let clock: ManualClock;
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    tmp = tempDir();
    // Seeded before the engine starts, as a data folder with history would be.
    const handle = openSqlite(path.join(tmp.dir, DB_FILE));
    await migrateSqlite(handle, { appVersion: 'test' });
    await seedReports(handle.db);
    await handle.close();
    clock = new ManualClock(berlin('2026-03-31', '18:00'));
    engine = await startEngine({ dataDir: tmp.dir, host: 'web', log: silentLogger, clock });
  });
  afterAll(async () => {
    await engine.close();
    tmp.cleanup();
  });

  async function run(input: ReportRequest): Promise<Report> {
    const r = await engine.dispatch('reports.run', input, session);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value as Report;
  }

  for (const network of ['all', 'x', 'facebook'] as const satisfies readonly NetworkChoice[]) {
    it(`matches every figure computed from the seed (${network})`, async () => {
      const report = await run({ preset: 'custom', ...PERIOD, network });
      const want = expectedFor(['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31'], berlin(PERIOD.from, '00:00'), berlin('2026-04-01', '00:00'), network);

      expect(report.period).toMatchObject({ preset: 'custom', ...PERIOD, timeZone: 'Europe/Berlin', startMs: berlin(PERIOD.from, '00:00'), endMs: berlin('2026-04-01', '00:00') });
      expect(report.network).toBe(network);
      expect(report.volume.map((d) => d.date)).toEqual(want.days);
      expect(report.volume.map((d) => d.conversations)).toEqual(want.conversationsByDay);
      expect(report.volume.map((d) => d.messages)).toEqual(want.messagesByDay);
      expect(report.volume.map((d) => d.messageTotal)).toEqual(want.messagesByDay.map((m) => Object.values(m).reduce((a, b) => a + b, 0)));
      expect(report.totals).toEqual(want.totals);
      expect(Object.fromEntries(report.automation.map((a) => [a.outcome, { automatic: a.automatic, thenToAgents: a.thenToAgents }]))).toEqual(want.automation);
      expect(report.times).toEqual(want.times);
      expect(report.dispositions.map(({ code, label, count, share }) => ({ code, label, count, share }))).toEqual(want.dispositions);
      expect(
        report.agents.map((a) => ({
          name: a.name,
          handled: a.handled,
          open: a.open,
          medianHandlingMs: a.medianHandlingMs,
          medianFirstResponseMs: a.medianFirstResponseMs,
          dispositions: Object.fromEntries(a.dispositions.map((d) => [d.code, d.count])),
        })),
      ).toEqual(want.agents);
    });
  }

  it('counts days in the business time zone across the spring DST change (figures checked by hand)', async () => {
    const report = await run({ preset: 'custom', ...PERIOD });
    // 27: a1 b1 c0 c1 c2 c3 c14 · 28: a2 b2 c4 c13 · 29: a3 (00:30 CET, still the 28th in UTC) a4 b5 c5 c6 c7
    // 30: a5 (00:15 CEST, still the 29th in UTC) a6 a8 b3 c8 c9 c15 · 31: a7 b4 c10 c11 c12
    expect(report.volume.map((d) => [d.date, d.conversations])).toEqual([
      ['2026-03-27', 7],
      ['2026-03-28', 4],
      ['2026-03-29', 6],
      ['2026-03-30', 7],
      ['2026-03-31', 5],
    ]);
    // Customer messages: c0's was written at 23:59 on the 26th (outside); o2 begins on 1 April but its
    // message was written at 23:59:30 on the 31st (inside); c14's reply at 00:06 belongs to the 28th.
    expect(report.volume.map((d) => d.messageTotal)).toEqual([9, 6, 7, 7, 6]);
    expect(report.totals).toMatchObject({ conversations: 29, messages: 35, automatic: 8, reachedAgents: 21, undecided: 0, completed: 17 });
    // The 29th lasts 23 hours: 00:00 CET (23:00 UTC on the 28th) to 00:00 CEST (22:00 UTC on the 29th).
    expect(berlin('2026-03-30', '00:00') - berlin('2026-03-29', '00:00')).toBe(23 * HOUR);
  });

  it('measures across the DST gap in real time: 01:30 CET to 03:15 CEST is a 45-minute wait', async () => {
    const report = await run({ preset: 'custom', from: '2026-03-29', to: '2026-03-29', network: 'facebook' });
    // Facebook on the 29th: a4 (automatic) and c5 (queued 01:30 CET, assigned 03:15 CEST).
    expect(report.times.queueWait).toEqual({ count: 1, medianMs: 45 * 60_000, p90Ms: 45 * 60_000 });
    expect(report.agents.map((a) => [a.name, a.handled, a.medianHandlingMs])).toEqual([['Ben Okafor', 1, 30 * 60_000]]);
  });

  it('resolves the presets against the clock, in the business time zone', async () => {
    // 23:30 on 31 March in Berlin is 21:30 UTC: still "today" the 31st.
    clock.set(berlin('2026-03-31', '23:30'));
    expect((await run({ preset: 'today' })).period).toMatchObject({ from: '2026-03-31', to: '2026-03-31', startMs: berlin('2026-03-31', '00:00'), endMs: berlin('2026-04-01', '00:00') });
    expect((await run({ preset: 'last7' })).period).toMatchObject({ from: '2026-03-25', to: '2026-03-31' });
    expect((await run({ preset: 'last30' })).period).toMatchObject({ from: '2026-03-02', to: '2026-03-31' });
    expect((await run({ preset: 'thisMonth' })).period).toMatchObject({ from: '2026-03-01', to: '2026-03-31' });
    // 00:30 on 1 April in Berlin is 22:30 UTC on 31 March: already the 1st here.
    clock.set(berlin('2026-04-01', '00:30'));
    const today = await run({ preset: 'today' });
    expect(today.period).toMatchObject({ from: '2026-04-01', to: '2026-04-01' });
    expect(today.totals.conversations).toBe(1); // o2, at midnight
    expect((await run({ preset: 'thisMonth' })).period).toMatchObject({ from: '2026-04-01', to: '2026-04-01' });
    const week = await run({ preset: 'last7' });
    expect(week.period).toMatchObject({ from: '2026-03-26', to: '2026-04-01' });
    expect(week.volume).toHaveLength(7);
    expect(week.totals.conversations).toBe(31); // the whole seed, o1 (26 March) and o2 (1 April) included
  });

  it('reports an empty period as zeros and empty lists, not as an error', async () => {
    const report = await run({ preset: 'custom', from: '2026-02-01', to: '2026-02-03' });
    expect(report.volume.map((d) => [d.date, d.messageTotal, d.conversations])).toEqual([
      ['2026-02-01', 0, 0],
      ['2026-02-02', 0, 0],
      ['2026-02-03', 0, 0],
    ]);
    expect(report.totals).toEqual({ conversations: 0, messages: 0, automatic: 0, reachedAgents: 0, undecided: 0, completed: 0 });
    expect(report.times.firstResponse).toEqual({ count: 0, medianMs: null, p90Ms: null });
    expect(report.dispositions).toEqual([]);
    expect(report.agents).toEqual([]);
  });

  it('refuses a period it cannot report on, saying which date is wrong', async () => {
    const backwards = await engine.dispatch('reports.run', { preset: 'custom', from: '2026-03-31', to: '2026-03-01' }, session);
    expect(backwards).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { to: 'The last day must not be before the first day' } } });
    const impossible = await engine.dispatch('reports.run', { preset: 'custom', from: '2026-02-30', to: '2026-03-01' }, session);
    expect(impossible).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { from: 'This date does not exist' } } });
    const tooLong = await engine.dispatch('reports.run', { preset: 'custom', from: '2025-01-01', to: '2026-03-01' }, session);
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { to: expect.stringMatching(/at most 366 days/) } } });
    const network = await engine.dispatch('reports.run', { preset: 'today', network: 'myspace' }, session);
    expect(network).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { network: expect.any(String) } } });
  });
});
