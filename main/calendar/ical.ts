// iCalendar (.ics) import and export of special days, with ical.js. Pure: text in, data out.
// Mapping, chosen once:
//  - an all-day VEVENT is a closed special day on each date it covers (DTEND is exclusive);
//  - a timed VEVENT is a special day open with that time range as its hours (in the business time zone);
//  - RRULE FREQ=YEARLY (every year, no end) becomes one yearly special day; any other rule is expanded into
//    dated special days within the horizon (reported as such);
//  - X-PARLEY-CLOSED / X-PARLEY-HOURS / X-PARLEY-MESSAGE, written by the export, restore what plain
//    iCalendar cannot say, so an export imports back unchanged.
import ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';
import type { HoursRange, SpecialDay, SpecialDayInput } from '../../preload/contract/model';
import { ParleyError } from '../errors';

export interface IcsEntry extends SpecialDayInput {
  uid: string | null;
}

export interface IcsParseResult {
  entries: IcsEntry[];
  /** Sentences about events that were skipped, expanded or adjusted. */
  notes: string[];
  eventCount: number;
}

export interface IcsOptions {
  timeZone: string;
  now: number;
  /** How far ahead non-yearly repeating events are expanded. */
  horizonDays?: number;
  maxOccurrences?: number;
}

const hhmm = (dt: DateTime) => dt.toFormat('HH:mm');
const hoursRe = /^(?:[01]\d|2[0-3]):[0-5]\d-(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;

function unreadable(reason: string): ParleyError {
  return new ParleyError('invalid_input', `This file is not a calendar Parley can read: ${reason}. Export it again as an iCalendar (.ics) file and retry.`);
}

type IcalTime = InstanceType<typeof ICAL.Time>;

function toDateTime(t: IcalTime, tzid: string | null, businessZone: string): DateTime {
  const base = { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second };
  if (t.zone?.tzid === 'UTC' || (t as unknown as { timezone?: string }).timezone === 'Z') return DateTime.fromObject(base, { zone: 'UTC' }).setZone(businessZone);
  if (tzid && IANAZone.isValidZone(tzid)) return DateTime.fromObject(base, { zone: tzid }).setZone(businessZone);
  return DateTime.fromObject(base, { zone: businessZone }); // floating time: read as business time
}

function dateOf(t: IcalTime): string {
  return `${String(t.year).padStart(4, '0')}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
}

export function parseIcs(text: string, options: IcsOptions): IcsParseResult {
  if (!text.trim()) throw unreadable('the file is empty');
  let root: InstanceType<typeof ICAL.Component>;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown as unknown[]);
  } catch (e) {
    throw unreadable((e as Error).message.split('\n')[0]!.slice(0, 200));
  }
  if (root.name !== 'vcalendar') throw unreadable(`it holds a ${root.name.toUpperCase()}, not a VCALENDAR`);
  const zone = options.timeZone;
  const horizon = DateTime.fromMillis(options.now, { zone }).plus({ days: options.horizonDays ?? 730 });
  const maxOcc = options.maxOccurrences ?? 500;
  const events = root.getAllSubcomponents('vevent');
  const entries: IcsEntry[] = [];
  const notes: string[] = [];

  // ICAL.Event looks through every sibling for its exceptions (RECURRENCE-ID) unless given them: quadratic
  // in a large file, so they are grouped by UID once.
  const exceptionsByUid = new Map<string, Array<InstanceType<typeof ICAL.Component>>>();
  for (const ve of events) {
    if (!ve.hasProperty('recurrence-id')) continue;
    const uid = String(ve.getFirstPropertyValue('uid') ?? '');
    exceptionsByUid.set(uid, [...(exceptionsByUid.get(uid) ?? []), ve]);
  }

  for (const ve of events) {
    const ev = new ICAL.Event(ve, { exceptions: ve.hasProperty('recurrence-id') ? [] : (exceptionsByUid.get(String(ve.getFirstPropertyValue('uid') ?? '')) ?? []) });
    const name = (ev.summary ?? '').trim().slice(0, 80) || 'Special day';
    if (!ev.startDate) {
      notes.push(`"${name}" has no start date and was skipped.`);
      continue;
    }
    const uid = ev.uid || null;
    const tzid = (ve.getFirstProperty('dtstart')?.getParameter('tzid') as string | undefined) ?? null;
    const xClosed = ve.getFirstPropertyValue('x-parley-closed');
    const xHours = ve.getFirstPropertyValue('x-parley-hours');
    const xMessage = ve.getFirstPropertyValue('x-parley-message');
    const message = typeof xMessage === 'string' && xMessage.trim() ? xMessage.slice(0, 2000) : null;
    let closed: boolean;
    let hours: HoursRange[] = [];
    const dates: string[] = [];
    if (ev.startDate.isDate) {
      closed = true;
      const first = DateTime.fromISO(dateOf(ev.startDate), { zone: 'UTC' });
      const end = ev.endDate && ev.endDate.isDate ? DateTime.fromISO(dateOf(ev.endDate), { zone: 'UTC' }) : first.plus({ days: 1 });
      const days = Math.max(1, Math.min(366, Math.round(end.diff(first, 'days').days)));
      for (let i = 0; i < days; i++) dates.push(first.plus({ days: i }).toISODate()!);
      if (days > 1) notes.push(`"${name}" spans ${days} days and becomes ${days} special days.`);
    } else {
      closed = false;
      const s = toDateTime(ev.startDate, tzid, zone);
      const e = ev.endDate ? toDateTime(ev.endDate, (ve.getFirstProperty('dtend')?.getParameter('tzid') as string | undefined) ?? tzid, zone) : s.plus({ hours: 1 });
      const sameDay = e.toISODate() === s.toISODate();
      const closesAt = sameDay ? hhmm(e) : '24:00';
      if (!sameDay && !(e.hour === 0 && e.minute === 0 && e.diff(s.startOf('day'), 'days').days <= 1)) notes.push(`"${name}" runs past midnight; its hours end at 24:00.`);
      hours = [{ opensAt: hhmm(s), closesAt }];
      dates.push(s.toISODate()!);
    }
    if (typeof xClosed === 'string') closed = xClosed.trim().toUpperCase() === 'TRUE';
    if (typeof xHours === 'string' && xHours.trim()) {
      const parsed = xHours.split(',').map((r) => r.trim()).filter((r) => hoursRe.test(r));
      if (parsed.length) hours = parsed.map((r) => ({ opensAt: r.slice(0, 5), closesAt: r.slice(6) }));
    }
    if (closed) hours = [];

    const rrule = ve.getFirstPropertyValue('rrule') as InstanceType<typeof ICAL.Recur> | null;
    const yearlyForever =
      rrule && rrule.freq === 'YEARLY' && (rrule.interval ?? 1) === 1 && !rrule.count && !rrule.until && Object.keys(rrule.parts ?? {}).every((p) => p === 'BYMONTH' || p === 'BYMONTHDAY');
    if (rrule && !yearlyForever) {
      // Expand what this rule means into dated special days, from today to the horizon.
      const it = ev.iterator();
      const found: string[] = [];
      const today = DateTime.fromMillis(options.now, { zone }).toISODate()!;
      for (let next = it.next(), n = 0; next && n < 5000 && found.length < maxOcc; next = it.next(), n++) {
        const d = next.isDate ? dateOf(next) : toDateTime(next, tzid, zone).toISODate()!;
        if (d > horizon.toISODate()!) break;
        if (d >= today) found.push(d);
      }
      notes.push(`"${name}" repeats (${rrule.toString()}); expanded into ${found.length} dated special day(s) up to ${horizon.toISODate()}.`);
      for (const d of found) entries.push({ uid: uid ? `${uid}#${d}` : null, name, date: d, recurrence: 'none', closed, hours, message });
      continue;
    }
    for (const d of dates) {
      entries.push({ uid: uid && dates.length > 1 ? `${uid}#${d}` : uid, name, date: d, recurrence: yearlyForever ? 'yearly' : 'none', closed, hours, message });
    }
  }
  return { entries, notes, eventCount: events.length };
}

