// The Admin sections, in menu order. Each feature folder adds its screen here; a section without a
// screen yet shows its empty state.
import type { ComponentType } from 'react';
import { AgentsScreen } from './agents/AgentsScreen';
import { AuditScreen } from './audit/AuditScreen';
import { CalendarScreen } from './calendar/CalendarScreen';
import { ChannelsScreen } from './channels/ChannelsScreen';
import { DispositionsScreen } from './dispositions/DispositionsScreen';
import { EmergencyScreen } from './emergency/EmergencyScreen';
import { PreviewScreen } from './preview/PreviewScreen';
import { RulesScreen } from './rules/RulesScreen';
import { StrategiesScreen } from './strategies/StrategiesScreen';
import { TeamScreen } from './team/TeamScreen';
import { TemplatesScreen } from './templates/TemplatesScreen';
import { TransferScreen } from './transfer/TransferScreen';

export interface AdminSection {
  id: string;
  label: string;
  description: string;
  /** The screen; omitted until the section is built. */
  component?: ComponentType;
}

export const adminSections: AdminSection[] = [
  { id: 'channels', label: 'Channels', description: 'The X account and Facebook Page Parley watches.', component: ChannelsScreen },
  { id: 'agents', label: 'Agents', description: 'Agents, skills with levels, groups and capacity.', component: AgentsScreen },
  { id: 'rules', label: 'Keyword rules', description: 'Ordered rules that pick the next step for each message.', component: RulesScreen },
  { id: 'calendar', label: 'Calendar', description: 'Time zone, weekly hours and special days.', component: CalendarScreen },
  { id: 'emergency', label: 'Emergency', description: 'The emergency switch and its message.', component: EmergencyScreen },
  { id: 'templates', label: 'Templates', description: 'Automatic messages and canned responses.', component: TemplatesScreen },
  { id: 'dispositions', label: 'Disposition codes', description: 'Outcomes an agent picks when closing a conversation.', component: DispositionsScreen },
  { id: 'strategies', label: 'Strategies', description: 'Auto-reply, DM routing and automatic engagement.', component: StrategiesScreen },
  { id: 'preview', label: 'What would happen', description: 'Try a message and see the path the strategy would take.', component: PreviewScreen },
  { id: 'transfer', label: 'Export & import', description: 'Copy the whole configuration to another install as one file.', component: TransferScreen },
  { id: 'team', label: 'Team', description: 'This computer only, or one queue shared by several seats through PostgreSQL.', component: TeamScreen },
  { id: 'audit', label: 'Audit log', description: 'Who changed which setting, and when.', component: AuditScreen },
];
