// THE contract between the engine and the window. Every request (its argument schema and result type)
// and every pushed event is declared here, once. main/ipc implements it, preload/index.ts exposes it,
// and the renderer imports its types only. Namespaces live in ./contract/*.ts to keep files small.
import type { z } from 'zod';
import type { EventDef, MethodDef, Result } from './contract/core';
import { appEvents, appMethods } from './contract/app';
import { configEvents, configMethods } from './contract/config';
import { routingEvents, routingMethods } from './contract/routing';
import { contactsEvents, contactsMethods } from './contract/contacts';
import { strategyEvents, strategyMethods } from './contract/strategy';
import { channelsMethods } from './contract/channels';
import { outboxEvents, outboxMethods } from './contract/outbox';
import { sandboxMethods } from './contract/sandbox';
import { configTransferMethods } from './contract/configTransfer';
import { auditMethods } from './contract/audit';
import { sessionEvents, sessionMethods } from './contract/session';
import { inboxEvents, inboxMethods } from './contract/inbox';
import { conversationMethods } from './contract/conversation';
import { reportsMethods } from './contract/reports';
import { teamEvents, teamMethods } from './contract/team';

export * from './contract/core';
export type * from './contract/app';
export * from './contract/config';
export * from './contract/routing';
export * from './contract/contacts';
export * from './contract/strategy';
export * from './contract/channels';
export * from './contract/outbox';
export * from './contract/sandbox';
export * from './contract/configTransfer';
export * from './contract/audit';
export * from './contract/session';
export * from './contract/inbox';
export * from './contract/conversation';
export * from './contract/reports';
export * from './contract/team';
export * from './contract/model';

export const methods = {
  ...appMethods,
  ...configMethods,
  ...routingMethods,
  ...contactsMethods,
  ...strategyMethods,
  ...channelsMethods,
  ...outboxMethods,
  ...sandboxMethods,
  ...configTransferMethods,
  ...auditMethods,
  ...sessionMethods,
  ...inboxMethods,
  ...conversationMethods,
  ...reportsMethods,
  ...teamMethods,
} satisfies Record<string, MethodDef<z.ZodType, unknown>>;

export const events = {
  ...appEvents,
  ...configEvents,
  ...routingEvents,
  ...contactsEvents,
  ...strategyEvents,
  ...outboxEvents,
  ...sessionEvents,
  ...inboxEvents,
  ...teamEvents,
} satisfies Record<string, EventDef<unknown>>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type Events = typeof events;
export type EventName = keyof Events;

export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = Methods[M] extends MethodDef<z.ZodType, infer O> ? O : never;
export type EventPayload<E extends EventName> = Events[E] extends EventDef<infer P> ? P : never;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

/** What `window.parley` is: one function per contract method, and `on` for pushed events. */
export type ParleyBridge = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;
} & {
  on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;
};

/** Channel names on the Electron IPC bus; main allowlists exactly these. */
export const ipcChannel = (m: MethodName): string => `parley:${m}`;
export const ipcEventChannel = 'parley:event';
