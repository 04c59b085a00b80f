// Every wait the channels and the outbox make, in one place. The live values follow X's and Meta's
// guidance; Sandbox mode uses shorter ones (the emulator has no real limits to respect), and tests may
// override any of them through the engine options.
export interface ChannelTiming {
  /** Longest single timer while waiting for a clock time, so a clock moved by a test is noticed. */
  clockStepMs: number;
  /** Poller retries after a transient failure: exponential from base, capped. */
  pollRetryBaseMs: number;
  pollRetryCapMs: number;
  /** A poller that met a permanent error tries again after this long (the admin may fix the cause). */
  permanentRetryMs: number;
  /** Stream reconnects (X guidance): network errors linear +step up to cap; HTTP errors exponential from
   *  base up to cap; 429 exponential from its own base. */
  streamNetworkStepMs: number;
  streamNetworkCapMs: number;
  streamHttpBaseMs: number;
  streamHttpCapMs: number;
  streamRateBaseMs: number;
  streamRateCapMs: number;
  /** Outbox retries: jittered exponential from base, capped. */
  outboxRetryBaseMs: number;
  outboxRetryCapMs: number;
  /** How often the outbox looks for due items besides being woken. */
  outboxScanMs: number;
  /** How long a brand-new outbound act may keep trying when no deadline is given. */
  outboxDefaultDeadlineMs: number;
}

export const liveTiming: ChannelTiming = {
  clockStepMs: 1000,
  pollRetryBaseMs: 5_000,
  pollRetryCapMs: 5 * 60_000,
  permanentRetryMs: 5 * 60_000,
  streamNetworkStepMs: 250,
  streamNetworkCapMs: 16_000,
  streamHttpBaseMs: 5_000,
  streamHttpCapMs: 320_000,
  streamRateBaseMs: 60_000,
  streamRateCapMs: 15 * 60_000,
  outboxRetryBaseMs: 2_000,
  outboxRetryCapMs: 15 * 60_000,
  outboxScanMs: 1_000,
  outboxDefaultDeadlineMs: 24 * 60 * 60_000,
};

export const sandboxTiming: ChannelTiming = {
  ...liveTiming,
  clockStepMs: 250,
  pollRetryBaseMs: 500,
  pollRetryCapMs: 10_000,
  permanentRetryMs: 10_000,
  streamHttpBaseMs: 500,
  streamHttpCapMs: 10_000,
  streamRateBaseMs: 1_000,
  streamRateCapMs: 10_000,
  outboxRetryBaseMs: 500,
  outboxRetryCapMs: 30_000,
  outboxScanMs: 500,
};

/** Exponential backoff with "equal jitter": half fixed, half random, so many clients do not retry in step. */
export function jitteredBackoff(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (random() * exp) / 2);
}

export type StreamFailure = 'network' | 'http' | 'rate_limited';

/** X's reconnect guidance for the filtered stream, by kind of failure and consecutive attempt (1-based). */
export function streamBackoff(kind: StreamFailure, attempt: number, t: ChannelTiming): number {
  const n = Math.max(1, attempt);
  switch (kind) {
    case 'network':
      return Math.min(t.streamNetworkCapMs, t.streamNetworkStepMs * n);
    case 'http':
      return Math.min(t.streamHttpCapMs, t.streamHttpBaseMs * 2 ** (n - 1));
    case 'rate_limited':
      return Math.min(t.streamRateCapMs, t.streamRateBaseMs * 2 ** (n - 1));
  }
}
