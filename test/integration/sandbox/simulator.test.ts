// The customer simulator: the same seed gives the same customers saying the same things on the same
// channels; the mix covers every category, channel and trait; what it writes is readable through the APIs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlError, startHarness, waitFor, type Harness } from './harness';

interface Status {
  running: boolean;
  rate: number;
  seed: number;
  generated: number;
  by_category: Record<string, number>;
  by_channel: Record<string, number>;
  by_trait: Record<string, number>;
  recent: Array<{ seq: number; channel: string; category: string; traits: string[]; author: string; text: string; id: string }>;
}

let a: Harness;
let b: Harness;

beforeAll(async () => {
  [a, b] = await Promise.all([startHarness(), startHarness()]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});

const strip = (s: Status) => ({ ...s, recent: s.recent.map(({ id: _id, ...rest }) => rest) });

describe('the customer simulator', () => {
  it('is deterministic for a seed and different for another', async () => {
    const one = await a.control.post<Status>('/_sandbox/simulator', { rate: 0, seed: 42, burst: 300 });
    const two = await b.control.post<Status>('/_sandbox/simulator', { rate: 0, seed: 42, burst: 300 });
    expect(one.generated).toBe(300);
    expect(strip(one)).toEqual(strip(two));
    const other = await b.control.post<Status>('/_sandbox/simulator', { rate: 0, seed: 7, burst: 300 });
    expect(strip(other).recent).not.toEqual(strip(one).recent);
  });

  it('mixes every category, channel and trait the brief asks for', async () => {
    const s = await a.control.get<Status>('/_sandbox/simulator');
    for (const c of ['complaint', 'question', 'praise', 'spam']) expect(s.by_category[c], c).toBeGreaterThan(0);
    for (const c of ['x_mention', 'x_dm', 'fb_post', 'fb_comment', 'messenger']) expect(s.by_channel[c], c).toBeGreaterThan(0);
    for (const t of ['returning', 'handle_change', 'thread_reply', 'emoji', 'keyword', 'rtl', 'arabic', 'japanese', 'cyrillic', 'latin']) {
      expect(s.by_trait[t], t).toBeGreaterThan(0);
    }
  });

  it('writes into the sandbox state: mentions, DMs, feed, comments and Messenger in several scripts', async () => {
    const user = a.userClient();
    const mentions = await user.v2.userMentionTimeline(a.x.user_id, { max_results: 100 });
    const texts = mentions.tweets.map((t) => t.text).join('\n');
    expect(texts).toMatch(/[\u0600-\u06FF]/);
    expect(texts).toMatch(/[\u3040-\u30FF\u4E00-\u9FFF]/);
    expect(texts).toMatch(/[\u0400-\u04FF]/);
    expect(mentions.tweets.some((t) => t.text.toLowerCase().includes('refund') || t.text.toLowerCase().includes('order'))).toBe(true);
    expect((await user.v2.listDmEvents()).events.length).toBeGreaterThan(0);
    const g = a.graph();
    const feed = await g.get<{ data: Array<{ id: string }> }>(`${a.fb.page_id}/visitor_posts`, { limit: 100 });
    expect(feed.data.data.length).toBeGreaterThan(0);
    const convs = await g.get<{ data: Array<{ id: string }> }>(`${a.fb.page_id}/conversations`, { limit: 100 });
    expect(convs.data.data.length).toBeGreaterThan(0);
    const state = await a.control.get<{ facebook: { comments: number } }>('/_sandbox/state');
    expect(state.facebook.comments).toBeGreaterThan(0);
  });

  it('runs at a rate until told to stop', async () => {
    const started = await a.control.post<Status>('/_sandbox/simulator', { rate: 3000 });
    expect(started.running).toBe(true);
    const before = started.generated;
    await waitFor(async () => (await a.control.get<Status>('/_sandbox/simulator')).generated >= before + 5, 'five simulated messages');
    const stopped = await a.control.post<Status>('/_sandbox/simulator', { rate: 0 });
    expect(stopped.running).toBe(false);
    const refused = await a.control.post('/_sandbox/simulator', { rate: -1 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ControlError);
    expect((refused as ControlError).status).toBe(400);
  });
});
