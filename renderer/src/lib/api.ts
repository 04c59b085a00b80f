// The only code that talks to the engine: window.parley in the desktop app, or the WebSocket bridge in
// the web host. Both speak the same contract; callers get typed results or an ApiError.
import type {
  ErrorCode,
  ErrorInfo,
  EventName,
  EventPayload,
  HostKind,
  MethodInput,
  MethodName,
  MethodOutput,
  ParleyBridge,
  Result,
} from '../../../preload/contract';

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'ApiError';
    this.code = info.code;
    this.fields = info.fields;
  }
}

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'no_token' | 'rejected';

interface Transport {
  host: HostKind;
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

const CALL_TIMEOUT_MS = 30_000;
const TOKEN_KEY = 'parley.token';

type StateListener = (s: ConnectionState) => void;
const stateListeners = new Set<StateListener>();
let connectionState: ConnectionState = 'connecting';
function setState(s: ConnectionState): void {
  connectionState = s;
  for (const l of stateListeners) l(s);
}

function electronTransport(): Transport | null {
  const bridge = (window as unknown as { parley?: ParleyBridge }).parley;
  if (!bridge) return null;
  setState('open');
  return {
    host: 'electron',
    invoke: (method, input) => (bridge as unknown as Record<string, (i: unknown) => Promise<Result<unknown>>>)[method]!(input),
    on: (event, listener) => bridge.on(event as EventName, listener as never),
  };
}

/** Reads the per-run token from the address (#token=...) once, then keeps it for this tab only. */
function takeToken(): string | null {
  const m = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (m) {
    const token = decodeURIComponent(m[1]!);
    sessionStorage.setItem(TOKEN_KEY, token);
    // Keep the token out of the address bar, screenshots and history.
    history.replaceState(null, '', `${window.location.pathname}#/inbox`);
    return token;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function webTransport(): Transport {
  const token = takeToken();
  const pending = new Map<number, { resolve: (r: Result<unknown>) => void; timer: ReturnType<typeof setTimeout> }>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const queue: string[] = [];
  let ws: WebSocket | null = null;
  let nextId = 1;
  let attempt = 0;

  const connect = () => {
    if (!token) {
      setState('no_token');
      return;
    }
    const socket = new WebSocket(`ws://${window.location.host}/ws?token=${encodeURIComponent(token)}`);
    ws = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      attempt = 0;
      setState('open');
      while (queue.length) socket.send(queue.shift()!);
    };
    socket.onmessage = (e) => {
      const msg = JSON.parse(String(e.data)) as { id?: number; result?: Result<unknown>; event?: string; payload?: unknown };
      if (msg.event) {
        for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
        return;
      }
      const p = msg.id != null ? pending.get(msg.id) : undefined;
      if (p && msg.result) {
        clearTimeout(p.timer);
        pending.delete(msg.id!);
        p.resolve(msg.result);
      }
    };
    socket.onclose = () => {
      ws = null;
      if (!opened && attempt >= 3) {
        setState('rejected');
      } else {
        setState('reconnecting');
      }
      attempt++;
      setTimeout(connect, Math.min(5000, 250 * 2 ** Math.min(attempt, 5)));
    };
  };
  connect();

  return {
    host: 'web',
    invoke: (method, input) =>
      new Promise((resolve) => {
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve({ ok: false, error: { code: 'timeout', message: `Parley did not answer "${method}" within ${CALL_TIMEOUT_MS / 1000} s.` } });
        }, CALL_TIMEOUT_MS);
        pending.set(id, { resolve, timer });
        const frame = JSON.stringify({ id, method, input });
        if (ws && ws.readyState === WebSocket.OPEN) ws.send(frame);
        else queue.push(frame);
      }),
    on: (event, listener) => {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}

const transport: Transport = electronTransport() ?? webTransport();

export const api = {
  host: transport.host,

  /** Calls a contract method; resolves with its value or rejects with an ApiError. */
  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const result = await transport.invoke(method, input);
    if (!result.ok) throw new ApiError(result.error);
    return result.value as MethodOutput<M>;
  },

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return transport.on(event, listener as (p: unknown) => void);
  },

  connectionState: (): ConnectionState => connectionState,
  onConnectionState(listener: StateListener): () => void {
    stateListeners.add(listener);
    return () => stateListeners.delete(listener);
  },
};
