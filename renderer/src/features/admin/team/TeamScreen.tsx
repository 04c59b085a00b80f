// Admin → Team: where this install keeps its data. The local SQLite file (the default), or a team's
// PostgreSQL server shared by every seat: test the connection, then move this install's data there (with
// progress and per-table counts) or join the team already there. Every choice applies at the next start.
import { useState } from 'react';
import type { TeamConnectionCheck, TeamConnectionInput, TeamMoveProgress, TeamMoveResult } from '../../../../../preload/contract';
import { ConfirmDialog } from '../../../components/Dialog';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Field } from '../../../components/Field';
import { useToast } from '../../../components/Toasts';
import { api } from '../../../lib/api';
import { useEvent, useQuery } from '../../../lib/hooks';
import { fieldError, formErrors, noErrors, type FormErrors } from '../shared/errors';
import '../styles';
import './team.css';

type Tls = NonNullable<TeamConnectionInput['tls']>;

const tlsText: Record<Tls, string> = {
  disable: 'Off (only on a trusted private network)',
  require: 'Encrypted, server not verified',
  'verify-full': 'Encrypted and verified (CA file)',
};

function contentsText(c: TeamConnectionCheck): string {
  if (c.contents === 'empty') return 'The database is empty: this install\'s data can be moved there.';
  return `It already holds a Parley team database (data version ${c.parleyVersion ?? 0}): this install can join it.`;
}

