// What an agent can send in a conversation, and what each send becomes on the network. Pure: the mode
// (public or private) is always the caller's explicit choice; nothing here falls back from one to the other.
import type { ChannelKind, ConversationCapabilities, MessagingWindow, Network, ReplyOption, Visibility } from '../../preload/contract';
import { ParleyError } from '../errors';
import type { OutboxPayload } from '../outbox/payload';

export interface ActContext {
  network: Network;
  channelKind: ChannelKind;
  window: MessagingWindow;
  /** The customer's newest message with a network id: what a reply answers. */
  target: { networkMessageId: string; channelKind: ChannelKind } | null;
  /** The customer on this network: who a DM or a Messenger message goes to. */
  recipient: { networkUserId: string; handle: string | null; displayName: string | null } | null;
}

const isPublicKind = (k: ChannelKind) => k === 'mention' || k === 'post' || k === 'comment';

export function defaultModeOf(kind: ChannelKind): Visibility {
  return isPublicKind(kind) ? 'public' : 'private';
}

function who(c: ActContext): string | null {
  if (!c.recipient) return null;
  if (c.network === 'x' && c.recipient.handle) return `@${c.recipient.handle}`;
  return c.recipient.displayName ?? c.recipient.handle ?? null;
}

const no = (label: string, reason: string, maxLength: ReplyOption['maxLength'] = 2000): ReplyOption => ({ allowed: false, act: null, label, reason, maxLength, recipient: null });

export function publicOption(c: ActContext): ReplyOption {
  if (!isPublicKind(c.channelKind)) {
    return no('Reply publicly', c.channelKind === 'dm' ? 'This is a direct message; answer it privately.' : 'Messenger conversations are private; there is no public post to answer.');
  }
  if (!c.target) return no('Reply publicly', 'There is no customer post with a network id to answer yet.');
  if (c.network === 'x') return { allowed: true, act: 'reply', label: 'Reply publicly on X', reason: null, maxLength: 'tweet', recipient: who(c) };
  return { allowed: true, act: 'comment', label: 'Comment publicly', reason: null, maxLength: 8000, recipient: c.target.channelKind === 'comment' ? `${who(c) ?? 'the customer'}'s comment` : `${who(c) ?? 'the customer'}'s post` };
}

export function privateOption(c: ActContext): ReplyOption {
  if (c.network === 'x') {
    if (!c.recipient) return no('Send a DM', 'Parley does not know this customer\'s X user id.', 10_000);
    return { allowed: true, act: 'dm', label: 'Send a DM', reason: null, maxLength: 10_000, recipient: who(c) };
  }
  if (c.channelKind === 'messenger') {
    if (!c.recipient) return no('Send on Messenger', 'Parley does not know this customer\'s Messenger id.');
    if (c.window.state === 'open' || c.window.state === 'human_agent') {
      return { allowed: true, act: 'messenger', label: c.window.state === 'human_agent' ? 'Send on Messenger (human agent)' : 'Send on Messenger', reason: null, maxLength: 2000, recipient: who(c) };
    }
    return no('Send on Messenger', c.window.message);
  }
  // A comment or visitor post: one private reply opens Messenger with its author.
  if (!c.target) return no('Send a private reply', 'There is no customer post or comment to answer privately yet.');
  if (c.window.state !== 'open') return no('Send a private reply', c.window.message);
  return { allowed: true, act: 'private_reply', label: 'Send a private reply', reason: null, maxLength: 2000, recipient: who(c) };
}

export function capabilitiesOf(c: ActContext): ConversationCapabilities {
  const pub = publicOption(c);
  const priv = privateOption(c);
  const publicPost = isPublicKind(c.channelKind) && c.target !== null;
  return {
    public: pub,
    private: priv,
    moveToPrivate: isPublicKind(c.channelKind) && pub.allowed && priv.allowed,
    like: publicPost,
    retweet: publicPost && c.network === 'x',
    hide: publicPost && c.network === 'facebook' && c.target!.channelKind === 'comment',
  };
}

/** The outbox act a send in `mode` becomes, or a ParleyError saying why it cannot be sent. */
export function planSend(c: ActContext, mode: Visibility, text: string): OutboxPayload {
  const option = mode === 'public' ? publicOption(c) : privateOption(c);
  if (!option.allowed) {
    const windowed = mode === 'private' && c.network === 'facebook';
    const code = windowed && c.window.state === 'used' ? 'duplicate' : windowed && c.window.state === 'closed' ? 'outside_messaging_window' : 'conflict';
    throw new ParleyError(code, option.reason ?? 'This cannot be sent here.');
  }
  const target = c.target;
  const recipient = c.recipient;
  switch (option.act) {
    case 'reply':
      return { kind: 'reply', network: 'x', inReplyToTweetId: target!.networkMessageId, text };
    case 'comment':
      return { kind: 'comment', network: 'facebook', objectId: target!.networkMessageId, text };
    case 'dm':
      return { kind: 'dm', network: 'x', recipientUserId: recipient!.networkUserId, text };
    case 'messenger':
      return { kind: 'messenger', network: 'facebook', recipientPsid: recipient!.networkUserId, text, tag: c.window.state === 'human_agent' ? 'HUMAN_AGENT' : 'RESPONSE' };
    case 'private_reply':
      return {
        kind: 'private_reply',
        network: 'facebook',
        commentId: target!.channelKind === 'comment' ? target!.networkMessageId : null,
        postId: target!.channelKind === 'comment' ? null : target!.networkMessageId,
        text,
      };
    default:
      throw new ParleyError('conflict', 'This cannot be sent here.');
  }
}
