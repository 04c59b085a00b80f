// The command line, spawned as an admin's script would run it: JSON out, sentences on stderr, exit codes.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tempDir';
import { startBrain } from '../ingest/harness';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'main/cli.ts');

function run(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code: code ?? -1, out, err }));
    p.stdin.end(stdin);
  });
}

const ics = [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN',
  'BEGIN:VEVENT', 'UID:xmas@test', 'DTSTAMP:20261101T000000Z', 'SUMMARY:Christmas Day', 'DTSTART;VALUE=DATE:20261225', 'DTEND;VALUE=DATE:20261226', 'RRULE:FREQ=YEARLY', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:eve@test', 'DTSTAMP:20261101T000000Z', 'SUMMARY:Christmas Eve', 'DTSTART;TZID=Europe/Berlin:20261224T090000', 'DTEND;TZID=Europe/Berlin:20261224T130000', 'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

describe('the command line', () => {
  let tmp: ReturnType<typeof tempDir>;
  let data: string;
  beforeAll(async () => {
    tmp = tempDir();
    data = path.join(tmp.dir, 'data');
    fs.mkdirSync(data);
    const b = await startBrain({ dir: data });
    await b.ctx.config.setWeeklyHours([1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: '09:00', closesAt: '17:00' })), 'test');
    await b.ctx.config.createTemplate({ kind: 'closed', name: 'Closed', visibility: 'public', variants: ['Hi {handle}, {brand} is closed; back {opens_at}.'] }, 'test');
    await b.ctx.config.createTemplate({ kind: 'special_day', name: 'Holiday', visibility: 'public', variants: ['Happy {special_day}! Back {opens_at}.'] }, 'test');
    await b.close();
    fs.writeFileSync(path.join(tmp.dir, 'holidays.ics'), ics);
    fs.writeFileSync(path.join(tmp.dir, 'broken.ics'), 'this is not a calendar');
  });
  afterAll(() => tmp.cleanup());

  it('preview prints the decision and the exact message, in the business time zone', async () => {
    const r = await run(['preview', '--data', data, '--network', 'x', '--kind', 'mention', '--at', '2026-11-27T18:30', '--text', 'Where is my order?', '--handle', 'ana']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const p = JSON.parse(r.out);
    expect(p.localTime).toBe('2026-11-27 18:30 (Europe/Berlin)');
    expect(p.decision.path.map((s: { step: string }) => s.step)).toEqual(['dedupe', 'contact', 'rules', 'emergency', 'special_day', 'hours', 'auto_reply', 'route', 'throttle']);
    expect(p.autoMessageAct).toEqual({ kind: 'reply', network: 'x', inReplyToTweetId: 'the-customer-message', text: 'Hi @ana, Parley Coffee is closed; back Monday 30 November at 09:00 (CET).' });
  });

  it('calendar import: --dry-run shows what it would add and changes nothing; then it adds, once', async () => {
    const count = () => {
      const db = new BetterSqlite3(path.join(data, 'parley.db'), { readonly: true });
      try {
        return (db.prepare('select count(*) as n from special_day').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    const dry = await run(['calendar', 'import', path.join(tmp.dir, 'holidays.ics'), '--data', data, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({
      dryRun: true,
      added: [
        { date: '2026-12-25', name: 'Christmas Day', closed: true, hours: null, recurrence: 'yearly' },
        { date: '2026-12-24', name: 'Christmas Eve', closed: false, hours: '09:00-13:00', recurrence: 'none' },
      ],
      skipped: [],
    });
    expect(count()).toBe(0);
    const real = await run(['calendar', 'import', path.join(tmp.dir, 'holidays.ics'), '--data', data]);
    expect(real.code).toBe(0);
    expect(JSON.parse(real.out).added).toHaveLength(2);
    expect(count()).toBe(2);
    const again = await run(['calendar', 'import', path.join(tmp.dir, 'holidays.ics'), '--data', data]);
    expect(JSON.parse(again.out)).toMatchObject({ added: [], skipped: [{ reason: 'Already in the calendar.' }, { reason: 'Already in the calendar.' }] });
    // The preview now sees the special day.
    const p = JSON.parse((await run(['preview', '--data', data, '--network', 'facebook', '--kind', 'comment', '--at', '2027-12-25T12:00:00+01:00', '--text', 'hi'])).out);
    expect(p.autoMessageAct.text).toBe('Happy Christmas Day! Back Monday 27 December at 09:00 (CET).');
  });

  it('refuses to write while Parley runs with the data folder, but a dry run still works', async () => {
    fs.writeFileSync(path.join(data, 'parley.lock'), String(process.pid));
    try {
      const r = await run(['calendar', 'import', path.join(tmp.dir, 'holidays.ics'), '--data', data]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/Parley is already running with the data folder/);
      expect((await run(['calendar', 'import', path.join(tmp.dir, 'holidays.ics'), '--data', data, '--dry-run'])).code).toBe(0);
    } finally {
      fs.rmSync(path.join(data, 'parley.lock'), { force: true });
    }
  });

  it('sentiment reads stdin and prints one line per text', async () => {
    const r = await run(['sentiment', '--threshold', '0.5'], 'I love this coffee, thank you so much!\nWorst delivery ever.\nLove the taste but the cup leaked everywhere and it was awful\n');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.line, l.verdict, l.wouldEngage])).toEqual([
      [1, 'positive', true],
      [2, 'negative', false],
      [3, 'mixed', false],
    ]);
    expect(lines[0].compound).toBeGreaterThan(0.5);
  });

  it('says what is wrong, with the exit code a script can act on', async () => {
    const usage = await run(['preview', '--data', data, '--network', 'myspace', '--kind', 'mention', '--at', 'x', '--text', 'y']);
    expect([usage.code, usage.err]).toEqual([64, expect.stringMatching(/--network must be one of x, facebook/)]);
    expect((await run(['frobnicate'])).code).toBe(64);
    expect((await run(['preview', '--data', data])).err).toMatch(/--network is required/);
    const badTime = await run(['preview', '--data', data, '--network', 'x', '--kind', 'dm', '--at', 'tomorrow', '--text', 'y']);
    expect([badTime.code, badTime.err]).toEqual([64, expect.stringMatching(/"tomorrow" is not a date and time/)]);
    const broken = await run(['calendar', 'import', path.join(tmp.dir, 'broken.ics'), '--data', data, '--dry-run']);
    expect([broken.code, broken.err]).toEqual([65, expect.stringMatching(/broken\.ics: This file is not a calendar Parley can read/)]);
    expect((await run(['calendar', 'import', path.join(tmp.dir, 'missing.ics'), '--data', data])).code).toBe(65);
    const nodata = await run(['preview', '--data', path.join(tmp.dir, 'nowhere'), '--network', 'x', '--kind', 'dm', '--at', '2026-01-01T10:00', '--text', 'y']);
    expect([nodata.code, nodata.err]).toEqual([1, expect.stringMatching(/There is no Parley data in/)]);
  });
}, 120_000);
