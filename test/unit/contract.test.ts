import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventNames, ipcChannel, methodNames, methods } from '../../preload/contract';
import { startEngine, type Engine } from '../../main/engine';
import { createHandlers } from '../../main/ipc/handlers';
import { silentLogger } from '../../main/log';
import { tempDir } from '../helpers/tempDir';

// The preload runs inside Electron; here `electron` is replaced at the edge by a recorder.
const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async () => ({ ok: true, value: null }));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: { invoke, on: vi.fn(), removeListener: vi.fn() },
}));

describe('the contract surface', () => {
  let engine: Engine;
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    tmp = tempDir();
    engine = await startEngine({ dataDir: tmp.dir, host: 'web', log: silentLogger });
  });
  afterAll(async () => {
    await engine.close();
    tmp.cleanup();
  });

  it('every method name is namespaced and every method has an input schema', () => {
    expect(methodNames.length).toBeGreaterThan(0);
    for (const name of methodNames) {
      expect(name).toMatch(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/);
      expect(typeof methods[name].input.safeParse).toBe('function');
    }
  });

  it('the preload exposes exactly the contract methods, plus `on` for events', async () => {
    await import('../../preload/index');
    const bridge = exposed.parley as Record<string, unknown>;
    expect(Object.keys(exposed)).toEqual(['parley']);
    expect(Object.keys(bridge).sort()).toEqual([...methodNames, 'on'].sort());
    await (bridge['app.info'] as (i: unknown) => Promise<unknown>)({});
    expect(invoke).toHaveBeenCalledWith(ipcChannel('app.info'), {});
    expect(() => (bridge.on as (e: string, l: () => void) => void)('no.such.event', () => {})).toThrow(/Unknown Parley event/);
    expect(eventNames).toContain('channels.status');
  });

  it('every contract method has a handler and there are no extra handlers', () => {
    expect(Object.keys(createHandlers(engine.ctx)).sort()).toEqual([...methodNames].sort());
  });

  it('rejects wrongly typed input with a sentence and the field that is wrong', async () => {
    const session = { id: 't', host: 'web' as const, agentId: null };
    const res = await engine.dispatch('app.info', { surprise: 1 }, session);
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('invalid_input');
      expect(res.error.message).toMatch(/^Invalid input\./);
    }
    const unknown = await engine.dispatch('app.nope', {}, session);
    expect(unknown).toEqual({ ok: false, error: { code: 'unknown_method', message: 'Parley has no method called "app.nope".' } });
    const ok = await engine.dispatch('app.info', {}, session);
    expect(ok.ok && (ok.value as { host: string }).host).toBe('web');
  });
});
