// The sandbox's own time. It runs with the wall clock (so a long demo still sees rate-limit windows reset and
// tokens expire) from a chosen start, and tests move it forward: token expiry, messaging windows, rate-limit
// resets, created_at and snowflake ids all read it.
export interface SandboxClock {
  now(): number;
  advance(ms: number): void;
}

export function createSandboxClock(start: number = Date.now(), wall: () => number = Date.now): SandboxClock {
  const wallAtStart = wall();
  let offset = 0;
  let last = start;
  return {
    now() {
      // Never goes backwards, even if the wall clock is adjusted under us.
      const t = start + (wall() - wallAtStart) + offset;
      if (t > last) last = t;
      return last;
    },
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('The sandbox clock only moves forward (advance_ms must be 0 or more).');
      offset += ms;
    },
  };
}
