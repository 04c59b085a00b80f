// Leaving a screen (or an editor) with an unsaved edit asks first; nothing typed is dropped silently.
// Editors register what is unsaved; the host, mounted once by the Admin page, intercepts navigation
// links and closing the window, and any screen can ask before it replaces an editor.
import { createContext, useCallback, useContext, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { ConfirmDialog } from '../../../components/Dialog';
import { api } from '../../../lib/api';

const unsaved = new Map<string, string>();
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

/** Registers `what` as unsaved while `dirty` holds (e.g. `Rule "Refunds"`). */
export function useUnsavedChanges(dirty: boolean, what: string): void {
  const key = useId();
  useEffect(() => {
    if (!dirty) return;
    unsaved.set(key, what);
    notify();
    return () => {
      unsaved.delete(key);
      notify();
    };
  }, [dirty, what, key]);
}

type Ask = (proceed: () => void) => void;
const GuardContext = createContext<Ask>((proceed) => proceed());

/** Runs `proceed` at once when nothing is unsaved, otherwise after the person agrees to discard. */
export function useConfirmDiscard(): Ask {
  return useContext(GuardContext);
}

export function UnsavedGuard({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<{ proceed: () => void; what: string[] } | null>(null);

  const ask = useCallback<Ask>((proceed) => {
    if (unsaved.size === 0) proceed();
    else setPending({ proceed, what: [...new Set(unsaved.values())] });
  }, []);

  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      if (unsaved.size === 0 || e.defaultPrevented || e.button !== 0) return;
      const a = (e.target as Element | null)?.closest?.('a[href^="#/"]');
      if (!a) return;
      const href = a.getAttribute('href')!;
      if (href === window.location.hash) return;
      e.preventDefault();
      e.stopPropagation();
      setPending({
        what: [...new Set(unsaved.values())],
        proceed: () => {
          unsaved.clear();
          window.location.hash = href;
        },
      });
    };
    // The browser asks before the tab closes. Electron would silently refuse to close instead (it shows
    // no dialog unless main handles 'will-prevent-unload'), so there the guard covers navigation only.
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (unsaved.size === 0 || api.host !== 'web') return;
      e.preventDefault();
      e.returnValue = '';
    };
    document.addEventListener('click', onClick, true);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      document.removeEventListener('click', onClick, true);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, []);

  const value = useMemo(() => ask, [ask]);
  return (
    <GuardContext.Provider value={value}>
      {children}
      {pending ? (
        <ConfirmDialog
          title="Leave without saving?"
          confirmLabel="Discard changes"
          danger
          onCancel={() => setPending(null)}
          onConfirm={() => {
            const p = pending;
            setPending(null);
            p.proceed();
          }}
        >
          <p>These changes are not saved yet:</p>
          <ul className="plain-list">
            {pending.what.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          <p className="muted">Stay to save them (or fix what is marked), or discard them.</p>
        </ConfirmDialog>
      ) : null}
    </GuardContext.Provider>
  );
}
