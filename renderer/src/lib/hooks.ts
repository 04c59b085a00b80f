import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../../../preload/contract';
import { api, ApiError, type ConnectionState } from './api';

export interface Query<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/** Calls a method when the component mounts and whenever `key` changes. */
export function useQuery<M extends MethodName>(method: M, input: MethodInput<M>, key: unknown[] = []): Query<MethodOutput<M>> {
  const [state, setState] = useState<{ data?: MethodOutput<M>; error?: ApiError; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const inputRef = useRef(input);
  inputRef.current = input;
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api.call(method, inputRef.current).then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) =>
        live && setState({ error: error instanceof ApiError ? error : new ApiError({ code: 'internal', message: String(error) }), loading: false }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [method, tick, ...key]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** Subscribes to a pushed event for the life of the component. */
export function useEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => api.on(event, (p) => ref.current(p)), [event]);
}

export function useConnectionState(): ConnectionState {
  const [s, setS] = useState(api.connectionState());
  useEffect(() => {
    const off = api.onConnectionState(setS);
    setS(api.connectionState()); // it may have changed between render and subscribe
    return off;
  }, []);
  return s;
}

/** Re-renders every `ms` so relative times ("3 min ago", countdowns) stay true. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
