// The strategy, as one pure function: (message, contact, configuration, availability) -> decision.
// Order (issue 5 §6): keyword rules -> emergency -> special day -> operating hours -> route; de-duplication
// and the contact step happen before, in ingest, and are prepended to the path there.
import { publicKinds, type ChannelKind, type Network, type Template, type Visibility } from '../../preload/contract/model';
import { calendarMoment, formatOpensAt } from '../calendar/hours';
import { describeEmergency, emergencyApplies } from '../calendar/emergency';
import { judgeSentiment } from '../sentiment/positive';
import { ruleVerdict, type TextAnalysis } from './analysis';
import type { CompiledRule } from './rules';
import { fillPlaceholders, pickVariant, selectTemplate, type PlaceholderValues } from './templates';
import type {
  AutoMessageKind,
  AutoMessagePlan,
  AvailabilityProbe,
  Decision,
  DecisionStep,
  EngagementPlan,
  RouteTarget,
  StrategyConfig,
  StrategyContact,
  StrategyMessage,
} from './types';

const networkName: Record<Network, string> = { x: 'X', facebook: 'Facebook' };
const isPublicKind = (k: ChannelKind) => publicKinds.includes(k);

interface Draft {
  kind: AutoMessageKind;
  source: AutoMessagePlan['source'];
  visibility: Visibility;
  ownText: string | null; // a special day's or the emergency's own message, used before a template
  templateId?: number | null;
}

