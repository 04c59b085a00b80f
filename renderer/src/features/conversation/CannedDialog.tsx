// Canned responses with their placeholders already filled for this customer; pick one to insert it.
import { useMemo, useState } from 'react';
import type { Visibility } from '../../../../preload/contract';
import { Dialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { VisibilityBadge } from '../../components/NetworkBadge';
import { useQuery } from '../../lib/hooks';

export function CannedDialog({ interactionId, mode, onClose, onPick }: { interactionId: number; mode: Visibility; onClose: () => void; onPick: (text: string) => void }) {
  const templates = useQuery('conversation.templates', { interactionId }, [interactionId]);
  const [filter, setFilter] = useState('');
  const list = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const all = (templates.data?.canned ?? []).flatMap((t) => t.variants.map((text, i) => ({ key: `${t.id}-${i}`, name: t.name, visibility: t.visibility, text })));
    // The ones written for the current mode first.
    return all.filter((x) => !f || x.name.toLowerCase().includes(f) || x.text.toLowerCase().includes(f)).sort((a, b) => Number(b.visibility === mode) - Number(a.visibility === mode));
  }, [templates.data, filter, mode]);
  return (
    <Dialog title="Insert a canned response" onClose={onClose} wide>
      <input className="input" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter by name or words" aria-label="Filter canned responses" data-autofocus="true" />
      {templates.error ? <ErrorNotice error={templates.error} onRetry={templates.reload} /> : null}
      {templates.data && list.length === 0 ? (
        <EmptyState icon="edit" title="No canned responses">
          Admins write them in <a href="#/admin/templates">Admin → Templates</a> (kind "canned").
        </EmptyState>
      ) : null}
      <ul className="canned-list" aria-label="Canned responses">
        {list.map((x) => (
          <li key={x.key}>
            <button type="button" className="canned-item" onClick={() => onPick(x.text)}>
              <span className="canned-item__head">
                <strong>{x.name}</strong>
                <VisibilityBadge visibility={x.visibility} />
                {x.visibility !== mode ? <span className="muted">written for {x.visibility} replies</span> : null}
              </span>
              <span className="canned-item__text">{x.text}</span>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
