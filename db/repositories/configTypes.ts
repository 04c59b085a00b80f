// The shapes the configuration repositories read and write. They mirror the contract's model
// (preload/contract/model.ts) structurally, so db/ imports nothing of the app and main/ passes its
// validated model values straight in.
import type { AgentRole, AgentStatus, ChannelKind, Network, TemplateKind, Visibility } from '../schema';

export interface HoursRangeRecord {
  opensAt: string;
  closesAt: string;
}
export type WeeklyHoursRecord = Array<HoursRangeRecord & { weekday: number }>;

export interface SpecialDayWrite {
  name: string;
  date: string;
  recurrence: 'none' | 'yearly';
  closed: boolean;
  hours: HoursRangeRecord[];
  message: string | null;
}
export interface SpecialDayRecord extends SpecialDayWrite {
  id: number;
  icalUid: string | null;
}

export interface EmergencyWrite {
  active: boolean;
  scope: 'all' | Network;
  message: string;
  endsAt: number | null;
}
export interface EmergencyRecord extends EmergencyWrite {
  changedBy: string | null;
  changedAt: number;
}

export interface TemplateWrite {
  kind: TemplateKind;
  name: string;
  network: Network | null;
  visibility: Visibility;
  variants: string[];
  active: boolean;
}
export interface TemplateRecord extends TemplateWrite {
  id: number;
}

export interface DispositionWrite {
  code: string;
  label: string;
  description: string;
  active: boolean;
}
export interface DispositionRecord extends DispositionWrite {
  id: number;
  position: number;
}

export interface NamedWrite {
  name: string;
  description: string;
}
export interface NamedRecord extends NamedWrite {
  id: number;
}

export type CapacityRecord = Record<ChannelKind, number>;

export interface AgentWrite {
  name: string;
  email: string | null;
  role: AgentRole;
  skills: Array<{ skillId: number; level: number }>;
  groupIds: number[];
  capacity: CapacityRecord;
  active: boolean;
}
export interface AgentRecord extends AgentWrite {
  id: number;
  status: AgentStatus;
  notReadyReason: string | null;
  statusChangedAt: number;
  idleSince: number | null;
}

/** A keyword rule as stored; main/ validates match and action with the model's schemas. */
export interface KeywordRuleWrite {
  name: string;
  enabled: boolean;
  match: unknown;
  networks: Network[];
  channelKinds: ChannelKind[];
  action: { type: string };
}
export interface KeywordRuleRecord {
  id: number;
  position: number;
  name: string;
  enabled: boolean;
  match: unknown;
  networks: unknown;
  channelKinds: unknown;
  action: unknown;
}
