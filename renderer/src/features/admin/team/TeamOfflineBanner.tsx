// Team mode, above every Admin screen: the team database cannot be reached (changes are kept on this
// computer and applied when it returns), or changes kept offline were refused when they were applied.
import { useState } from 'react';
import type { TeamOfflineStatus } from '../../../../../preload/contract';
import { api } from '../../../lib/api';
import { useEvent, useQuery } from '../../../lib/hooks';

const what = (method: string) => method.replace(/^config\./, '').replace(/([A-Z])/g, ' $1').toLowerCase();

export function TeamOfflineBanner() {
  const initial = useQuery('team.offline', {});
  const [pushed, setPushed] = useState<TeamOfflineStatus | null>(null);
  useEvent('team.offline', (s) => setPushed(s));
  const s = pushed ?? initial.data;
  if (!s || (s.online && s.pending.length === 0 && s.rejected.length === 0)) return null;
  return (
    <div className="admin-stack" data-testid="team-offline-banner">
      {!s.online || s.pending.length ? (
        <div className="notice notice--warn" role="status">
          <span>
            {s.online ? 'Applying changes made while offline…' : 'Offline: the team database cannot be reached.'} {s.pending.length ? `${s.pending.length} change${s.pending.length === 1 ? ' is' : 's are'} kept on this computer and will be applied, in order, when the connection returns.` : 'Changes you make now are kept on this computer and applied when the connection returns.'}
          </span>
        </div>
      ) : null}
      {s.rejected.length ? (
        <div className="notice notice--error" role="alert">
          <span>
            {s.rejected.length === 1 ? 'A change made offline could not be applied' : `${s.rejected.length} changes made offline could not be applied`}:{' '}
            {s.rejected.map((r) => `${what(r.method)} (${r.message})`).join('; ')}
          </span>
          <button type="button" className="btn btn--small" onClick={() => void api.call('team.dismissRejected', {}).then(setPushed)}>
            Dismiss
          </button>
        </div>
      ) : null}
    </div>
  );
}
