// Desktop notifications in the Electron host: when an interaction is given to the agent a window works as,
// that window's agent hears about it from the operating system. The main process shows them because the
// window itself is denied every permission (including notifications) on purpose.
import { BrowserWindow, Notification } from 'electron';
import { ipcEventChannel, type AgentAssignment } from '../../preload/contract';
import type { Engine } from '../engine';

const kindLabel: Record<AgentAssignment['channelKind'], string> = { mention: 'mention', dm: 'direct message', post: 'Page post', comment: 'comment', messenger: 'Messenger' };

/** The session the IPC layer keeps for a window (main/ipc/electron.ts names them after the web contents). */
const sessionIdOf = (w: BrowserWindow) => `electron-${w.webContents.id}`;

export function showAssignmentNotices(engine: Engine): () => void {
  return engine.ctx.events.subscribe((name, payload) => {
    if (name !== 'agent.assigned' || !Notification.isSupported()) return;
    const a = payload as AgentAssignment;
    // The agent took it themselves: nothing to announce.
    if (a.how === 'accepted') return;
    for (const w of BrowserWindow.getAllWindows()) {
      if (w.isDestroyed() || engine.ctx.workspace?.agentOfSession(sessionIdOf(w)) !== a.agentId) continue;
      const n = new Notification({
        title: `${a.contactName} · ${a.network === 'x' ? 'X' : 'Facebook'} ${kindLabel[a.channelKind]}`,
        body: a.subject,
      });
      n.on('click', () => {
        if (w.isDestroyed()) return;
        if (w.isMinimized()) w.restore();
        w.show();
        w.focus();
        w.webContents.send(ipcEventChannel, 'notification.clicked', { interactionId: a.interactionId });
      });
      n.show();
    }
  });
}