export function TeamScreen() {
  const toast = useToast();
  const status = useQuery('team.status', {});
  const [form, setForm] = useState({ connectionString: '', password: '', tls: 'require' as Tls, caFile: '' });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState<'test' | 'move' | 'join' | 'leave' | null>(null);
  const [checked, setChecked] = useState<TeamConnectionCheck | null>(null);
  const [progress, setProgress] = useState<TeamMoveProgress | null>(null);
  const [moved, setMoved] = useState<TeamMoveResult | null>(null);
  const [confirmMove, setConfirmMove] = useState(false);
  useEvent('team.moveProgress', (p) => setProgress(p));

  if (status.error) return <ErrorNotice error={status.error} onRetry={status.reload} />;
  const s = status.data;
  if (!s) return <div className="spinner" aria-label="Loading" />;

  const input = (): TeamConnectionInput => ({
    connectionString: form.connectionString,
    password: form.password || null,
    tls: form.tls,
    caFile: form.tls === 'verify-full' && form.caFile ? form.caFile : null,
  });
  const set = (patch: Partial<typeof form>) => {
    setForm({ ...form, ...patch });
    setChecked(null);
  };
  const run = async <T,>(what: 'test' | 'move' | 'join' | 'leave', fn: () => Promise<T>): Promise<T | null> => {
    setBusy(what);
    setErrors(noErrors);
    try {
      return await fn();
    } catch (e) {
      setErrors(formErrors(e));
      return null;
    } finally {
      setBusy(null);
    }
  };
  const test = () => run('test', async () => setChecked(await api.call('team.test', input())));
  const move = async () => {
    setConfirmMove(false);
    setProgress(null);
    const r = await run('move', () => api.call('team.move', input()));
    if (r) {
      setMoved(r);
      status.reload();
    }
  };
  const join = async () => {
    if (await run('join', () => api.call('team.join', input()))) {
      toast('Joined. Restart Parley to work in the team database.', 'ok');
      status.reload();
    }
  };
  const leave = async () => {
    if (await run('leave', () => api.call('team.leave', {}))) {
      toast('Parley will use the local file from its next start.', 'ok');
      status.reload();
    }
  };
  const err = (p: string) => fieldError(errors.fields, p);
  const pct = progress ? Math.round(((progress.tablesDone + (progress.total ? progress.copied / progress.total : 1)) / Math.max(1, progress.tablesTotal)) * 100) : 0;

  return (
    <div className="admin-stack">
      <section className="card" aria-labelledby="team-where-title">
        <div className="card__header">
          <h2 className="card__title" id="team-where-title">
            Where this install keeps its data
          </h2>
        </div>
        <div className="card__body" data-testid="team-status">
          {s.mode === 'sqlite' ? (
            <p>
              On this computer only, in <code>{s.sqliteFile}</code>. Other seats do not see its queue.
            </p>
          ) : (
            <p>
              In the team database <strong>{s.target}</strong>, shared with every seat connected to it.
            </p>
          )}
          {s.restartRequired ? (
            <div className="notice notice--warn" role="status">
              <span>
                {s.nextTarget ? `From its next start Parley opens the team database ${s.nextTarget}.` : 'From its next start Parley opens the local file again.'} Restart Parley to
                switch.
              </span>
            </div>
          ) : null}
          {s.mode === 'postgres' || s.nextTarget ? (
            <div className="btn-row">
              <button type="button" className="btn" onClick={() => void leave()} disabled={busy !== null}>
                Use the local file again
              </button>
            </div>
          ) : null}
        </div>
      </section>

      {s.mode === 'sqlite' ? (
        <section className="card" aria-labelledby="team-connect-title">
          <div className="card__header">
            <h2 className="card__title" id="team-connect-title">
              Connect to a team database (PostgreSQL)
            </h2>
          </div>
          <div className="card__body">
            <Field label="Connection string" hint="For example postgres://parley@db.example.com:5432/parley. See README, “Team mode”." error={err('connectionString')}>
              <input className="input" value={form.connectionString} autoComplete="off" spellCheck={false} onChange={(e) => set({ connectionString: e.target.value })} />
            </Field>
            <Field label="Password" hint="Kept sealed on this computer; never shown again." error={err('password')}>
              <input className="input input--auto" type="password" value={form.password} autoComplete="new-password" onChange={(e) => set({ password: e.target.value })} />
            </Field>
            <Field label="Secure connection (TLS)" error={err('tls')}>
              <select className="select input--auto" value={form.tls} onChange={(e) => set({ tls: e.target.value as Tls })}>
                {(Object.keys(tlsText) as Tls[]).map((t) => (
                  <option key={t} value={t}>
                    {tlsText[t]}
                  </option>
                ))}
              </select>
            </Field>
            {form.tls === 'verify-full' ? (
              <Field label="CA file" hint="Full path of the PEM file of the authority that signed the server's certificate. Empty: the system's authorities." error={err('caFile')}>
                <input className="input" value={form.caFile} onChange={(e) => set({ caFile: e.target.value })} />
              </Field>
            ) : null}
            {errors.message ? (
              <div className="notice notice--error" role="alert" data-testid="team-error">
                <span>{errors.message}</span>
              </div>
            ) : null}
            {checked ? (
              <div className="notice notice--ok" role="status" data-testid="team-check">
                <span>
                  Reached PostgreSQL {checked.serverVersion} at {checked.host}:{checked.port}, database “{checked.database}” as {checked.user}
                  {checked.tls ? ', encrypted' : ', not encrypted'}. {contentsText(checked)}
                </span>
              </div>
            ) : null}
            <div className="btn-row">
              <button type="button" className="btn" onClick={() => void test()} disabled={busy !== null || !form.connectionString.trim()}>
                {busy === 'test' ? 'Testing…' : 'Test connection'}
              </button>
              {checked?.next === 'move' ? (
                <button type="button" className="btn btn--primary" onClick={() => setConfirmMove(true)} disabled={busy !== null || !!moved}>
                  Move to PostgreSQL…
                </button>
              ) : null}
              {checked?.next === 'join' ? (
                <button type="button" className="btn btn--primary" onClick={() => void join()} disabled={busy !== null}>
                  Join this team
                </button>
              ) : null}
            </div>
            {busy === 'move' || (progress && !moved) ? (
              <div className="team-progress" data-testid="team-move-progress">
                <div className="team-progress__label">
                  {progress ? `Copying ${progress.table}: ${progress.copied} of ${progress.total} rows (table ${Math.min(progress.tablesDone + 1, progress.tablesTotal)} of ${progress.tablesTotal})` : 'Preparing…'}
                </div>
                <div className="progress" role="progressbar" aria-label="Moving to PostgreSQL" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
                  <div className="progress__bar" style={{ width: `${pct}%` }} />
                </div>
              </div>
            ) : null}
            {moved ? (
              <div className="notice notice--ok" role="status" data-testid="team-moved">
                <span>
                  Moved: {moved.tables.reduce((n, t) => n + t.rows, 0)} rows in {moved.tables.length} tables, every count checked. The local file stays as a backup at{' '}
                  <code>{moved.backupFile}</code>. Channels and sending are paused: restart Parley to continue in the team database.
                </span>
              </div>
            ) : null}
            {moved ? (
              <table className="table" aria-label="Rows moved per table">
                <thead>
                  <tr>
                    <th scope="col">Table</th>
                    <th scope="col">Rows</th>
                  </tr>
                </thead>
                <tbody>
                  {moved.tables.map((t) => (
                    <tr key={t.table}>
                      <td>{t.table}</td>
                      <td>{t.rows}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </div>
        </section>
      ) : null}

      {confirmMove ? (
        <ConfirmDialog title="Move to PostgreSQL?" confirmLabel="Move" onConfirm={() => void move()} onCancel={() => setConfirmMove(false)}>
          <p>
            Every conversation, contact and setting of this install is copied into the team database. Channels and sending pause now; after the copy, restart Parley to
            continue there. The local file is kept as a backup.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
