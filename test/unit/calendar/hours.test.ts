import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { compileCalendar, formatOpensAt, isOpen, nextOpening, specialDayOn } from '../../../main/calendar/hours';
import type { SpecialDay, WeeklyHours } from '../../../preload/contract/model';

const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const iso = (ms: number | null, zone: string) => (ms == null ? null : DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }));
const everyDay = (opensAt: string, closesAt: string): WeeklyHours => Array.from({ length: 7 }, (_, i) => ({ weekday: i + 1, opensAt, closesAt }));
const day = (over: Partial<SpecialDay> & { date: string }): SpecialDay => ({ id: 1, name: 'Holiday', recurrence: 'none', closed: true, hours: [], message: null, ...over });

describe('operating hours', () => {
  it('several ranges a day, weekdays only, and the next opening across the weekend', () => {
    const zone = 'Europe/Berlin';
    const week: WeeklyHours = [1, 2, 3, 4, 5].flatMap((weekday) => [
      { weekday, opensAt: '09:00', closesAt: '12:00' },
      { weekday, opensAt: '13:00', closesAt: '17:30' },
    ]);
    const cal = compileCalendar(zone, week, []);
    expect(isOpen(cal, at('2026-11-25T09:00', zone))).toBe(true); // Wednesday, opening minute
    expect(isOpen(cal, at('2026-11-25T12:30', zone))).toBe(false); // lunch
    expect(isOpen(cal, at('2026-11-25T17:30', zone))).toBe(false); // closing minute is closed
    expect(iso(nextOpening(cal, at('2026-11-25T12:30', zone)), zone)).toBe('2026-11-25T13:00:00+01:00');
    expect(iso(nextOpening(cal, at('2026-11-27T18:00', zone)), zone)).toBe('2026-11-30T09:00:00+01:00'); // Friday evening -> Monday
    expect(formatOpensAt(cal, at('2026-11-30T09:00', zone))).toBe('Monday 30 November at 09:00 (CET)');
  });

  it('a range past midnight belongs to the day it starts, and 24:00 is the next midnight', () => {
    const zone = 'America/New_York';
    const cal = compileCalendar(zone, [{ weekday: 5, opensAt: '20:00', closesAt: '02:00' }, { weekday: 6, opensAt: '10:00', closesAt: '24:00' }], []);
    expect(isOpen(cal, at('2026-11-27T23:59', zone))).toBe(true); // Friday night
    expect(isOpen(cal, at('2026-11-28T01:59', zone))).toBe(true); // Saturday 01:59, still Friday's shift
    expect(isOpen(cal, at('2026-11-28T02:00', zone))).toBe(false);
    expect(isOpen(cal, at('2026-11-28T23:59', zone))).toBe(true); // Saturday until 24:00
    expect(isOpen(cal, at('2026-11-29T00:00', zone))).toBe(false); // Sunday closed
    expect(iso(nextOpening(cal, at('2026-11-28T03:00', zone)), zone)).toBe('2026-11-28T10:00:00-05:00');
  });

  it('no weekly hours at all means every ordinary day is open', () => {
    const cal = compileCalendar('UTC', [], [day({ date: '2026-12-25' })]);
    expect(isOpen(cal, at('2026-11-25T03:00', 'UTC'))).toBe(true);
    expect(isOpen(cal, at('2026-12-25T12:00', 'UTC'))).toBe(false);
    expect(iso(nextOpening(cal, at('2026-12-25T12:00', 'UTC')), 'UTC')).toBe('2026-12-26T00:00:00Z');
  });
});

