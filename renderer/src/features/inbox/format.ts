// How the inbox says waiting times, sentiment and messaging windows.
import type { InboxRow } from '../../../../preload/contract';
import { duration } from '../../lib/format';

/** VADER's usual cut-offs: at or above 0.05 positive, at or below -0.05 negative. */
export function sentimentOf(score: number | null): { label: string; tone: 'ok' | 'danger' | 'neutral' } | null {
  if (score === null) return null;
  if (score >= 0.05) return { label: 'Positive', tone: 'ok' };
  if (score <= -0.05) return { label: 'Negative', tone: 'danger' };
  return { label: 'Neutral', tone: 'neutral' };
}

export function waitingFor(since: number, now: number): string {
  const s = Math.max(0, Math.round((now - since) / 1000));
  if (s < 60) return '<1m';
  return duration(now - since).replace(/ \d+s$/, '');
}

export interface WindowState {
  state: 'open' | 'human_agent' | 'closed';
  text: string;
  /** Less than two hours left in the current window. */
  urgent: boolean;
}

export function messagingWindowOf(w: InboxRow['window'], now: number): WindowState | null {
  if (!w) return null;
  if (now < w.respondUntil) {
    const left = w.respondUntil - now;
    return { state: 'open', text: `Reply within ${duration(left).replace(/ \d+s$/, '')}`, urgent: left < 2 * 3600_000 };
  }
  if (now < w.humanAgentUntil) {
    const left = w.humanAgentUntil - now;
    return { state: 'human_agent', text: `Agent reply only · ${duration(left).replace(/ \d+s$/, '')} left`, urgent: left < 12 * 3600_000 };
  }
  return { state: 'closed', text: 'Messenger window closed', urgent: false };
}
