// The channels namespace: the X accounts and Facebook Pages Parley watches, their health, the stream
// settings, and the Messenger window the composer asks about before sending.
import { z } from 'zod';
import type { ChannelAccountSummary } from './app';
import { method } from './core';

const name = z.string().trim().min(1, 'Give the account a name').max(80, 'Use at most 80 characters');
const required = (what: string) => z.string().trim().min(1, `Enter the ${what}`).max(4096, `The ${what} is too long`);
const optionalSecret = z
  .string()
  .trim()
  .max(4096, 'This value is too long')
  .nullish()
  .transform((v) => (v ? v : null));

/** Empty means the real service; a URL means an emulator such as the Parley sandbox. */
const baseUrl = z
  .string()
  .trim()
  .max(300, 'Use at most 300 characters')
  .nullish()
  .refine((v) => !v || (/^https?:\/\/[^\s/]+/i.test(v) && URL.canParse(v)), 'Enter a URL such as http://127.0.0.1:4790, or leave it empty for the real service')
  .transform((v) => (v ? new URL(v).origin : null));

export const xAuthInputSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('oauth2'),
      accessToken: required('access token'),
      refreshToken: optionalSecret,
      clientId: optionalSecret,
      clientSecret: optionalSecret,
      appBearerToken: optionalSecret,
    })
    .refine((v) => !v.refreshToken || !!v.clientId, { path: ['clientId'], message: 'A refresh token can only be used with the app\'s client ID' }),
  z.object({
    kind: z.literal('oauth1'),
    appKey: required('API key'),
    appSecret: required('API key secret'),
    accessToken: required('access token'),
    accessSecret: required('access token secret'),
    appBearerToken: optionalSecret,
  }),
]);
export type XAuthInput = z.input<typeof xAuthInputSchema>;
/** As the engine receives it: trimmed, empty optional secrets as null. */
export type XAuthParsed = z.output<typeof xAuthInputSchema>;

const facebookSecrets = {
  pageAccessToken: required('Page access token'),
  appSecret: optionalSecret,
};

export const addChannelAccountInputSchema = z.discriminatedUnion('network', [
  z.object({ network: z.literal('x'), name, baseUrl, auth: xAuthInputSchema }),
  z.object({
    network: z.literal('facebook'),
    name,
    baseUrl,
    pageId: z.string().trim().regex(/^[0-9]{1,32}$/, 'A Page ID is a number, such as 101457812431751 (Page settings → About)'),
    ...facebookSecrets,
  }),
]);
export type AddChannelAccountInput = z.input<typeof addChannelAccountInputSchema>;

const accountId = z.number().int().positive();

export const reauthenticateInputSchema = z.discriminatedUnion('network', [
  z.object({ id: accountId, network: z.literal('x'), auth: xAuthInputSchema }),
  z.object({ id: accountId, network: z.literal('facebook'), ...facebookSecrets }),
]);
export type ReauthenticateInput = z.input<typeof reauthenticateInputSchema>;

