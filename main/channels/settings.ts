// The channel settings (tracked keywords, stream, poll intervals), kept in the setting table and edited
// in Admin → Channels. Read back through the schema so an older or hand-edited value falls back safely.
import type { DB } from '../../db/connection';
import { appendAudit } from '../../db/repositories/audit';
import { getSetting, putSetting } from '../../db/repositories/settings';
import { channelSettingsSchema, defaultChannelSettings, type ChannelSettings } from '../../preload/contract';

export const CHANNEL_SETTINGS_KEY = 'channels.settings';

export async function loadChannelSettings(db: DB): Promise<ChannelSettings> {
  const raw = await getSetting(db, CHANNEL_SETTINGS_KEY);
  if (raw === undefined) return defaultChannelSettings;
  const parsed = channelSettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : defaultChannelSettings;
}

export async function saveChannelSettings(db: DB, value: ChannelSettings, actor: string, now: number): Promise<ChannelSettings> {
  const parsed = channelSettingsSchema.parse(value);
  await db.transaction().execute(async (trx) => {
    const before = await getSetting(trx, CHANNEL_SETTINGS_KEY);
    await putSetting(trx, CHANNEL_SETTINGS_KEY, parsed, actor, now);
    await appendAudit(trx, { at: now, actor, action: 'update', entity: 'setting', entityId: CHANNEL_SETTINGS_KEY, before: before ?? null, after: parsed });
  });
  return parsed;
}

/** Seconds between polls of one feed, for an account. */
export function pollIntervalMs(s: ChannelSettings, feed: keyof ChannelSettings['pollSeconds'], isSandbox: boolean): number {
  return Math.round((isSandbox ? s.sandboxPollSeconds : s.pollSeconds[feed]) * 1000);
}
