import type { IconName } from '../components/Icon';

export interface NavItem {
  id: string;
  label: string;
  icon: IconName;
}

export const mainNav: NavItem[] = [
  { id: 'inbox', label: 'Inbox', icon: 'inbox' },
  { id: 'contacts', label: 'Contacts', icon: 'contacts' },
  { id: 'admin', label: 'Admin', icon: 'admin' },
  { id: 'reports', label: 'Reports', icon: 'reports' },
];
