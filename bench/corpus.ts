// Inbound traffic for the ingest benchmark: what the channels hand to ingest on a busy day. Texts come
// from the sandbox simulator's corpus (four scripts, complaints, questions, praise, spam); a fifth of the
// messages answer in a thread opened earlier, and customers write more than once.
import type { InboundItem } from '../main/services/inbound';
import { CITIES, FOLLOW_UPS, MESSAGES, PERSONAS, type Category, type Script } from '../main/sandbox/simulatorCorpus';
import type { ChannelKind, Network } from '../preload/contract/model';

/** A small deterministic generator (mulberry32), so two runs measure the same traffic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const categories: Category[] = ['complaint', 'complaint', 'question', 'question', 'praise', 'spam'];
const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

export function customerText(r: () => number, script: Script, n: number, followUp = false): string {
  const template = followUp ? pick(r, FOLLOW_UPS[script]) : pick(r, MESSAGES[script][pick(r, categories)]);
  return template.replace('{n}', String(100_000 + n)).replace('{city}', pick(r, CITIES[script]));
}

export interface TrafficOptions {
  count: number;
  customers: number;
  accounts: { x: number; facebook: number };
  /** Epoch ms of the first message; one message per 10 ms after it. */
  startAt: number;
  seed?: number;
}

/**
 * `count` items over `customers` authors: X mentions (50%), X DMs (15%), Facebook comments (20%) and
 * Messenger (15%); a fifth of them continue a thread the same customer opened before.
 */
export function traffic(o: TrafficOptions): InboundItem[] {
  const r = rng(o.seed ?? 42);
  const out: InboundItem[] = [];
  const lastThread = new Map<string, { id: string; kind: ChannelKind }>();
  for (let i = 0; i < o.count; i++) {
    const c = Math.floor(r() * o.customers);
    const persona = PERSONAS[c % PERSONAS.length]!;
    const roll = r();
    const kind: ChannelKind = roll < 0.5 ? 'mention' : roll < 0.65 ? 'dm' : roll < 0.85 ? 'comment' : 'messenger';
    const network: Network = kind === 'mention' || kind === 'dm' ? 'x' : 'facebook';
    const userId = network === 'x' ? String(10_000_000 + c) : `psid-${c}`;
    const id = network === 'x' ? String(1_900_000_000_000_000_000n + BigInt(i)) : `${kind}-${i}`;
    const key = `${kind}:${userId}`;
    const previous = lastThread.get(key);
    const followUp = previous !== undefined && r() < 0.2;
    let thread: string;
    if (kind === 'dm') thread = `dm-${userId}`;
    else if (kind === 'messenger') thread = `t_${userId}`;
    else if (followUp) thread = previous!.id;
    else thread = kind === 'comment' ? `post-${i % 500}` : id;
    if (!followUp && kind === 'mention') lastThread.set(key, { id, kind });
    if (kind === 'comment' && !previous) lastThread.set(key, { id: thread, kind });
    const text = kind === 'mention' ? `@parleycoffee ${customerText(r, persona.script, i, followUp)}` : customerText(r, persona.script, i, followUp);
    out.push({
      accountId: network === 'x' ? o.accounts.x : o.accounts.facebook,
      network,
      channelKind: kind,
      networkMessageId: id,
      threadNetworkId: thread,
      inReplyToNetworkId: followUp ? thread : null,
      author: {
        networkUserId: userId,
        handle: network === 'x' ? `${persona.handle}_${c}` : null,
        displayName: `${persona.name} ${c}`,
        avatarUrl: network === 'x' ? `https://pbs.example/${c}.jpg` : null,
      },
      text,
      sentAt: o.startAt + i * 10,
      raw: network === 'x' ? { id, text, author_id: userId, conversation_id: thread, created_at: new Date(o.startAt + i * 10).toISOString() } : { id, message: text, from: { id: userId } },
      via: 'poll',
    });
  }
  return out;
}
