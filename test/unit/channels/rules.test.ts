// Timing, pacing, stream rules and the Messenger windows: the pure decisions the channels make.
import { describe, expect, it } from 'vitest';
import { UsageGovernor, readUsage } from '../../../main/channels/facebook/usage';
import { checkMessengerSend, messengerWindow, privateReplyWindow } from '../../../main/channels/facebook/window';
import { pacedUntil } from '../../../main/channels/pollWorker';
import { jitteredBackoff, liveTiming, streamBackoff } from '../../../main/channels/timing';
import { desiredRules } from '../../../main/channels/twitter/rules';

const H = 3_600_000;

describe('backoff', () => {
  it('follows X guidance for the stream: linear for network trouble, exponential for HTTP errors, longer for 429', () => {
    expect([1, 2, 3, 64, 100].map((n) => streamBackoff('network', n, liveTiming))).toEqual([250, 500, 750, 16_000, 16_000]);
    expect([1, 2, 3, 7, 20].map((n) => streamBackoff('http', n, liveTiming))).toEqual([5_000, 10_000, 20_000, 320_000, 320_000]);
    expect([1, 2, 3].map((n) => streamBackoff('rate_limited', n, liveTiming))).toEqual([60_000, 120_000, 240_000]);
  });

  it('jitters the outbox backoff between half and all of the exponential step, capped', () => {
    expect(jitteredBackoff(1, 1000, 60_000, () => 0)).toBe(500);
    expect(jitteredBackoff(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(jitteredBackoff(4, 1000, 60_000, () => 0.5)).toBe(6000);
    expect(jitteredBackoff(30, 1000, 60_000, () => 1)).toBe(60_000);
  });
});

describe('pacing by remaining quota', () => {
  const now = 1_000_000;
  it('spreads the remaining calls over the window and waits for the reset when only the reserve is left', () => {
    expect(pacedUntil([{ name: 'dm_events', remaining: 12, limit: 15, usedPercent: 20, resetsAt: now + 900_000 }], now)).toEqual({ at: now + 90_000, exhausted: false });
    expect(pacedUntil([{ name: 'dm_events', remaining: 3, limit: 15, usedPercent: 80, resetsAt: now + 900_000 }], now)).toEqual({ at: now + 900_000, exhausted: true });
    expect(pacedUntil([{ name: 'graph_app', remaining: null, limit: null, usedPercent: 50, resetsAt: null }], now)).toEqual({ at: 0, exhausted: false });
  });
});

describe('stream rules', () => {
  it('has a rule for the handle and packs the keywords, quoting phrases, within 512 characters', () => {
    expect(desiredRules('AcmeSupport', [])).toEqual([{ value: '@AcmeSupport -is:retweet', tag: 'parley:brand' }]);
    expect(desiredRules('AcmeSupport', ['refund', 'late parcel', 'refund'])).toEqual([
      { value: '@AcmeSupport -is:retweet', tag: 'parley:brand' },
      { value: '(refund OR "late parcel") -is:retweet', tag: 'parley:keywords' },
    ]);
    const many = Array.from({ length: 50 }, (_, i) => `keyword-number-${i}`);
    const rules = desiredRules('AcmeSupport', many);
    expect(rules.length).toBeGreaterThan(2);
    for (const r of rules) expect(r.value.length).toBeLessThanOrEqual(512);
    expect(rules.slice(1).flatMap((r) => r.value.replace(/[()]|-is:retweet/g, '').split(' OR ').map((s) => s.trim()))).toEqual(many);
  });
});

describe('Messenger windows', () => {
  const last = Date.UTC(2026, 4, 1, 12);
  it('is open for 24 hours, then open to a human agent for 7 days, then closed', () => {
    expect(messengerWindow(last, last + 23 * H)).toMatchObject({ state: 'open', tag: 'RESPONSE', until: last + 24 * H });
    const human = messengerWindow(last, last + 25 * H);
    expect(human).toMatchObject({ state: 'human_agent', tag: 'HUMAN_AGENT', until: last + 7 * 24 * H });
    expect(messengerWindow(last, last + 8 * 24 * H)).toMatchObject({ state: 'closed', tag: null });
    expect(messengerWindow(null, last).state).toBe('closed');
    expect(checkMessengerSend(human, 'RESPONSE', false)).toMatch(/Automatic messages cannot be sent/);
    expect(checkMessengerSend(human, 'HUMAN_AGENT', true)).toBeNull();
    expect(checkMessengerSend(human, 'HUMAN_AGENT', false)).not.toBeNull();
  });

  it('allows one private reply within 7 days of the comment', () => {
    expect(privateReplyWindow(last, last + 6 * 24 * H, false)).toMatchObject({ state: 'open', until: last + 7 * 24 * H });
    expect(privateReplyWindow(last, last + 8 * 24 * H, false).state).toBe('closed');
    expect(privateReplyWindow(last, last + H, true).state).toBe('used');
  });
});

describe('Graph usage', () => {
  it('slows down near the limit and pauses until the estimated time to regain access', () => {
    const g = new UsageGovernor();
    const at = 5_000_000;
    g.update(readUsage(new Headers({ 'x-app-usage': JSON.stringify({ call_count: 80, total_time: 10, total_cputime: 10 }) }), at));
    expect(g.slowdown()).toBe(2);
    g.update(readUsage(new Headers({ 'x-app-usage': JSON.stringify({ call_count: 95, total_time: 10, total_cputime: 10 }) }), at));
    expect(g.slowdown()).toBe(4);
    expect(g.blockedUntil(at)).toBeNull();
    const buc = { '1': [{ type: 'pages', call_count: 100, total_time: 20, total_cputime: 20, estimated_time_to_regain_access: 12 }] };
    g.update(readUsage(new Headers({ 'x-business-use-case-usage': JSON.stringify(buc) }), at));
    expect(g.blockedUntil(at)).toBe(at + 12 * 60_000);
    expect(g.quota().find((q) => q.name === 'graph_page')).toMatchObject({ usedPercent: 100, resetsAt: at + 12 * 60_000 });
  });
});
