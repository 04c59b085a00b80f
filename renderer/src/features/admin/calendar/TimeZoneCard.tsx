// The business time zone, chosen from the IANA list with a search box (a combobox), saved on choice.
import { DateTime } from 'luxon';
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { api } from '../../../lib/api';
import { useNow } from '../../../lib/hooks';
import { formErrors, type FormErrors } from '../shared/errors';
import { SaveStatus, type SaveState } from '../shared/SaveStatus';

function allZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

const norm = (s: string) => s.toLowerCase().replace(/[_/]/g, ' ');

export function TimeZoneCard({ timeZone }: { timeZone: string }) {
  const zones = useMemo(allZones, []);
  const now = useNow(30_000);
  const listId = useId();
  const inputId = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [state, setState] = useState<SaveState>('idle');
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const matches = useMemo(() => {
    const words = norm(query).split(/\s+/).filter(Boolean);
    return zones.filter((z) => words.every((w) => norm(z).includes(w))).slice(0, 60);
  }, [query, zones]);

  const choose = async (zone: string) => {
    setOpen(false);
    setQuery('');
    if (zone === timeZone) return;
    setState('saving');
    setErrors(null);
    try {
      await api.call('config.setTimeZone', { timeZone: zone });
      setState('saved');
    } catch (e) {
      setErrors(formErrors(e));
      setState('error');
    }
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, matches.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && open && matches[active]) {
      e.preventDefault();
      void choose(matches[active]!);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };
  const local = DateTime.fromMillis(now, { zone: timeZone });
  return (
    <section className="card" aria-labelledby="tz-title">
      <div className="card__header">
        <h2 className="card__title" id="tz-title">
          Business time zone
        </h2>
        <SaveStatus state={state} error={errors?.fields.timeZone ?? errors?.message} />
      </div>
      <div className="card__body">
        <p>
          <strong className="tz-current" data-testid="current-time-zone">
            {timeZone}
          </strong>{' '}
          <span className="muted">
            · now {local.toFormat('ccc d LLL, HH:mm')} (UTC{local.toFormat('ZZ')})
          </span>
        </p>
        <div className="combobox">
          <label className="field__label" htmlFor={inputId}>
            Change the time zone
          </label>
          <input
            id={inputId}
            className="input"
            role="combobox"
            aria-expanded={open}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={open && matches[active] ? `${listId}-${active}` : undefined}
            placeholder="Search, e.g. Berlin or New York"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setOpen(true);
              setActive(0);
            }}
            onFocus={() => setOpen(true)}
            onBlur={() => setTimeout(() => setOpen(false), 150)}
            onKeyDown={onKey}
          />
          {open ? (
            <ul className="combobox__list" role="listbox" id={listId} aria-label="Time zones">
              {matches.length === 0 ? <li className="combobox__empty">No time zone matches “{query}”.</li> : null}
              {matches.map((z, i) => (
                <li
                  key={z}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  className={`combobox__option${i === active ? ' is-active' : ''}`}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => void choose(z)}
                >
                  <span>{z.replace(/_/g, ' ')}</span>
                  <span className="muted small">UTC{DateTime.fromMillis(now, { zone: z }).toFormat('ZZ')}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <p className="muted small">Weekly hours, special days, the emergency end time and “What would happen” all read this zone.</p>
      </div>
    </section>
  );
}
