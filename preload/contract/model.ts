// The configuration and domain vocabulary shared by the engine, the strategy and the Admin screens.
// Schemas validate what Admin sends and what repositories read back from JSON columns; the types are
// inferred from them so there is one definition of each shape.
import { z } from 'zod';

export const networkSchema = z.enum(['x', 'facebook']);
export type Network = z.infer<typeof networkSchema>;

/** mention: public X post at the brand; dm: X direct message; post: visitor post on the Page;
 *  comment: comment on a Page post; messenger: Messenger conversation. */
export const channelKindSchema = z.enum(['mention', 'dm', 'post', 'comment', 'messenger']);
export type ChannelKind = z.infer<typeof channelKindSchema>;
export const channelKinds: readonly ChannelKind[] = channelKindSchema.options;

export const visibilitySchema = z.enum(['public', 'private']);
export type Visibility = z.infer<typeof visibilitySchema>;

export { publicKinds } from './kinds';

const name = (what: string, max = 80) =>
  z.string().trim().min(1, `${what} must not be empty`).max(max, `${what} must be at most ${max} characters`);
const id = z.number().int().positive();
const hhmm = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Use HH:MM, 24-hour (00:00 to 24:00)');
const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'Use a date like 2026-12-25');

// ---- keyword rules -----------------------------------------------------------------------------

/** What a rule looks for. Every non-empty part must hold for the rule to match. Matching is case- and
 *  accent-insensitive; words match whole words, phrases match as a sequence of words. */
export const ruleMatchSchema = z
  .object({
    any: z.array(z.string().trim().min(1)).max(200).default([]), // at least one of these words/phrases
    all: z.array(z.string().trim().min(1)).max(200).default([]), // every one of these
    none: z.array(z.string().trim().min(1)).max(200).default([]), // none of these
    hashtags: z.array(z.string().trim().min(1)).max(200).default([]), // any of these hashtags (without #)
    mentions: z.array(z.string().trim().min(1)).max(200).default([]), // any of these handles (without @)
    regex: z.string().max(500).nullable().default(null), // a JavaScript regular expression, flags "iu"
  })
  .refine((m) => m.any.length + m.all.length + m.none.length + m.hashtags.length + m.mentions.length > 0 || !!m.regex, {
    message: 'A rule must look for at least one word, phrase, hashtag, mention or pattern',
  });
export type RuleMatch = z.infer<typeof ruleMatchSchema>;

export const ruleActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('route_skill'), skillId: id, minLevel: z.number().int().min(1).max(10).default(1), priority: z.number().int().min(0).max(100).default(0) }),
  z.object({ type: z.literal('route_group'), groupId: id, priority: z.number().int().min(0).max(100).default(0) }),
  z.object({ type: z.literal('auto_reply'), templateId: id, visibility: visibilitySchema, alsoRoute: z.boolean().default(false) }),
  z.object({ type: z.literal('engage'), like: z.boolean(), retweet: z.boolean(), alsoRoute: z.boolean().default(false) }),
  z.object({ type: z.literal('ignore') }),
]);
export type RuleAction = z.infer<typeof ruleActionSchema>;

export const keywordRuleInputSchema = z.object({
  name: name('Rule name'),
  enabled: z.boolean().default(true),
  match: ruleMatchSchema,
  networks: z.array(networkSchema).default([]), // empty = every network
  channelKinds: z.array(channelKindSchema).default([]), // empty = every channel kind
  action: ruleActionSchema,
});
export type KeywordRuleInput = z.infer<typeof keywordRuleInputSchema>;
export interface KeywordRule extends KeywordRuleInput {
  id: number;
  position: number;
}

// ---- calendar -------------------------------------------------------------------------------

export const hoursRangeSchema = z.object({ opensAt: hhmm, closesAt: hhmm });
export type HoursRange = z.infer<typeof hoursRangeSchema>;

/** Weekly hours in the business time zone. weekday is ISO: 1 = Monday ... 7 = Sunday. A range whose
 *  closesAt is earlier than opensAt runs past midnight into the next day. */
export const weeklyHoursSchema = z.array(hoursRangeSchema.extend({ weekday: z.number().int().min(1).max(7) })).max(7 * 12);
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

export const specialDayInputSchema = z.object({
  name: name('Special day name'),
  date: isoDate,
  recurrence: z.enum(['none', 'yearly']).default('none'),
  closed: z.boolean().default(true),
  hours: z.array(hoursRangeSchema).max(12).default([]), // used when not closed
  message: z.string().max(2000).nullable().default(null), // its own message; else the special-day template
});
export type SpecialDayInput = z.infer<typeof specialDayInputSchema>;
export interface SpecialDay extends SpecialDayInput {
  id: number;
}

export const emergencyInputSchema = z.object({
  active: z.boolean(),
  scope: z.enum(['all', 'x', 'facebook']).default('all'),
  message: z.string().max(2000).default(''),
  endsAt: z.number().int().nullable().default(null), // epoch ms; null = until switched off
});
export type EmergencyInput = z.infer<typeof emergencyInputSchema>;
export interface Emergency extends EmergencyInput {
  changedBy: string | null;
  changedAt: number;
}

// ---- messages sent by Parley --------------------------------------------------------------------

export const templateKindSchema = z.enum(['special_day', 'closed', 'emergency', 'acknowledgement', 'auto_reply', 'canned', 'move_to_private']);
export type TemplateKind = z.infer<typeof templateKindSchema>;

/** Placeholders a template may use; anything else in braces is reported as unknown. */
export const templatePlaceholders = ['name', 'handle', 'opens_at', 'brand', 'agent', 'network', 'special_day'] as const;

