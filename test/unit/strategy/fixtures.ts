// A configuration snapshot built in memory for the pure strategy tests.
import { compileCalendar } from '../../../main/calendar/hours';
import { compileRule } from '../../../main/strategy/rules';
import type { StrategyConfig } from '../../../main/strategy/types';
import {
  defaultStrategySettings,
  keywordRuleInputSchema,
  strategySettingsSchema,
  type Emergency,
  type KeywordRule,
  type SpecialDay,
  type StrategySettings,
  type Template,
  type WeeklyHours,
} from '../../../preload/contract/model';

export const weekdays9to5: WeeklyHours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: '09:00', closesAt: '17:00' }));

export const templates: Template[] = [
  { id: 1, kind: 'emergency', name: 'Emergency', network: null, visibility: 'public', variants: ['Sorry {name}, we are dealing with an outage.'], active: true },
  { id: 2, kind: 'special_day', name: 'Holiday', network: null, visibility: 'public', variants: ['Happy {special_day}! We are back {opens_at}.'], active: true },
  { id: 3, kind: 'closed', name: 'Closed', network: null, visibility: 'public', variants: ['Hi {handle}, we open {opens_at}.'], active: true },
  { id: 4, kind: 'acknowledgement', name: 'Ack', network: null, visibility: 'public', variants: ['Thanks {name}, an agent will be with you shortly.'], active: true },
  { id: 5, kind: 'auto_reply', name: 'Refund info', network: null, visibility: 'public', variants: ['Refunds take 5 days, {name}.'], active: true },
  { id: 6, kind: 'closed', name: 'Closed (DM)', network: null, visibility: 'private', variants: ['We open {opens_at}.'], active: true },
  { id: 7, kind: 'closed', name: 'Closed on X', network: 'x', visibility: 'public', variants: ['X: we open {opens_at}, {handle}.', 'X (2): we open {opens_at}, {handle}.'], active: true },
];

let ruleId = 0;
export function rule(input: unknown): KeywordRule {
  ruleId++;
  return { ...keywordRuleInputSchema.parse(input), id: ruleId, position: ruleId };
}

export function snapshot(over: {
  rules?: KeywordRule[];
  weekly?: WeeklyHours;
  specialDays?: SpecialDay[];
  emergency?: Partial<Emergency>;
  strategy?: unknown;
  templates?: Template[];
  timeZone?: string;
} = {}): StrategyConfig {
  const strategy: StrategySettings = over.strategy ? strategySettingsSchema.parse(over.strategy) : defaultStrategySettings;
  return {
    rules: (over.rules ?? []).map(compileRule),
    templates: over.templates ?? templates,
    calendar: compileCalendar(over.timeZone ?? 'Europe/Berlin', over.weekly ?? weekdays9to5, over.specialDays ?? []),
    emergency: { active: false, scope: 'all', message: '', endsAt: null, changedBy: null, changedAt: 0, ...over.emergency },
    strategy,
  };
}
