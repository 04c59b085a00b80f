// Every act the brand performed through the APIs, oldest first: what GET /_sandbox/outbound returns, so
// tests and the Sandbox screen can see exactly what reached "the network" (and how many times).
export type OutboundKind =
  | 'reply'
  | 'tweet'
  | 'dm'
  | 'like'
  | 'unlike'
  | 'retweet'
  | 'unretweet'
  | 'delete'
  | 'comment'
  | 'private_reply'
  | 'messenger'
  | 'hide'
  | 'unhide';

export interface OutboundAct {
  network: 'x' | 'facebook';
  kind: OutboundKind;
  /** What it acted on: the Tweet replied to / liked, DM recipient, Facebook object, Messenger PSID. */
  target_id?: string;
  text?: string;
  /** The id of what it created (Tweet, DM event, comment, Messenger message). */
  id?: string;
  /** Messenger: RESPONSE, or the tag (HUMAN_AGENT). */
  tag?: string;
  /** ISO 8601 on the sandbox clock. */
  at: string;
}

export class OutboundLog {
  private acts: OutboundAct[] = [];

  constructor(private readonly now: () => number) {}

  record(act: Omit<OutboundAct, 'at'>): void {
    const clean = Object.fromEntries(Object.entries(act).filter(([, v]) => v !== undefined)) as Omit<OutboundAct, 'at'>;
    this.acts.push({ ...clean, at: new Date(this.now()).toISOString() });
  }

  list(filter: { network?: string; since?: number } = {}): OutboundAct[] {
    return this.acts.slice(filter.since ?? 0).filter((a) => !filter.network || a.network === filter.network);
  }

  get length(): number {
    return this.acts.length;
  }

  clear(): void {
    this.acts = [];
  }
}
