// One conversation in the inbox: who, where, the first words, how long it waits, priority, sentiment and
// the Messenger window. Customer text is isolated (<bdi>) so right-to-left or hidden characters cannot
// reorder the rest of the row.
import type { InboxRow } from '../../../../preload/contract';
import { Avatar } from '../../components/Avatar';
import { Icon } from '../../components/Icon';
import { channelKindLabel } from '../../components/NetworkBadge';
import { messagingWindowOf, sentimentOf, waitingFor } from './format';

/** A post starts with the handles it answers (the brand's among them): the row shows what follows. */
function firstWords(row: InboxRow): string {
  if (row.network !== 'x' || row.channelKind !== 'mention') return row.subject;
  const rest = row.subject.replace(/^(?:@\w{1,15}\s+)+/, '');
  return rest || row.subject;
}

export function InboxRowView({ row, now, selected, placeholder }: { row: InboxRow | undefined; now: number; selected: boolean; placeholder?: boolean }) {
  if (!row) {
    return (
      <div className="inbox-row inbox-row--loading" aria-hidden={placeholder ? true : undefined}>
        <span className="skeleton skeleton--avatar" />
        <span className="skeleton skeleton--line" />
      </div>
    );
  }
  const sentiment = sentimentOf(row.sentiment);
  const window = messagingWindowOf(row.window, now);
  const network = row.network === 'x' ? 'X' : 'Facebook';
  const where = `${network} ${channelKindLabel[row.channelKind]}`;
  return (
    <a
      href={`#/inbox/${row.interactionId}`}
      className={`inbox-row${selected ? ' is-selected' : ''}${row.awaitingReply && row.state === 'assigned' ? ' is-unanswered' : ''}`}
      aria-current={selected ? 'true' : undefined}
      data-interaction-id={row.interactionId}
    >
      <Avatar name={row.contactName} url={row.avatarUrl} size={32} />
      <span className="inbox-row__body">
        <span className="inbox-row__top">
          <span className="inbox-row__name">
            <bdi>{row.contactName}</bdi>
          </span>
          {row.contactHandle ? (
            <span className="inbox-row__handle">
              @<bdi>{row.contactHandle}</bdi>
            </span>
          ) : null}
          {row.awaitingReply && row.state === 'assigned' ? (
            <span className="unanswered-dot" title="The customer is waiting for your reply">
              <span className="visually-hidden">Awaiting your reply</span>
            </span>
          ) : null}
          <span className="inbox-row__wait" title={`Waiting since ${new Date(row.waitingSince).toLocaleString()}`}>
            <Icon name="clock" size={12} />
            <span className="visually-hidden">waiting</span>
            {waitingFor(row.waitingSince, now)}
          </span>
        </span>
        <span className="inbox-row__subject">
          <span className={`net-chip net-chip--${row.network}`} title={where}>
            <Icon name={row.channelKind === 'messenger' ? 'messenger' : row.network === 'x' ? 'x' : 'facebook'} size={11} />
            {/* The icon names the network to the eye; a screen reader hears it in words. */}
            <span className="visually-hidden">{network} </span>
            {channelKindLabel[row.channelKind]}
          </span>
          <bdi className="inbox-row__text" title={row.subject}>
            {firstWords(row) || '(no text)'}
          </bdi>
        </span>
        <span className="inbox-row__meta">
          {row.priority > 0 ? (
            <span className="chip chip--priority" title={`Priority ${row.priority} (higher is answered first)`}>
              <span aria-hidden>P{row.priority}</span>
              <span className="visually-hidden">priority {row.priority}</span>
            </span>
          ) : null}
          {sentiment ? (
            <span className={`chip chip--${sentiment.tone}`} title="Sentiment of the customer's message">
              <span className="visually-hidden">sentiment </span>
              {sentiment.label}
            </span>
          ) : null}
          {row.route ? <span className="chip">{row.route}</span> : null}
          {window ? (
            <span className={`chip chip--window chip--window-${window.state}${window.urgent ? ' is-urgent' : ''}`}>
              <Icon name="messenger" size={11} />
              {window.text}
            </span>
          ) : null}
        </span>
      </span>
    </a>
  );
}