describe('daylight saving time', () => {
  // Europe/Berlin: 2026-03-29 02:00 -> 03:00 (gap); 2026-10-25 03:00 -> 02:00 (02:00-03:00 twice).
  it('Berlin: a range opening inside the missing hour opens when the clock jumps', () => {
    const zone = 'Europe/Berlin';
    const cal = compileCalendar(zone, [{ weekday: 7, opensAt: '02:30', closesAt: '06:00' }], []);
    const opens = nextOpening(cal, at('2026-03-29T00:00', zone));
    expect(iso(opens, zone)).toBe('2026-03-29T03:30:00+02:00');
    expect(isOpen(cal, Date.UTC(2026, 2, 29, 0, 59))).toBe(false); // 01:59 CET
    expect(isOpen(cal, Date.UTC(2026, 2, 29, 1, 30))).toBe(true); // 03:30 CEST
    expect(isOpen(cal, Date.UTC(2026, 2, 29, 3, 59))).toBe(true); // 05:59 CEST
  });

  it('Berlin: the hour that happens twice; a night shift is one real hour longer', () => {
    const zone = 'Europe/Berlin';
    const cal = compileCalendar(zone, [{ weekday: 6, opensAt: '22:00', closesAt: '06:00' }], []);
    // Saturday 24 Oct 22:00 CEST (20:00Z) to Sunday 25 Oct 06:00 CET (05:00Z): 9 real hours.
    expect(isOpen(cal, Date.UTC(2026, 9, 24, 19, 59))).toBe(false);
    expect(isOpen(cal, Date.UTC(2026, 9, 24, 20, 0))).toBe(true);
    expect(isOpen(cal, Date.UTC(2026, 9, 25, 0, 30))).toBe(true); // 02:30 CEST (first)
    expect(isOpen(cal, Date.UTC(2026, 9, 25, 1, 30))).toBe(true); // 02:30 CET (second)
    expect(isOpen(cal, Date.UTC(2026, 9, 25, 4, 59))).toBe(true);
    expect(isOpen(cal, Date.UTC(2026, 9, 25, 5, 0))).toBe(false);
    // A range that opens in the repeated hour opens at its first occurrence.
    const early = compileCalendar(zone, [{ weekday: 7, opensAt: '02:30', closesAt: '04:00' }], []);
    expect(iso(nextOpening(early, Date.UTC(2026, 9, 24, 23, 0)), 'UTC')).toBe('2026-10-25T00:30:00Z');
  });

  it('New York: 2026-03-08 02:00 -> 03:00 and 2026-11-01 02:00 -> 01:00', () => {
    const zone = 'America/New_York';
    const cal = compileCalendar(zone, everyDay('01:30', '03:30'), []);
    // Spring: 01:30 EST to 03:30 EDT is one real hour.
    expect(isOpen(cal, Date.UTC(2026, 2, 8, 6, 30))).toBe(true); // 01:30 EST
    expect(isOpen(cal, Date.UTC(2026, 2, 8, 7, 29))).toBe(true); // 03:29 EDT
    expect(isOpen(cal, Date.UTC(2026, 2, 8, 7, 30))).toBe(false); // 03:30 EDT
    // Autumn: 01:30 EDT (first) to 03:30 EST is three real hours.
    expect(isOpen(cal, Date.UTC(2026, 10, 1, 5, 30))).toBe(true); // 01:30 EDT
    expect(isOpen(cal, Date.UTC(2026, 10, 1, 6, 45))).toBe(true); // 01:45 EST (second 01:45)
    expect(isOpen(cal, Date.UTC(2026, 10, 1, 8, 29))).toBe(true); // 03:29 EST
    expect(isOpen(cal, Date.UTC(2026, 10, 1, 8, 30))).toBe(false);
  });

  it('Sydney (southern): clocks go back on 2026-04-05 and forward on 2026-10-04', () => {
    const zone = 'Australia/Sydney';
    const cal = compileCalendar(zone, everyDay('09:00', '17:00'), []);
    expect(iso(nextOpening(cal, at('2026-04-04T18:00', zone)), zone)).toBe('2026-04-05T09:00:00+10:00');
    expect(iso(nextOpening(cal, at('2026-10-03T18:00', zone)), zone)).toBe('2026-10-04T09:00:00+11:00');
    const night = compileCalendar(zone, [{ weekday: 7, opensAt: '02:15', closesAt: '04:00' }], []);
    expect(iso(nextOpening(night, at('2026-10-04T00:00', zone)), zone)).toBe('2026-10-04T03:15:00+11:00');
  });
});

describe('special days', () => {
  it('a yearly special day applies every year; a one-off day beats it on its date', () => {
    const cal = compileCalendar('Europe/Berlin', everyDay('09:00', '17:00'), [
      day({ id: 1, name: 'Christmas Day', date: '2020-12-25', recurrence: 'yearly' }),
      day({ id: 2, name: 'Christmas 2027 (open)', date: '2027-12-25', closed: false, hours: [{ opensAt: '10:00', closesAt: '14:00' }] }),
    ]);
    expect(specialDayOn(cal, '2026-12-25')?.name).toBe('Christmas Day');
    expect(isOpen(cal, at('2026-12-25T12:00', 'Europe/Berlin'))).toBe(false);
    expect(specialDayOn(cal, '2027-12-25')?.name).toBe('Christmas 2027 (open)');
    expect(isOpen(cal, at('2027-12-25T12:00', 'Europe/Berlin'))).toBe(true);
    expect(isOpen(cal, at('2027-12-25T15:00', 'Europe/Berlin'))).toBe(false);
    expect(iso(nextOpening(cal, at('2026-12-24T18:00', 'Europe/Berlin')), 'Europe/Berlin')).toBe('2026-12-26T09:00:00+01:00');
  });

  it('a yearly 29 February is kept on 28 February in years without one', () => {
    const cal = compileCalendar('UTC', [], [day({ name: 'Leap day sale', date: '2024-02-29', recurrence: 'yearly' })]);
    expect(specialDayOn(cal, '2028-02-29')?.name).toBe('Leap day sale');
    expect(specialDayOn(cal, '2028-02-28')).toBeNull();
    expect(specialDayOn(cal, '2027-02-28')?.name).toBe('Leap day sale');
    expect(specialDayOn(cal, '2027-03-01')).toBeNull();
  });

  it('a closed special day closes its date even when the night shift of the day before runs into it', () => {
    const zone = 'Europe/Berlin';
    const cal = compileCalendar(zone, [{ weekday: 4, opensAt: '20:00', closesAt: '02:00' }], [day({ date: '2026-12-25' })]);
    expect(isOpen(cal, at('2026-12-24T23:00', zone))).toBe(true);
    expect(isOpen(cal, at('2026-12-25T01:00', zone))).toBe(false);
  });
});
