// A list of words or phrases edited as chips: type and press Enter (or a comma) to add, Backspace on
// an empty box or the chip's button to remove. Works inside <Field>, which gives the box its id.
import { useState, type KeyboardEvent } from 'react';

export function TagInput({
  value,
  onChange,
  placeholder,
  prefix,
  id,
  'aria-invalid': invalid,
  'aria-describedby': describedBy,
  label,
}: {
  value: string[];
  onChange: (next: string[]) => void;
  placeholder?: string;
  /** Shown before each chip, e.g. "#" for hashtags; typed prefixes are dropped. */
  prefix?: string;
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  label: string;
}) {
  const [draft, setDraft] = useState('');
  const add = (raw: string) => {
    const items = raw
      .split(',')
      .map((s) => s.trim())
      .map((s) => (prefix && s.startsWith(prefix) ? s.slice(prefix.length) : s))
      .filter(Boolean);
    const next = [...value];
    for (const item of items) if (!next.some((v) => v.toLowerCase() === item.toLowerCase())) next.push(item);
    if (next.length !== value.length) onChange(next);
    setDraft('');
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      // Enter adds a chip; it never submits the surrounding form.
      e.preventDefault();
      if (draft.trim()) add(draft);
    } else if (e.key === 'Backspace' && !draft && value.length) {
      onChange(value.slice(0, -1));
    }
  };
  return (
    <div className={`tag-input${invalid ? ' is-invalid' : ''}`}>
      <ul className="tag-input__chips" aria-label={`${label}: ${value.length === 0 ? 'none' : value.length}`}>
        {value.map((v) => (
          <li key={v} className="chip">
            <span>
              {prefix}
              {v}
            </span>
            <button type="button" className="chip__remove" aria-label={`Remove ${prefix ?? ''}${v}`} onClick={() => onChange(value.filter((x) => x !== v))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        id={id}
        className="tag-input__box"
        value={draft}
        placeholder={value.length ? '' : placeholder}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(e) => (e.target.value.includes(',') ? add(e.target.value) : setDraft(e.target.value))}
        onKeyDown={onKey}
        onBlur={() => draft.trim() && add(draft)}
      />
    </div>
  );
}
