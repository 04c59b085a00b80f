// A month of the business calendar with its special days (yearly ones in every year): click a day to add
// one, click a special day to edit it.
import { DateTime } from 'luxon';
import type { SpecialDay } from '../../../../../preload/contract';

/** The special days that fall on a date (YYYY-MM-DD), yearly ones included. */
export function daysOn(specialDays: readonly SpecialDay[], date: string): SpecialDay[] {
  return specialDays.filter((d) => (d.recurrence === 'yearly' ? d.date.slice(5) === date.slice(5) && d.date.slice(0, 4) <= date.slice(0, 4) : d.date === date));
}

export function MonthView({
  month,
  today,
  specialDays,
  onMonth,
  onAdd,
  onEdit,
}: {
  /** First day of the month shown. */
  month: DateTime;
  /** Today's date in the business time zone, YYYY-MM-DD. */
  today: string;
  specialDays: readonly SpecialDay[];
  onMonth: (m: DateTime) => void;
  onAdd: (date: string) => void;
  onEdit: (d: SpecialDay) => void;
}) {
  const start = month.startOf('month').startOf('week'); // luxon weeks start on Monday
  const end = month.endOf('month').endOf('week');
  const weeks: DateTime[][] = [];
  for (let d = start; d <= end; d = d.plus({ weeks: 1 })) weeks.push(Array.from({ length: 7 }, (_x, i) => d.plus({ days: i })));
  const title = month.toFormat('LLLL yyyy');
  return (
    <div className="month">
      <div className="month__nav">
        <button type="button" className="btn btn--small" onClick={() => onMonth(month.minus({ months: 1 }))} aria-label="Previous month">
          ‹
        </button>
        <h3 className="month__title" aria-live="polite" data-testid="month-title">
          {title}
        </h3>
        <button type="button" className="btn btn--small" onClick={() => onMonth(month.plus({ months: 1 }))} aria-label="Next month">
          ›
        </button>
        <button type="button" className="btn btn--small btn--ghost" onClick={() => onMonth(DateTime.fromISO(today).startOf('month'))}>
          Today
        </button>
      </div>
      <table className="month__grid" aria-label={`Special days in ${title}`}>
        <thead>
          <tr>
            {weeks[0]!.map((d) => (
              <th key={d.weekday} scope="col" abbr={d.toFormat('cccc')}>
                {d.toFormat('ccc')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]!.toISODate()}>
              {week.map((d) => {
                const iso = d.toISODate()!;
                const inMonth = d.month === month.month;
                const here = inMonth ? daysOn(specialDays, iso) : [];
                return (
                  <td key={iso} className={`month__day${inMonth ? '' : ' is-outside'}${iso === today ? ' is-today' : ''}${here.length ? ' has-special' : ''}`}>
                    {inMonth ? (
                      <>
                        <div className="month__day-head">
                          <span className="month__num">{d.day}</span>
                          <button type="button" className="month__add" onClick={() => onAdd(iso)} aria-label={`Add a special day on ${d.toFormat('cccc d LLLL yyyy')}`}>
                            +
                          </button>
                        </div>
                        {here.map((s) => (
                          <button
                            type="button"
                            key={s.id}
                            className={`day-chip${s.closed ? ' day-chip--closed' : ' day-chip--hours'}`}
                            onClick={() => onEdit(s)}
                            title={s.closed ? 'Closed all day' : `Open ${s.hours.map((h) => `${h.opensAt}–${h.closesAt}`).join(', ')}`}
                          >
                            {s.recurrence === 'yearly' ? <span aria-label="every year">↻ </span> : null}
                            {s.name}
                            <span className="day-chip__hours">{s.closed ? 'Closed' : s.hours.map((h) => `${h.opensAt}–${h.closesAt}`).join(', ')}</span>
                          </button>
                        ))}
                      </>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
