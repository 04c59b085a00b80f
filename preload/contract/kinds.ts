// Channel-kind facts with no schema library behind them, so code that must stay small (ingest's second
// thread, main/strategy/analysisWorker.ts) can use them; model.ts re-exports them with the schemas.
import type { ChannelKind } from './model';

/** Which channel kinds are public by nature. */
export const publicKinds: readonly ChannelKind[] = ['mention', 'post', 'comment'];
