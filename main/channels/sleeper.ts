// Waiting for a time on the engine clock. Timers are capped at a step so that a clock moved forward (a
// test, the sandbox) is noticed; a wait can be cut short (new work, settings changed) or abandoned (stop).
import type { Clock } from '../clock';

export class Sleeper {
  private wakeUp: (() => void) | null = null;
  private stopped = false;
  /** A wake() while not waiting is kept, so the next wait returns at once instead of missing it. */
  private woken = false;

  constructor(
    private readonly clock: Clock,
    private readonly stepMs: number,
  ) {}

  /** Resolves at `t` on the clock, on wake(), or on stop(). Returns false once stopped. */
  async until(t: number): Promise<boolean> {
    if (this.woken) {
      this.woken = false;
      return !this.stopped;
    }
    while (!this.stopped) {
      const left = t - this.clock.now();
      if (left <= 0) return true;
      const woken = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          this.wakeUp = null;
          resolve(false);
        }, Math.min(left, this.stepMs));
        this.wakeUp = () => {
          clearTimeout(timer);
          this.wakeUp = null;
          resolve(true);
        };
      });
      if (woken) return !this.stopped;
    }
    return false;
  }

  for(ms: number): Promise<boolean> {
    return this.until(this.clock.now() + ms);
  }

  wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.woken = true;
  }

  stop(): void {
    this.stopped = true;
    this.wakeUp?.();
  }

  get isStopped(): boolean {
    return this.stopped;
  }
}

/** Waits for `p`, but no longer than `ms` (shutdown must not hang on a network call that never answers). */
export async function settleWithin(p: Promise<unknown> | null | undefined, ms: number): Promise<void> {
  if (!p) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.catch(() => undefined), new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}