/** The special days as one iCalendar file, readable by calendar apps and by parseIcs. */
export function exportIcs(days: ReadonlyArray<SpecialDay & { icalUid?: string | null }>, timeZone: string, now: number): string {
  const cal = new ICAL.Component(['vcalendar', [], []]);
  cal.addPropertyWithValue('prodid', '-//Parley//Special days//EN');
  cal.addPropertyWithValue('version', '2.0');
  cal.addPropertyWithValue('x-wr-timezone', timeZone);
  const stamp = ICAL.Time.fromJSDate(new Date(now), true);
  for (const d of days) {
    const ve = new ICAL.Component('vevent');
    ve.addPropertyWithValue('uid', d.icalUid ?? `parley-special-day-${d.id}@parley.invalid`);
    ve.addPropertyWithValue('dtstamp', stamp);
    ve.addPropertyWithValue('summary', d.name);
    const [y, m, day] = d.date.split('-').map(Number) as [number, number, number];
    const first = d.hours[0];
    if (d.closed || !first) {
      ve.addPropertyWithValue('dtstart', ICAL.Time.fromData({ year: y, month: m, day, isDate: true }));
      const next = DateTime.fromISO(d.date, { zone: 'UTC' }).plus({ days: 1 });
      ve.addPropertyWithValue('dtend', ICAL.Time.fromData({ year: next.year, month: next.month, day: next.day, isDate: true }));
    } else {
      const [oh, om] = first.opensAt.split(':').map(Number) as [number, number];
      const start = ve.addPropertyWithValue('dtstart', ICAL.Time.fromData({ year: y, month: m, day, hour: oh, minute: om, second: 0 }));
      start.setParameter('tzid', timeZone);
      const endDay = first.closesAt === '24:00' ? DateTime.fromISO(d.date, { zone: 'UTC' }).plus({ days: 1 }) : DateTime.fromISO(d.date, { zone: 'UTC' });
      const [ch, cm] = first.closesAt === '24:00' ? [0, 0] : (first.closesAt.split(':').map(Number) as [number, number]);
      const end = ve.addPropertyWithValue('dtend', ICAL.Time.fromData({ year: endDay.year, month: endDay.month, day: endDay.day, hour: ch, minute: cm, second: 0 }));
      end.setParameter('tzid', timeZone);
      ve.addPropertyWithValue('x-parley-hours', d.hours.map((h) => `${h.opensAt}-${h.closesAt}`).join(','));
    }
    ve.addPropertyWithValue('x-parley-closed', d.closed ? 'TRUE' : 'FALSE');
    if (d.message) ve.addPropertyWithValue('x-parley-message', d.message);
    if (d.recurrence === 'yearly') ve.addPropertyWithValue('rrule', ICAL.Recur.fromString('FREQ=YEARLY'));
    cal.addSubcomponent(ve);
  }
  return cal.toString().replace(/\r?\n/g, '\r\n') + '\r\n';
}
