// "What would happen": the strategy run on a sample message at a chosen time, sending and storing nothing.
import { DateTime, IANAZone } from 'luxon';
import type { ChannelKind, Network } from '../../preload/contract/model';
import type { ConfigSnapshot } from '../config/snapshot';
import { ParleyError } from '../errors';
import type { OutboxPayload } from '../outbox/payload';
import { decide } from '../strategy/decide';
import type { AvailabilityProbe, Decision } from '../strategy/types';
import { autoMessagePayload, engagementPayloads } from './outboundPlan';

export interface PreviewInput {
  network: Network;
  channelKind: ChannelKind;
  text: string;
  /** ISO-8601; without an offset it is read in the business time zone. */
  at: string;
  authorName?: string | null;
  authorHandle?: string | null;
  brand?: string;
}

export interface PreviewResult {
  at: number;
  /** The moment in the business time zone, e.g. "2026-12-24 18:30 (Europe/Berlin)". */
  localTime: string;
  timeZone: string;
  decision: Decision;
  /** The act that would carry the automatic message, with its exact text. */
  autoMessageAct: OutboxPayload | null;
  engagementActs: OutboxPayload[];
}

/** Reads the preview time: an offset or Z is honoured, otherwise the business time zone applies. */
export function parsePreviewTime(at: string, timeZone: string): number {
  const zone = IANAZone.isValidZone(timeZone) ? timeZone : 'UTC';
  const dt = DateTime.fromISO(at.trim(), { zone, setZone: false });
  if (!dt.isValid) {
    throw new ParleyError('invalid_input', `"${at}" is not a date and time Parley can read; use ISO-8601 like 2026-12-24T18:30 or 2026-12-24T18:30:00+01:00.`, { at: 'Use ISO-8601, e.g. 2026-12-24T18:30' });
  }
  return dt.toMillis();
}

export function previewDecision(snapshot: ConfigSnapshot, input: PreviewInput, probe: AvailabilityProbe): PreviewResult {
  const at = parsePreviewTime(input.at, snapshot.timeZone);
  const name = input.authorName?.trim() || 'Sample Customer';
  const handle = input.network === 'x' ? (input.authorHandle?.replace(/^@/, '').trim() || 'sample_customer') : null;
  const decision = decide(
    { network: input.network, channelKind: input.channelKind, text: input.text, at, networkMessageId: `preview-${at}`, brand: input.brand ?? 'your brand' },
    { name, handle, lastAutoMessageAt: null },
    snapshot,
    probe,
  );
  decision.path.unshift(
    { step: 'dedupe', outcome: 'preview', detail: 'A preview: nothing is stored and nothing is sent.' },
    { step: 'contact', outcome: 'preview', detail: `A first-time contact ${name}${handle ? ` (@${handle})` : ''}, so the automatic-message throttle does not apply.` },
  );
  const item = {
    accountId: 0,
    network: input.network,
    channelKind: input.channelKind,
    networkMessageId: 'the-customer-message',
    threadNetworkId: 'the-thread',
    inReplyToNetworkId: null,
    author: { networkUserId: 'the-customer', handle, displayName: name, avatarUrl: null },
    text: input.text,
    sentAt: at,
    raw: null,
    via: 'sandbox' as const,
  };
  const auto = decision.autoMessage && !decision.autoMessage.suppressedBy ? autoMessagePayload(item, decision.autoMessage.visibility, decision.autoMessage.text).payload : null;
  const engagementActs = decision.engagement ? engagementPayloads(item, decision.engagement.like, decision.engagement.retweet).map((e) => e.payload) : [];
  const local = DateTime.fromMillis(at, { zone: snapshot.timeZone });
  return { at, localTime: `${local.toFormat('yyyy-LL-dd HH:mm')} (${snapshot.timeZone})`, timeZone: snapshot.timeZone, decision, autoMessageAct: auto, engagementActs };
}
