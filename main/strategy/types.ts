// The strategy's inputs and its decision. Pure data: what ingest stores as decision_json and what
// "What would happen" shows.
import type { ChannelKind, Emergency, Network, StrategySettings, Template, TemplateKind, Visibility } from '../../preload/contract/model';
import type { Calendar } from '../calendar/hours';
import type { SentimentScores } from '../sentiment/vader';
import type { CompiledRule } from './rules';

/** The part of the configuration snapshot the strategy reads. */
export interface StrategyConfig {
  rules: readonly CompiledRule[];
  templates: readonly Template[];
  calendar: Calendar;
  emergency: Emergency;
  strategy: StrategySettings;
}

export interface StrategyMessage {
  network: Network;
  channelKind: ChannelKind;
  text: string;
  /** When it was received (the strategy's clock), epoch ms. */
  at: number;
  /** Seeds the choice of template variant. */
  networkMessageId: string;
  /** The brand account's display name, for {brand}. */
  brand: string;
}

export interface StrategyContact {
  name: string | null;
  handle: string | null;
  /** When Parley last sent this contact an automatic message (throttle); a function when it is costly to
   *  find out, so it is asked only when there is a message to hold back. */
  lastAutoMessageAt: number | null | (() => number | null);
}

export interface RouteTarget {
  skillId: number | null;
  minLevel: number | null;
  groupId: number | null;
  priority: number;
}

export interface Availability {
  available: boolean;
  agentId: number | null;
  reason: string;
}

/** Answers "could an agent take this now?" from the router's in-memory state, without changing it. */
export type AvailabilityProbe = (target: RouteTarget, kind: ChannelKind) => Availability;

export type StepName = 'dedupe' | 'contact' | 'rules' | 'emergency' | 'special_day' | 'hours' | 'auto_reply' | 'engagement' | 'throttle' | 'route';

export interface DecisionStep {
  step: StepName;
  outcome: string;
  detail: string;
}

export type AutoMessageKind = Extract<TemplateKind, 'emergency' | 'special_day' | 'closed' | 'auto_reply' | 'acknowledgement'>;

export interface AutoMessagePlan {
  kind: AutoMessageKind;
  /** Why this message: the rule that asked for it, or the calendar step. */
  source: 'rule' | 'emergency' | 'special_day' | 'closed' | 'auto_reply_strategy' | 'acknowledgement';
  templateId: number | null;
  templateName: string | null;
  variant: number | null;
  visibility: Visibility;
  text: string;
  /** Set when the throttle held it back: nothing is sent. */
  suppressedBy: 'throttle' | null;
}

export interface EngagementPlan {
  like: boolean;
  retweet: boolean;
  requiresApproval: boolean;
  source: 'rule' | 'sentiment';
}

export type AutoOutcome = 'special_day' | 'closed' | 'emergency' | 'auto_reply' | 'engagement' | 'ignored';

export interface Decision {
  path: DecisionStep[];
  /** queued: goes to routing (assigned at once when `availability.available`). */
  state: 'queued' | 'auto_handled' | 'ignored';
  autoOutcome: AutoOutcome | null;
  autoMessage: AutoMessagePlan | null;
  engagement: EngagementPlan | null;
  route: RouteTarget | null;
  availability: Availability | null;
  matchedRule: { id: number; name: string } | null;
  sentiment: SentimentScores | null;
  /** Next opening time when the business was closed, epoch ms. */
  opensAt: number | null;
}