const keyword = z
  .string()
  .trim()
  .min(1, 'A keyword must not be empty')
  .max(60, 'Use at most 60 characters per keyword')
  .regex(/^[^"()]+$/, 'Leave out quotes and brackets; phrases are quoted for you');

export const channelSettingsSchema = z.object({
  /** Words and phrases the X filtered stream listens for, besides the brand's @handle. */
  trackedKeywords: z.array(keyword).max(50, 'Track at most 50 keywords').default([]),
  streamEnabled: z.boolean().default(true),
  /** No byte (not even a heartbeat) for this long means the stream is stalled: reconnect. */
  streamStallSeconds: z.number().min(0.2).max(600).default(30),
  /** How often each feed is polled for the real networks. */
  pollSeconds: z
    .object({
      mentions: z.number().min(2, 'Poll at most every 2 seconds').max(3600).default(60),
      dms: z.number().min(2, 'Poll at most every 2 seconds').max(3600).default(90),
      facebookFeed: z.number().min(2, 'Poll at most every 2 seconds').max(3600).default(60),
      messenger: z.number().min(2, 'Poll at most every 2 seconds').max(3600).default(30),
    })
    .default({ mentions: 60, dms: 90, facebookFeed: 60, messenger: 30 }),
  /** Every feed of a sandbox account, which has no real rate limits to respect. */
  sandboxPollSeconds: z.number().min(0.05).max(600).default(2),
});
export type ChannelSettings = z.infer<typeof channelSettingsSchema>;
export const defaultChannelSettings: ChannelSettings = channelSettingsSchema.parse({});

export interface CredentialsSummary {
  kind: 'oauth2' | 'oauth1' | 'page_token';
  refreshToken: boolean;
  clientCredentials: boolean;
  appBearerToken: boolean;
  expiresAt: number | null;
}

export interface QuotaEntry {
  /** mentions, dm_events, search, stream, tweets, likes, graph_app, graph_pages ... */
  name: string;
  remaining: number | null;
  limit: number | null;
  /** Usage in percent, for Graph's usage headers. */
  usedPercent: number | null;
  resetsAt: number | null;
}

export interface ChannelAccountDetail extends ChannelAccountSummary {
  authKind: 'oauth2' | 'oauth1' | 'page_token';
  externalId: string | null;
  baseUrl: string | null;
  quota: QuotaEntry[];
  /** Which secrets are stored, never their values; null when they cannot be opened here. */
  credentials: CredentialsSummary | null;
  streamConnected: boolean | null;
  /** Inbound items from this account that could not be read: kept with their payload, never dropped. */
  deadLetters: DeadLettersSummary;
  createdAt: number;
  updatedAt: number;
}

export interface DeadLettersSummary {
  count: number;
  lastAt: number | null;
  lastReason: string | null;
}

export interface ChannelsOverview {
  accounts: ChannelAccountDetail[];
  /** How secrets are protected on this host, and a warning when weaker than the OS keychain. */
  secretsScheme: string;
  secretsWarning: string | null;
  sandboxUrl: string | null;
  /** Unreadable inbound items that named no account Parley knows. */
  deadLettersWithoutAccount: DeadLettersSummary;
}

export interface AccountIdentity {
  /** X user id or Page id. */
  id: string;
  /** X username; null for a Page. */
  username: string | null;
  name: string;
}

export interface MessagingWindow {
  /** messenger: the Send API window; private_reply: the one private reply a comment allows; none: not a private channel. */
  kind: 'messenger' | 'private_reply' | 'none';
  state: 'open' | 'human_agent' | 'closed' | 'used';
  until: number | null;
  /** The Messenger tag to send with now; null when nothing can be sent. */
  tag: 'RESPONSE' | 'HUMAN_AGENT' | null;
  message: string;
}

const idInput = z.object({ id: accountId }).strict();

export const channelsMethods = {
  'channels.list': method(z.object({}).strict()).returns<ChannelsOverview>(),
  'channels.add': method(addChannelAccountInputSchema).returns<ChannelAccountDetail>(),
  'channels.update': method(z.object({ id: accountId, name: name.optional(), enabled: z.boolean().optional(), baseUrl: baseUrl.optional() }).strict()).returns<ChannelAccountDetail>(),
  'channels.reauthenticate': method(reauthenticateInputSchema).returns<ChannelAccountDetail>(),
  /** Who the stored credentials belong to (X users/me; Graph /{page-id}). */
  'channels.test': method(idInput).returns<AccountIdentity>(),
  /** Removes an account that has no history; one with history is disabled instead. */
  'channels.remove': method(idInput).returns<{ removed: boolean; disabled: boolean }>(),
  'channels.settings': method(z.object({}).strict()).returns<ChannelSettings>(),
  'channels.saveSettings': method(channelSettingsSchema).returns<ChannelSettings>(),
  'channels.messagingWindow': method(z.object({ interactionId: z.number().int().positive() }).strict()).returns<MessagingWindow>(),
};

