// Typed access to the settings the engine reads often. Each reader validates what it finds and falls
// back to a safe default, so a hand-edited or older value never crashes the engine.
import { IANAZone } from 'luxon';
import { getSetting } from '../../db/repositories/settings';
import type { DB } from '../../db/connection';

export const TIME_ZONE_KEY = 'calendar.timeZone';

export function defaultTimeZone(): string {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return tz && IANAZone.isValidZone(tz) ? tz : 'UTC';
}

export async function getTimeZone(db: DB): Promise<string> {
  const v = await getSetting(db, TIME_ZONE_KEY);
  return typeof v === 'string' && IANAZone.isValidZone(v) ? v : defaultTimeZone();
}
