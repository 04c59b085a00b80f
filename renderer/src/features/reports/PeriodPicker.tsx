// Which period and network the report covers: a preset at one click, or two dates (business days,
// both included) applied together so the report is not rebuilt on every keystroke.
import { useEffect, useState, type FormEvent } from 'react';
import type { ReportNetwork, ReportPeriod, ReportPreset } from '../../../../preload/contract';
import { Field } from '../../components/Field';

export type PeriodChoice = { preset: Exclude<ReportPreset, 'custom'> } | { preset: 'custom'; from: string; to: string };

const presets: Array<{ id: Exclude<ReportPreset, 'custom'>; label: string }> = [
  { id: 'today', label: 'Today' },
  { id: 'last7', label: 'Last 7 days' },
  { id: 'last30', label: 'Last 30 days' },
  { id: 'thisMonth', label: 'This month' },
];

export function PeriodPicker({
  choice,
  network,
  shown,
  fieldErrors,
  onChoose,
  onNetwork,
}: {
  choice: PeriodChoice;
  network: ReportNetwork;
  /** The period of the report on screen, to start the custom dates from. */
  shown: ReportPeriod | undefined;
  /** What the engine said is wrong with the custom dates, by field. */
  fieldErrors: Record<string, string> | undefined;
  onChoose: (c: PeriodChoice) => void;
  onNetwork: (n: ReportNetwork) => void;
}) {
  const [custom, setCustom] = useState(choice.preset === 'custom');
  const [from, setFrom] = useState(choice.preset === 'custom' ? choice.from : (shown?.from ?? ''));
  const [to, setTo] = useState(choice.preset === 'custom' ? choice.to : (shown?.to ?? ''));
  const [localError, setLocalError] = useState<string | null>(null);
  useEffect(() => {
    // Start the custom dates from what the report shows, until the person types their own.
    if (!custom && shown) {
      setFrom(shown.from);
      setTo(shown.to);
    }
  }, [custom, shown]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (!from || !to) {
      setLocalError('Choose both the first and the last day.');
      return;
    }
    setLocalError(null);
    onChoose({ preset: 'custom', from, to });
  };

  return (
    <div className="report-controls" role="group" aria-label="Report period and network">
      <div className="report-presets" role="group" aria-label="Period">
        {presets.map((p) => (
          <button
            key={p.id}
            type="button"
            className="report-presets__option"
            aria-pressed={!custom && choice.preset === p.id}
            onClick={() => {
              setCustom(false);
              onChoose({ preset: p.id });
            }}
          >
            {p.label}
          </button>
        ))}
        <button type="button" className="report-presets__option" aria-pressed={custom} onClick={() => setCustom(true)}>
          Custom
        </button>
      </div>
      <div className="report-controls__network">
        <Field label="Network">
          <select className="select" value={network} onChange={(e) => onNetwork(e.target.value as ReportNetwork)}>
            <option value="all">X and Facebook</option>
            <option value="x">X only</option>
            <option value="facebook">Facebook only</option>
          </select>
        </Field>
      </div>
      {custom ? (
        <form className="report-controls__custom" onSubmit={apply} noValidate>
          <Field label="First day" error={fieldErrors?.from}>
            <input className="input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
          </Field>
          <Field label="Last day" error={fieldErrors?.to ?? localError ?? undefined}>
            <input className="input" type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
          </Field>
          <button type="submit" className="btn btn--primary">
            Show
          </button>
        </form>
      ) : null}
    </div>
  );
}
