// The weekly opening hours in the business time zone, several ranges a day, saved as soon as they are valid.
import type { HoursRange, WeeklyHours } from '../../../../../preload/contract';
import { api } from '../../../lib/api';
import { useAutosave, useDraft } from '../shared/autosave';
import { weekdayNames } from '../shared/labels';
import { summary } from '../shared/errors';
import { SaveStatus } from '../shared/SaveStatus';
import { HoursRanges, rangeErrors } from './HoursRanges';

type Week = HoursRange[][];

function toWeek(hours: WeeklyHours): Week {
  return weekdayNames.map((_n, i) => hours.filter((h) => h.weekday === i + 1).map((h) => ({ opensAt: h.opensAt, closesAt: h.closesAt })));
}
function toHours(week: Week): WeeklyHours {
  return week.flatMap((ranges, i) => ranges.map((r) => ({ weekday: i + 1, ...r })));
}

export function WeeklyHoursCard({ saved, timeZone }: { saved: WeeklyHours; timeZone: string }) {
  const savedWeek = toWeek(saved);
  const [week, setWeek] = useDraft<Week>(savedWeek);
  const valid = week.every((ranges) => ranges.every((r) => Object.keys(rangeErrors(r)).length === 0));
  const { state, errors } = useAutosave(week, savedWeek, (w) => api.call('config.setWeeklyHours', { hours: toHours(w) }), { valid, what: 'Weekly hours' });
  // The engine reports problems by position in the flat list; find the day and range they belong to.
  const serverErrorsFor = (day: number) => (i: number) => {
    const flatIndex = week.slice(0, day).reduce((n, r) => n + r.length, 0) + i;
    return { opensAt: errors.fields[`hours.${flatIndex}.opensAt`], closesAt: errors.fields[`hours.${flatIndex}.closesAt`] };
  };
  const copyMonday = () => setWeek(week.map((r, i) => (i >= 1 && i <= 4 ? week[0]!.map((x) => ({ ...x })) : r)));

  return (
    <section className="card" aria-labelledby="weekly-hours-title">
      <div className="card__header">
        <h2 className="card__title" id="weekly-hours-title">
          Weekly hours
        </h2>
        <SaveStatus state={state} error={valid ? summary(errors) : 'fix the times marked in red'} />
      </div>
      <div className="card__body">
        <p className="muted small">
          In {timeZone}. Outside these hours customers get the “closed” message. A range that closes earlier than it opens (22:00–02:00) runs past midnight.
        </p>
        <table className="hours-table">
          <tbody>
            {week.map((ranges, day) => (
              <tr key={weekdayNames[day]}>
                <th scope="row">{weekdayNames[day]}</th>
                <td>
                  <HoursRanges
                    ranges={ranges}
                    label={weekdayNames[day]!}
                    onChange={(next) => setWeek(week.map((r, i) => (i === day ? next : r)))}
                    serverErrors={serverErrorsFor(day)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div>
          <button type="button" className="btn btn--small" onClick={copyMonday}>
            Copy Monday to Tuesday–Friday
          </button>
        </div>
      </div>
    </section>
  );
}
