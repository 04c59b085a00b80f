// Canned responses and "continue in private" notes, with their placeholders filled for this customer and
// the signed-in agent, exactly as the strategy fills automatic messages.
import { getChannelAccount } from '../../db/repositories/channelAccounts';
import { getContact } from '../../db/repositories/contacts';
import { contactIdentityOn, getInteractionRecord } from '../../db/repositories/conversation';
import type { Agent, FilledTemplate, Template } from '../../preload/contract';
import type { EngineContext } from '../context';
import { notFound } from '../errors';
import { fillPlaceholders, type PlaceholderValues } from '../strategy/templates';

export async function filledTemplates(ctx: EngineContext, agent: Agent | null, interactionId: number): Promise<{ canned: FilledTemplate[]; moveToPrivate: FilledTemplate[] }> {
  const i = await getInteractionRecord(ctx.db, interactionId);
  if (!i) throw notFound('Interaction', interactionId);
  const [contact, identity, account] = await Promise.all([getContact(ctx.db, i.contactId), contactIdentityOn(ctx.db, i.contactId, i.network), getChannelAccount(ctx.db, i.accountId)]);
  const name = contact?.displayName ?? identity?.displayName ?? undefined;
  const values: PlaceholderValues = {
    name,
    handle: identity?.handle ? `@${identity.handle}` : name,
    agent: agent?.name,
    brand: account?.name,
    network: i.network === 'x' ? 'X' : 'Facebook',
  };
  const fits = (t: Template, kind: Template['kind']) => t.kind === kind && t.active && (t.network === null || t.network === i.network);
  const fill = (t: Template): FilledTemplate => ({ id: t.id, name: t.name, visibility: t.visibility, network: t.network, variants: t.variants.map((v) => fillPlaceholders(v, values)) });
  const templates = ctx.config.snapshot.templates;
  return {
    canned: templates.filter((t) => fits(t, 'canned')).map(fill),
    moveToPrivate: templates.filter((t) => fits(t, 'move_to_private') && t.visibility === 'public').map(fill),
  };
}
