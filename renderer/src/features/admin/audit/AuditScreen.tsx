// Admin → Audit log: who changed which setting and when, filtered by what, who and which days, newest
// first, a page at a time; each entry opens to show what changed, before and after.
import { DateTime } from 'luxon';
import { Fragment, useState } from 'react';
import type { AuditEntryView } from '../../../../../preload/contract';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Field } from '../../../components/Field';
import { useEvent, useQuery } from '../../../lib/hooks';
import { actionLabel, entityLabel, settingLabel } from '../shared/labels';
import { changeRows, show, subjectOf } from './changes';
import '../styles';

const PAGE = 25;

function Changes({ entry }: { entry: AuditEntryView }) {
  const rows = changeRows(entry.before, entry.after);
  if (rows.length === 0) return <p className="muted small">{entry.action === 'reorder' ? `New order: ${show(entry.after)}` : 'No field-level difference recorded.'}</p>;
  return (
    <table className="table table--compact" aria-label="What changed">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.field}>
            <td className="mono">{r.field}</td>
            <td className="change change--before">{r.before ?? <span className="muted">(not set)</span>}</td>
            <td className="change change--after">{r.after ?? <span className="muted">(removed)</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AuditScreen() {
  const [entity, setEntity] = useState('');
  const [actor, setActor] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  // A stack of page starts: [undefined] is the newest page; each "Older" pushes the last id seen.
  const [cursors, setCursors] = useState<Array<number | undefined>>([undefined]);
  const [open, setOpen] = useState<number | null>(null);
  const beforeId = cursors[cursors.length - 1];
  const facets = useQuery('audit.facets', {});
  const page = useQuery(
    'audit.list',
    { limit: PAGE, ...(entity ? { entity } : {}), ...(actor ? { actor } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), ...(beforeId ? { beforeId } : {}) },
    [entity, actor, from, to, beforeId],
  );
  useEvent('config.changed', () => {
    facets.reload();
    if (cursors.length === 1) page.reload();
  });
  const filter = (f: () => void) => {
    f();
    setCursors([undefined]);
    setOpen(null);
  };
  const entries = page.data?.entries ?? [];
  const zone = page.data?.timeZone;
  const badRange = !!from && !!to && from > to;

  return (
    <div className="admin-stack">
      <div className="card filters filters--row" role="search" aria-label="Filter the audit log">
        <Field label="What">
          <select className="select" value={entity} onChange={(e) => filter(() => setEntity(e.target.value))}>
            <option value="">Everything</option>
            {(facets.data?.entities ?? []).map((x) => (
              <option key={x} value={x}>
                {entityLabel[x] ?? x}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Who">
          <select className="select" value={actor} onChange={(e) => filter(() => setActor(e.target.value))}>
            <option value="">Anyone</option>
            {(facets.data?.actors ?? []).map((x) => (
              <option key={x.actor} value={x.actor}>
                {x.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="From" error={undefined}>
          <input className="input" type="date" value={from} onChange={(e) => filter(() => setFrom(e.target.value))} />
        </Field>
        <Field label="To" error={badRange ? 'The end date is before the start date' : page.error?.fields?.to}>
          <input className="input" type="date" value={to} onChange={(e) => filter(() => setTo(e.target.value))} />
        </Field>
        <div className="filters__clear">
          <button type="button" className="btn btn--ghost" disabled={!entity && !actor && !from && !to} onClick={() => filter(() => (setEntity(''), setActor(''), setFrom(''), setTo('')))}>
            Clear filters
          </button>
        </div>
      </div>

      {page.error && !page.error.fields ? <ErrorNotice error={page.error} onRetry={page.reload} /> : null}
      {!page.loading && entries.length === 0 && !page.error ? (
        <EmptyState icon="clock" title="Nothing recorded for these filters">
          Every change to a setting appears here with who made it and when.
        </EmptyState>
      ) : null}
      {entries.length ? (
        <div className="table-wrap">
          <table className="table" aria-label="Audit log">
            <thead>
              <tr>
                <th scope="col">When ({zone})</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Change</th>
                <th scope="col">
                  <span className="visually-hidden">Details</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => {
                const subject = subjectOf(e.before, e.after);
                return (
                  <Fragment key={e.id}>
                    <tr data-testid="audit-row">
                      <td className="nowrap">{DateTime.fromMillis(e.at, { zone }).toFormat('d LLL yyyy, HH:mm:ss')}</td>
                      <td>{e.actorLabel}</td>
                      <td>
                        {entityLabel[e.entity] ?? e.entity}
                        {subject ? <span className="muted"> · {subject}</span> : e.entityId && e.entity === 'setting' ? <span className="muted"> · {settingLabel[e.entityId] ?? e.entityId}</span> : null}
                      </td>
                      <td>
                        <span className={`badge${e.action === 'delete' ? ' badge--danger' : e.action === 'create' ? ' badge--ok' : ''}`}>{actionLabel[e.action] ?? e.action}</span>
                      </td>
                      <td>
                        <button type="button" className="btn btn--small btn--ghost" aria-expanded={open === e.id} onClick={() => setOpen(open === e.id ? null : e.id)}>
                          {open === e.id ? 'Hide changes' : 'Show changes'}
                        </button>
                      </td>
                    </tr>
                    {open === e.id ? (
                      <tr className="audit-detail">
                        <td colSpan={5}>
                          <Changes entry={e} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="pager">
        <button type="button" className="btn btn--small" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          Newer
        </button>
        <span className="muted" data-testid="audit-page">
          Page {cursors.length}
        </span>
        <button type="button" className="btn btn--small" disabled={!page.data?.hasMore} onClick={() => setCursors([...cursors, entries[entries.length - 1]!.id])}>
          Older
        </button>
      </div>
    </div>
  );
}
