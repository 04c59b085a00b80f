// The desktop app's notifications: Electron's Notification and BrowserWindow are replaced at the edge by
// recorders (the binary cannot run here); the engine, its sessions and its events are real.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Engine } from '../../../main/engine';
import { tempDir } from '../../helpers/tempDir';

const shown: Array<{ title: string; body: string; click: () => void }> = [];
const sent: Array<{ window: number; channel: string; name: string; payload: unknown }> = [];
vi.mock('electron', () => {
  class Notification {
    private handlers: Record<string, () => void> = {};
    constructor(private readonly opts: { title: string; body: string }) {}
    static isSupported() {
      return true;
    }
    on(event: string, fn: () => void) {
      this.handlers[event] = fn;
    }
    show() {
      shown.push({ title: this.opts.title, body: this.opts.body, click: () => this.handlers.click?.() });
    }
  }
  const windows = [7, 8].map((id) => ({
    webContents: { id, send: (channel: string, name: string, payload: unknown) => sent.push({ window: id, channel, name, payload }) },
    isDestroyed: () => false,
    isMinimized: () => false,
    restore: () => undefined,
    show: () => undefined,
    focus: () => undefined,
  }));
  return { Notification, BrowserWindow: { getAllWindows: () => windows } };
});

describe('desktop notifications of assignments', () => {
  let engine: Engine;
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    tmp = tempDir();
    const { startEngine } = await import('../../../main/engine');
    const { silentLogger } = await import('../../../main/log');
    engine = await startEngine({ dataDir: tmp.dir, host: 'electron', log: silentLogger });
  });
  afterAll(async () => {
    await engine.close();
    tmp.cleanup();
  });

  it('reach only the window signed in as the agent, and open the conversation on click', async () => {
    const { showAssignmentNotices } = await import('../../../main/window/assignmentNotices');
    const session = { id: 'electron-7', host: 'electron' as const, agentId: null };
    const other = { id: 'electron-8', host: 'electron' as const, agentId: null };
    const ana = await engine.dispatch('config.createAgent', { name: 'Ana Souza' }, session);
    const ben = await engine.dispatch('config.createAgent', { name: 'Ben Okafor' }, session);
    if (!ana.ok || !ben.ok) throw new Error('agents not created');
    const anaId = (ana.value as { id: number }).id;
    await engine.dispatch('session.signIn', { agentId: anaId }, session);
    await engine.dispatch('session.signIn', { agentId: (ben.value as { id: number }).id }, other);
    const stop = showAssignmentNotices(engine);
    const base = { network: 'x', channelKind: 'mention', contactName: 'Jane Doe', subject: 'my order is late', at: 1 } as const;
    engine.ctx.events.emit('agent.assigned', { ...base, agentId: anaId, interactionId: 41, how: 'routed' });
    // One she took herself is not announced.
    engine.ctx.events.emit('agent.assigned', { ...base, agentId: anaId, interactionId: 42, how: 'accepted' });
    expect(shown).toEqual([{ title: 'Jane Doe · X mention', body: 'my order is late', click: expect.any(Function) }]);
    shown[0]!.click();
    expect(sent.filter((s) => s.name === 'notification.clicked')).toEqual([{ window: 7, channel: 'parley:event', name: 'notification.clicked', payload: { interactionId: 41 } }]);
    // Signed out: no more notices for that window.
    await engine.dispatch('session.signOut', {}, session);
    engine.ctx.events.emit('agent.assigned', { ...base, agentId: anaId, interactionId: 43, how: 'transferred' });
    expect(shown).toHaveLength(1);
    stop();
  });
});
