// Admin → Keyword rules: the ordered list (first match wins), reordered by dragging or with the move
// buttons, switched on and off in place, and the editor of the chosen rule beside it.
import { useEffect, useState } from 'react';
import type { KeywordRule } from '../../../../../preload/contract';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { useToast } from '../../../components/Toasts';
import { api } from '../../../lib/api';
import { moved, useDragReorder } from '../shared/reorder';
import { SaveStatus, type SaveState } from '../shared/SaveStatus';
import { Switch } from '../shared/Switch';
import { useConfirmDiscard } from '../shared/unsaved';
import { useConfigOverview } from '../shared/useConfig';
import { RuleEditor } from './RuleEditor';
import { actionText, matchText, scopeText } from './ruleText';
import '../styles';

export function RulesScreen() {
  const toast = useToast();
  const ask = useConfirmDiscard();
  const config = useConfigOverview();
  const [selected, setSelected] = useState<number | 'new' | null>(null);
  const [order, setOrder] = useState<number[] | null>(null);
  const [listState, setListState] = useState<{ state: SaveState; error: string | null }>({ state: 'idle', error: null });
  const [announcement, setAnnouncement] = useState('');
  const rules = config.data?.rules ?? [];

  // The saved order, unless a reorder is on its way to the engine.
  useEffect(() => setOrder(null), [config.data?.version]);
  const ids = order ?? rules.map((r) => r.id);
  const byId = new Map(rules.map((r) => [r.id, r]));
  const ordered = ids.map((id) => byId.get(id)).filter((r): r is KeywordRule => !!r);

  useEffect(() => {
    if (selected === null && rules.length) setSelected(rules[0]!.id);
  }, [rules, selected]);

  const reorder = async (next: number[], moveNote?: string) => {
    setOrder(next);
    setListState({ state: 'saving', error: null });
    try {
      await api.call('config.reorderRules', { ids: next });
      setListState({ state: 'saved', error: null });
      if (moveNote) setAnnouncement(moveNote);
    } catch (e) {
      setOrder(null);
      setListState({ state: 'error', error: (e as Error).message });
    }
  };
  const drag = useDragReorder(ids, (next) => void reorder(next, 'Order saved.'));
  const move = (r: KeywordRule, delta: number) => {
    const from = ids.indexOf(r.id);
    const to = from + delta;
    if (to < 0 || to >= ids.length) return;
    void reorder(moved(ids, from, to), `"${r.name}" moved to position ${to + 1}.`);
  };
  const setEnabled = async (r: KeywordRule, enabled: boolean) => {
    setListState({ state: 'saving', error: null });
    try {
      const { id, position: _p, ...input } = r;
      await api.call('config.updateRule', { ...input, enabled, id });
      setListState({ state: 'saved', error: null });
      setAnnouncement(`"${r.name}" is ${enabled ? 'on' : 'off'}.`);
    } catch (e) {
      setListState({ state: 'error', error: (e as Error).message });
      toast((e as Error).message, 'error');
    }
  };

  if (config.error) return <ErrorNotice error={config.error} onRetry={config.reload} />;
  const c = config.data;
  if (!c) return <div className="spinner" aria-label="Loading" />;
  const current = selected === 'new' ? null : (byId.get(selected ?? -1) ?? null);

  return (
    <div className="admin-split">
      <section className="card rule-list-card" aria-labelledby="rule-list-title">
        <div className="card__header">
          <h2 className="card__title" id="rule-list-title">
            Rules, in order
          </h2>
          <button type="button" className="btn btn--primary btn--small" onClick={() => ask(() => setSelected('new'))}>
            New rule
          </button>
        </div>
        <div className="card__body card__body--flush">
          <p className="muted small pad">The first rule that matches decides. Drag a rule, or use its arrows, to change the order.</p>
          <div className="pad">
            <SaveStatus state={listState.state} error={listState.error} idleText="Order and switches saved" />
          </div>
          {ordered.length === 0 ? (
            <EmptyState icon="admin" title="No rules yet">
              Without rules every message goes to the general queue.
            </EmptyState>
          ) : (
            <ol className="rule-list" aria-label="Keyword rules">
              {ordered.map((r, i) => (
                <li
                  key={r.id}
                  {...drag.props(r.id)}
                  className={`rule-item${current?.id === r.id ? ' is-selected' : ''}${drag.over === r.id && drag.dragging !== r.id ? ' is-drop-target' : ''}${drag.dragging === r.id ? ' is-dragging' : ''}${r.enabled ? '' : ' is-off'}`}
                  data-testid="rule-item"
                >
                  <span className="drag-handle" aria-hidden title="Drag to reorder">
                    ⋮⋮
                  </span>
                  <span className="rule-item__pos" aria-hidden>
                    {i + 1}
                  </span>
                  <div className="rule-item__main">
                    <button type="button" className="rule-item__name" onClick={() => ask(() => setSelected(r.id))} aria-current={current?.id === r.id ? 'true' : undefined}>
                      {r.name}
                    </button>
                    <div className="rule-item__summary">{matchText(r.match)}</div>
                    <div className="rule-item__summary">
                      → {actionText(r.action, c)} · <span className="muted">{scopeText(r)}</span>
                    </div>
                  </div>
                  <div className="rule-item__tools">
                    <Switch checked={r.enabled} onChange={(v) => void setEnabled(r, v)} label={`${r.name} is on`} />
                    <div className="updown">
                      <button type="button" className="btn btn--icon btn--ghost btn--tiny" aria-label={`Move ${r.name} up`} disabled={i === 0} onClick={() => move(r, -1)}>
                        ▲
                      </button>
                      <button type="button" className="btn btn--icon btn--ghost btn--tiny" aria-label={`Move ${r.name} down`} disabled={i === ordered.length - 1} onClick={() => move(r, 1)}>
                        ▼
                      </button>
                    </div>
                  </div>
                </li>
              ))}
            </ol>
          )}
          <div className="visually-hidden" aria-live="polite">
            {announcement}
          </div>
        </div>
      </section>
      <div className="admin-split__editor">
        {selected === 'new' || current ? (
          <RuleEditor
            key={selected === 'new' ? 'new' : current!.id}
            rule={current}
            config={c}
            onSaved={(r) => setSelected(r.id)}
            onDeleted={() => setSelected(null)}
          />
        ) : (
          <EmptyState icon="admin" title="Choose a rule">
            Pick a rule on the left to edit it, or create a new one.
          </EmptyState>
        )}
      </div>
    </div>
  );
}
