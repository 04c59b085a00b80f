// Handlers of the configTransfer namespace: thin; the rules live in main/config/transfer.ts.
import type { EngineContext } from '../context';
import { applyConfigurationImport, exportConfigurationFile, previewConfigurationImport, type TransferDeps } from '../config/transfer';
import { actorOf } from './config';
import type { NamespaceHandlers } from './types';

export function configTransferHandlers(ctx: EngineContext): NamespaceHandlers<'configTransfer'> {
  const deps: TransferDeps = { db: ctx.db, config: ctx.config, clock: ctx.clock, appVersion: ctx.appVersion };
  return {
    'configTransfer.export': () => exportConfigurationFile(deps),
    'configTransfer.preview': ({ text }) => previewConfigurationImport(deps, text),
    'configTransfer.apply': ({ text, baseVersion }, s) => applyConfigurationImport(deps, text, actorOf(s), baseVersion),
  };
}