/** `pre`, when given, is analyzeText() of this message under this configuration, computed elsewhere. */
export function decide(msg: StrategyMessage, contact: StrategyContact, cfg: StrategyConfig, probe: AvailabilityProbe, pre?: TextAnalysis): Decision {
  const path: DecisionStep[] = [];
  const step = (s: DecisionStep['step'], outcome: string, detail: string) => path.push({ step: s, outcome, detail });
  const settings = cfg.strategy;
  const at = msg.at;
  const values: PlaceholderValues = {
    name: contact.name ?? undefined,
    handle: contact.handle ? `@${contact.handle}` : (contact.name ?? undefined),
    brand: msg.brand,
    network: networkName[msg.network],
  };

  // ---- keyword rules --------------------------------------------------------------------------
  const verdict = pre ?? ruleVerdict(cfg.rules, msg);
  const rule = verdict.rule >= 0 ? cfg.rules[verdict.rule]!.rule : null;
  const matchedRule = rule ? { id: rule.id, name: rule.name } : null;
  if (!rule) step('rules', 'no match', verdict.sentence);
  else step('rules', `matched "${rule.name}"`, `${verdict.sentence} Action: ${describeAction(rule.action)}.`);
  let target: RouteTarget | null = null;
  let ruleReply: { templateId: number; visibility: Visibility; alsoRoute: boolean } | null = null;
  let ruleEngage: { like: boolean; retweet: boolean; alsoRoute: boolean } | null = null;
  if (rule) {
    const a = rule.action;
    if (a.type === 'ignore') {
      step('route', 'not routed', `Ignored as spam by rule "${rule.name}"; nothing is sent and no agent sees it.`);
      return { path, state: 'ignored', autoOutcome: 'ignored', autoMessage: null, engagement: null, route: null, availability: null, matchedRule, sentiment: null, opensAt: null };
    }
    if (a.type === 'route_skill') target = { skillId: a.skillId, minLevel: a.minLevel, groupId: null, priority: a.priority };
    if (a.type === 'route_group') target = { skillId: null, minLevel: null, groupId: a.groupId, priority: a.priority };
    if (a.type === 'auto_reply') ruleReply = { templateId: a.templateId, visibility: isPublicKind(msg.channelKind) ? a.visibility : 'private', alsoRoute: a.alsoRoute };
    if (a.type === 'engage') ruleEngage = { like: a.like, retweet: a.retweet, alsoRoute: a.alsoRoute };
  }

  // ---- emergency, special day, operating hours -----------------------------------------------------
  const visibilityFor = (kind: 'emergency' | 'special_day' | 'closed' | 'acknowledgement'): Visibility =>
    isPublicKind(msg.channelKind) ? settings.autoMessageVisibility[msg.network][kind] : 'private';
  let availabilityMessage: Draft | null = null;
  let opensAt: number | null = null;
  const emergencyOn = emergencyApplies(cfg.emergency, msg.network, at);
  step('emergency', emergencyOn ? 'on' : 'off', describeEmergency(cfg.emergency, msg.network, at));
  if (emergencyOn) {
    availabilityMessage = { kind: 'emergency', source: 'emergency', visibility: visibilityFor('emergency'), ownText: cfg.emergency.message.trim() || null };
  }
  const { date, special, open, opensAt: next } = calendarMoment(cfg.calendar, at);
  if (!open) {
    opensAt = next;
    values.opens_at = opensAt == null ? undefined : formatOpensAt(cfg.calendar, opensAt);
  }
  if (special) values.special_day = special.name;
  const tz = cfg.calendar.timeZone;
  if (availabilityMessage) {
    step('special_day', 'skipped', special ? `${date} is "${special.name}", but the emergency comes first.` : 'Skipped: the emergency comes first.');
    step('hours', 'skipped', 'Skipped: the emergency comes first.');
  } else if (special) {
    const recurring = special.recurrence === 'yearly' ? ' (every year)' : '';
    if (special.closed) {
      step('special_day', 'closed', `${date} is "${special.name}"${recurring}, closed all day (${tz}).`);
      availabilityMessage = { kind: 'special_day', source: 'special_day', visibility: visibilityFor('special_day'), ownText: special.message?.trim() || null };
    } else if (open) {
      step('special_day', 'open', `${date} is "${special.name}"${recurring} with special hours ${special.hours.map((h) => `${h.opensAt}-${h.closesAt}`).join(', ')}; open now (${tz}).`);
    } else {
      step('special_day', 'closed', `${date} is "${special.name}"${recurring} with special hours ${special.hours.map((h) => `${h.opensAt}-${h.closesAt}`).join(', ')}; outside them now (${tz}).`);
      availabilityMessage = { kind: 'special_day', source: 'special_day', visibility: visibilityFor('special_day'), ownText: special.message?.trim() || null };
    }
    step('hours', 'skipped', 'The special day sets the hours of this date.');
  } else {
    step('special_day', 'none', `${date} is an ordinary day.`);
    if (open) step('hours', 'open', cfg.calendar.hasWeeklyHours ? `Within operating hours (${tz}).` : 'No operating hours are set, so every ordinary day counts as open.');
    else {
      step('hours', 'closed', `Outside operating hours (${tz}); opens ${values.opens_at ?? 'at no time in the next year'}.`);
      availabilityMessage = { kind: 'closed', source: 'closed', visibility: visibilityFor('closed'), ownText: null };
    }
  }

  // ---- what happens next: queue or close, automatic reply, engagement --------------------------------
  let state: Decision['state'] = 'queued';
  let autoOutcome: Decision['autoOutcome'] = null;
  let draft: Draft | null = availabilityMessage;
  if (availabilityMessage) {
    autoOutcome = availabilityMessage.kind as 'emergency' | 'special_day' | 'closed';
    const queue = settings.queueAfterAutoMessage[msg.network];
    if (!queue) state = 'auto_handled';
    step(
      'auto_reply',
      'skipped',
      ruleReply
        ? `The rule's reply gives way to the ${availabilityMessage.kind.replace('_', ' ')} message (one automatic message per post).`
        : `The ${availabilityMessage.kind.replace('_', ' ')} message is the automatic message for this post.`,
    );
  } else if (ruleReply) {
    draft = { kind: 'auto_reply', source: 'rule', visibility: ruleReply.visibility, ownText: null, templateId: ruleReply.templateId };
    autoOutcome = 'auto_reply';
    if (!ruleReply.alsoRoute) state = 'auto_handled';
    step('auto_reply', 'rule reply', `Rule "${rule!.name}" replies ${ruleReply.visibility}ly${ruleReply.alsoRoute ? ' and an agent follows up' : '; no agent needed'}.`);
  } else {
    const ar = settings.autoReply;
    if (ar.enabled && ar.templateId != null && ar.networks.includes(msg.network) && ar.channelKinds.includes(msg.channelKind)) {
      const t = cfg.templates.find((x) => x.id === ar.templateId && x.active);
      draft = { kind: 'auto_reply', source: 'auto_reply_strategy', visibility: isPublicKind(msg.channelKind) ? (t?.visibility ?? 'public') : 'private', ownText: null, templateId: ar.templateId };
      autoOutcome = 'auto_reply';
      if (!ar.alsoRoute) state = 'auto_handled';
      step('auto_reply', 'strategy reply', `Automatic reply to ${msg.channelKind} on ${networkName[msg.network]}, retried for up to ${ar.retryMinutes} min${ar.alsoRoute ? '; an agent follows up' : ''}.`);
    } else {
      step('auto_reply', 'none', ar.enabled ? `The automatic reply does not cover ${msg.channelKind} on ${networkName[msg.network]}.` : 'The automatic reply is off.');
    }
  }

  // Engagement: likes and retweets are not messages, so the calendar does not stop them; the emergency does.
  let engagement: EngagementPlan | null = null;
  let sentiment: Decision['sentiment'] = null;
  const eng = settings.engagement;
  if (isPublicKind(msg.channelKind) && (eng.enabled || ruleEngage)) {
    const judged = pre?.sentiment ?? judgeSentiment(msg.text, eng.threshold);
    sentiment = judged.scores;
    if (emergencyOn) step('engagement', 'skipped', 'No automatic likes or retweets while the emergency is on.');
    else if (ruleEngage) {
      engagement = { like: ruleEngage.like, retweet: ruleEngage.retweet && msg.network === 'x', requiresApproval: eng.requireApproval, source: 'rule' };
      step('engagement', eng.requireApproval ? 'proposed' : 'planned', `Rule "${rule!.name}" asks for ${describeEngagement(engagement)}${eng.requireApproval ? ', waiting for approval' : ''}.`);
      if (!ruleEngage.alsoRoute && state === 'queued' && !availabilityMessage && !draft) {
        state = 'auto_handled';
        autoOutcome = 'engagement';
      }
    } else if (!eng.networks.includes(msg.network)) step('engagement', 'none', `Positive-post engagement is off for ${networkName[msg.network]}.`);
    else if (judged.positive && (eng.like || (eng.retweet && msg.network === 'x'))) {
      engagement = { like: eng.like, retweet: eng.retweet && msg.network === 'x', requiresApproval: eng.requireApproval, source: 'sentiment' };
      autoOutcome ??= 'engagement';
      step('engagement', eng.requireApproval ? 'proposed' : 'planned', `${judged.reason} ${describeEngagement(engagement)}${eng.requireApproval ? ', waiting for approval' : ''}.`);
    } else step('engagement', 'none', judged.reason);
  } else if (eng.enabled && !isPublicKind(msg.channelKind)) {
    step('engagement', 'none', 'Private messages are never liked automatically.');
  }

  // ---- route ---------------------------------------------------------------------------------
  let route: RouteTarget | null = null;
  let availability: Decision['availability'] = null;
  if (state === 'queued') {
    let why: string;
    if (target) why = target.skillId != null ? `skill ${target.skillId} (level ${target.minLevel ?? 1}+) from rule "${rule!.name}"` : `group ${target.groupId} from rule "${rule!.name}"`;
    else if (msg.channelKind === 'dm' && settings.dmRouting.groupId != null) {
      target = { skillId: null, minLevel: null, groupId: settings.dmRouting.groupId, priority: settings.dmRouting.priority };
      why = `group ${target.groupId}, the direct-message group`;
    } else {
      target = { skillId: null, minLevel: null, groupId: null, priority: 0 };
      why = 'any agent';
    }
    route = target;
    availability = probe(target, msg.channelKind);
    const later = availabilityMessage && !availability.available ? ' It waits for the next open period.' : '';
    step('route', availability.available ? 'assigned' : 'queued', `To ${why}, priority ${target.priority}. ${availability.reason}${later}`);
    // Nobody free right now: acknowledge, if an acknowledgement template exists and nothing else was said.
    if (!availability.available && !draft && !availabilityMessage) {
      const vis = visibilityFor('acknowledgement');
      if (selectTemplate(cfg.templates, 'acknowledgement', msg.network, vis)) draft = { kind: 'acknowledgement', source: 'acknowledgement', visibility: vis, ownText: null };
    }
  } else {
    step('route', 'not routed', state === 'auto_handled' ? 'Handled automatically; the interaction is closed without an agent.' : 'Not routed.');
  }

  // ---- the exact message, and the throttle ---------------------------------------------------------
  let autoMessage: AutoMessagePlan | null = null;
  if (draft) {
    autoMessage = render(draft, cfg.templates, msg, values);
    if (!autoMessage) {
      step('throttle', 'no message', `No active ${draft.kind.replace('_', ' ')} template for ${networkName[msg.network]} (${draft.visibility}), so nothing is sent.`);
      if (autoOutcome === 'auto_reply') autoOutcome = state === 'auto_handled' ? 'auto_reply' : null;
    } else {
      const throttleMs = settings.autoMessageThrottleMinutes * 60_000;
      const last = throttleMs > 0 ? (typeof contact.lastAutoMessageAt === 'function' ? contact.lastAutoMessageAt() : contact.lastAutoMessageAt) : null;
      if (last != null && at - last < throttleMs) {
        autoMessage.suppressedBy = 'throttle';
        step('throttle', 'held back', `This contact got an automatic message ${Math.round((at - last) / 60_000)} min ago; at most one per ${settings.autoMessageThrottleMinutes} min.`);
      } else step('throttle', 'sent', `${draft.visibility === 'public' ? 'Public' : 'Private'} ${draft.kind.replace('_', ' ')} message: "${autoMessage.text}"`);
    }
  }
  return { path, state, autoOutcome, autoMessage, engagement, route, availability, matchedRule, sentiment, opensAt };
}

