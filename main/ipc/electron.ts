// Registers one ipcMain handler per contract method (and nothing else), each checking that the
// request comes from Parley's own window before dispatching.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { ipcChannel, methodNames, type Result } from '../../preload/contract';
import type { Session } from '../context';
import type { Dispatch } from './dispatch';
import { isAppUrl } from '../window/hardening';

export function registerIpc(dispatch: Dispatch): () => void {
  const sessions = new Map<number, Session>();
  const sessionFor = (e: IpcMainInvokeEvent): Session => {
    const id = e.sender.id;
    let s = sessions.get(id);
    if (!s) {
      s = { id: `electron-${id}`, host: 'electron', agentId: null };
      sessions.set(id, s);
      e.sender.once('destroyed', () => sessions.delete(id));
    }
    return s;
  };
  for (const name of methodNames) {
    ipcMain.handle(ipcChannel(name), async (event, input: unknown): Promise<Result<unknown>> => {
      const frame = event.senderFrame;
      if (!frame || !isAppUrl(frame.url) || frame.parent !== null) {
        return { ok: false, error: { code: 'forbidden', message: 'Requests are accepted only from Parley\'s own window.' } };
      }
      return dispatch(name, input, sessionFor(event));
    });
  }
  return () => {
    for (const name of methodNames) ipcMain.removeHandler(ipcChannel(name));
  };
}
