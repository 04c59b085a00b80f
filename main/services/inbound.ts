// The shape every channel adapter hands to ingest, whatever the network. Pollers, the X filtered stream
// and the sandbox all produce these; ingest (main/services/ingest*.ts) stores them with the cursor that
// moved past them in one transaction.
import type { ChannelKind, Network } from '../../preload/contract';

export interface InboundAuthor {
  /** The network's stable user id: X user id, Facebook page-scoped id (PSID / ASID). Never the handle. */
  networkUserId: string;
  handle: string | null; // X username; null on Facebook
  displayName: string | null;
  avatarUrl: string | null;
}

export interface InboundItem {
  accountId: number;
  network: Network;
  channelKind: ChannelKind;
  /** Tweet id, DM event id, Facebook post or comment id, Messenger message id (mid). Unique per network. */
  networkMessageId: string;
  /** The thread it belongs to: X conversation_id, X DM conversation id, Facebook post id, Messenger thread id. */
  threadNetworkId: string;
  /** The item it answers (tweet, comment), when it is a reply. */
  inReplyToNetworkId: string | null;
  author: InboundAuthor;
  text: string;
  /** Network time, epoch ms. */
  sentAt: number;
  /** The payload as the network sent it; kept as raw_json for audit and re-processing. */
  raw: unknown;
  /** How it arrived, for diagnostics: poll | stream | backfill | sandbox. */
  via: 'poll' | 'stream' | 'backfill' | 'sandbox';
}
