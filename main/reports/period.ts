// Business days as instants. A report's day is a calendar day in the business time zone, so a day can
// last 23 or 25 hours around a DST change; every boundary is computed by luxon, never by adding 24 h.
import { DateTime } from 'luxon';
import type { ReportPeriod, ReportPreset } from '../../preload/contract/reports';

export interface DayRange {
  date: string;
  startMs: number;
  endMs: number;
}

export type PeriodChoice = { preset: Exclude<ReportPreset, 'custom'> } | { preset: 'custom'; from: string; to: string };

const startOfDay = (date: string, timeZone: string): DateTime => DateTime.fromISO(date, { zone: timeZone }).startOf('day');

/** The first and last business day of a preset, relative to `now`, in `timeZone`. */
export function resolvePeriod(choice: PeriodChoice, timeZone: string, now: number): ReportPeriod {
  let from: string;
  let to: string;
  if (choice.preset === 'custom') {
    from = choice.from;
    to = choice.to;
  } else {
    const today = DateTime.fromMillis(now, { zone: timeZone }).startOf('day');
    const first =
      choice.preset === 'today' ? today : choice.preset === 'last7' ? today.minus({ days: 6 }) : choice.preset === 'last30' ? today.minus({ days: 29 }) : today.startOf('month');
    from = first.toISODate()!;
    to = today.toISODate()!;
  }
  const startMs = startOfDay(from, timeZone).toMillis();
  const endMs = startOfDay(to, timeZone).plus({ days: 1 }).startOf('day').toMillis();
  return { preset: choice.preset, from, to, timeZone, startMs, endMs };
}

/** Every business day of the period with its own start and end instant. */
export function daysOf(period: ReportPeriod): DayRange[] {
  const days: DayRange[] = [];
  let day = startOfDay(period.from, period.timeZone);
  const last = period.to;
  for (;;) {
    const date = day.toISODate()!;
    const next = day.plus({ days: 1 }).startOf('day');
    days.push({ date, startMs: day.toMillis(), endMs: next.toMillis() });
    if (date >= last) break;
    day = next;
  }
  return days;
}