function render(d: Draft, templates: readonly Template[], msg: StrategyMessage, values: PlaceholderValues): AutoMessagePlan | null {
  const seed = `${msg.network}:${msg.networkMessageId}`;
  if (d.ownText) {
    return { kind: d.kind, source: d.source, templateId: null, templateName: null, variant: null, visibility: d.visibility, text: fillPlaceholders(d.ownText, values), suppressedBy: null };
  }
  const t = d.templateId != null ? (templates.find((x) => x.id === d.templateId && x.active) ?? null) : selectTemplate(templates, d.kind, msg.network, d.visibility);
  if (!t) return null;
  const v = pickVariant(t.variants, seed);
  return { kind: d.kind, source: d.source, templateId: t.id, templateName: t.name, variant: v.index, visibility: d.visibility, text: fillPlaceholders(v.text, values), suppressedBy: null };
}

function describeAction(a: CompiledRule['rule']['action']): string {
  switch (a.type) {
    case 'route_skill':
      return `route to skill ${a.skillId} (level ${a.minLevel}+), priority ${a.priority}`;
    case 'route_group':
      return `route to group ${a.groupId}, priority ${a.priority}`;
    case 'auto_reply':
      return `reply ${a.visibility}ly with template ${a.templateId}${a.alsoRoute ? ', then route' : ''}`;
    case 'engage':
      return `${[a.like ? 'like' : '', a.retweet ? 'retweet' : ''].filter(Boolean).join(' and ') || 'no engagement'}${a.alsoRoute ? ', then route' : ''}`;
    case 'ignore':
      return 'ignore (spam)';
  }
}

function describeEngagement(e: EngagementPlan): string {
  return [e.like ? 'like' : '', e.retweet ? 'retweet' : ''].filter(Boolean).join(' and ') || 'nothing';
}
