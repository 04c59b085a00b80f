// Operating hours and special days in the business's IANA time zone. Pure: (calendar, instant) -> answer.
// Wall-clock rules, chosen once and used everywhere:
//  - A range whose closesAt is at or before opensAt runs past midnight; 24:00 is the next midnight.
//  - A wall time that does not exist (the spring-forward gap) is moved forward by the length of the gap
//    (02:30 -> 03:30, as luxon and java.time do); a wall time that happens twice (fall-back) means its
//    first occurrence, so a night shift across the fall-back night lasts one real hour longer.
//  - A yearly special day on 29 February is observed on 28 February in years without a 29th.
//  - A closed special day closes its whole local date; a special day with hours replaces the weekly
//    hours of that date. With no weekly hours configured at all, ordinary days count as open all day.
import { DateTime } from 'luxon';
import type { HoursRange, SpecialDay, WeeklyHours } from '../../preload/contract/model';

export interface Interval {
  start: number; // epoch ms, inclusive
  end: number; // epoch ms, exclusive
}

export interface Calendar {
  timeZone: string;
  hasWeeklyHours: boolean;
  byWeekday: ReadonlyMap<number, readonly HoursRange[]>;
  byDate: ReadonlyMap<string, SpecialDay>;
  yearlyByMonthDay: ReadonlyMap<string, SpecialDay>;
}

export function compileCalendar(timeZone: string, weekly: WeeklyHours, specialDays: readonly SpecialDay[]): Calendar {
  const byWeekday = new Map<number, HoursRange[]>();
  for (const h of weekly) {
    const list = byWeekday.get(h.weekday) ?? [];
    list.push({ opensAt: h.opensAt, closesAt: h.closesAt });
    byWeekday.set(h.weekday, list);
  }
  for (const list of byWeekday.values()) list.sort((a, b) => a.opensAt.localeCompare(b.opensAt));
  const byDate = new Map<string, SpecialDay>();
  const yearlyByMonthDay = new Map<string, SpecialDay>();
  // A one-off day wins over a yearly one on the same date; among equals the first (lowest id) wins.
  for (const d of [...specialDays].sort((a, b) => a.id - b.id)) {
    if (d.recurrence === 'yearly') {
      if (!yearlyByMonthDay.has(d.date.slice(5))) yearlyByMonthDay.set(d.date.slice(5), d);
    } else if (!byDate.has(d.date)) byDate.set(d.date, d);
  }
  return { timeZone, hasWeeklyHours: weekly.length > 0, byWeekday, byDate, yearlyByMonthDay };
}

