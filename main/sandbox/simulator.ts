// The customer simulator: at a chosen rate (messages per minute) it writes a realistic mix straight into the
// sandbox state (not over HTTP): complaints, questions, praise and spam on every channel, returning customers
// (sometimes under a new handle), follow-ups in their own threads, emoji, Arabic (RTL), Japanese and Cyrillic.
// The sequence of authors, channels and texts depends only on the seed.
import type { SandboxContext } from './context';
import { customerDm, customerMention, messengerMessage, visitorComment, visitorPost } from './customers';
import { CITIES, FOLLOW_UPS, MESSAGES, PERSONAS, RULE_KEYWORDS, type Category, type Script } from './simulatorCorpus';

export type SimChannel = 'x_mention' | 'x_dm' | 'fb_post' | 'fb_comment' | 'messenger';

export interface SimulatedItem {
  seq: number;
  channel: SimChannel;
  category: Category;
  /** returning, handle_change, thread_reply, emoji, keyword, rtl, non_latin, arabic, japanese, cyrillic, latin */
  traits: string[];
  author: string;
  text: string;
  id: string;
}

export interface SimulatorStatus {
  running: boolean;
  rate: number;
  seed: number;
  generated: number;
  by_category: Record<string, number>;
  by_channel: Record<string, number>;
  by_trait: Record<string, number>;
  recent: SimulatedItem[];
}

