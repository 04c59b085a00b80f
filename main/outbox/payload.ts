// What each outbound act carries. A row in outbox_item holds one of these as payload_json; the channel
// adapter for its network turns it into the network call. Validated when enqueued and when read back.
import { z } from 'zod';

const id = z.string().min(1).max(128);
const text = z.string().min(1).max(10_000);

export const outboxPayloadSchema = z.discriminatedUnion('kind', [
  // X
  z.object({ kind: z.literal('reply'), network: z.literal('x'), inReplyToTweetId: id, text }),
  z.object({ kind: z.literal('dm'), network: z.literal('x'), recipientUserId: id, text }),
  z.object({ kind: z.literal('like'), network: z.literal('x'), tweetId: id }),
  z.object({ kind: z.literal('unlike'), network: z.literal('x'), tweetId: id }),
  z.object({ kind: z.literal('retweet'), network: z.literal('x'), tweetId: id }),
  z.object({ kind: z.literal('unretweet'), network: z.literal('x'), tweetId: id }),
  // Facebook
  z.object({ kind: z.literal('comment'), network: z.literal('facebook'), objectId: id, text }), // reply under a post or comment
  z.object({ kind: z.literal('private_reply'), network: z.literal('facebook'), commentId: id.nullable(), postId: id.nullable(), text }),
  z.object({
    kind: z.literal('messenger'),
    network: z.literal('facebook'),
    recipientPsid: id,
    text,
    /** RESPONSE inside the 24 h window; HUMAN_AGENT only for a human agent's message inside 7 days. */
    tag: z.enum(['RESPONSE', 'HUMAN_AGENT']),
  }),
  z.object({ kind: z.literal('fb_like'), network: z.literal('facebook'), objectId: id }),
  z.object({ kind: z.literal('fb_unlike'), network: z.literal('facebook'), objectId: id }),
  z.object({ kind: z.literal('hide'), network: z.literal('facebook'), commentId: id, hidden: z.boolean() }),
]);

export type OutboxPayload = z.infer<typeof outboxPayloadSchema>;
export type OutboxPayloadKind = OutboxPayload['kind'];

/** Acts that put text in front of a customer (and so have a message row beside them). */
export const textKinds: readonly OutboxPayloadKind[] = ['reply', 'dm', 'comment', 'private_reply', 'messenger'];
