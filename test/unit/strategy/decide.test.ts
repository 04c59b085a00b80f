import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { decide } from '../../../main/strategy/decide';
import type { AvailabilityProbe, StrategyMessage } from '../../../main/strategy/types';
import type { KeywordRule, SpecialDay } from '../../../preload/contract/model';
import { rule, snapshot } from './fixtures';

const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();
const msg = (over: Partial<StrategyMessage> = {}): StrategyMessage => ({ network: 'x', channelKind: 'mention', text: 'Where is my refund?', at: berlin('2026-11-25T10:00'), networkMessageId: '1', brand: 'Parley Coffee', ...over });
const contact = { name: 'Ana', handle: 'ana', lastAutoMessageAt: null };
const agentFree: AvailabilityProbe = () => ({ available: true, agentId: 7, reason: 'Sam is Ready.' });
const nobody: AvailabilityProbe = () => ({ available: false, agentId: null, reason: 'Nobody is Ready.' });

// ---- the whole matrix: rules x emergency x special day x hours x agent availability x queue-after ----------

type RuleCase = 'none' | 'route_skill' | 'ignore' | 'auto_reply' | 'engage';
type EmergencyCase = 'off' | 'on' | 'other_network';
type SpecialCase = 'none' | 'closed' | 'hours_inside' | 'hours_outside';
type HoursCase = 'open' | 'closed';

const rules: Record<RuleCase, KeywordRule[]> = {
  none: [],
  route_skill: [rule({ name: 'Refunds', match: { any: ['refund'] }, action: { type: 'route_skill', skillId: 3, minLevel: 2, priority: 5 } })],
  ignore: [rule({ name: 'Spam', match: { any: ['refund'] }, action: { type: 'ignore' } })],
  auto_reply: [rule({ name: 'Refund FAQ', match: { any: ['refund'] }, action: { type: 'auto_reply', templateId: 5, visibility: 'public' } })],
  engage: [rule({ name: 'Fans', match: { any: ['refund'] }, action: { type: 'engage', like: true, retweet: false } })],
};
const specialDays: Record<SpecialCase, SpecialDay[]> = {
  none: [],
  closed: [{ id: 1, name: 'Company Day', date: '2026-11-25', recurrence: 'none', closed: true, hours: [], message: null }],
  hours_inside: [{ id: 1, name: 'Short Day', date: '2026-11-25', recurrence: 'none', closed: false, hours: [{ opensAt: '08:00', closesAt: '22:00' }], message: null }],
  hours_outside: [{ id: 1, name: 'Short Day', date: '2026-11-25', recurrence: 'none', closed: false, hours: [{ opensAt: '12:00', closesAt: '14:00' }], message: null }],
};
const times: Record<HoursCase, number> = { open: berlin('2026-11-25T10:00'), closed: berlin('2026-11-25T20:00') };

/** The rules of issue 5, written out plainly, to check decide() against. */
function expected(r: RuleCase, e: EmergencyCase, s: SpecialCase, h: HoursCase, available: boolean, queueAfter: boolean) {
  if (r === 'ignore') return { state: 'ignored', message: null, route: null, engaged: false };
  const availability = e === 'on' ? 'emergency' : s === 'closed' || s === 'hours_outside' ? 'special_day' : s === 'none' && h === 'closed' ? 'closed' : null;
  const engaged = r === 'engage' && e !== 'on';
  if (availability) {
    const state = queueAfter ? 'queued' : 'auto_handled';
    return { state, message: availability, route: state === 'queued' ? (r === 'route_skill' ? 'skill' : 'any') : null, engaged };
  }
  if (r === 'auto_reply') return { state: 'auto_handled', message: 'auto_reply', route: null, engaged };
  if (r === 'engage') return { state: 'auto_handled', message: null, route: null, engaged };
  return { state: 'queued', message: available ? null : 'acknowledgement', route: r === 'route_skill' ? 'skill' : 'any', engaged };
}

const matrix: Array<[RuleCase, EmergencyCase, SpecialCase, HoursCase, boolean, boolean]> = [];
for (const r of Object.keys(rules) as RuleCase[])
  for (const e of ['off', 'on', 'other_network'] as EmergencyCase[])
    for (const s of Object.keys(specialDays) as SpecialCase[])
      for (const h of ['open', 'closed'] as HoursCase[])
        for (const available of [true, false])
          for (const queueAfter of [true, false]) matrix.push([r, e, s, h, available, queueAfter]);