/** mulberry32: small, fast, good enough for a demo mix, and the same everywhere for a seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Persona {
  name: string;
  handle: string;
  script: Script;
  xUserId: string | null;
  psid: string | null;
  lastTweetId: string | null;
  lastCommentTarget: string | null;
}

const CHANNELS: Array<[SimChannel, number]> = [
  ['x_mention', 0.3],
  ['x_dm', 0.15],
  ['fb_post', 0.15],
  ['fb_comment', 0.2],
  ['messenger', 0.2],
];
const CATEGORIES: Array<[Category, number]> = [
  ['complaint', 0.38],
  ['question', 0.32],
  ['praise', 0.2],
  ['spam', 0.1],
];
const EMOJI = /\p{Extended_Pictographic}/u;

export class Simulator {
  private rand = prng(1);
  private seed = 1;
  private rate = 0;
  private timer: NodeJS.Timeout | null = null;
  private due = 0;
  private lastTick = 0;
  private personas: Persona[] = [];
  private seq = 0;
  private readonly counts = { category: new Map<string, number>(), channel: new Map<string, number>(), trait: new Map<string, number>() };
  private recent: SimulatedItem[] = [];

  constructor(private readonly ctx: SandboxContext) {}

  /** rate = messages per minute; 0 stops. A new seed restarts the sequence. */
  configure(rate: number, seed?: number): SimulatorStatus {
    if (seed !== undefined) this.reseed(seed);
    this.rate = rate;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (rate > 0) {
      this.lastTick = Date.now();
      this.due = 0;
      const every = Math.max(20, Math.min(1_000, Math.floor(60_000 / rate)));
      this.timer = setInterval(() => this.tick(), every);
      this.timer.unref();
    }
    return this.status();
  }

  private reseed(seed: number): void {
    this.seed = seed >>> 0;
    this.rand = prng(this.seed);
    this.personas = [];
    this.seq = 0;
    this.recent = [];
    for (const m of Object.values(this.counts)) m.clear();
  }

  private tick(): void {
    const now = Date.now();
    this.due += (this.rate * (now - this.lastTick)) / 60_000;
    this.lastTick = now;
    const n = Math.floor(this.due);
    this.due -= n;
    this.burst(n);
  }

  /** Writes `n` items now, whatever the rate. */
  burst(n: number): SimulatedItem[] {
    const out: SimulatedItem[] = [];
    for (let i = 0; i < n; i++) out.push(this.one());
    return out;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rand() * items.length)]!;
  }

  private weighted<T>(items: ReadonlyArray<[T, number]>): T {
    let r = this.rand();
    for (const [v, w] of items) {
      if (r < w) return v;
      r -= w;
    }
    return items[items.length - 1]![0];
  }

  private persona(traits: string[]): Persona {
    if (this.personas.length > 0 && this.rand() < 0.45) {
      traits.push('returning');
      return this.pick(this.personas);
    }
    const seed = PERSONAS[this.personas.length % PERSONAS.length]!;
    const round = Math.floor(this.personas.length / PERSONAS.length);
    const suffix = round === 0 ? '' : String(round + 1);
    const p: Persona = {
      name: seed.name + (round === 0 ? '' : ` ${round + 1}`),
      handle: (seed.handle + suffix).slice(0, 15),
      script: seed.script,
      xUserId: null,
      psid: null,
      lastTweetId: null,
      lastCommentTarget: null,
    };
    this.personas.push(p);
    return p;
  }

  private fill(template: string, script: Script): string {
    return template.replace('{n}', String(10_000 + Math.floor(this.rand() * 90_000))).replace('{city}', this.pick(CITIES[script]));
  }

  private one(): SimulatedItem {
    const ctx = this.ctx;
    const traits: string[] = [];
    const channel = this.weighted(CHANNELS);
    const category = this.weighted(CATEGORIES);
    const p = this.persona(traits);
    const followUp = this.rand() < 0.3;
    let text = this.fill(this.pick(MESSAGES[p.script][category]), p.script);
    let id: string;

    switch (channel) {
      case 'x_mention':
      case 'x_dm': {
        if (p.xUserId && this.rand() < 0.2) {
          // A returning customer who changed handles since last time: same user id, new name on X.
          const handle = `${p.handle.slice(0, 11)}_${Math.floor(this.rand() * 900 + 100)}`;
          if (!ctx.x.userByUsername(handle)) {
            p.handle = handle;
            traits.push('handle_change');
          }
        }
        const author = { ...(p.xUserId ? { id: p.xUserId } : {}), username: p.handle, name: p.name };
        if (channel === 'x_mention') {
          const inReplyTo = followUp && p.lastTweetId && ctx.x.liveTweet(p.lastTweetId) ? p.lastTweetId : null;
          if (inReplyTo) {
            text = this.fill(this.pick(FOLLOW_UPS[p.script]), p.script);
            traits.push('thread_reply');
          }
          const t = customerMention(ctx, { author, text, inReplyTo });
          p.xUserId = t.authorId;
          p.lastTweetId = t.id;
          id = t.id;
          text = t.text;
        } else {
          const dm = customerDm(ctx, { from: author, text });
          p.xUserId = dm.senderId;
          id = dm.id;
        }
        break;
      }
      case 'fb_post': {
        const post = visitorPost(ctx, { from: { ...(p.psid ? { id: p.psid } : {}), name: p.name }, message: text });
        p.psid = post.fromId;
        p.lastCommentTarget = post.id;
        id = post.id;
        break;
      }
      case 'fb_comment': {
        const own = followUp && p.lastCommentTarget && ctx.fb.object(p.lastCommentTarget) ? p.lastCommentTarget : null;
        let target = own;
        if (own) {
          text = this.fill(this.pick(FOLLOW_UPS[p.script]), p.script);
          traits.push('thread_reply');
        } else {
          // A comment under one of the Page's own posts (the oldest ones, seeded at start).
          const pagePosts = ctx.fb.feed.filter((pid) => ctx.fb.posts.get(pid)!.fromId === ctx.fb.page.id && !ctx.fb.posts.get(pid)!.deleted);
          target = pagePosts.length ? this.pick(pagePosts) : null;
        }
        if (!target) target = visitorPost(ctx, { from: { name: p.name }, message: text }).id;
        const c = visitorComment(ctx, { objectId: target, from: { ...(p.psid ? { id: p.psid } : {}), name: p.name }, message: text });
        p.psid = c.fromId;
        p.lastCommentTarget = c.id;
        id = c.id;
        break;
      }
      case 'messenger': {
        if (followUp && p.psid && ctx.fb.conversationWith(p.psid)) {
          text = this.fill(this.pick(FOLLOW_UPS[p.script]), p.script);
          traits.push('thread_reply');
        }
        const m = messengerMessage(ctx, { from: { ...(p.psid ? { id: p.psid } : {}), name: p.name }, text });
        p.psid = m.fromId;
        id = m.id;
        break;
      }
    }

    if (EMOJI.test(text)) traits.push('emoji');
    const lower = text.toLowerCase();
    if (RULE_KEYWORDS.some((k) => lower.includes(k))) traits.push('keyword');
    traits.push(p.script);
    if (p.script !== 'latin') traits.push('non_latin');
    if (p.script === 'arabic') traits.push('rtl');

    const item: SimulatedItem = { seq: ++this.seq, channel, category, traits, author: channel.startsWith('x_') ? p.handle : p.name, text, id: id! };
    const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
    bump(this.counts.category, category);
    bump(this.counts.channel, channel);
    for (const t of traits) bump(this.counts.trait, t);
    this.recent.push(item);
    if (this.recent.length > 50) this.recent.shift();
    return item;
  }

  status(): SimulatorStatus {
    const obj = (m: Map<string, number>) => Object.fromEntries([...m.entries()].sort());
    return {
      running: this.timer !== null,
      rate: this.rate,
      seed: this.seed,
      generated: this.seq,
      by_category: obj(this.counts.category),
      by_channel: obj(this.counts.channel),
      by_trait: obj(this.counts.trait),
      recent: [...this.recent],
    };
  }

  stop(): void {
    this.configure(0);
  }

  /** Forget everyone (POST /_sandbox/reset), keeping the seed. */
  reset(): void {
    this.stop();
    this.reseed(this.seed);
  }
}
