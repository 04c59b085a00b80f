// The engine's outbound event bus, typed by the contract. Hosts subscribe and forward to windows.
import type { EventName, EventPayload } from '../preload/contract';

export type EventListener = (name: EventName, payload: unknown) => void;

export class EventBus {
  private listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) {
      try {
        l(name, payload);
      } catch {
        // A broken window must not stop the engine from telling the others.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
