// The Sandbox screen's requests, forwarded to the emulator's control API (in-process or --sandbox-url).
import type { SandboxOutboundAct, SandboxPost, SandboxStatus } from '../../preload/contract';
import type { EngineContext } from '../context';
import { ParleyError } from '../errors';
import type { NamespaceHandlers } from './types';

function sandboxUrl(ctx: EngineContext): string {
  if (!ctx.sandbox) {
    throw new ParleyError('forbidden', 'The Sandbox is available only when Parley runs without real accounts (Sandbox mode).');
  }
  return ctx.sandbox.url;
}

async function control<T>(ctx: EngineContext, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const url = `${sandboxUrl(ctx)}/_sandbox/${path}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (e) {
    throw new ParleyError('network_error', `The sandbox at ${sandboxUrl(ctx)} did not answer (${(e as Error).message}). Is it still running?`);
  }
  const text = await res.text();
  if (!res.ok) {
    let detail = text.slice(0, 300);
    try {
      const j = JSON.parse(text) as { error?: string | { message?: string }; message?: string };
      detail = (typeof j.error === 'string' ? j.error : j.error?.message) ?? j.message ?? detail;
    } catch {
      // keep the raw text
    }
    throw new ParleyError('invalid_input', `The sandbox refused this: ${detail}`);
  }
  return (text ? JSON.parse(text) : {}) as T;
}

/** An X username derived from a display name when none is given, so the same name is the same customer. */
export function usernameFor(author: SandboxPost['author']): string {
  if (author.username) return author.username;
  const base = author.name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_]/g, '')
    .slice(0, 15);
  return base.length > 0 ? base.toLowerCase() : `customer${Math.abs([...author.name].reduce((h, c) => (h * 31 + c.codePointAt(0)!) | 0, 7)) % 100000}`;
}

// Per engine (tests run several in one process).
const simulatorRates = new WeakMap<EngineContext, number>();

export function sandboxHandlers(ctx: EngineContext): NamespaceHandlers<'sandbox'> {
  return {
    'sandbox.status': (): SandboxStatus => ({ url: sandboxUrl(ctx), simulatorRate: simulatorRates.get(ctx) ?? 0 }),
    'sandbox.post': async (p) => {
      switch (p.kind) {
        case 'mention':
          return control(ctx, 'POST', 'x/mentions', {
            author: { username: usernameFor(p.author), name: p.author.name },
            text: p.text,
            ...(p.inReplyTo ? { in_reply_to: p.inReplyTo } : {}),
          });
        case 'dm':
          return control(ctx, 'POST', 'x/dms', { from: { username: usernameFor(p.author), name: p.author.name }, text: p.text });
        case 'post':
          return control(ctx, 'POST', 'facebook/posts', { from: { name: p.author.name }, message: p.text });
        case 'comment':
          return control(ctx, 'POST', 'facebook/comments', { post_id: p.postId, from: { name: p.author.name }, message: p.text });
        case 'messenger':
          return control(ctx, 'POST', 'facebook/messenger', { from: { name: p.author.name }, text: p.text });
      }
    },
    'sandbox.outbound': async ({ limit }) => {
      const raw = await control<unknown>(ctx, 'GET', 'outbound');
      const list = (Array.isArray(raw) ? raw : ((raw as { outbound?: unknown[]; data?: unknown[] }).outbound ?? (raw as { data?: unknown[] }).data ?? [])) as Array<{
        network: 'x' | 'facebook';
        kind: string;
        target_id?: string;
        text?: string;
        at: number | string;
      }>;
      const acts: SandboxOutboundAct[] = list.map((a) => ({
        network: a.network,
        kind: a.kind,
        targetId: a.target_id ?? null,
        text: a.text ?? null,
        at: typeof a.at === 'number' ? a.at : Date.parse(a.at),
      }));
      return acts.slice(-limit).reverse();
    },
    'sandbox.simulate': async ({ rate }) => {
      await control(ctx, 'POST', 'simulator', { rate });
      simulatorRates.set(ctx, rate);
      return { url: sandboxUrl(ctx), simulatorRate: rate };
    },
    'sandbox.facebookPosts': async () => {
      sandboxUrl(ctx);
      const rows = await ctx.db
        .selectFrom('message')
        .innerJoin('contact', 'contact.id', 'message.contact_id')
        .select(['message.network_message_id as id', 'message.text', 'contact.display_name as author'])
        .where('message.network', '=', 'facebook')
        .where('message.channel_kind', '=', 'post')
        .where('message.network_message_id', 'is not', null)
        .orderBy('message.id', 'desc')
        .limit(20)
        .execute();
      return rows.map((r) => ({ id: r.id!, text: r.text, author: r.author }));
    },
  };
}
