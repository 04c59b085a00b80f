// The config namespace: every part of the configuration, read and changed one piece at a time (each
// change saved and audited at once). The Admin screens build on these.
import { z } from 'zod';
import { event, method } from './core';
import {
  agentInputSchema,
  dispositionInputSchema,
  emergencyInputSchema,
  groupInputSchema,
  keywordRuleInputSchema,
  networkSchema,
  skillInputSchema,
  specialDayInputSchema,
  strategySettingsSchema,
  templateInputSchema,
  visibilitySchema,
  weeklyHoursSchema,
  type Agent,
  type AgentGroup,
  type Disposition,
  type Emergency,
  type KeywordRule,
  type Skill,
  type SpecialDay,
  type SpecialDayInput,
  type StrategySettings,
  type Template,
  type WeeklyHours,
} from './model';

const id = z.number().int().positive();
const byId = z.object({ id }).strict();
const none = z.object({}).strict();
const ids = z.object({ ids: z.array(id).max(10_000) }).strict();
const icsText = z.object({ text: z.string().max(20_000_000, 'The file is larger than 20 MB') }).strict();

export type ConfigPart = 'skills' | 'groups' | 'agents' | 'rules' | 'hours' | 'timeZone' | 'specialDays' | 'emergency' | 'templates' | 'dispositions' | 'strategy';

export interface ConfigOverview {
  version: number;
  timeZone: string;
  weeklyHours: WeeklyHours;
  specialDays: SpecialDay[];
  emergency: Emergency;
  templates: Template[];
  dispositions: Disposition[];
  agents: Agent[];
  skills: Skill[];
  groups: AgentGroup[];
  rules: KeywordRule[];
  strategy: StrategySettings;
}

export interface IcsPreviewItem extends SpecialDayInput {
  uid: string | null;
  action: 'add' | 'skip';
  reason: string;
}

export interface IcsPreview {
  items: IcsPreviewItem[];
  notes: string[];
  toAdd: number;
  toSkip: number;
}

export interface ConfigHistoryEntry {
  id: number;
  at: number;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export interface TemplatePreview {
  text: string;
  unknownPlaceholders: string[];
}

export const configMethods = {
  'config.overview': method(none).returns<ConfigOverview>(),

  'config.listSkills': method(none).returns<Skill[]>(),
  'config.createSkill': method(skillInputSchema).returns<Skill>(),
  'config.updateSkill': method(skillInputSchema.extend({ id })).returns<Skill>(),
  'config.deleteSkill': method(byId).returns<null>(),

  'config.listGroups': method(none).returns<AgentGroup[]>(),
  'config.createGroup': method(groupInputSchema).returns<AgentGroup>(),
  'config.updateGroup': method(groupInputSchema.extend({ id })).returns<AgentGroup>(),
  'config.deleteGroup': method(byId).returns<null>(),

  'config.listAgents': method(z.object({ includeInactive: z.boolean().default(false) }).strict()).returns<Agent[]>(),
  'config.createAgent': method(agentInputSchema).returns<Agent>(),
  'config.updateAgent': method(agentInputSchema.extend({ id })).returns<Agent>(),
  'config.deleteAgent': method(byId).returns<null>(),

  'config.listRules': method(none).returns<KeywordRule[]>(),
  'config.createRule': method(keywordRuleInputSchema.extend({ position: z.number().int().min(1).optional() })).returns<KeywordRule>(),
  'config.updateRule': method(keywordRuleInputSchema.extend({ id })).returns<KeywordRule>(),
  'config.deleteRule': method(byId).returns<null>(),
  'config.reorderRules': method(ids).returns<KeywordRule[]>(),

  'config.setTimeZone': method(z.object({ timeZone: z.string().trim().min(1).max(80) }).strict()).returns<string>(),
  'config.getWeeklyHours': method(none).returns<WeeklyHours>(),
  'config.setWeeklyHours': method(z.object({ hours: weeklyHoursSchema }).strict()).returns<WeeklyHours>(),
  'config.listSpecialDays': method(z.object({ from: z.string().optional(), to: z.string().optional() }).strict()).returns<SpecialDay[]>(),
  'config.createSpecialDay': method(specialDayInputSchema).returns<SpecialDay>(),
  'config.updateSpecialDay': method(specialDayInputSchema.extend({ id })).returns<SpecialDay>(),
  'config.deleteSpecialDay': method(byId).returns<null>(),
  'config.previewIcs': method(icsText).returns<IcsPreview>(),
  'config.importIcs': method(icsText).returns<IcsPreview & { added: SpecialDay[] }>(),
  'config.exportIcs': method(none).returns<{ fileName: string; text: string }>(),

  'config.getEmergency': method(none).returns<Emergency>(),
  'config.setEmergency': method(emergencyInputSchema).returns<Emergency>(),

  'config.listTemplates': method(none).returns<Template[]>(),
  'config.createTemplate': method(templateInputSchema).returns<Template>(),
  'config.updateTemplate': method(templateInputSchema.extend({ id })).returns<Template>(),
  'config.deleteTemplate': method(byId).returns<null>(),
  /** The live preview: fills placeholders with sample or given values, exactly as the strategy would. */
  'config.previewTemplate': method(
    z
      .object({
        text: z.string().max(2000),
        network: networkSchema.default('x'),
        visibility: visibilitySchema.default('public'),
        values: z.record(z.string(), z.string().max(200)).default({}),
      })
      .strict(),
  ).returns<TemplatePreview>(),

  'config.listDispositions': method(none).returns<Disposition[]>(),
  'config.createDisposition': method(dispositionInputSchema).returns<Disposition>(),
  'config.updateDisposition': method(dispositionInputSchema.extend({ id })).returns<Disposition>(),
  'config.deleteDisposition': method(byId).returns<null>(),
  'config.reorderDispositions': method(ids).returns<Disposition[]>(),

  'config.getStrategy': method(none).returns<StrategySettings>(),
  'config.setStrategy': method(strategySettingsSchema).returns<StrategySettings>(),

  /** Who changed what and when (newest first); `entity` e.g. "emergency", "keyword_rule". */
  'config.history': method(
    z
      .object({ entity: z.string().max(60).optional(), limit: z.number().int().min(1).max(1000).default(200), beforeId: id.optional() })
      .strict(),
  ).returns<ConfigHistoryEntry[]>(),
};

export const configEvents = {
  'config.changed': event<{ parts: ConfigPart[]; version: number }>(),
};
