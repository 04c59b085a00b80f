// Admin → Calendar: the business time zone, the weekly hours, and the special days (a month view, a list,
// .ics import with a preview, .ics export).
import { DateTime } from 'luxon';
import { useState } from 'react';
import type { SpecialDay } from '../../../../../preload/contract';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Icon } from '../../../components/Icon';
import { useToast } from '../../../components/Toasts';
import { api } from '../../../lib/api';
import { useNow } from '../../../lib/hooks';
import { downloadText } from '../shared/download';
import { useConfigOverview } from '../shared/useConfig';
import { IcsImportDialog } from './IcsImportDialog';
import { MonthView } from './MonthView';
import { SpecialDayDialog } from './SpecialDayDialog';
import { TimeZoneCard } from './TimeZoneCard';
import { WeeklyHoursCard } from './WeeklyHoursCard';
import '../styles';

const PAGE = 20;

export function CalendarScreen() {
  const toast = useToast();
  const config = useConfigOverview();
  const now = useNow(60_000);
  const [month, setMonth] = useState<DateTime | null>(null);
  const [editing, setEditing] = useState<{ day: SpecialDay | null; date: string } | null>(null);
  const [importing, setImporting] = useState(false);
  const [page, setPage] = useState(0);

  if (config.error) return <ErrorNotice error={config.error} onRetry={config.reload} />;
  const c = config.data;
  if (!c) return <div className="spinner" aria-label="Loading" />;
  const today = DateTime.fromMillis(now, { zone: c.timeZone }).toISODate()!;
  const shown = month ?? DateTime.fromISO(today).startOf('month');

  const exportIcs = async () => {
    try {
      const r = await api.call('config.exportIcs', {});
      downloadText(r.fileName, r.text, 'text/calendar');
      toast(`Exported ${c.specialDays.length} special days to ${r.fileName}.`, 'ok');
    } catch (e) {
      toast((e as Error).message, 'error');
    }
  };

  // The list: yearly days first (they always apply), then dated ones from today on, then past ones.
  const yearly = c.specialDays.filter((d) => d.recurrence === 'yearly');
  const upcoming = c.specialDays.filter((d) => d.recurrence !== 'yearly' && d.date >= today);
  const past = c.specialDays.filter((d) => d.recurrence !== 'yearly' && d.date < today).reverse();
  const list = [...yearly, ...upcoming, ...past];
  const pages = Math.max(1, Math.ceil(list.length / PAGE));
  const visible = list.slice(page * PAGE, page * PAGE + PAGE);

  return (
    <div className="admin-stack">
      <div className="calendar-top">
        <TimeZoneCard timeZone={c.timeZone} />
        <WeeklyHoursCard saved={c.weeklyHours} timeZone={c.timeZone} />
      </div>
      <section className="card" aria-labelledby="special-days-title">
        <div className="card__header">
          <h2 className="card__title" id="special-days-title">
            Special days
          </h2>
          <div className="btn-row">
            <button type="button" className="btn btn--small" onClick={() => setImporting(true)}>
              <Icon name="upload" size={14} /> Import .ics
            </button>
            <button type="button" className="btn btn--small" onClick={exportIcs}>
              <Icon name="download" size={14} /> Export .ics
            </button>
            <button type="button" className="btn btn--small btn--primary" onClick={() => setEditing({ day: null, date: today })}>
              Add special day
            </button>
          </div>
        </div>
        <div className="card__body">
          <p className="muted small">Holidays and closures override the weekly hours for that day. Click a day to add one; click a special day to change it.</p>
          <MonthView month={shown} today={today} specialDays={c.specialDays} onMonth={setMonth} onAdd={(date) => setEditing({ day: null, date })} onEdit={(day) => setEditing({ day, date: day.date })} />
          <h3 className="section-title">All special days ({c.specialDays.length})</h3>
          {list.length === 0 ? (
            <p className="muted">None yet.</p>
          ) : (
            <div className="table-wrap">
              <table className="table" aria-label="All special days">
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Name</th>
                    <th scope="col">That day</th>
                    <th scope="col">Message</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {visible.map((d) => (
                    <tr key={d.id} className={d.recurrence !== 'yearly' && d.date < today ? 'is-inactive' : ''}>
                      <td className="mono nowrap">{d.recurrence === 'yearly' ? `Every ${DateTime.fromISO(d.date).toFormat('d LLLL')}` : d.date}</td>
                      <td>{d.name}</td>
                      <td>{d.closed ? <span className="badge badge--danger">Closed</span> : <span className="badge badge--warn">{d.hours.map((h) => `${h.opensAt}–${h.closesAt}`).join(', ')}</span>}</td>
                      <td className="muted ellipsis-cell">{d.message ?? 'Special-day template'}</td>
                      <td className="row-actions">
                        <button
                          type="button"
                          className="btn btn--small"
                          aria-label={`Edit ${d.name}`}
                          onClick={() => {
                            setEditing({ day: d, date: d.date });
                            if (d.recurrence !== 'yearly') setMonth(DateTime.fromISO(d.date).startOf('month'));
                          }}
                        >
                          Edit
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {pages > 1 ? (
            <div className="pager">
              <button type="button" className="btn btn--small" disabled={page === 0} onClick={() => setPage(page - 1)}>
                Previous
              </button>
              <span className="muted">
                Page {page + 1} of {pages}
              </span>
              <button type="button" className="btn btn--small" disabled={page >= pages - 1} onClick={() => setPage(page + 1)}>
                Next
              </button>
            </div>
          ) : null}
        </div>
      </section>
      {editing ? <SpecialDayDialog key={editing.day?.id ?? `new-${editing.date}`} day={editing.day} date={editing.date} onClose={() => setEditing(null)} /> : null}
      {importing ? <IcsImportDialog onClose={() => setImporting(false)} /> : null}
    </div>
  );
}
