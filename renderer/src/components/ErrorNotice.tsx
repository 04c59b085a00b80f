import type { ApiError } from '../lib/api';
import { Icon } from './Icon';

/** An error as a sentence the person can act on, never a stack trace. */
export function ErrorNotice({ error, onRetry }: { error: ApiError | Error; onRetry?: () => void }) {
  return (
    <div className="notice notice--error" role="alert">
      <Icon name="alert" />
      <span>{error.message}</span>
      {onRetry ? (
        <button type="button" className="btn btn--small" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
