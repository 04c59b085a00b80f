// Admin → Channels: add, re-authenticate, test, switch off and remove accounts; the stream and polling
// settings; and the messaging window the composer asks about. Secrets go in and never come back out.
import { appendAudit } from '../../db/repositories/audit';
import {
  createChannelAccount,
  deleteChannelAccountIfUnused,
  getChannelAccount,
  listChannelAccounts,
  updateChannelAccount,
  type ChannelAccount,
} from '../../db/repositories/channelAccounts';
import { deadLetterSummaries, type DeadLetterSummary } from '../../db/repositories/deadLetters';
import type { ChannelAccountDetail, QuotaEntry, XAuthParsed } from '../../preload/contract';
import type { EngineContext, Session } from '../context';
import { ParleyError, notFound } from '../errors';
import type { ChannelManager } from '../channels/manager';
import { loadChannelSettings, saveChannelSettings } from '../channels/settings';
import { messagingWindowFor } from '../outbox/windows';
import { summarizeCredentials, type ChannelCredentials, type XCredentials } from '../secrets/credentials';
import type { NamespaceHandlers } from './types';

function manager(ctx: EngineContext): ChannelManager {
  if (!ctx.channels) throw new ParleyError('internal', 'The channels are not running in this process.');
  return ctx.channels;
}

const actorOf = (s: Session) => (s.agentId ? `agent:${s.agentId}` : 'admin');

function xCredentials(auth: XAuthParsed): XCredentials {
  if (auth.kind === 'oauth1') {
    return { kind: 'oauth1', appKey: auth.appKey, appSecret: auth.appSecret, accessToken: auth.accessToken, accessSecret: auth.accessSecret, appBearerToken: auth.appBearerToken };
  }
  return {
    kind: 'oauth2',
    accessToken: auth.accessToken,
    refreshToken: auth.refreshToken,
    clientId: auth.clientId,
    clientSecret: auth.clientSecret,
    expiresAt: null,
    appBearerToken: auth.appBearerToken,
  };
}

/** What the audit log keeps about an account: never a secret. */
const auditView = (a: ChannelAccount) => ({ name: a.name, network: a.network, authKind: a.authKind, baseUrl: a.baseUrl, enabled: a.enabled });

const noDeadLetters = { count: 0, lastAt: null, lastReason: null };

