// The strategy namespace: "What would happen", the rule tester, the sentiment check, and the engagement
// approvals of strategy (c).
import { z } from 'zod';
import { event, method } from './core';
import { channelKindSchema, keywordRuleInputSchema, networkSchema, type ChannelKind, type Network, type TemplateKind, type Visibility } from './model';

export interface DecisionStep {
  step: 'dedupe' | 'contact' | 'rules' | 'emergency' | 'special_day' | 'hours' | 'auto_reply' | 'engagement' | 'throttle' | 'route';
  outcome: string;
  detail: string;
}

export interface Decision {
  path: DecisionStep[];
  state: 'queued' | 'auto_handled' | 'ignored';
  autoOutcome: 'special_day' | 'closed' | 'emergency' | 'auto_reply' | 'engagement' | 'ignored' | null;
  autoMessage: {
    kind: Extract<TemplateKind, 'emergency' | 'special_day' | 'closed' | 'auto_reply' | 'acknowledgement'>;
    source: 'rule' | 'emergency' | 'special_day' | 'closed' | 'auto_reply_strategy' | 'acknowledgement';
    templateId: number | null;
    templateName: string | null;
    variant: number | null;
    visibility: Visibility;
    text: string;
    suppressedBy: 'throttle' | null;
  } | null;
  engagement: { like: boolean; retweet: boolean; requiresApproval: boolean; source: 'rule' | 'sentiment' } | null;
  route: { skillId: number | null; minLevel: number | null; groupId: number | null; priority: number } | null;
  availability: { available: boolean; agentId: number | null; reason: string } | null;
  matchedRule: { id: number; name: string } | null;
  sentiment: { compound: number; pos: number; neg: number; neu: number } | null;
  opensAt: number | null;
}

/** An outbound act as the outbox would carry it (main/outbox/payload.ts). */
export type OutboundAct = { kind: string; network: Network } & Record<string, unknown>;

export interface PreviewResult {
  at: number;
  localTime: string;
  timeZone: string;
  decision: Decision;
  autoMessageAct: OutboundAct | null;
  engagementActs: OutboundAct[];
}

export interface SentimentResult {
  scores: { compound: number; pos: number; neg: number; neu: number };
  verdict: 'positive' | 'negative' | 'mixed' | 'neutral';
  positive: boolean;
  reason: string;
  threshold: number;
}

export interface EngagementView {
  id: number;
  interactionId: number | null;
  messageId: number;
  kind: 'like' | 'retweet';
  automatic: boolean;
  state: 'proposed' | 'approved' | 'done' | 'rejected' | 'undone';
  score: number | null;
  decidedBy: string | null;
  createdAt: number;
  updatedAt: number;
  accountId: number;
  network: Network;
  channelKind: ChannelKind;
  networkMessageId: string | null;
  text: string;
  contactId: number;
  outboxItemId: number | null;
  outboxState: string | null;
  undoOutboxItemId: number | null;
  undoOutboxState: string | null;
}

const id = z.number().int().positive();

export const strategyMethods = {
  /** "What would happen": the path and the exact message for a sample post at a date-time. Sends nothing. */
  'strategy.preview': method(
    z
      .object({
        network: networkSchema,
        channelKind: channelKindSchema,
        text: z.string().max(10_000),
        at: z.string().trim().min(1, 'Give a date and time').max(40),
        authorName: z.string().max(120).nullable().optional(),
        authorHandle: z.string().max(60).nullable().optional(),
        accountId: id.optional(),
      })
      .strict(),
  ).returns<PreviewResult>(),
  'strategy.sentiment': method(z.object({ text: z.string().max(10_000), threshold: z.number().min(0).max(1).optional() }).strict()).returns<SentimentResult>(),
  'strategy.engagements': method(
    z.object({ state: z.enum(['proposed', 'approved', 'done', 'rejected', 'undone']).optional(), limit: z.number().int().min(1).max(500).default(100), beforeId: id.optional() }).strict(),
  ).returns<EngagementView[]>(),
  'strategy.approveEngagement': method(z.object({ id }).strict()).returns<EngagementView>(),
  'strategy.rejectEngagement': method(z.object({ id }).strict()).returns<EngagementView>(),
  'strategy.undoEngagement': method(z.object({ id }).strict()).returns<EngagementView>(),
  /** Tests a rule (saved or not) against a sample text: matched or not, and why. */
  'rules.test': method(
    z
      .object({ rule: keywordRuleInputSchema, text: z.string().max(10_000), network: networkSchema.default('x'), channelKind: channelKindSchema.default('mention') })
      .strict(),
  ).returns<{ matched: boolean; reasons: string[] }>(),
};

export const strategyEvents = {
  'engagements.changed': event<{ ids: number[] }>(),
};
