// Messenger's sending rules as pure functions of time: a RESPONSE inside 24 hours of the customer's last
// message; the HUMAN_AGENT tag only for a person's message inside 7 days; a private reply only once per
// comment and only within 7 days of it. The composer asks before sending, so the agent hears "no" first.
import type { MessagingWindow } from '../../../preload/contract';

export const STANDARD_WINDOW_MS = 24 * 60 * 60_000;
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * 60 * 60_000;
export const PRIVATE_REPLY_WINDOW_MS = 7 * 24 * 60 * 60_000;

const at = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');

export function messengerWindow(lastCustomerMessageAt: number | null, now: number): MessagingWindow {
  if (lastCustomerMessageAt === null) {
    return { kind: 'messenger', state: 'closed', until: null, tag: null, message: 'The customer has not written to the Page on Messenger, so the Page cannot message them.' };
  }
  const standardEnd = lastCustomerMessageAt + STANDARD_WINDOW_MS;
  if (now < standardEnd) {
    return { kind: 'messenger', state: 'open', until: standardEnd, tag: 'RESPONSE', message: `Replies are open until ${at(standardEnd)} (24 hours after the customer's last message).` };
  }
  const humanEnd = lastCustomerMessageAt + HUMAN_AGENT_WINDOW_MS;
  if (now < humanEnd) {
    return {
      kind: 'messenger',
      state: 'human_agent',
      until: humanEnd,
      tag: 'HUMAN_AGENT',
      message: `The 24-hour window has closed; an agent may still answer personally (HUMAN_AGENT tag) until ${at(humanEnd)}. Automatic messages cannot be sent.`,
    };
  }
  return {
    kind: 'messenger',
    state: 'closed',
    until: null,
    tag: null,
    message: 'More than 7 days have passed since the customer\'s last message: Messenger allows no reply until they write again.',
  };
}

export function privateReplyWindow(commentAt: number | null, now: number, alreadyUsed: boolean): MessagingWindow {
  if (alreadyUsed) {
    return { kind: 'private_reply', state: 'used', until: null, tag: null, message: 'This comment already has its private reply; Facebook allows one. Continue when the customer answers on Messenger.' };
  }
  if (commentAt !== null && now >= commentAt + PRIVATE_REPLY_WINDOW_MS) {
    return { kind: 'private_reply', state: 'closed', until: null, tag: null, message: 'A private reply is possible only within 7 days of the comment, and those have passed.' };
  }
  const until = commentAt === null ? null : commentAt + PRIVATE_REPLY_WINDOW_MS;
  return { kind: 'private_reply', state: 'open', until, tag: null, message: until ? `One private reply can be sent until ${at(until)}.` : 'One private reply can be sent.' };
}

/** Whether an act with this tag, by this author, may go out now; the reason when not. */
export function checkMessengerSend(w: MessagingWindow, tag: 'RESPONSE' | 'HUMAN_AGENT', byHumanAgent: boolean): string | null {
  if (w.state === 'open') return null;
  if (w.state === 'human_agent') {
    if (tag === 'HUMAN_AGENT' && byHumanAgent) return null;
    if (!byHumanAgent) return `${w.message}`;
    return 'The 24-hour window has closed: send this as a personal agent reply (HUMAN_AGENT tag).';
  }
  return w.message;
}
