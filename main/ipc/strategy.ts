// Handlers of the strategy namespace (and rules.test).
import { getChannelAccount } from '../../db/repositories/channelAccounts';
import { listEngagements } from '../../db/repositories/engagements';
import type { EngineContext } from '../context';
import { judgeSentiment } from '../sentiment/positive';
import { approveEngagement, rejectEngagement, undoEngagement } from '../services/engagement';
import { previewDecision } from '../services/preview';
import { compileRule, matchRule } from '../strategy/rules';
import { actorOf } from './config';
import type { NamespaceHandlers } from './types';

export function strategyHandlers(ctx: EngineContext): NamespaceHandlers<'strategy' | 'rules'> {
  return {
    'strategy.preview': async ({ accountId, ...input }) => {
      const account = accountId != null ? await getChannelAccount(ctx.db, accountId) : undefined;
      return previewDecision(ctx.config.snapshot, { ...input, brand: account?.name }, (t, k) => ctx.routing.probe(t, k));
    },
    'strategy.sentiment': ({ text, threshold }) => {
      const t = threshold ?? ctx.config.snapshot.strategy.engagement.threshold;
      return { ...judgeSentiment(text, t), threshold: t };
    },
    'strategy.engagements': (q) => listEngagements(ctx.db, q),
    'strategy.approveEngagement': ({ id }, s) => approveEngagement(ctx, id, actorOf(s)),
    'strategy.rejectEngagement': ({ id }, s) => rejectEngagement(ctx, id, actorOf(s)),
    'strategy.undoEngagement': ({ id }, s) => undoEngagement(ctx, id, actorOf(s)),
    'rules.test': ({ rule, text, network, channelKind }) => matchRule(compileRule({ ...rule, id: 0, position: 0 }), { text, network, channelKind }),
  };
}
