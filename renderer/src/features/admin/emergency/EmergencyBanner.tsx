// The emergency's state, unmistakable on every screen while it is on: a red band across the top of the
// window, kept current by config.changed (including the engine ending it on time).
import { DateTime } from 'luxon';
import { Icon } from '../../../components/Icon';
import { useEvent, useQuery } from '../../../lib/hooks';
import '../styles';

const scopeText = { all: 'X and Facebook', x: 'X', facebook: 'Facebook' } as const;

export function EmergencyBanner() {
  const q = useQuery('config.getEmergency', {});
  const info = useQuery('app.info', {});
  useEvent('config.changed', (p) => {
    if (p.parts.includes('emergency')) q.reload();
    if (p.parts.includes('timeZone')) info.reload();
  });
  const e = q.data;
  if (!e?.active) return null;
  const zone = info.data?.timeZone;
  return (
    <div className="emergency-banner" role="alert" data-testid="emergency-banner">
      <Icon name="siren" size={16} />
      <span>
        <strong>Emergency on</strong> for {scopeText[e.scope]}: new messages get the emergency message.
        {e.endsAt ? ` Ends ${DateTime.fromMillis(e.endsAt, { zone }).toFormat("d LLL 'at' HH:mm")}.` : ' No automatic end.'}
      </span>
      <a href="#/admin/emergency">Manage</a>
    </div>
  );
}
