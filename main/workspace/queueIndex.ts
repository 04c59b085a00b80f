// The queue in waiting order, kept between requests so a screen scrolling through 50,000 queued
// interactions reads slices of one sorted list instead of sorting the queue again for every page.
// Any change to the queue marks it stale; the next reader rebuilds it once.

/** A queued interaction as the inbox orders and filters it. */
export interface QueuedRef {
  id: number;
  skillId: number | null;
  minLevel: number | null;
  groupId: number | null;
  priority: number;
  queuedAt: number;
}

/** Same order as the router: priority (high first), then age (oldest first), then id. */
export function waitingOrder(a: QueuedRef, b: QueuedRef): number {
  return b.priority - a.priority || a.queuedAt - b.queuedAt || a.id - b.id;
}

export interface Eligibility {
  /** skill id -> level */
  skills: ReadonlyMap<number, number>;
  groups: ReadonlySet<number>;
}

/** Whether an agent with these skills and groups may take the entry (the router's rule). */
export function qualifies(e: Pick<QueuedRef, 'skillId' | 'minLevel' | 'groupId'>, who: Eligibility): boolean {
  if (e.skillId != null) return (who.skills.get(e.skillId) ?? 0) >= (e.minLevel ?? 1);
  if (e.groupId != null) return who.groups.has(e.groupId);
  return true;
}

function keyOf(who: Eligibility): string {
  const skills = [...who.skills].sort((a, b) => a[0] - b[0]).map(([s, l]) => `${s}:${l}`);
  return `${skills.join(',')}|${[...who.groups].sort((a, b) => a - b).join(',')}`;
}

export class QueueIndex {
  private ordered: QueuedRef[] | null = null;
  private building: { gen: number; refs: Promise<QueuedRef[]> } | null = null;
  private generation = 0;
  private readonly eligible = new Map<string, number[]>();

  constructor(private readonly load: () => Promise<QueuedRef[]>) {}

  /** The queue changed: the next reader rebuilds. */
  invalidate(): void {
    this.generation++;
    this.ordered = null;
    this.eligible.clear();
  }

  async all(): Promise<QueuedRef[]> {
    if (this.ordered) return this.ordered;
    if (!this.building || this.building.gen !== this.generation) {
      const gen = this.generation;
      const refs = this.load().then((list) => {
        list.sort(waitingOrder);
        // A change that arrived while loading makes this copy stale for later readers, not for this one.
        if (gen === this.generation) this.ordered = list;
        return list;
      });
      const building = { gen, refs };
      this.building = building;
      void refs.finally(() => {
        if (this.building === building) this.building = null;
      }).catch(() => undefined);
    }
    return this.building.refs;
  }

  /** Ids an agent may take, in waiting order. */
  async eligibleIds(who: Eligibility): Promise<number[]> {
    const key = keyOf(who);
    const gen = this.generation;
    const cached = this.eligible.get(key);
    if (cached) return cached;
    const ids = (await this.all()).filter((e) => qualifies(e, who)).map((e) => e.id);
    if (gen === this.generation) this.eligible.set(key, ids);
    return ids;
  }
}
