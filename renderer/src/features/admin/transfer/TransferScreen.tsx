// Admin → Export & import: the whole configuration as one JSON file, to copy a setup to another install.
// An import shows what it will add, change and remove, part by part, before anything is applied.
import { useState } from 'react';
import type { ConfigImportPreview, TransferPartPreview } from '../../../../../preload/contract';
import { ConfirmDialog } from '../../../components/Dialog';
import { Icon } from '../../../components/Icon';
import { useToast } from '../../../components/Toasts';
import { api } from '../../../lib/api';
import { downloadText, readFileText } from '../shared/download';
import { formErrors, type FormErrors } from '../shared/errors';
import { useUnsavedChanges } from '../shared/unsaved';
import '../styles';

function PartRow({ p }: { p: TransferPartPreview }) {
  const [open, setOpen] = useState(false);
  const changes = p.added.length + p.changed.length + p.removed.length + (p.reordered ? 1 : 0);
  return (
    <>
      <tr className={changes ? '' : 'is-inactive'}>
        <th scope="row">{p.label}</th>
        <td className="num">{p.added.length ? <span className="badge badge--ok">+{p.added.length}</span> : '—'}</td>
        <td className="num">{p.changed.length || p.reordered ? <span className="badge badge--warn">{p.changed.length}{p.reordered ? ' · order' : ''}</span> : '—'}</td>
        <td className="num">{p.removed.length ? <span className="badge badge--danger">−{p.removed.length}</span> : '—'}</td>
        <td className="num muted">{p.unchanged}</td>
        <td>
          {changes ? (
            <button type="button" className="btn btn--small btn--ghost" aria-expanded={open} onClick={() => setOpen(!open)}>
              {open ? 'Hide' : 'Details'}
            </button>
          ) : null}
        </td>
      </tr>
      {open ? (
        <tr className="audit-detail">
          <td colSpan={6}>
            <ul className="plain-list small transfer-details">
              {p.added.map((a) => (
                <li key={`a:${a}`}>
                  <span className="badge badge--ok">Add</span> {a}
                </li>
              ))}
              {p.changed.map((c) => (
                <li key={`c:${c.name}`}>
                  <span className="badge badge--warn">Change</span> {c.name} <span className="muted">({c.fields.join(', ')})</span>
                </li>
              ))}
              {p.removed.map((r) => (
                <li key={`r:${r.name}`}>
                  <span className="badge badge--danger">{r.outcome === 'deleted' ? 'Remove' : 'Deactivate'}</span> {r.name}
                  {r.reason ? <span className="muted"> ({r.reason})</span> : null}
                </li>
              ))}
              {p.reordered ? <li>The order changes to the file’s order.</li> : null}
            </ul>
          </td>
        </tr>
      ) : null}
    </>
  );
}

