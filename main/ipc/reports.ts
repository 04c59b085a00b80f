// Handlers of the reports namespace.
import type { EngineContext } from '../context';
import { buildReport } from '../reports/service';
import type { NamespaceHandlers } from './types';

export function reportsHandlers(ctx: EngineContext): NamespaceHandlers<'reports'> {
  return {
    'reports.run': (input) => buildReport(ctx.db, input, { timeZone: ctx.config.snapshot.timeZone, now: ctx.clock.now() }),
  };
}
