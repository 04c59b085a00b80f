// Desktop notifications for assignments. In the desktop app the main process shows them (the window's
// permission handler denies page permissions on purpose); in the web host the browser's Notification API
// does, once the agent allowed it.
import type { AgentAssignment } from '../../../../preload/contract';
import { channelKindLabel } from '../../components/NetworkBadge';
import { api } from '../../lib/api';

const supported = () => api.host === 'web' && typeof window !== 'undefined' && 'Notification' in window;

/** Asks for permission while the agent is clicking (browsers only ask after a gesture). */
export function prepareNotifications(): void {
  if (!supported() || Notification.permission !== 'default') return;
  void Notification.requestPermission().catch(() => undefined);
}

export function notificationsState(): 'granted' | 'denied' | 'default' | 'desktop' | 'unsupported' {
  if (api.host === 'electron') return 'desktop';
  if (!supported()) return 'unsupported';
  return Notification.permission;
}

export function notifyAssignment(a: AgentAssignment, open: () => void): void {
  if (!supported() || Notification.permission !== 'granted') return;
  const network = a.network === 'x' ? 'X' : 'Facebook';
  try {
    const n = new Notification(`${a.contactName} · ${network} ${channelKindLabel[a.channelKind]}`, {
      body: a.subject,
      tag: `parley-interaction-${a.interactionId}`,
    });
    n.onclick = () => {
      window.focus();
      open();
      n.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker; the in-app notice still shows.
  }
}