/** The local date (YYYY-MM-DD) of an instant in the business time zone. */
export function localDate(cal: Pick<Calendar, 'timeZone'>, at: number): string {
  return DateTime.fromMillis(at, { zone: cal.timeZone }).toISODate()!;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The special day that applies on a local date, if any. */
export function specialDayOn(cal: Calendar, date: string): SpecialDay | null {
  const exact = cal.byDate.get(date);
  if (exact) return exact;
  const md = date.slice(5);
  const yearly = cal.yearlyByMonthDay.get(md);
  if (yearly) return yearly;
  if (md === '02-28' && !isLeap(Number(date.slice(0, 4)))) return cal.yearlyByMonthDay.get('02-29') ?? null;
  return null;
}

function wallTime(date: string, hhmm: string, zone: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = hhmm.split(':').map(Number) as [number, number];
  const day = DateTime.fromObject({ year: y, month: mo, day: d }, { zone });
  if (h === 24) return day.plus({ days: 1 }).startOf('day').toMillis();
  const dt = DateTime.fromObject({ year: y, month: mo, day: d, hour: h, minute: mi }, { zone });
  // A wall time that happens twice (clocks going back) means its first occurrence; luxon gives the later.
  const before = DateTime.fromMillis(dt.toMillis() - 3 * 3_600_000, { zone }).offset;
  if (before > dt.offset) {
    const first = DateTime.fromMillis(dt.toMillis() - (before - dt.offset) * 60_000, { zone });
    if (first.day === d && first.hour === h && first.minute === mi) return first.toMillis();
  }
  return dt.toMillis();
}

function nextDate(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

function rangeInterval(date: string, r: HoursRange, zone: string): Interval {
  const start = wallTime(date, r.opensAt, zone);
  const crosses = r.closesAt !== '24:00' && r.closesAt <= r.opensAt;
  const end = crosses ? wallTime(nextDate(date, 1), r.closesAt, zone) : wallTime(date, r.closesAt, zone);
  return { start, end };
}

/** The open intervals that begin on a local date (they may run into the next date). */
export function intervalsStartingOn(cal: Calendar, date: string): Interval[] {
  const special = specialDayOn(cal, date);
  let ranges: readonly HoursRange[];
  if (special) ranges = special.closed ? [] : special.hours.length ? special.hours : [{ opensAt: '00:00', closesAt: '24:00' }];
  else if (!cal.hasWeeklyHours) ranges = [{ opensAt: '00:00', closesAt: '24:00' }];
  else {
    const weekday = DateTime.fromISO(date, { zone: 'UTC' }).weekday;
    ranges = cal.byWeekday.get(weekday) ?? [];
  }
  return ranges.map((r) => rangeInterval(date, r, cal.timeZone)).filter((i) => i.end > i.start);
}

/** Whether the business is open at an instant. A closed special day closes its whole date. */
export function isOpen(cal: Calendar, at: number): boolean {
  const date = localDate(cal, at);
  const today = specialDayOn(cal, date);
  if (today?.closed) return false;
  for (const d of [nextDate(date, -1), date]) {
    for (const i of intervalsStartingOn(cal, d)) if (i.start <= at && at < i.end) return true;
  }
  return false;
}

/** The next instant at or after `at` when the business is open, looking ahead up to `maxDays`; null if never. */
export function nextOpening(cal: Calendar, at: number, maxDays = 400): number | null {
  if (isOpen(cal, at)) return at;
  const first = localDate(cal, at);
  for (let k = -1; k <= maxDays; k++) {
    const date = nextDate(first, k);
    const candidates = intervalsStartingOn(cal, date)
      .filter((i) => i.end > at)
      .sort((a, b) => a.start - b.start);
    for (const i of candidates) {
      const t = Math.max(i.start, at);
      if (isOpen(cal, t)) return t;
      // Opening inside a closed special day: it starts when that day ends.
      const dayEnd = DateTime.fromMillis(t, { zone: cal.timeZone }).plus({ days: 1 }).startOf('day').toMillis();
      if (dayEnd < i.end && isOpen(cal, dayEnd)) return dayEnd;
    }
  }
  return null;
}

// ICU knows a zone's abbreviation (CET, EST, AEDT) only in the English of its region; elsewhere "GMT+1".
const abbreviationLocales = ['en-GB', 'en-US', 'en-AU', 'en-CA', 'en-NZ', 'en-IN'];

function zoneAbbreviation(dt: DateTime): string {
  for (const locale of abbreviationLocales) {
    const name = dt.setLocale(locale).offsetNameShort;
    if (name && !/^(GMT|UTC)[+-]/.test(name)) return name;
  }
  return dt.setLocale('en-GB').offsetNameShort ?? dt.toFormat('ZZ');
}

/** How {opens_at} reads in a message, e.g. "Monday 26 November at 09:00 (CET)". */
export function formatOpensAt(cal: Pick<Calendar, 'timeZone'>, at: number, locale = 'en-GB'): string {
  const dt = DateTime.fromMillis(at, { zone: cal.timeZone }).setLocale(locale);
  return `${dt.toFormat('cccc d LLLL')} at ${dt.toFormat('HH:mm')} (${zoneAbbreviation(dt)})`;
}

export interface CalendarMoment {
  date: string;
  special: SpecialDay | null;
  open: boolean;
  /** Next opening when closed (null when open, or when it never opens within a year). */
  opensAt: number | null;
}

// Time-zone arithmetic is the costly part of a decision, and a batch decides many messages at the same
// instant; calendars are immutable, so the answer for (calendar, instant) is kept for a while.
const moments = new WeakMap<Calendar, Map<number, CalendarMoment>>();

/** Everything the strategy asks the calendar about one instant. */
export function calendarMoment(cal: Calendar, at: number): CalendarMoment {
  let cache = moments.get(cal);
  if (!cache) {
    cache = new Map();
    moments.set(cal, cache);
  }
  const hit = cache.get(at);
  if (hit) return hit;
  const date = localDate(cal, at);
  const open = isOpen(cal, at);
  const m: CalendarMoment = { date, special: specialDayOn(cal, date), open, opensAt: open ? null : nextOpening(cal, at) };
  if (cache.size >= 256) cache.clear();
  cache.set(at, m);
  return m;
}
