// The routing namespace: agent status, the queue, and what the agent workspace does with an interaction
// (accept, transfer, requeue, complete with a disposition code).
import { z } from 'zod';
import { event, method } from './core';
import { agentStatusSchema, type AgentStatus, type Capacity, type ChannelKind, type Network } from './model';

export interface AgentRoutingState {
  id: number;
  name: string;
  active: boolean;
  status: AgentStatus;
  notReadyReason: string | null;
  statusChangedAt: number;
  /** Longest-idle-first reads this: when the agent last got work or became Ready. */
  idleSince: number;
  capacity: Capacity;
  /** Interactions held now, per channel kind. */
  load: Record<ChannelKind, number>;
  skills: Array<{ skillId: number; level: number }>;
  groupIds: number[];
}

export interface QueuedInteraction {
  interactionId: number;
  network: Network;
  channelKind: ChannelKind;
  subject: string;
  contactId: number;
  contactName: string;
  priority: number;
  queuedAt: number;
  skillId: number | null;
  minLevel: number | null;
  groupId: number | null;
}

export interface RoutingOutcome {
  interactionId: number;
  state: 'queued' | 'assigned' | 'completed';
  agentId: number | null;
}

const id = z.number().int().positive();
export const transferTargetSchema = z.union([
  z.object({ agentId: id }).strict(),
  z.object({ groupId: id, priority: z.number().int().min(0).max(100).optional() }).strict(),
  z.object({ skillId: id, minLevel: z.number().int().min(1).max(10).default(1), priority: z.number().int().min(0).max(100).optional() }).strict(),
]);
export type TransferTarget = z.infer<typeof transferTargetSchema>;

export const routingMethods = {
  'routing.agents': method(z.object({}).strict()).returns<AgentRoutingState[]>(),
  'routing.setStatus': method(
    z
      .object({ agentId: id, status: agentStatusSchema, reason: z.string().trim().max(200).nullable().default(null) })
      .strict()
      .refine((v) => v.status !== 'not_ready' || !!v.reason, { message: 'Say why the agent is Not Ready (e.g. Break, Training)', path: ['reason'] }),
  ).returns<AgentRoutingState>(),
  'routing.queue': method(z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict()).returns<{ total: number; items: QueuedInteraction[] }>(),
  'routing.workOf': method(z.object({ agentId: id }).strict()).returns<QueuedInteraction[]>(),
  'routing.accept': method(z.object({ interactionId: id, agentId: id }).strict()).returns<RoutingOutcome>(),
  'routing.assign': method(z.object({ interactionId: id, agentId: id }).strict()).returns<RoutingOutcome>(),
  'routing.transfer': method(z.object({ interactionId: id, to: transferTargetSchema, note: z.string().max(500).optional() }).strict()).returns<RoutingOutcome>(),
  'routing.requeue': method(z.object({ interactionId: id, reason: z.string().max(200).optional() }).strict()).returns<RoutingOutcome>(),
  'routing.complete': method(
    z.object({ interactionId: id, dispositionCodeId: id, note: z.string().max(2000).nullable().default(null) }).strict(),
  ).returns<RoutingOutcome>(),
};

export const routingEvents = {
  /** Interactions whose state, assignment or messages changed. */
  'interactions.changed': event<{ ids: number[] }>(),
  'queue.changed': event<{ queued: number }>(),
  'agents.changed': event<AgentRoutingState[]>(),
};