export const templateInputSchema = z.object({
  kind: templateKindSchema,
  name: name('Template name'),
  network: networkSchema.nullable().default(null), // null = any network
  visibility: visibilitySchema,
  variants: z.array(z.string().trim().min(1, 'A variant must not be empty').max(2000)).min(1, 'A template needs at least one wording').max(20),
  active: z.boolean().default(true),
});
export type TemplateInput = z.infer<typeof templateInputSchema>;
export interface Template extends TemplateInput {
  id: number;
}

export const dispositionInputSchema = z.object({
  code: z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_.-]+$/, 'Use letters, digits, dot, dash or underscore'),
  label: name('Label'),
  description: z.string().max(500).default(''),
  active: z.boolean().default(true),
});
export type DispositionInput = z.infer<typeof dispositionInputSchema>;
export interface Disposition extends DispositionInput {
  id: number;
  position: number;
}

// ---- people ---------------------------------------------------------------------------------

export const agentStatusSchema = z.enum(['ready', 'not_ready', 'offline']);
export type AgentStatus = z.infer<typeof agentStatusSchema>;

export const skillInputSchema = z.object({ name: name('Skill name', 60), description: z.string().max(500).default('') });
export type SkillInput = z.infer<typeof skillInputSchema>;
export interface Skill extends SkillInput {
  id: number;
}

export const groupInputSchema = z.object({ name: name('Group name', 60), description: z.string().max(500).default('') });
export type GroupInput = z.infer<typeof groupInputSchema>;
export interface AgentGroup extends GroupInput {
  id: number;
}

export const capacitySchema = z.object({
  mention: z.number().int().min(0).max(50),
  dm: z.number().int().min(0).max(50),
  post: z.number().int().min(0).max(50),
  comment: z.number().int().min(0).max(50),
  messenger: z.number().int().min(0).max(50),
});
export type Capacity = z.infer<typeof capacitySchema>;
export const defaultCapacity: Capacity = { mention: 5, dm: 3, post: 5, comment: 5, messenger: 3 };

export const agentInputSchema = z.object({
  name: name('Agent name', 60),
  email: z.string().trim().email('Enter an email address like ana@example.com').nullable().default(null),
  role: z.enum(['agent', 'supervisor', 'admin']).default('agent'),
  skills: z.array(z.object({ skillId: id, level: z.number().int().min(1).max(10) })).default([]),
  groupIds: z.array(id).default([]),
  capacity: capacitySchema.default(defaultCapacity),
  active: z.boolean().default(true),
});
export type AgentInput = z.infer<typeof agentInputSchema>;
export interface Agent extends AgentInput {
  id: number;
  status: AgentStatus;
  notReadyReason: string | null;
  statusChangedAt: number;
  idleSince: number | null;
}

// ---- strategies -----------------------------------------------------------------------------

const autoVisibility = z.object({
  emergency: visibilitySchema.default('public'),
  special_day: visibilitySchema.default('public'),
  closed: visibilitySchema.default('public'),
  acknowledgement: visibilitySchema.default('public'),
});
const defaultAutoVisibility = { emergency: 'public', special_day: 'public', closed: 'public', acknowledgement: 'public' } as const;

export const strategySettingsSchema = z.object({
  autoReply: z
    .object({
      enabled: z.boolean().default(false),
      networks: z.array(networkSchema).default(['x']),
      channelKinds: z.array(channelKindSchema).default(['mention', 'post']),
      templateId: id.nullable().default(null), // an auto_reply template
      retryMinutes: z.number().int().min(1).max(7 * 24 * 60).default(30), // how long to retry when posting fails
      alsoRoute: z.boolean().default(true), // the auto-reply acknowledges; an agent still follows up
    })
    .default({ enabled: false, networks: ['x'], channelKinds: ['mention', 'post'], templateId: null, retryMinutes: 30, alsoRoute: true }),
  dmRouting: z
    .object({ groupId: id.nullable().default(null), priority: z.number().int().min(0).max(100).default(0) })
    .default({ groupId: null, priority: 0 }),
  engagement: z
    .object({
      enabled: z.boolean().default(false),
      threshold: z.number().min(0).max(1).default(0.6), // VADER compound score at or above which a post is "positive"
      like: z.boolean().default(true),
      retweet: z.boolean().default(false), // X only
      requireApproval: z.boolean().default(true),
      networks: z.array(networkSchema).default(['x', 'facebook']),
    })
    .default({ enabled: false, threshold: 0.6, like: true, retweet: false, requireApproval: true, networks: ['x', 'facebook'] }),
  /** At most one automatic message per contact within this many minutes. */
  autoMessageThrottleMinutes: z.number().int().min(0).max(7 * 24 * 60).default(60),
  /** Per network: after a closed / special-day / emergency message, queue for the next open period (true) or close. */
  queueAfterAutoMessage: z.object({ x: z.boolean().default(true), facebook: z.boolean().default(true) }).default({ x: true, facebook: true }),
  /** Per network and message kind: whether an emergency / special-day / closed message answering a PUBLIC
   *  post goes publicly (a reply) or privately (DM, Messenger private reply). Answers to DMs and Messenger
   *  are always private. The template used is the one of that kind, network and visibility. */
  autoMessageVisibility: z
    .object({
      x: autoVisibility.default(defaultAutoVisibility),
      facebook: autoVisibility.default(defaultAutoVisibility),
    })
    .default({ x: defaultAutoVisibility, facebook: defaultAutoVisibility }),
});
export type StrategySettings = z.infer<typeof strategySettingsSchema>;
export const defaultStrategySettings: StrategySettings = strategySettingsSchema.parse({});
