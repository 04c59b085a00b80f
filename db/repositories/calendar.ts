// The business calendar: weekly hours, special days and the emergency switch (one row).
import type { DB } from '../connection';
import type { SpecialDayRow } from '../schema';
import type { EmergencyRecord as Emergency, EmergencyWrite as EmergencyInput, HoursRangeRecord as HoursRange, SpecialDayRecord, SpecialDayWrite as SpecialDayInput, WeeklyHoursRecord as WeeklyHours } from './configTypes';

export async function getWeeklyHours(db: DB): Promise<WeeklyHours> {
  const rows = await db.selectFrom('weekly_hours').selectAll().orderBy('weekday').orderBy('opens_at').orderBy('id').execute();
  return rows.map((r) => ({ weekday: r.weekday, opensAt: r.opens_at, closesAt: r.closes_at }));
}

/** Replaces the whole week: the Admin screen edits it as one table. */
export async function replaceWeeklyHours(db: DB, hours: WeeklyHours): Promise<void> {
  await db.deleteFrom('weekly_hours').execute();
  if (hours.length) await db.insertInto('weekly_hours').values(hours.map((h) => ({ weekday: h.weekday, opens_at: h.opensAt, closes_at: h.closesAt }))).execute();
}

export function toSpecialDay(r: SpecialDayRow): SpecialDayRecord {
  return {
    id: r.id,
    name: r.name,
    date: r.date,
    recurrence: r.recurrence,
    closed: r.closed === 1,
    hours: r.hours_json ? (JSON.parse(r.hours_json) as HoursRange[]) : [],
    message: r.message,
    icalUid: r.ical_uid,
  };
}

export async function listSpecialDays(db: DB, range?: { from?: string; to?: string }): Promise<SpecialDayRecord[]> {
  let q = db.selectFrom('special_day').selectAll().orderBy('date').orderBy('id');
  // Yearly days apply in every year, so a date range never hides them.
  if (range?.from) q = q.where((eb) => eb.or([eb('date', '>=', range.from!), eb('recurrence', '=', 'yearly')]));
  if (range?.to) q = q.where((eb) => eb.or([eb('date', '<=', range.to!), eb('recurrence', '=', 'yearly')]));
  return (await q.execute()).map(toSpecialDay);
}

export async function getSpecialDay(db: DB, id: number): Promise<SpecialDayRecord | undefined> {
  const r = await db.selectFrom('special_day').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toSpecialDay(r) : undefined;
}

function columns(input: SpecialDayInput) {
  return {
    name: input.name,
    date: input.date,
    recurrence: input.recurrence,
    closed: input.closed ? 1 : 0,
    hours_json: input.closed || input.hours.length === 0 ? null : JSON.stringify(input.hours),
    message: input.message,
  };
}

export async function insertSpecialDay(db: DB, input: SpecialDayInput, now: number, icalUid: string | null = null): Promise<number> {
  const r = await db
    .insertInto('special_day')
    .values({ ...columns(input), template_id: null, ical_uid: icalUid, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateSpecialDay(db: DB, id: number, input: SpecialDayInput, now: number): Promise<void> {
  await db.updateTable('special_day').set({ ...columns(input), updated_at: now }).where('id', '=', id).execute();
}

export async function deleteSpecialDay(db: DB, id: number): Promise<void> {
  await db.deleteFrom('special_day').where('id', '=', id).execute();
}

export async function getEmergency(db: DB): Promise<Emergency> {
  const r = await db.selectFrom('emergency').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!r) return { active: false, scope: 'all', message: '', endsAt: null, changedBy: null, changedAt: 0 };
  return { active: r.active === 1, scope: r.scope, message: r.message, endsAt: r.ends_at, changedBy: r.changed_by, changedAt: r.changed_at };
}

export async function putEmergency(db: DB, input: EmergencyInput, actor: string, now: number): Promise<void> {
  const values = { active: input.active ? 1 : 0, scope: input.scope, message: input.message, ends_at: input.endsAt, changed_by: actor, changed_at: now };
  await db
    .insertInto('emergency')
    .values({ id: 1, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}
