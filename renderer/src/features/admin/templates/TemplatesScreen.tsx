// Admin → Templates: every message Parley sends by itself (and canned responses), filtered by kind,
// network and visibility, with the editor of the chosen one beside the list.
import { useEffect, useState } from 'react';
import type { ConfigOverview, Network, Template, TemplateKind, Visibility } from '../../../../../preload/contract';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { NetworkBadge, VisibilityBadge } from '../../../components/NetworkBadge';
import { templateKindLabel, templateKinds } from '../shared/labels';
import { useConfirmDiscard } from '../shared/unsaved';
import { useConfigOverview } from '../shared/useConfig';
import { TemplateEditor } from './TemplateEditor';
import '../styles';

function usedBy(t: Template, c: ConfigOverview): string[] {
  const rules = c.rules.filter((r) => r.action.type === 'auto_reply' && r.action.templateId === t.id).map((r) => `rule “${r.name}”`);
  return c.strategy.autoReply.templateId === t.id ? [...rules, 'the automatic reply strategy'] : rules;
}

export function TemplatesScreen() {
  const ask = useConfirmDiscard();
  const config = useConfigOverview();
  const [selected, setSelected] = useState<number | 'new' | null>(null);
  const [kind, setKind] = useState<TemplateKind | ''>('');
  const [network, setNetwork] = useState<Network | 'any' | ''>('');
  const [visibility, setVisibility] = useState<Visibility | ''>('');
  const [search, setSearch] = useState('');

  const first = config.data?.templates[0]?.id;
  useEffect(() => {
    if (selected === null && first != null) setSelected(first);
  }, [first, selected]);

  if (config.error) return <ErrorNotice error={config.error} onRetry={config.reload} />;
  const c = config.data;
  if (!c) return <div className="spinner" aria-label="Loading" />;
  const q = search.trim().toLowerCase();
  const filtered = c.templates.filter(
    (t) =>
      (!kind || t.kind === kind) &&
      (!network || (network === 'any' ? t.network === null : t.network === network)) &&
      (!visibility || t.visibility === visibility) &&
      (!q || t.name.toLowerCase().includes(q) || t.variants.some((v) => v.toLowerCase().includes(q))),
  );
  const current = selected === 'new' ? null : (c.templates.find((t) => t.id === selected) ?? null);

  return (
    <div className="admin-split">
      <section className="card" aria-labelledby="template-list-title">
        <div className="card__header">
          <h2 className="card__title" id="template-list-title">
            Templates
          </h2>
          <button type="button" className="btn btn--primary btn--small" onClick={() => ask(() => setSelected('new'))}>
            New template
          </button>
        </div>
        <div className="card__body">
          <div className="filters">
            <input className="input" type="search" placeholder="Search names and wordings" aria-label="Search templates" value={search} onChange={(e) => setSearch(e.target.value)} />
            <select className="select" aria-label="Filter by kind" value={kind} onChange={(e) => setKind(e.target.value as TemplateKind | '')}>
              <option value="">All kinds</option>
              {templateKinds.map((k) => (
                <option key={k} value={k}>
                  {templateKindLabel[k]}
                </option>
              ))}
            </select>
            <select className="select" aria-label="Filter by network" value={network} onChange={(e) => setNetwork(e.target.value as Network | 'any' | '')}>
              <option value="">All networks</option>
              <option value="any">For any network</option>
              <option value="x">X only</option>
              <option value="facebook">Facebook only</option>
            </select>
            <select className="select" aria-label="Filter by visibility" value={visibility} onChange={(e) => setVisibility(e.target.value as Visibility | '')}>
              <option value="">Public and private</option>
              <option value="public">Public</option>
              <option value="private">Private</option>
            </select>
          </div>
          {filtered.length === 0 ? <p className="muted">No template matches.</p> : null}
          {templateKinds
            .filter((k) => filtered.some((t) => t.kind === k))
            .map((k) => (
              <div key={k} className="template-group">
                <h3 className="section-title">{templateKindLabel[k]}</h3>
                <ul className="pick-list" aria-label={templateKindLabel[k]}>
                  {filtered
                    .filter((t) => t.kind === k)
                    .map((t) => (
                      <li key={t.id}>
                        <button type="button" className={`pick-list__item${current?.id === t.id ? ' is-selected' : ''}`} aria-current={current?.id === t.id ? 'true' : undefined} onClick={() => ask(() => setSelected(t.id))}>
                          <span className="pick-list__title">{t.name}</span>
                          <span className="pick-list__meta">
                            {t.network ? <NetworkBadge network={t.network} /> : <span className="badge">Any network</span>}
                            <VisibilityBadge visibility={t.visibility} />
                            <span className="muted small">
                              {t.variants.length} wording{t.variants.length === 1 ? '' : 's'}
                            </span>
                            {!t.active ? <span className="badge">Inactive</span> : null}
                          </span>
                        </button>
                      </li>
                    ))}
                </ul>
              </div>
            ))}
        </div>
      </section>
      <div className="admin-split__editor">
        {selected === 'new' || current ? (
          <TemplateEditor
            key={selected === 'new' ? 'new' : current!.id}
            template={current}
            usedBy={current ? usedBy(current, c) : []}
            onSaved={(t) => setSelected(t.id)}
            onDeleted={() => setSelected(null)}
          />
        ) : (
          <EmptyState icon="admin" title="Choose a template">
            Pick a template to edit its wordings and see them filled in, or create a new one.
          </EmptyState>
        )}
      </div>
    </div>
  );
}
