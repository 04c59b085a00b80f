// Whether an edit is saved, being saved, waiting for a fix, or not yet saved: never left to guesswork.
import { Icon } from '../../../components/Icon';

export type SaveState = 'idle' | 'dirty' | 'saving' | 'saved' | 'error';

const text: Record<SaveState, string> = {
  idle: 'All changes saved',
  dirty: 'Unsaved changes',
  saving: 'Saving…',
  saved: 'Saved',
  error: 'Not saved',
};

export function SaveStatus({ state, error, idleText }: { state: SaveState; error?: string | null; idleText?: string }) {
  return (
    <span className={`save-status save-status--${state}`} role="status" aria-live="polite" data-testid="save-status">
      {state === 'saving' ? <span className="spinner" aria-hidden /> : null}
      {state === 'saved' || state === 'idle' ? <Icon name="check" size={14} /> : null}
      {state === 'error' ? <Icon name="alert" size={14} /> : null}
      <span>{state === 'idle' && idleText ? idleText : text[state]}</span>
      {state === 'error' && error ? <span className="save-status__why">: {error}</span> : null}
    </span>
  );
}
