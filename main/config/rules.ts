// Keyword rules as the app sees them: the stored JSON read through the model's schema.
import type { DB } from '../../db/connection';
import type { KeywordRuleRecord } from '../../db/repositories/configTypes';
import * as repo from '../../db/repositories/keywordRules';
import { keywordRuleInputSchema, type KeywordRule } from '../../preload/contract/model';

export function toKeywordRule(r: KeywordRuleRecord): KeywordRule {
  const parsed = keywordRuleInputSchema.parse({ name: r.name, enabled: r.enabled, match: r.match, networks: r.networks, channelKinds: r.channelKinds, action: r.action });
  return { ...parsed, id: r.id, position: r.position };
}

export async function listKeywordRules(db: DB): Promise<KeywordRule[]> {
  return (await repo.listKeywordRules(db)).map(toKeywordRule);
}

export async function getKeywordRule(db: DB, id: number): Promise<KeywordRule | undefined> {
  const r = await repo.getKeywordRule(db, id);
  return r ? toKeywordRule(r) : undefined;
}