export async function accountDetail(ctx: EngineContext, a: ChannelAccount, deadLetters?: Map<number | null, DeadLetterSummary>): Promise<ChannelAccountDetail> {
  const m = ctx.channels;
  let credentials: ChannelAccountDetail['credentials'] = null;
  if (m) {
    try {
      credentials = summarizeCredentials(await m.vault.load(ctx.db, a.id));
    } catch {
      credentials = null;
    }
  }
  const live = m?.health.quota(a.id) ?? [];
  const stored = a.quota ? (Object.values(a.quota) as QuotaEntry[]) : [];
  return {
    id: a.id,
    network: a.network,
    name: a.name,
    handle: a.handle,
    isSandbox: a.isSandbox,
    enabled: a.enabled,
    status: a.status,
    statusDetail: a.statusDetail,
    rateLimitedUntil: a.rateLimitedUntil,
    lastPollAt: a.lastPollAt,
    nextPollAt: a.nextPollAt,
    authKind: a.authKind,
    externalId: a.externalId,
    baseUrl: a.baseUrl,
    quota: live.length ? live : stored,
    credentials,
    streamConnected: m?.health.streamConnected(a.id) ?? null,
    deadLetters: (deadLetters ?? (await deadLetterSummaries(ctx.db))).get(a.id) ?? noDeadLetters,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

async function detailOf(ctx: EngineContext, id: number): Promise<ChannelAccountDetail> {
  const a = await getChannelAccount(ctx.db, id);
  if (!a) throw notFound('Channel account', id);
  return accountDetail(ctx, a);
}

export function channelsHandlers(ctx: EngineContext): NamespaceHandlers<'channels'> {
  return {
    'channels.list': async () => {
      const deadLetters = await deadLetterSummaries(ctx.db);
      return {
        accounts: await Promise.all((await listChannelAccounts(ctx.db)).map((a) => accountDetail(ctx, a, deadLetters))),
        secretsScheme: (ctx.teamSecrets ?? ctx.secrets).scheme,
        secretsWarning: (ctx.teamSecrets ?? ctx.secrets).warning,
        sandboxUrl: ctx.sandbox?.url ?? null,
        deadLettersWithoutAccount: deadLetters.get(null) ?? noDeadLetters,
      };
    },

    'channels.add': async (input, session) => {
      const m = manager(ctx);
      const now = ctx.clock.now();
      const creds: ChannelCredentials =
        input.network === 'x'
          ? xCredentials(input.auth)
          : { kind: 'page_token', pageId: input.pageId, pageAccessToken: input.pageAccessToken, appSecret: input.appSecret };
      const sealed = m.vault.seal(creds);
      const account = await ctx.db.transaction().execute(async (trx) => {
        const a = await createChannelAccount(trx, {
          network: input.network,
          name: input.name,
          authKind: sealed.authKind,
          externalId: input.network === 'facebook' ? input.pageId : null,
          handle: null,
          credentials: sealed.sealed,
          credentialsScheme: sealed.scheme,
          baseUrl: input.baseUrl ?? null,
          isSandbox: false,
          now,
        });
        await appendAudit(trx, { at: now, actor: actorOf(session), action: 'create', entity: 'channel_account', entityId: a.id, after: auditView(a) });
        return a;
      });
      await m.reload(account.id);
      return detailOf(ctx, account.id);
    },

    'channels.update': async (input, session) => {
      const m = manager(ctx);
      const now = ctx.clock.now();
      const before = await getChannelAccount(ctx.db, input.id);
      if (!before) throw notFound('Channel account', input.id);
      const after = await ctx.db.transaction().execute(async (trx) => {
        const a = await updateChannelAccount(trx, input.id, { name: input.name, enabled: input.enabled, baseUrl: input.baseUrl }, now);
        await appendAudit(trx, { at: now, actor: actorOf(session), action: 'update', entity: 'channel_account', entityId: input.id, before: auditView(before), after: auditView(a!) });
        return a!;
      });
      await m.reload(after.id);
      return detailOf(ctx, after.id);
    },

    'channels.reauthenticate': async (input, session) => {
      const m = manager(ctx);
      const now = ctx.clock.now();
      const account = await getChannelAccount(ctx.db, input.id);
      if (!account) throw notFound('Channel account', input.id);
      if (account.network !== input.network) {
        throw new ParleyError('invalid_input', `Account ${account.id} is ${account.network === 'x' ? 'an X account' : 'a Facebook Page'}; enter credentials for that network.`);
      }
      let creds: ChannelCredentials;
      if (input.network === 'x') {
        creds = xCredentials(input.auth);
      } else {
        const pageId = account.externalId;
        if (!pageId) throw new ParleyError('conflict', 'This Page has no Page ID on record; remove it and add it again.');
        creds = { kind: 'page_token', pageId, pageAccessToken: input.pageAccessToken, appSecret: input.appSecret };
      }
      await ctx.db.transaction().execute(async (trx) => {
        await m.vault.store(trx, account.id, creds, now);
        await appendAudit(trx, { at: now, actor: actorOf(session), action: 'reauthenticate', entity: 'channel_account', entityId: account.id, after: { authKind: creds.kind } });
      });
      // A fresh session: polling resumes and the held outbound acts are released.
      await m.reload(account.id);
      return detailOf(ctx, account.id);
    },

    'channels.test': async ({ id }) => manager(ctx).identify(id),

    'channels.remove': async ({ id }, session) => {
      const m = manager(ctx);
      const now = ctx.clock.now();
      const account = await getChannelAccount(ctx.db, id);
      if (!account) throw notFound('Channel account', id);
      const outcome = await deleteChannelAccountIfUnused(ctx.db, id);
      if (outcome === 'deleted') {
        await appendAudit(ctx.db, { at: now, actor: actorOf(session), action: 'delete', entity: 'channel_account', entityId: id, before: auditView(account) });
        await m.reload(id);
        return { removed: true, disabled: false };
      }
      // It has conversations: keep them, stop the account.
      await updateChannelAccount(ctx.db, id, { enabled: false }, now);
      await appendAudit(ctx.db, { at: now, actor: actorOf(session), action: 'disable', entity: 'channel_account', entityId: id, before: auditView(account) });
      await m.reload(id);
      return { removed: false, disabled: true };
    },

    'channels.settings': () => loadChannelSettings(ctx.db),

    'channels.saveSettings': async (input, session) => {
      const saved = await saveChannelSettings(ctx.db, input, actorOf(session), ctx.clock.now());
      await ctx.channels?.applySettings(saved);
      return saved;
    },

    'channels.messagingWindow': ({ interactionId }) => messagingWindowFor(ctx, interactionId),
  };
}
