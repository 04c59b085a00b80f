// The in-memory configuration the pipeline reads without a query per message. Rebuilt (cheaply: the
// configuration is small) after every change, and swapped in whole so a reader never sees half of it.
import type { DB } from '../../db/connection';
import { listAgents, listGroups, listSkills } from '../../db/repositories/agents';
import { getEmergency, getWeeklyHours, listSpecialDays } from '../../db/repositories/calendar';
import { listDispositions } from '../../db/repositories/dispositions';
import { listKeywordRules } from './rules';
import { listTemplates } from '../../db/repositories/templates';
import type { Agent, AgentGroup, Disposition, Emergency, KeywordRule, Skill, SpecialDay, StrategySettings, Template, WeeklyHours } from '../../preload/contract/model';
import { compileCalendar, type Calendar } from '../calendar/hours';
import { compileRule, type CompiledRule } from '../strategy/rules';
import type { StrategyConfig } from '../strategy/types';
import { getStrategySettings, getTimeZone } from './settings';

export interface ConfigSnapshot extends StrategyConfig {
  version: number;
  timeZone: string;
  rules: CompiledRule[];
  keywordRules: KeywordRule[];
  templates: Template[];
  weeklyHours: WeeklyHours;
  specialDays: SpecialDay[];
  calendar: Calendar;
  emergency: Emergency;
  strategy: StrategySettings;
  agents: Agent[];
  skills: Skill[];
  groups: AgentGroup[];
  dispositions: Disposition[];
}

export async function loadConfigSnapshot(db: DB, version: number): Promise<ConfigSnapshot> {
  const [timeZone, keywordRules, templates, weeklyHours, specialDays, emergency, strategy, agents, skills, groups, dispositions] = await Promise.all([
    getTimeZone(db),
    listKeywordRules(db),
    listTemplates(db),
    getWeeklyHours(db),
    listSpecialDays(db),
    getEmergency(db),
    getStrategySettings(db),
    listAgents(db, { includeInactive: true }),
    listSkills(db),
    listGroups(db),
    listDispositions(db),
  ]);
  const plainDays: SpecialDay[] = specialDays.map(({ icalUid: _uid, ...d }) => d);
  return {
    version,
    timeZone,
    rules: keywordRules.map(compileRule),
    keywordRules,
    templates,
    weeklyHours,
    specialDays: plainDays,
    calendar: compileCalendar(timeZone, weeklyHours, plainDays),
    emergency,
    strategy,
    agents,
    skills,
    groups,
    dispositions,
  };
}