describe('the decision matrix', () => {
  it.each(matrix)('rule %s, emergency %s, special day %s, hours %s, agent free %s, queue after auto-message %s', (r, e, s, h, available, queueAfter) => {
    const cfg = snapshot({
      rules: rules[r],
      specialDays: specialDays[s],
      emergency: e === 'off' ? {} : { active: true, scope: e === 'on' ? 'all' : 'facebook', message: '' },
      strategy: { queueAfterAutoMessage: { x: queueAfter, facebook: queueAfter } },
    });
    const d = decide(msg({ at: times[h] }), contact, cfg, available ? agentFree : nobody);
    const want = expected(r, e, s, h, available, queueAfter);
    expect(d.state).toBe(want.state);
    expect(d.autoMessage?.kind ?? null).toBe(want.message);
    expect(d.route == null ? null : d.route.skillId != null ? 'skill' : 'any').toBe(want.route);
    expect(!!d.engagement).toBe(want.engaged);
    if (want.route === 'skill') expect(d.route).toEqual({ skillId: 3, minLevel: 2, groupId: null, priority: 5 });
    if (d.state === 'queued') expect(d.availability?.available).toBe(available);
    // The path always records the order of issue 5 §6.
    const steps = d.path.map((p) => p.step).filter((x) => ['rules', 'emergency', 'special_day', 'hours', 'route'].includes(x));
    expect(steps).toEqual(r === 'ignore' ? ['rules', 'route'] : ['rules', 'emergency', 'special_day', 'hours', 'route']);
  });
});

// ---- specific behaviours --------------------------------------------------------------------------------

