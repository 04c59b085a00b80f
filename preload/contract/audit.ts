// The audit namespace: who changed which setting and when, filtered and paged for the Audit log screen.
import { z } from 'zod';
import { method } from './core';

const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'Use a date like 2026-12-25');

export interface AuditEntryView {
  id: number;
  at: number;
  actor: string;
  /** The actor as a person reads it: an agent's name, "Admin (web)", "Parley (automatic)". */
  actorLabel: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  entries: AuditEntryView[];
  /** Whether older entries exist past this page (ask again with beforeId = the last id). */
  hasMore: boolean;
  timeZone: string;
}

export interface AuditFacets {
  entities: string[];
  actors: { actor: string; label: string }[];
}

export const auditMethods = {
  /** Newest first. from/to are days in the business time zone, both included. */
  'audit.list': method(
    z
      .object({
        entity: z.string().max(60).optional(),
        actor: z.string().max(200).optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        limit: z.number().int().min(1).max(500).default(50),
        beforeId: z.number().int().positive().optional(),
      })
      .strict()
      .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'The end date must not be before the start date' }),
  ).returns<AuditPage>(),
  /** The entities and actors that appear in the log, for the filters. */
  'audit.facets': method(z.object({}).strict()).returns<AuditFacets>(),
};
