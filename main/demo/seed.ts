// The small demo setup a fresh data folder gets in Sandbox mode, so a newcomer can try every flow alone:
// two agents with different skills, a DM group, a few keyword rules, weekly hours, a special day, templates
// and disposition codes. It goes through the config service like any Admin change (validated, audited),
// and runs once per data folder: deleting it all later does not bring it back.
import { getSetting, putSetting } from '../../db/repositories/settings';
import type { EngineContext } from '../context';

const SEEDED_KEY = 'demo.seeded';
const ACTOR = 'Sandbox demo setup';

export async function seedDemoSetup(ctx: EngineContext): Promise<boolean> {
  if (await getSetting(ctx.db, SEEDED_KEY)) return false;
  const s = ctx.config.snapshot;
  const empty = [s.agents, s.skills, s.groups, s.keywordRules, s.templates, s.dispositions, s.specialDays, s.weeklyHours].every((list) => list.length === 0);
  if (!empty) {
    await putSetting(ctx.db, SEEDED_KEY, { skipped: 'configuration already present' }, ACTOR, ctx.clock.now());
    return false;
  }
  const c = ctx.config;

  const general = await c.createSkill({ name: 'General', description: 'Questions anyone on the team can answer.' }, ACTOR);
  const billing = await c.createSkill({ name: 'Billing', description: 'Charges, refunds and invoices.' }, ACTOR);
  const technical = await c.createSkill({ name: 'Technical', description: 'Broken devices, app errors, outages.' }, ACTOR);
  const dmTeam = await c.createGroup({ name: 'Private messages', description: 'Handles X DMs and Messenger first.' }, ACTOR);

  await c.createAgent(
    {
      name: 'Ana Souza',
      email: 'ana@example.com',
      role: 'admin',
      skills: [
        { skillId: general.id, level: 6 },
        { skillId: billing.id, level: 9 },
      ],
      groupIds: [dmTeam.id],
      capacity: { mention: 5, dm: 3, post: 5, comment: 5, messenger: 3 },
    },
    ACTOR,
  );
  await c.createAgent(
    {
      name: 'Ben Okafor',
      email: 'ben@example.com',
      role: 'agent',
      skills: [
        { skillId: general.id, level: 7 },
        { skillId: technical.id, level: 8 },
      ],
      groupIds: [],
      capacity: { mention: 6, dm: 2, post: 6, comment: 6, messenger: 2 },
    },
    ACTOR,
  );

  await c.createRule(
    {
      name: 'Spam and scams',
      match: { any: ['crypto giveaway', 'free followers', 'click my link', 'dm for promo'] },
      action: { type: 'ignore' },
    },
    ACTOR,
  );
  await c.createRule(
    {
      name: 'Money matters go to Billing',
      match: { any: ['refund', 'charged', 'charge', 'invoice', 'billing', 'overcharged', 'reembolso', 'remboursement'] },
      action: { type: 'route_skill', skillId: billing.id, minLevel: 5, priority: 5 },
    },
    ACTOR,
  );
  await c.createRule(
    {
      name: 'Broken things go to Technical',
      match: { any: ['broken', 'crash', 'crashes', 'error', 'not working', "doesn't work", 'outage', 'down'], hashtags: ['outage'] },
      action: { type: 'route_skill', skillId: technical.id, minLevel: 5, priority: 3 },
    },
    ACTOR,
  );

  await c.setWeeklyHours(
    [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: '08:00', closesAt: '20:00' })).concat([{ weekday: 6, opensAt: '10:00', closesAt: '16:00' }]),
    ACTOR,
  );
  await c.createSpecialDay(
    { name: 'Christmas Day', date: '2026-12-25', recurrence: 'yearly', closed: true, hours: [], message: null },
    ACTOR,
  );
  await c.createSpecialDay(
    { name: "New Year's Eve (short hours)", date: '2026-12-31', recurrence: 'yearly', closed: false, hours: [{ opensAt: '09:00', closesAt: '13:00' }], message: null },
    ACTOR,
  );

  const t = (kind: string, name: string, visibility: 'public' | 'private', variants: string[], network: 'x' | 'facebook' | null = null) =>
    c.createTemplate({ kind, name, network, visibility, variants }, ACTOR);
  await t('closed', 'Closed (public)', 'public', [
    'Hi {name}, thanks for reaching out! Our team is offline right now and back at {opens_at}. We will answer you then.',
    'Thanks {name}! We are closed at the moment and will reply when we open at {opens_at}.',
    'Hello {name}, we got your message. Our team is back at {opens_at} and will pick it up first thing.',
  ]);
  await t('closed', 'Closed (private)', 'private', [
    'Hi {name}, thanks for your message. We are closed right now and will reply when we open at {opens_at}.',
  ]);
  await t('special_day', 'Special day (public)', 'public', [
    'Hi {name}, our team is away today ({special_day}). We will answer when we are back at {opens_at}.',
    'Thanks {name}! It is {special_day} and our team is off. Expect our reply from {opens_at}.',
  ]);
  await t('special_day', 'Special day (private)', 'private', ['Hi {name}, our team is away today ({special_day}). We will reply from {opens_at}.']);
  await t('emergency', 'Emergency (public)', 'public', [
    'Hi {name}, we are dealing with an urgent issue right now and replies are delayed. Thank you for your patience.',
    '{name}, thanks for your message. We are handling an unexpected problem and will get back to you as soon as we can.',
  ]);
  await t('emergency', 'Emergency (private)', 'private', ['Hi {name}, we are handling an urgent issue and replies are delayed. We have your message.']);
  await t('acknowledgement', 'Got it (public)', 'public', [
    'Thanks {name}, we have your message and an agent will be with you shortly.',
    'Hi {name}, thanks for getting in touch. One of our team will reply soon.',
  ]);
  await t('auto_reply', 'Mention auto-reply', 'public', [
    'Thanks for the mention, {name}! We are looking into it.',
    'Hi {name}, thanks for reaching out. Our team will follow up here shortly.',
    '{name}, we see you! An agent will reply in a moment.',
  ], 'x');
  await t('move_to_private', 'Continue in private', 'public', [
    'Hi {name}, we have sent you a private message so we can look at your account details safely.',
    '{name}, check your messages: we continue there so your details stay private.',
  ]);
  await t('canned', 'Ask for order number', 'private', ['Hi {name}, could you send us your order number? We will look into it right away.']);
  await t('canned', 'Sorry for the trouble', 'public', ['We are sorry for the trouble, {name}. Let us make this right.']);

  for (const [code, label, description] of [
    ['resolved', 'Resolved', 'The customer got what they needed.'],
    ['refund', 'Refund issued', 'Money was returned to the customer.'],
    ['escalated', 'Escalated', 'Handed to another team outside Parley.'],
    ['info', 'Information given', 'A question answered; nothing to fix.'],
    ['no_action', 'No action needed', 'Praise or chatter; acknowledged or liked.'],
    ['spam', 'Spam', 'Not a real customer message.'],
  ] as const) {
    await c.createDisposition({ code, label, description }, ACTOR);
  }

  await c.setStrategySettings(
    {
      ...ctx.config.snapshot.strategy,
      dmRouting: { groupId: dmTeam.id, priority: 2 },
      engagement: { ...ctx.config.snapshot.strategy.engagement, enabled: true, requireApproval: true },
    },
    ACTOR,
  );
  await putSetting(ctx.db, SEEDED_KEY, { at: ctx.clock.now() }, ACTOR, ctx.clock.now());
  ctx.log.info('sandbox demo setup created');
  return true;
}