describe('the strategy', () => {
  it('fills {opens_at} in the business time zone and picks the network-specific template first', () => {
    const d = decide(msg({ at: berlin('2026-11-27T18:00') }), contact, snapshot(), nobody); // Friday evening
    expect(d.autoMessage).toMatchObject({ kind: 'closed', templateName: 'Closed on X', visibility: 'public' });
    expect(d.autoMessage!.text).toMatch(/^X( \(2\))?: we open Monday 30 November at 09:00 \(CET\), @ana\.$/);
    expect(d.opensAt).toBe(berlin('2026-11-30T09:00'));
  });

  it('answers DMs privately and routes them to the DM group (seed strategy b)', () => {
    const cfg = snapshot({ strategy: { dmRouting: { groupId: 4, priority: 2 } } });
    const open = decide(msg({ channelKind: 'dm' }), contact, cfg, agentFree);
    expect(open.route).toEqual({ skillId: null, minLevel: null, groupId: 4, priority: 2 });
    const closed = decide(msg({ channelKind: 'dm', at: berlin('2026-11-25T22:00') }), contact, cfg, nobody);
    expect(closed.autoMessage).toMatchObject({ kind: 'closed', visibility: 'private', templateName: 'Closed (DM)' });
  });

  it('sends public answers to public posts privately when configured', () => {
    const cfg = snapshot({ strategy: { autoMessageVisibility: { x: { closed: 'private' } } } });
    const d = decide(msg({ at: berlin('2026-11-25T22:00') }), contact, cfg, nobody);
    expect(d.autoMessage).toMatchObject({ kind: 'closed', visibility: 'private' });
  });

  it('holds back a second automatic message within the throttle period', () => {
    const at = berlin('2026-11-25T22:00');
    const cfg = snapshot({ strategy: { autoMessageThrottleMinutes: 60 } });
    const recent = decide(msg({ at }), { ...contact, lastAutoMessageAt: at - 59 * 60_000 }, cfg, nobody);
    expect(recent.autoMessage?.suppressedBy).toBe('throttle');
    expect(recent.path.find((p) => p.step === 'throttle')?.outcome).toBe('held back');
    const later = decide(msg({ at }), { ...contact, lastAutoMessageAt: at - 61 * 60_000 }, cfg, nobody);
    expect(later.autoMessage?.suppressedBy).toBeNull();
  });

  it('uses the emergency and special-day own messages before templates', () => {
    const cfg = snapshot({ emergency: { active: true, scope: 'x', message: 'Our app is down, {name}. Updates at status.example.' } });
    expect(decide(msg(), contact, cfg, agentFree).autoMessage).toMatchObject({ kind: 'emergency', templateId: null, text: 'Our app is down, Ana. Updates at status.example.' });
    const holiday = snapshot({ specialDays: [{ id: 9, name: 'Founders Day', date: '2026-11-25', recurrence: 'yearly', closed: true, hours: [], message: 'Closed for {special_day}; back {opens_at}.' }] });
    expect(decide(msg(), contact, holiday, agentFree).autoMessage?.text).toBe('Closed for Founders Day; back Thursday 26 November at 09:00 (CET).');
  });

  it('an emergency past its automatic end no longer applies', () => {
    const at = berlin('2026-11-25T10:00');
    const cfg = snapshot({ emergency: { active: true, scope: 'all', message: 'Down', endsAt: at } });
    expect(decide(msg({ at }), contact, cfg, agentFree).path.find((p) => p.step === 'emergency')?.outcome).toBe('off');
    expect(decide(msg({ at: at - 1 }), contact, cfg, agentFree).autoMessage?.kind).toBe('emergency');
  });

  it('auto-replies to mentions (seed strategy a) and still routes when configured', () => {
    const cfg = snapshot({ strategy: { autoReply: { enabled: true, templateId: 5, networks: ['x'], channelKinds: ['mention'], alsoRoute: true } } });
    const d = decide(msg({ text: 'hello' }), contact, cfg, agentFree);
    expect(d).toMatchObject({ state: 'queued', autoOutcome: 'auto_reply', autoMessage: { kind: 'auto_reply', source: 'auto_reply_strategy', text: 'Refunds take 5 days, Ana.' } });
    expect(decide(msg({ text: 'hello', channelKind: 'dm' }), contact, cfg, agentFree).autoMessage).toBeNull();
  });

  it('likes positive posts (seed strategy c), never negative or mixed ones, never DMs, and not during an emergency', () => {
    const cfg = snapshot({ strategy: { engagement: { enabled: true, threshold: 0.5, like: true, retweet: true, requireApproval: false } } });
    const love = decide(msg({ text: 'I absolutely love my new coffee maker, thank you! 😍' }), contact, cfg, agentFree);
    expect(love.engagement).toEqual({ like: true, retweet: true, requiresApproval: false, source: 'sentiment' });
    expect(love.sentiment!.compound).toBeGreaterThanOrEqual(0.5);
    expect(decide(msg({ text: 'This is the worst service ever, I hate it' }), contact, cfg, agentFree).engagement).toBeNull();
    expect(decide(msg({ text: 'Love the coffee but the delivery was awful and late' }), contact, cfg, agentFree).engagement).toBeNull();
    expect(decide(msg({ channelKind: 'dm', text: 'I absolutely love you all!' }), contact, cfg, agentFree).engagement).toBeNull();
    const fb = decide(msg({ network: 'facebook', channelKind: 'comment', text: 'I absolutely love my new coffee maker, thank you!' }), contact, cfg, agentFree);
    expect(fb.engagement).toMatchObject({ like: true, retweet: false });
    const crisis = snapshot({ emergency: { active: true, message: 'Down' }, strategy: { engagement: { enabled: true, threshold: 0.5, requireApproval: false } } });
    expect(decide(msg({ text: 'I absolutely love my new coffee maker, thank you!' }), contact, crisis, agentFree).engagement).toBeNull();
  });

  it('says in the path which rule matched and why the others did not', () => {
    const cfg = snapshot({
      rules: [
        rule({ name: 'Off rule', enabled: false, match: { any: ['refund'] }, action: { type: 'ignore' } }),
        rule({ name: 'FB only', networks: ['facebook'], match: { any: ['refund'] }, action: { type: 'ignore' } }),
        rule({ name: 'Urgent', match: { hashtags: ['urgent'] }, action: { type: 'route_group', groupId: 2, priority: 9 } }),
      ],
    });
    const d = decide(msg({ text: 'Refund please #URGENT' }), contact, cfg, agentFree);
    expect(d.matchedRule).toEqual({ id: expect.any(Number), name: 'Urgent' });
    expect(d.path[0]!.detail).toMatch(/Found #urgent\. Action: route to group 2, priority 9/);
    const none = decide(msg({ text: 'hello' }), contact, cfg, agentFree);
    expect(none.path[0]!.detail).toMatch(/"FB only": The rule is limited to facebook\./);
  });
});
