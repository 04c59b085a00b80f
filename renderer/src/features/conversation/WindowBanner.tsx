// The messaging window, shown before it bites: Messenger's 24 hours (then 7 days for a person's reply),
// and the one private reply a Facebook comment allows.
import type { ConversationView } from '../../../../preload/contract';
import { Icon } from '../../components/Icon';
import { duration } from '../../lib/format';

const at = (t: number) => new Date(t).toLocaleString([], { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const left = (t: number, now: number) => duration(Math.max(0, t - now)).replace(/ \d+s$/, '');

export function WindowBanner({ view, now }: { view: ConversationView; now: number }) {
  const w = view.window;
  if (w.kind === 'none') return null;
  if (w.kind === 'messenger') {
    const humanUntil = w.state === 'open' && w.until ? w.until + 6 * 24 * 3600_000 : null;
    if (w.state === 'open' && w.until) {
      const urgent = w.until - now < 2 * 3600_000;
      return (
        <div className={`window-banner window-banner--${urgent ? 'warn' : 'ok'}`} role="status" data-testid="window-banner">
          <Icon name="clock" size={14} />
          <span>
            Messenger window open: reply within <strong>{left(w.until, now)}</strong> (until {at(w.until)}).
            {humanUntil ? ` After that only a personal agent reply, until ${at(humanUntil)}.` : ''}
          </span>
        </div>
      );
    }
    if (w.state === 'human_agent' && w.until) {
      return (
        <div className="window-banner window-banner--warn" role="status" data-testid="window-banner">
          <Icon name="alert" size={14} />
          <span>
            The 24-hour window has closed. You can still answer personally (Human agent tag) for <strong>{left(w.until, now)}</strong>, until {at(w.until)}. Automatic messages cannot be sent.
          </span>
        </div>
      );
    }
    return (
      <div className="window-banner window-banner--danger" role="status" data-testid="window-banner">
        <Icon name="lock" size={14} />
        <span>{w.message}</span>
      </div>
    );
  }
  // A comment or visitor post: the private reply.
  if (w.state === 'open') {
    return (
      <div className="window-banner window-banner--ok" role="status" data-testid="window-banner">
        <Icon name="lock" size={14} />
        <span>
          One private reply can open Messenger with this customer{w.until ? ` until ${at(w.until)} (${left(w.until, now)} left)` : ''}.
        </span>
      </div>
    );
  }
  return (
    <div className="window-banner window-banner--muted" role="status" data-testid="window-banner">
      <Icon name="lock" size={14} />
      <span>{w.message}</span>
    </div>
  );
}
