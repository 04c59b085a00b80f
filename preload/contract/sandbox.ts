// The Sandbox screen: act as a customer on the built-in emulator and see what the brand sent.
// Available only in Sandbox mode (no real account configured).
import { z } from 'zod';
import { method } from './core';

const author = z.object({
  name: z.string().trim().min(1, 'Enter the customer\'s name').max(50),
  username: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_]{1,15}$/, 'An X username has 1 to 15 letters, digits or underscores')
    .optional(),
});

export const sandboxPostSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mention'), author, text: z.string().min(1, 'Write the message').max(1000), inReplyTo: z.string().max(40).optional() }),
  z.object({ kind: z.literal('dm'), author, text: z.string().min(1, 'Write the message').max(10_000) }),
  z.object({ kind: z.literal('post'), author, text: z.string().min(1, 'Write the message').max(10_000) }),
  z.object({ kind: z.literal('comment'), author, text: z.string().min(1, 'Write the message').max(8000), postId: z.string().min(1, 'Choose the post to comment on').max(80) }),
  z.object({ kind: z.literal('messenger'), author, text: z.string().min(1, 'Write the message').max(2000) }),
]);
export type SandboxPost = z.infer<typeof sandboxPostSchema>;

export interface SandboxOutboundAct {
  network: 'x' | 'facebook';
  kind: string;
  targetId: string | null;
  text: string | null;
  at: number;
}

export interface SandboxStatus {
  url: string;
  simulatorRate: number;
}

export const sandboxMethods = {
  'sandbox.status': method(z.object({}).strict()).returns<SandboxStatus>(),
  'sandbox.post': method(sandboxPostSchema).returns<{ id: string }>(),
  'sandbox.outbound': method(z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict()).returns<SandboxOutboundAct[]>(),
  'sandbox.simulate': method(z.object({ rate: z.number().min(0).max(600) }).strict()).returns<SandboxStatus>(),
  /** Facebook posts Parley has seen, newest first, so a comment can be placed under one. */
  'sandbox.facebookPosts': method(z.object({}).strict()).returns<Array<{ id: string; text: string; author: string }>>(),
};
