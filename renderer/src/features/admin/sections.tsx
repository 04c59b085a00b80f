// The Admin sections, in menu order. Each feature folder adds its screen here; a section without a
// screen yet shows its empty state.
import type { ComponentType } from 'react';
import { ChannelsScreen } from './channels/ChannelsScreen';

export interface AdminSection {
  id: string;
  label: string;
  description: string;
  /** The screen; omitted until the section is built. */
  component?: ComponentType;
}

export const adminSections: AdminSection[] = [
  { id: 'channels', label: 'Channels', description: 'The X account and Facebook Page Parley watches.', component: ChannelsScreen },
  { id: 'agents', label: 'Agents', description: 'Agents, skills with levels, groups and capacity.' },
  { id: 'rules', label: 'Keyword rules', description: 'Ordered rules that pick the next step for each message.' },
  { id: 'calendar', label: 'Calendar', description: 'Time zone, weekly hours and special days.' },
  { id: 'emergency', label: 'Emergency', description: 'The emergency switch and its message.' },
  { id: 'templates', label: 'Templates', description: 'Automatic messages and canned responses.' },
  { id: 'dispositions', label: 'Disposition codes', description: 'Outcomes an agent picks when closing a conversation.' },
  { id: 'strategies', label: 'Strategies', description: 'Auto-reply, DM routing and automatic engagement.' },
  { id: 'preview', label: 'What would happen', description: 'Try a message and see the path the strategy would take.' },
  { id: 'audit', label: 'Audit log', description: 'Who changed which setting, and when.' },
];
