// The messaging window of one interaction, read from what the database holds (the customer's last
// Messenger message; the comment's time and whether it already has its private reply).
import { findLivePrivateReply, findMessageByNetworkId, getInteractionForOutbound, lastCustomerMessageAt, latestInboundInInteraction } from '../../db/repositories/outbox';
import type { MessagingWindow } from '../../preload/contract';
import type { EngineContext } from '../context';
import { notFound } from '../errors';
import { messengerWindow, privateReplyWindow } from '../channels/facebook/window';

export async function messagingWindowFor(ctx: EngineContext, interactionId: number): Promise<MessagingWindow> {
  const interaction = await getInteractionForOutbound(ctx.db, interactionId);
  if (!interaction) throw notFound('Interaction', interactionId);
  const now = ctx.clock.now();
  if (interaction.network === 'facebook' && interaction.channelKind === 'messenger') {
    const last = await lastCustomerMessageAt(ctx.db, { accountId: interaction.accountId, contactId: interaction.contactId, channelKind: 'messenger' });
    return messengerWindow(last, now);
  }
  if (interaction.network === 'facebook' && (interaction.channelKind === 'comment' || interaction.channelKind === 'post')) {
    const target = await latestInboundInInteraction(ctx.db, interactionId);
    const used = target ? !!(await findLivePrivateReply(ctx.db, interaction.accountId, target.networkId, '')) : false;
    return privateReplyWindow(target?.sentAt ?? null, now, used);
  }
  return { kind: 'none', state: 'open', until: null, tag: null, message: 'This channel has no messaging window.' };
}

/** The comment (or post) time a private reply counts its 7 days from, when the message is stored. */
export async function commentTime(ctx: EngineContext, targetId: string): Promise<number | null> {
  return (await findMessageByNetworkId(ctx.db, 'facebook', targetId))?.sentAt ?? null;
}