export function TransferScreen() {
  const toast = useToast();
  const [exporting, setExporting] = useState(false);
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [preview, setPreview] = useState<ConfigImportPreview | null>(null);
  const [error, setError] = useState<FormErrors | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  useUnsavedChanges(!!preview, 'The configuration import you were reviewing (not applied)');

  const exportFile = async () => {
    setExporting(true);
    try {
      const r = await api.call('configTransfer.export', {});
      downloadText(r.fileName, r.text, 'application/json');
      toast(`Saved ${r.fileName}: ${r.counts.rules} rules, ${r.counts.agents} agents, ${r.counts.templates} templates, ${r.counts.specialDays} special days.`, 'ok');
    } catch (e) {
      toast((e as Error).message, 'error');
    } finally {
      setExporting(false);
    }
  };
  const choose = async (f: File) => {
    setError(null);
    setPreview(null);
    setDone(null);
    setBusy(true);
    try {
      const text = await readFileText(f, () => undefined);
      setFile({ name: f.name, text });
      setPreview(await api.call('configTransfer.preview', { text }));
    } catch (e) {
      setError(formErrors(e));
    } finally {
      setBusy(false);
    }
  };
  const apply = async () => {
    setConfirm(false);
    if (!file || !preview) return;
    setBusy(true);
    try {
      const r = await api.call('configTransfer.apply', { text: file.text, baseVersion: preview.baseVersion });
      setPreview(null);
      setDone(`Imported ${file.name}: ${r.totals.added} added, ${r.totals.changed} changed, ${r.totals.removed} removed or deactivated.`);
      toast('Configuration imported.', 'ok');
    } catch (e) {
      setError(formErrors(e));
    } finally {
      setBusy(false);
    }
  };
  const t = preview?.totals;
  return (
    <div className="admin-stack">
      <section className="card" aria-labelledby="export-title">
        <div className="card__header">
          <h2 className="card__title" id="export-title">
            Export the configuration
          </h2>
        </div>
        <div className="card__body">
          <p>
            One JSON file with the time zone, hours, special days, emergency message, skills, groups, agents, templates, disposition codes, keyword rules and strategies.
            <span className="muted"> Channel accounts, their secrets, contacts and conversations are never included.</span>
          </p>
          <div>
            <button type="button" className="btn btn--primary" onClick={exportFile} disabled={exporting}>
              <Icon name="download" size={16} /> Download configuration
            </button>
          </div>
        </div>
      </section>

      <section className="card" aria-labelledby="import-title">
        <div className="card__header">
          <h2 className="card__title" id="import-title">
            Import a configuration
          </h2>
        </div>
        <div className="card__body">
          <p className="muted">Choose a file exported from Parley. You see every change before anything is applied; it is applied all at once, or not at all.</p>
          <div>
            <label className="btn file-button">
              <Icon name="upload" size={16} /> Choose a configuration file
              <input type="file" accept=".json,application/json" className="visually-hidden" data-testid="config-file" onChange={(e) => e.target.files?.[0] && void choose(e.target.files[0])} />
            </label>
          </div>
          {busy ? <div className="spinner" aria-label="Working" /> : null}
          {error ? (
            <div className="notice notice--error" role="alert" data-testid="import-error">
              <div>
                <strong>{file ? `${file.name} cannot be imported.` : 'The file cannot be imported.'}</strong> <span>{error.message}</span>
                {Object.keys(error.fields).length > 1 ? (
                  <ul className="plain-list small">
                    {Object.entries(error.fields)
                      .slice(0, 12)
                      .map(([k, v]) => (
                        <li key={k}>
                          <code>{k}</code>: {v}
                        </li>
                      ))}
                  </ul>
                ) : null}
              </div>
            </div>
          ) : null}
          {done ? (
            <div className="notice notice--ok" role="status" data-testid="import-done">
              <span>{done}</span>
            </div>
          ) : null}
          {preview && t ? (
            <div className="admin-stack" data-testid="import-preview">
              <p>
                <strong>{file?.name}</strong>
                {preview.exportedFrom ? <span className="muted"> · written by {preview.exportedFrom}{preview.exportedAt ? ` on ${preview.exportedAt.slice(0, 10)}` : ''}</span> : null}
              </p>
              <p className="preview-headline">
                {t.added + t.changed + t.removed === 0 ? 'This file matches the configuration here: importing it changes nothing.' : `Importing adds ${t.added}, changes ${t.changed} and removes or deactivates ${t.removed}.`}
              </p>
              <div className="table-wrap">
                <table className="table" aria-label="What the import changes">
                  <thead>
                    <tr>
                      <th scope="col">Part</th>
                      <th scope="col" className="num">Added</th>
                      <th scope="col" className="num">Changed</th>
                      <th scope="col" className="num">Removed</th>
                      <th scope="col" className="num">Unchanged</th>
                      <th scope="col">
                        <span className="visually-hidden">Details</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.parts.map((p) => (
                      <PartRow key={p.part} p={p} />
                    ))}
                  </tbody>
                </table>
              </div>
              <ul className="plain-list small muted">
                {preview.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
              <div className="btn-row">
                <button type="button" className="btn btn--primary" onClick={() => setConfirm(true)} disabled={busy || t.added + t.changed + t.removed === 0}>
                  Apply these changes
                </button>
                <button type="button" className="btn" onClick={() => setPreview(null)}>
                  Cancel
                </button>
              </div>
            </div>
          ) : null}
        </div>
      </section>
      {confirm && t ? (
        <ConfirmDialog title="Apply the imported configuration?" confirmLabel="Apply now" onCancel={() => setConfirm(false)} onConfirm={apply}>
          <p>
            {t.added} added, {t.changed} changed, {t.removed} removed or deactivated, all at once. The audit log records every change, so you can see what it replaced.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
