// Opening ranges (09:00–17:00, 22:00–02:00 …) edited as pairs of times; a range that closes before it
// opens runs past midnight. Shared by the weekly hours and a special day's hours.
import type { HoursRange } from '../../../../../preload/contract';

const hhmm = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Local checks, per range: the message for opensAt / closesAt, if any. */
export function rangeErrors(r: HoursRange): { opensAt?: string; closesAt?: string } {
  const e: { opensAt?: string; closesAt?: string } = {};
  if (!hhmm.test(r.opensAt)) e.opensAt = 'Use HH:MM, 24-hour';
  if (!hhmm.test(r.closesAt)) e.closesAt = 'Use HH:MM, 24-hour (24:00 for midnight)';
  if (!e.opensAt && !e.closesAt && r.opensAt === r.closesAt) e.closesAt = 'Opening and closing times are the same';
  return e;
}

export const pastMidnight = (r: HoursRange) => hhmm.test(r.opensAt) && hhmm.test(r.closesAt) && r.closesAt !== '24:00' && r.closesAt < r.opensAt;

export function HoursRanges({
  ranges,
  onChange,
  label,
  serverErrors,
}: {
  ranges: HoursRange[];
  onChange: (next: HoursRange[]) => void;
  /** e.g. "Monday": used in the controls' names. */
  label: string;
  /** Engine errors per range index. */
  serverErrors?: (i: number) => { opensAt?: string; closesAt?: string };
}) {
  const set = (i: number, patch: Partial<HoursRange>) => onChange(ranges.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="hours-ranges">
      {ranges.length === 0 ? <span className="muted">Closed</span> : null}
      {ranges.map((r, i) => {
        const local = rangeErrors(r);
        const server = serverErrors?.(i) ?? {};
        const opensErr = local.opensAt ?? server.opensAt;
        const closesErr = local.closesAt ?? server.closesAt;
        return (
          <div className="hours-range" key={i}>
            <input
              className="input input--time"
              value={r.opensAt}
              inputMode="numeric"
              placeholder="09:00"
              aria-label={`${label}: opens at (range ${i + 1})`}
              aria-invalid={opensErr ? true : undefined}
              onChange={(e) => set(i, { opensAt: e.target.value.trim() })}
            />
            <span aria-hidden>–</span>
            <input
              className="input input--time"
              value={r.closesAt}
              inputMode="numeric"
              placeholder="17:00"
              aria-label={`${label}: closes at (range ${i + 1})`}
              aria-invalid={closesErr ? true : undefined}
              onChange={(e) => set(i, { closesAt: e.target.value.trim() })}
            />
            {pastMidnight(r) ? <span className="badge badge--warn">ends next day</span> : null}
            <button type="button" className="btn btn--ghost btn--small" aria-label={`${label}: remove range ${i + 1}`} onClick={() => onChange(ranges.filter((_x, j) => j !== i))}>
              Remove
            </button>
            {opensErr || closesErr ? (
              <span className="field__error" role="alert">
                {opensErr ?? closesErr}
              </span>
            ) : null}
          </div>
        );
      })}
      <button
        type="button"
        className="btn btn--small btn--ghost"
        onClick={() => onChange([...ranges, ranges.length ? { opensAt: '18:00', closesAt: '22:00' } : { opensAt: '09:00', closesAt: '17:00' }])}
      >
        + Add hours{ranges.length ? '' : ` on ${label}`}
      </button>
    </div>
  );
}
