// Words for the configuration's codes, as the Admin screens show them.
import type { ChannelKind, Network, TemplateKind } from '../../../../../preload/contract';

export const networks: Network[] = ['x', 'facebook'];
export const networkLabel: Record<Network, string> = { x: 'X', facebook: 'Facebook' };
export const kindsOf: Record<Network, ChannelKind[]> = { x: ['mention', 'dm'], facebook: ['post', 'comment', 'messenger'] };
export const allKinds: ChannelKind[] = ['mention', 'dm', 'post', 'comment', 'messenger'];
export const kindLabel: Record<ChannelKind, string> = {
  mention: 'X mention',
  dm: 'X direct message',
  post: 'Facebook Page post',
  comment: 'Facebook comment',
  messenger: 'Messenger',
};

export const kindShort: Record<ChannelKind, string> = { mention: 'Mentions', dm: 'DMs', post: 'Posts', comment: 'Comments', messenger: 'Messenger' };

export const templateKinds: TemplateKind[] = ['acknowledgement', 'auto_reply', 'closed', 'special_day', 'emergency', 'move_to_private', 'canned'];
export const templateKindLabel: Record<TemplateKind, string> = {
  acknowledgement: 'Acknowledgement',
  auto_reply: 'Automatic reply',
  closed: 'Closed (outside hours)',
  special_day: 'Special day',
  emergency: 'Emergency',
  move_to_private: 'Move to private',
  canned: 'Canned response',
};

export const placeholders = ['name', 'handle', 'opens_at', 'brand', 'agent', 'network', 'special_day'] as const;

export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export const entityLabel: Record<string, string> = {
  skill: 'Skill',
  agent_group: 'Agent group',
  agent: 'Agent',
  keyword_rule: 'Keyword rule',
  setting: 'Setting',
  weekly_hours: 'Weekly hours',
  special_day: 'Special day',
  emergency: 'Emergency',
  message_template: 'Template',
  disposition_code: 'Disposition code',
  configuration: 'Configuration import',
  channel_account: 'Channel account',
};

export const actionLabel: Record<string, string> = {
  create: 'Created',
  update: 'Changed',
  delete: 'Deleted',
  reorder: 'Reordered',
  deactivate: 'Deactivated',
  switch_on: 'Switched on',
  switch_off: 'Switched off',
  auto_end: 'Ended automatically',
  import: 'Imported',
};

export const roleLabel = { agent: 'Agent', supervisor: 'Supervisor', admin: 'Admin' } as const;

export const settingLabel: Record<string, string> = {
  'strategy.settings': 'Strategies',
  'calendar.timeZone': 'Business time zone',
  'channels.settings': 'Channel settings',
};

/** How the audit log's actor reads for a person (the engine's audit.list does the same for its entries). */
export function actorText(actor: string | null, agents: ReadonlyArray<{ id: number; name: string }> = []): string {
  if (!actor) return 'nobody yet';
  const agent = /^agent:(\d+)$/.exec(actor);
  if (agent) return agents.find((a) => a.id === Number(agent[1]))?.name ?? `Agent ${agent[1]}`;
  if (actor === 'admin@web') return 'Admin (web window)';
  if (actor === 'admin@electron') return 'Admin (desktop window)';
  if (actor === 'admin') return 'Admin';
  if (actor === 'system') return 'Parley (automatic)';
  return actor;
}
