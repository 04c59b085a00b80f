// Import special days from an .ics file: read it (progress), check it in steps (progress), preview what
// will be added and what is skipped and why, then import in steps (progress) without freezing the window.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';
import type { IcsPreviewItem } from '../../../../../preload/contract';
import { Dialog } from '../../../components/Dialog';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { api } from '../../../lib/api';
import { readFileText } from '../shared/download';
import { useUnsavedChanges } from '../shared/unsaved';
import { splitIcs } from './icsChunks';

type Phase =
  | { phase: 'choose' }
  | { phase: 'reading'; fraction: number }
  | { phase: 'checking'; done: number; total: number }
  | { phase: 'preview' }
  | { phase: 'importing'; done: number; total: number; added: number }
  | { phase: 'done'; added: number; stopped: boolean };

const fmt = (n: number) => n.toLocaleString();
const keyOf = (i: IcsPreviewItem) => `${i.recurrence === 'yearly' ? i.date.slice(5) : i.date}|${i.name.toLowerCase()}`;

function Progress({ label, value, max }: { label: string; value: number; max: number }) {
  const pct = max > 0 ? Math.round((value / max) * 100) : 0;
  return (
    <div className="progress-block">
      <div className="progress-block__label">
        <span>{label}</span>
        <span className="muted">{pct}%</span>
      </div>
      <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} data-testid="ics-progress">
        <div className="progress__bar" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

function PreviewList({ items }: { items: IcsPreviewItem[] }) {
  const parent = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({ count: items.length, getScrollElement: () => parent.current, estimateSize: () => 40, overscan: 12 });
  return (
    <div className="ics-list" ref={parent} role="table" aria-label="Events in the file" aria-rowcount={items.length}>
      <div className="ics-row ics-row--head" role="row">
        <span role="columnheader">Result</span>
        <span role="columnheader">Date</span>
        <span role="columnheader">Name</span>
        <span role="columnheader">Hours</span>
        <span role="columnheader">Why</span>
      </div>
      <div style={{ height: rows.getTotalSize(), position: 'relative' }}>
        {rows.getVirtualItems().map((v) => {
          const i = items[v.index]!;
          return (
            <div key={v.key} className="ics-row" role="row" aria-rowindex={v.index + 1} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: v.size, transform: `translateY(${v.start}px)` }}>
              <span role="cell">{i.action === 'add' ? <span className="badge badge--ok">Add</span> : <span className="badge">Skip</span>}</span>
              <span role="cell" className="mono">
                {i.recurrence === 'yearly' ? `every ${i.date.slice(5)}` : i.date}
              </span>
              <span role="cell" className="ellipsis">
                {i.name}
              </span>
              <span role="cell">{i.closed ? 'Closed' : i.hours.map((h) => `${h.opensAt}–${h.closesAt}`).join(', ')}</span>
              <span role="cell" className="muted ellipsis">
                {i.reason}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}

export function IcsImportDialog({ onClose }: { onClose: () => void }) {
  const [state, setState] = useState<Phase>({ phase: 'choose' });
  const [error, setError] = useState<Error | null>(null);
  const [fileName, setFileName] = useState('');
  const [chunks, setChunks] = useState<string[]>([]);
  const [items, setItems] = useState<IcsPreviewItem[]>([]);
  const [notes, setNotes] = useState<string[]>([]);
  const stop = useRef(false);
  const busy = state.phase === 'reading' || state.phase === 'checking' || state.phase === 'importing';
  useUnsavedChanges(state.phase === 'importing', 'The calendar import in progress');

  const choose = async (file: File) => {
    setError(null);
    setFileName(file.name);
    try {
      setState({ phase: 'reading', fraction: 0 });
      const text = await readFileText(file, (fraction) => setState({ phase: 'reading', fraction }));
      const split = splitIcs(text);
      setChunks(split.chunks);
      setState({ phase: 'checking', done: 0, total: split.events || 1 });
      const all: IcsPreviewItem[] = [];
      const allNotes: string[] = [];
      const seen = new Set<string>();
      let checked = 0;
      for (const [n, chunk] of split.chunks.entries()) {
        const p = await api.call('config.previewIcs', { text: chunk });
        // Each step is checked on its own; a day listed in an earlier step is a duplicate of the file.
        for (const item of p.items) {
          const k = keyOf(item);
          if (item.action === 'add' && seen.has(k)) all.push({ ...item, action: 'skip', reason: 'Listed twice in the file.' });
          else all.push(item);
          if (item.action === 'add') seen.add(k);
        }
        allNotes.push(...p.notes);
        checked += split.sizes[n]!;
        setState({ phase: 'checking', done: checked, total: split.events || 1 });
      }
      setItems(all);
      setNotes(allNotes);
      setState({ phase: 'preview' });
    } catch (e) {
      setError(e as Error);
      setState({ phase: 'choose' });
    }
  };

  const importAll = async () => {
    stop.current = false;
    let added = 0;
    let done = 0;
    setState({ phase: 'importing', done: 0, total: chunks.length, added: 0 });
    try {
      for (const chunk of chunks) {
        if (stop.current) break;
        const r = await api.call('config.importIcs', { text: chunk });
        added += r.added.length;
        done++;
        setState({ phase: 'importing', done, total: chunks.length, added });
      }
      setState({ phase: 'done', added, stopped: done < chunks.length });
    } catch (e) {
      setError(e as Error);
      setState({ phase: 'done', added, stopped: true });
    }
  };

  const toAdd = items.filter((i) => i.action === 'add').length;
  const toSkip = items.length - toAdd;
  return (
    <Dialog
      title="Import special days from a calendar (.ics)"
      wide
      onClose={() => (busy ? undefined : onClose())}
      footer={
        state.phase === 'preview' ? (
          <>
            <button type="button" className="btn" onClick={onClose}>
              Cancel
            </button>
            <button type="button" className="btn btn--primary" onClick={importAll} disabled={toAdd === 0}>
              Import {fmt(toAdd)} special day{toAdd === 1 ? '' : 's'}
            </button>
          </>
        ) : state.phase === 'importing' ? (
          <button type="button" className="btn" onClick={() => (stop.current = true)}>
            Stop after this step
          </button>
        ) : (
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Close
          </button>
        )
      }
    >
      {error ? <ErrorNotice error={error} /> : null}
      {state.phase === 'choose' ? (
        <div className="drop-zone">
          <p>Choose a calendar file exported from Google Calendar, Outlook, Apple Calendar or a public-holiday site.</p>
          <label className="btn btn--primary file-button">
            Choose an .ics file
            <input type="file" accept=".ics,text/calendar" className="visually-hidden" onChange={(e) => e.target.files?.[0] && void choose(e.target.files[0])} data-testid="ics-file" />
          </label>
          <p className="muted small">All-day events become closed days; timed events become days open with those hours; yearly events repeat every year. Nothing is added before you confirm.</p>
        </div>
      ) : null}
      {state.phase === 'reading' ? <Progress label={`Reading ${fileName}`} value={state.fraction} max={1} /> : null}
      {state.phase === 'checking' ? <Progress label={`Checking events: ${fmt(state.done)} of ${fmt(state.total)}`} value={state.done} max={state.total} /> : null}
      {state.phase === 'preview' ? (
        <>
          <div className="summary-row" data-testid="ics-summary">
            <span className="stat">
              <span className="stat__value">{fmt(toAdd)}</span>
              <span className="stat__label">to add</span>
            </span>
            <span className="stat">
              <span className="stat__value">{fmt(toSkip)}</span>
              <span className="stat__label">to skip</span>
            </span>
            <span className="muted">from {fileName}</span>
          </div>
          {notes.length ? (
            <ul className="notice notice--warn plain-list small" aria-label="Notes about the file">
              {[...new Set(notes)].slice(0, 8).map((n) => (
                <li key={n}>{n}</li>
              ))}
              {new Set(notes).size > 8 ? <li>…and {new Set(notes).size - 8} more.</li> : null}
            </ul>
          ) : null}
          <PreviewList items={items} />
        </>
      ) : null}
      {state.phase === 'importing' ? <Progress label={`Importing: ${fmt(state.added)} added so far`} value={state.done} max={state.total} /> : null}
      {state.phase === 'done' ? (
        <div className={`notice ${state.stopped ? 'notice--warn' : 'notice--ok'}`} role="status" data-testid="ics-done">
          <span>
            {state.stopped
              ? `Stopped: ${fmt(state.added)} special days were added; the rest were not. Import the same file again to add the rest (days already added are skipped).`
              : `Added ${fmt(state.added)} special day${state.added === 1 ? '' : 's'}${toSkip ? `; skipped ${fmt(toSkip)}` : ''}.`}
          </span>
        </div>
      ) : null}
    </Dialog>
  );
}
