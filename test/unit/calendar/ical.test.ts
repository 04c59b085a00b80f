import { describe, expect, it } from 'vitest';
import { exportIcs, parseIcs } from '../../../main/calendar/ical';
import { ParleyError } from '../../../main/errors';
import type { SpecialDay } from '../../../preload/contract/model';

const now = Date.UTC(2026, 10, 25, 12);
const opts = { timeZone: 'Europe/Berlin', now };
const cal = (...events: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', ...events, 'END:VCALENDAR'].join('\r\n');
const ev = (...lines: string[]) => ['BEGIN:VEVENT', `DTSTAMP:20261101T000000Z`, ...lines, 'END:VEVENT'].join('\r\n');

describe('iCalendar import', () => {
  it('all-day events close their dates; a yearly rule becomes a yearly special day', () => {
    const r = parseIcs(
      cal(
        ev('UID:xmas@example', 'SUMMARY:Christmas Day', 'DTSTART;VALUE=DATE:20261225', 'DTEND;VALUE=DATE:20261226', 'RRULE:FREQ=YEARLY'),
        ev('UID:break@example', 'SUMMARY:Winter break', 'DTSTART;VALUE=DATE:20261228', 'DTEND;VALUE=DATE:20261231'),
      ),
      opts,
    );
    expect(r.entries).toEqual([
      { uid: 'xmas@example', name: 'Christmas Day', date: '2026-12-25', recurrence: 'yearly', closed: true, hours: [], message: null },
      { uid: 'break@example#2026-12-28', name: 'Winter break', date: '2026-12-28', recurrence: 'none', closed: true, hours: [], message: null },
      { uid: 'break@example#2026-12-29', name: 'Winter break', date: '2026-12-29', recurrence: 'none', closed: true, hours: [], message: null },
      { uid: 'break@example#2026-12-30', name: 'Winter break', date: '2026-12-30', recurrence: 'none', closed: true, hours: [], message: null },
    ]);
    expect(r.notes).toEqual(['"Winter break" spans 3 days and becomes 3 special days.']);
  });

  it('a timed event gives special hours in the business time zone, whatever zone it was written in', () => {
    const r = parseIcs(
      cal(
        ev('UID:eve', 'SUMMARY:Christmas Eve', 'DTSTART;TZID=Europe/Berlin:20261224T090000', 'DTEND;TZID=Europe/Berlin:20261224T130000'),
        ev('UID:ny', 'SUMMARY:New Year\'s Eve', 'DTSTART:20261231T080000Z', 'DTEND:20261231T110000Z'),
      ),
      opts,
    );
    expect(r.entries.map((e) => [e.name, e.date, e.closed, e.hours])).toEqual([
      ['Christmas Eve', '2026-12-24', false, [{ opensAt: '09:00', closesAt: '13:00' }]],
      ["New Year's Eve", '2026-12-31', false, [{ opensAt: '09:00', closesAt: '12:00' }]],
    ]);
  });

  it('other repeating rules are expanded into dated days up to the horizon, and said so', () => {
    const r = parseIcs(cal(ev('UID:inv', 'SUMMARY:Inventory', 'DTSTART;VALUE=DATE:20261202', 'RRULE:FREQ=MONTHLY;COUNT=3')), opts);
    expect(r.entries.map((e) => [e.date, e.recurrence])).toEqual([
      ['2026-12-02', 'none'],
      ['2027-01-02', 'none'],
      ['2027-02-02', 'none'],
    ]);
    expect(r.notes[0]).toMatch(/repeats \(FREQ=MONTHLY;COUNT=3\); expanded into 3 dated special day/);
  });

  it('refuses a file it cannot read, with a sentence', () => {
    for (const bad of ['', 'hello world', 'BEGIN:VCARD\r\nVERSION:4.0\r\nEND:VCARD']) {
      let err: unknown;
      try {
        parseIcs(bad, opts);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ParleyError);
      expect((err as ParleyError).code).toBe('invalid_input');
      expect((err as ParleyError).message).toMatch(/not a calendar Parley can read/);
    }
  });
});

describe('iCalendar round trip', () => {
  it('exports special days and imports them back unchanged', () => {
    const days: Array<SpecialDay & { icalUid: string | null }> = [
      { id: 1, name: 'Christmas Day', date: '2026-12-25', recurrence: 'yearly', closed: true, hours: [], message: 'Merry Christmas, {name}! Back on {opens_at}.', icalUid: null },
      { id: 2, name: 'Christmas Eve', date: '2026-12-24', recurrence: 'none', closed: false, hours: [{ opensAt: '09:00', closesAt: '12:00' }, { opensAt: '13:00', closesAt: '15:00' }], message: null, icalUid: 'eve@corp' },
      { id: 3, name: 'Late night, sales; "quoted"', date: '2027-01-15', recurrence: 'none', closed: false, hours: [{ opensAt: '18:00', closesAt: '24:00' }], message: null, icalUid: null },
    ];
    const text = exportIcs(days, 'Europe/Berlin', now);
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    const back = parseIcs(text, opts);
    expect(back.entries).toEqual(
      days.map(({ id, icalUid, ...d }) => ({ ...d, uid: icalUid ?? `parley-special-day-${id}@parley.invalid` })),
    );
  });
});
