import type { ChannelKind, Network, Visibility } from '../../../preload/contract';
import { Icon } from './Icon';

export const channelKindLabel: Record<ChannelKind, string> = {
  mention: 'Mention',
  dm: 'Direct message',
  post: 'Page post',
  comment: 'Comment',
  messenger: 'Messenger',
};

export function NetworkBadge({ network, kind }: { network: Network; kind?: ChannelKind }) {
  return (
    <span className={`badge badge--${network}`} title={network === 'x' ? 'X (Twitter)' : 'Facebook'}>
      <Icon name={kind === 'messenger' ? 'messenger' : network === 'x' ? 'x' : 'facebook'} size={12} />
      {network === 'x' ? 'X' : 'Facebook'}
      {kind ? ` · ${channelKindLabel[kind]}` : ''}
    </span>
  );
}

export function VisibilityBadge({ visibility }: { visibility: Visibility }) {
  return (
    <span className={`badge badge--${visibility}`}>
      <Icon name={visibility === 'public' ? 'globe' : 'lock'} size={12} />
      {visibility === 'public' ? 'Public' : 'Private'}
    </span>
  );
}
