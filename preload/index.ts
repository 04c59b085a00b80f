// The Electron preload. Runs sandboxed: it may import only 'electron' (bundled into one file by the build).
// It exposes window.parley, built from the contract's method list and nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { eventNames, ipcChannel, ipcEventChannel, methodNames, type ParleyBridge } from './contract';

const bridge: Record<string, unknown> = {};
for (const name of methodNames) {
  bridge[name] = (input: unknown) => ipcRenderer.invoke(ipcChannel(name), input);
}
bridge.on = (eventName: string, listener: (payload: unknown) => void) => {
  if (!(eventNames as string[]).includes(eventName)) throw new Error(`Unknown Parley event: ${eventName}`);
  const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown) => {
    if (name === eventName) listener(payload);
  };
  ipcRenderer.on(ipcEventChannel, wrapped);
  return () => ipcRenderer.removeListener(ipcEventChannel, wrapped);
};

contextBridge.exposeInMainWorld('parley', bridge as ParleyBridge);
