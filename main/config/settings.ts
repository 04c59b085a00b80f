// Typed access to the settings the engine reads often. Each reader validates what it finds and falls
// back to a safe default, so a hand-edited or older value never crashes the engine.
import { IANAZone } from 'luxon';
import { getSetting } from '../../db/repositories/settings';
import type { DB } from '../../db/connection';
import { defaultStrategySettings, strategySettingsSchema, type StrategySettings } from '../../preload/contract/model';

export const TIME_ZONE_KEY = 'calendar.timeZone';

export function defaultTimeZone(): string {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return tz && IANAZone.isValidZone(tz) ? tz : 'UTC';
}

export async function getTimeZone(db: DB): Promise<string> {
  const v = await getSetting(db, TIME_ZONE_KEY);
  return typeof v === 'string' && IANAZone.isValidZone(v) ? v : defaultTimeZone();
}

export const STRATEGY_SETTINGS_KEY = 'strategy.settings';

/** The strategy settings, with defaults for anything missing or unreadable. */
export async function getStrategySettings(db: DB): Promise<StrategySettings> {
  const v = await getSetting(db, STRATEGY_SETTINGS_KEY);
  const parsed = strategySettingsSchema.safeParse(v ?? {});
  return parsed.success ? parsed.data : defaultStrategySettings;
}
