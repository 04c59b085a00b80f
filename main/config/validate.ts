// Checks a configuration change against the rest of the configuration (references, placeholders,
// patterns), and turns schema errors into field sentences the Admin screens show beside the field.
import { IANAZone } from 'luxon';
import type { z } from 'zod';
import type { AgentInput, KeywordRuleInput, StrategySettings, TemplateInput } from '../../preload/contract/model';
import { ParleyError } from '../errors';
import { compileRegex } from '../strategy/rules';
import { unknownPlaceholders } from '../strategy/templates';
import type { ConfigSnapshot } from './snapshot';

export function invalid(fields: Record<string, string>, message?: string): ParleyError {
  const first = Object.entries(fields)[0];
  return new ParleyError('invalid_input', message ?? `Please check ${first ? `${first[0]}: ${first[1]}` : 'the input'}.`, fields);
}

/** Parses with a model schema; a failure becomes invalid_input with one sentence per field. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const fields: Record<string, string> = {};
  for (const issue of r.error.issues) fields[issue.path.map(String).join('.') || '(input)'] ??= issue.message;
  throw invalid(fields);
}

export function checkTimeZone(tz: string): void {
  if (!IANAZone.isValidZone(tz)) throw invalid({ timeZone: `"${tz}" is not a time zone Parley knows; use a name like Europe/Berlin or America/New_York` });
}

export function checkRule(input: KeywordRuleInput, s: ConfigSnapshot): void {
  const fields: Record<string, string> = {};
  if (input.match.regex) {
    const { error } = compileRegex(input.match.regex);
    if (error) fields['match.regex'] = `The pattern does not compile: ${error}`;
  }
  const a = input.action;
  if (a.type === 'route_skill' && !s.skills.some((x) => x.id === a.skillId)) fields['action.skillId'] = `Skill ${a.skillId} does not exist`;
  if (a.type === 'route_group' && !s.groups.some((x) => x.id === a.groupId)) fields['action.groupId'] = `Agent group ${a.groupId} does not exist`;
  if (a.type === 'auto_reply' && !s.templates.some((x) => x.id === a.templateId)) fields['action.templateId'] = `Template ${a.templateId} does not exist`;
  if (a.type === 'engage' && !a.like && !a.retweet) fields['action.like'] = 'Choose like, retweet or both';
  if (Object.keys(fields).length) throw invalid(fields);
}

export function checkAgent(input: AgentInput, s: ConfigSnapshot): void {
  const fields: Record<string, string> = {};
  input.skills.forEach((sk, i) => {
    if (!s.skills.some((x) => x.id === sk.skillId)) fields[`skills.${i}.skillId`] = `Skill ${sk.skillId} does not exist`;
  });
  input.groupIds.forEach((g, i) => {
    if (!s.groups.some((x) => x.id === g)) fields[`groupIds.${i}`] = `Agent group ${g} does not exist`;
  });
  if (Object.keys(fields).length) throw invalid(fields);
}

export function checkTemplate(input: TemplateInput): void {
  const fields: Record<string, string> = {};
  input.variants.forEach((v, i) => {
    const unknown = unknownPlaceholders(v);
    if (unknown.length) fields[`variants.${i}`] = `Unknown placeholder ${unknown.map((u) => `{${u}}`).join(', ')}; use {name}, {handle}, {opens_at}, {brand}, {agent}, {network} or {special_day}`;
  });
  if (Object.keys(fields).length) throw invalid(fields);
}

export function checkStrategy(input: StrategySettings, s: ConfigSnapshot): void {
  const fields: Record<string, string> = {};
  if (input.dmRouting.groupId != null && !s.groups.some((g) => g.id === input.dmRouting.groupId)) fields['dmRouting.groupId'] = `Agent group ${input.dmRouting.groupId} does not exist`;
  const t = input.autoReply.templateId == null ? null : s.templates.find((x) => x.id === input.autoReply.templateId);
  if (input.autoReply.templateId != null && !t) fields['autoReply.templateId'] = `Template ${input.autoReply.templateId} does not exist`;
  else if (t && t.kind !== 'auto_reply') fields['autoReply.templateId'] = `Template "${t.name}" is a ${t.kind.replace('_', ' ')} template; choose an auto-reply template`;
  if (input.autoReply.enabled && input.autoReply.templateId == null) fields['autoReply.templateId'] = 'Choose the template the automatic reply sends';
  if (Object.keys(fields).length) throw invalid(fields);
}
