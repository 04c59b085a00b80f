// The configuration file, version 1: every part of the configuration, with references between parts by
// name or code (never by database id), so the file imports into a fresh install unchanged.
// Reading it refuses, with a reason a person can act on: text that is not JSON, JSON that is not a
// Parley configuration, a newer version, and parts that do not validate (each with its path).
import { z } from 'zod';
import {
  capacitySchema,
  channelKindSchema,
  defaultCapacity,
  dispositionInputSchema,
  groupInputSchema,
  keywordRuleInputSchema,
  networkSchema,
  ruleMatchSchema,
  skillInputSchema,
  specialDayInputSchema,
  strategySettingsSchema,
  templateInputSchema,
  visibilitySchema,
  weeklyHoursSchema,
} from '../../../preload/contract/model';
import { ParleyError } from '../../errors';

export const CONFIG_FORMAT = 'parley-config';
export const CONFIG_VERSION = 1;

const ref = (what: string) => z.string().trim().min(1, `Name the ${what}`).max(120);
const priority = z.number().int().min(0).max(100).default(0);

/** A rule's action with its skill, group or template named instead of numbered. */
const ruleActionFileSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('route_skill'), skill: ref('skill'), minLevel: z.number().int().min(1).max(10).default(1), priority }),
  z.object({ type: z.literal('route_group'), group: ref('agent group'), priority }),
  z.object({ type: z.literal('auto_reply'), template: ref('template'), visibility: visibilitySchema, alsoRoute: z.boolean().default(false) }),
  z.object({ type: z.literal('engage'), like: z.boolean(), retweet: z.boolean(), alsoRoute: z.boolean().default(false) }),
  z.object({ type: z.literal('ignore') }),
]);

export const ruleFileSchema = keywordRuleInputSchema.omit({ action: true }).extend({
  match: ruleMatchSchema,
  networks: z.array(networkSchema).default([]),
  channelKinds: z.array(channelKindSchema).default([]),
  action: ruleActionFileSchema,
});

export const agentFileSchema = z.object({
  name: z.string().trim().min(1, 'Agent name must not be empty').max(60),
  email: z.string().trim().email('Enter an email address like ana@example.com').nullable().default(null),
  role: z.enum(['agent', 'supervisor', 'admin']).default('agent'),
  skills: z.array(z.object({ skill: ref('skill'), level: z.number().int().min(1).max(10) })).default([]),
  groups: z.array(ref('agent group')).default([]),
  capacity: capacitySchema.default(defaultCapacity),
  active: z.boolean().default(true),
});

/** Templates carry a key, unique in the file, that rules and strategies use to point at them. Names
 *  need not be unique in an install, so the key is the name, made unique where names repeat. */
export const templateFileSchema = templateInputSchema.extend({ key: z.string().trim().min(1).max(200).optional() });

export const specialDayFileSchema = specialDayInputSchema.extend({ uid: z.string().max(500).nullable().default(null) });

/** The strategy settings with the auto-reply template and the DM group named. */
export const strategyFileSchema = strategySettingsSchema.extend({
  autoReply: strategySettingsSchema.shape.autoReply.unwrap().omit({ templateId: true }).extend({ template: ref('template').nullable().default(null) }),
  dmRouting: z.object({ group: ref('agent group').nullable().default(null), priority }),
});

export const configFileSchema = z.object({
  format: z.literal(CONFIG_FORMAT),
  version: z.literal(CONFIG_VERSION),
  exportedAt: z.string().max(60).nullable().default(null),
  exportedFrom: z.string().max(200).nullable().default(null),
  timeZone: z.string().trim().min(1).max(80),
  weeklyHours: weeklyHoursSchema,
  specialDays: z.array(specialDayFileSchema).max(20_000),
  emergency: z.object({ scope: z.enum(['all', 'x', 'facebook']).default('all'), message: z.string().max(2000).default('') }),
  skills: z.array(skillInputSchema).max(1000),
  groups: z.array(groupInputSchema).max(1000),
  agents: z.array(agentFileSchema).max(5000),
  templates: z.array(templateFileSchema).max(5000),
  dispositions: z.array(dispositionInputSchema).max(1000),
  rules: z.array(ruleFileSchema).max(5000),
  strategy: strategyFileSchema,
});

export type ConfigFile = z.output<typeof configFileSchema>;
export type RuleFile = z.output<typeof ruleFileSchema>;
export type AgentFile = z.output<typeof agentFileSchema>;
export type TemplateFile = z.output<typeof templateFileSchema>;
export type SpecialDayFile = z.output<typeof specialDayFileSchema>;
export type StrategyFile = z.output<typeof strategyFileSchema>;

function refuse(message: string, fields?: Record<string, string>): ParleyError {
  return new ParleyError('invalid_input', message, fields);
}

/** Reads a configuration file's text. Throws invalid_input with the reason when it cannot. */
export function readConfigFile(text: string): ConfigFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const why = (e as Error).message.split('\n')[0]!.slice(0, 160);
    throw refuse(`This file is not JSON, so it cannot be a Parley configuration (${why}). Choose the file that "Export configuration" wrote.`, { file: 'Not JSON' });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || (raw as { format?: unknown }).format !== CONFIG_FORMAT) {
    throw refuse(`This JSON file is not a Parley configuration: it does not say "format": "${CONFIG_FORMAT}". Choose the file that "Export configuration" wrote.`, {
      format: `Expected "${CONFIG_FORMAT}"`,
    });
  }
  const version = (raw as { version?: unknown }).version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw refuse('This Parley configuration has no readable format version, so Parley cannot tell how to read it.', { version: 'Expected a whole number' });
  }
  if (version > CONFIG_VERSION) {
    throw refuse(
      `This configuration was written by a newer Parley (file format version ${version}); this Parley reads version ${CONFIG_VERSION}. Update Parley on this computer, then import again.`,
      { version: `Version ${version} is newer than ${CONFIG_VERSION}` },
    );
  }
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issue.path.map(String).join('.') || '(file)'] ??= issue.message;
    throw invalidParts(fields);
  }
  return parsed.data;
}

/** A file whose parts do not validate: the count and the first few, each with its path. */
export function invalidParts(fields: Record<string, string>): ParleyError {
  const entries = Object.entries(fields);
  const list = entries
    .slice(0, 4)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
  const more = entries.length > 4 ? ` (and ${entries.length - 4} more)` : '';
  return refuse(`This configuration cannot be imported: ${entries.length === 1 ? 'one part is' : `${entries.length} parts are`} not valid. ${list}${more}. Nothing was changed.`, fields);
}
