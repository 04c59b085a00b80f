// Parley's local emulator of the X API v2 and Facebook Graph/Messenger subset the app uses, plus a control
// API for tests, the customer simulator and the Sandbox screen. Everything lives in memory.
//
//   const sandbox = await startSandbox({ port: 0 });
//   sandbox.url            // http://127.0.0.1:PORT: X under /2/..., Graph under /v23.0/... (or unversioned)
//   sandbox.clock.advance(16 * 60_000)   // token expiry, messaging windows, rate-limit resets, created_at
//   await sandbox.close()
//
// Point the app at it with createTwitterClient({ baseUrl: sandbox.url, auth }) (main/channels/twitter/client.ts)
// and createGraphClient({ baseUrl: sandbox.url, version: 'v23.0', pageAccessToken }) (main/channels/facebook/graph.ts).
//
// Control API (JSON; errors are {"error":{"code","message"}}):
//   POST /_sandbox/tokens {network:'x'}         -> {access_token, refresh_token, expires_in, user_id, username,
//                                                  app_bearer_token, client_id, client_secret, oauth1:{app_key,...}}
//   POST /_sandbox/tokens {network:'facebook'}  -> {page_id, page_name, page_access_token, app_id, app_secret}
//        (the current credentials; new ones are minted once the current ones were expired)
//   POST /_sandbox/tokens/expire {network, reason?} -> {expired}: X user tokens 401 (refresh still works); Graph 190 with
//        subcode 463 (reason 'expired', default), 460 ('logged_out') or 458 ('deauthorized'), and WWW-Authenticate
//   POST /_sandbox/x/mentions {author:{username,name?,id?}, text, in_reply_to?} -> {id, author_id, conversation_id, text}
//   POST /_sandbox/x/mentions/bulk {count, authors?, text?, stream?}  -> {count, first_id, last_id}   (benchmarks;
//        stream:false = a backlog no stream saw)
//   POST /_sandbox/x/tweets {author, text, in_reply_to?}     -> a customer Tweet that need not mention the brand
//   POST /_sandbox/x/dms {from:{username,name?,id?}, text}   -> {id, sender_id, dm_conversation_id}
//   POST /_sandbox/x/stream/disconnect {mode:'close'|'operational'|'stall'|'truncate'} -> {disconnected}
//   POST /_sandbox/facebook/posts {from:{name,id?}, message} -> {id, from_id}
//   POST /_sandbox/facebook/comments {post_id, from, message} -> {id, from_id, post_id, parent_id} (post_id may be a comment id)
//   POST /_sandbox/facebook/messenger {from:{name,id?}, text} -> {id, psid, conversation_id}
//   GET  /_sandbox/outbound[?network=x|facebook&since=N] -> [{network, kind, target_id?, text?, id?, tag?, at}] oldest first;
//        kind: reply, tweet, dm, like, unlike, retweet, unretweet, delete, comment, private_reply, messenger, hide, unhide
//        (likes, retweets and hides are recorded when they change something; repeats are idempotent)
//   POST /_sandbox/faults {network, path_prefix, status, count, mode?, body?} -> the fault; GET/DELETE /_sandbox/faults
//        mode: status (default) | malformed_json | reset (socket destroyed mid-body) | truncate | timeout (no answer)
//        For malformed_json/reset/truncate the act still happens; only the answer is lost.
//   POST /_sandbox/clock {advance_ms} -> {now, iso}; GET /_sandbox/clock
//   GET|POST /_sandbox/config (partial, deep-merged; see config.ts) ; POST /_sandbox/config/reset
//   GET|POST /_sandbox/simulator {rate (per minute, 0 stops), seed?, burst?} -> status with counts by category/channel/trait
//   GET  /_sandbox/state -> counts, brand ids, stream status, requests per route
//   POST /_sandbox/reset -> clears every message, act, fault, limit, stream rule and the simulator; keeps the brand,
//        its credentials and the configuration (POST /_sandbox/config/reset restores the defaults)
import { createSandboxServer, type SandboxOptions } from './server';

export type { SandboxOptions } from './server';
export type { SandboxConfig } from './config';
export type { OutboundAct, OutboundKind } from './state/outbound';
export type { SimulatorStatus, SimulatedItem } from './simulator';

export interface SandboxHandle {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  close(): Promise<void>;
  /** The sandbox's own clock (epoch ms); advance() moves it forward for every time-based rule. */
  clock: { now(): number; advance(ms: number): void };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const server = createSandboxServer(options);
  const { url, port } = await server.listen();
  const clock = server.ctx.clock;
  return { url, port, close: () => server.close(), clock: { now: () => clock.now(), advance: (ms: number) => clock.advance(ms) } };
}
