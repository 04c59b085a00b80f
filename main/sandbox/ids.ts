// Identifier factories. X ids are snowflakes from the sandbox clock, strictly increasing; Facebook ids
// have the shapes real Graph ids have ("{page}_{post}", "{post}_{comment}", "t_...", "m_...").
import type { SandboxClock } from './clock';

/** Twitter's snowflake epoch (ms). The library's dateStringToSnowflakeId uses the same one. */
export const TWITTER_EPOCH = 1288834974657n;

export function snowflakeAt(ms: number): string {
  const t = BigInt(Math.max(0, Math.floor(ms))) - TWITTER_EPOCH;
  return ((t < 0n ? 0n : t) << 22n).toString();
}

/** The time a snowflake was minted at (ms). */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + TWITTER_EPOCH);
}

/** Compares decimal id strings without BigInt: longer is larger, then lexical. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isNumericId(s: string): boolean {
  return /^[0-9]{1,19}$/.test(s);
}

export class SnowflakeFactory {
  private last = 0n;
  constructor(private readonly clock: SandboxClock) {}

  next(): string {
    const t = BigInt(this.clock.now()) - TWITTER_EPOCH;
    let id = t << 22n;
    // Many ids in one millisecond use the sequence bits; never repeat or go backwards.
    if (id <= this.last) id = this.last + 1n;
    this.last = id;
    return id.toString();
  }
}

const MID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Facebook-looking ids: numeric objects grow from a 15-digit base, message ids are long opaque strings. */
export class FacebookIds {
  private counter = 0;
  constructor(private readonly base = 331_881_159_596_299) {}

  /** A bare numeric object id (post part, comment part, PSID, page). */
  object(): string {
    this.counter += 1 + (this.counter % 7);
    return String(this.base + this.counter * 97);
  }

  psid(): string {
    this.counter += 1;
    return String(6_780_462_125_377_510 + this.counter * 1_013);
  }

  thread(): string {
    this.counter += 1;
    return `t_${1_022_442_277_666_182 + this.counter * 311}`;
  }

  message(): string {
    this.counter += 1;
    // Deterministic but opaque: a mixed-radix spread of the counter, padded like real mids.
    let n = this.counter * 2_654_435_761;
    let out = '';
    for (let i = 0; i < 86; i++) {
      out += MID_ALPHABET[(n + i * 31) % 64];
      n = Math.floor(n / 3) + this.counter + i;
    }
    return `m_${out}`;
  }

  traceId(): string {
    this.counter += 1;
    let n = this.counter * 40_503;
    let out = '';
    for (let i = 0; i < 11; i++) {
      out += MID_ALPHABET[(n + i * 17) % 62];
      n = Math.floor(n / 5) + i;
    }
    return out;
  }
}
