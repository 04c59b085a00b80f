// An ascending list of decimal id strings with binary search. Snowflakes are minted in order, so adding is
// almost always a push; since_id / until_id / paging bounds become index lookups, which keeps a mention
// timeline of 100,000+ Tweets as fast as one of ten.
import { compareIds } from '../ids';

export class SortedIds {
  private readonly ids: string[] = [];

  get length(): number {
    return this.ids.length;
  }

  at(i: number): string | undefined {
    return this.ids[i];
  }

  add(id: string): void {
    const n = this.ids.length;
    if (n === 0 || compareIds(this.ids[n - 1]!, id) < 0) {
      this.ids.push(id);
      return;
    }
    const i = this.lowerBound(id);
    if (this.ids[i] !== id) this.ids.splice(i, 0, id);
  }

  remove(id: string): void {
    const i = this.lowerBound(id);
    if (this.ids[i] === id) this.ids.splice(i, 1);
  }

  /** First index whose id is >= `id`. */
  lowerBound(id: string): number {
    let lo = 0;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareIds(this.ids[mid]!, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index whose id is > `id`. */
  upperBound(id: string): number {
    let lo = 0;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareIds(this.ids[mid]!, id) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Walks newest first over ids strictly between `after` and `before` (either may be null), from index `from`
   * down to `floor` (inclusive). Stops when `visit` returns false.
   */
  walkDown(opts: { after?: string | null; before?: string | null; floor?: number }, visit: (id: string) => boolean): void {
    const top = opts.before ? this.lowerBound(opts.before) - 1 : this.ids.length - 1;
    const bottom = Math.max(opts.after ? this.upperBound(opts.after) : 0, opts.floor ?? 0);
    for (let i = top; i >= bottom; i--) if (!visit(this.ids[i]!)) return;
  }

  /** Walks oldest first over ids strictly between `after` and `before`, from the lowest index up. */
  walkUp(opts: { after?: string | null; before?: string | null; floor?: number }, visit: (id: string) => boolean): void {
    const top = opts.before ? this.lowerBound(opts.before) - 1 : this.ids.length - 1;
    const bottom = Math.max(opts.after ? this.upperBound(opts.after) : 0, opts.floor ?? 0);
    for (let i = bottom; i <= top; i++) if (!visit(this.ids[i]!)) return;
  }

  clear(): void {
    this.ids.length = 0;
  }
}
