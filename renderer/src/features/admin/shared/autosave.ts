// "Saved the moment it is changed": a draft that follows the saved value until it is edited, and saves
// itself shortly after each valid edit. An edit the engine refuses stays on screen with its errors.
import { useEffect, useRef, useState } from 'react';
import { formErrors, noErrors, type FormErrors } from './errors';
import type { SaveState } from './SaveStatus';
import { useUnsavedChanges } from './unsaved';

/** Local state seeded from `saved`; adopts a newer saved value unless the person has edited it. */
export function useDraft<T>(saved: T): [T, (next: T | ((prev: T) => T)) => void] {
  const [draft, setDraft] = useState<T>(saved);
  const savedText = JSON.stringify(saved);
  const last = useRef(savedText);
  useEffect(() => {
    const previous = last.current;
    last.current = savedText;
    setDraft((d) => (JSON.stringify(d) === previous ? (JSON.parse(savedText) as T) : d));
  }, [savedText]);
  return [draft, setDraft];
}

export function useAutosave<T>(
  draft: T,
  saved: T,
  save: (value: T) => Promise<unknown>,
  options: { valid: boolean; what: string; delay?: number },
): { state: SaveState; errors: FormErrors; dirty: boolean } {
  const [state, setState] = useState<SaveState>('idle');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const text = JSON.stringify(draft);
  const dirty = text !== JSON.stringify(saved);
  const saveRef = useRef(save);
  saveRef.current = save;
  useUnsavedChanges(dirty, options.what);
  useEffect(() => {
    if (!dirty) {
      // What is on screen is what is saved (the echo of a save, or an edit undone by hand).
      setState((s) => (s === 'idle' ? 'idle' : 'saved'));
      setErrors(noErrors);
      return;
    }
    if (!options.valid) {
      setState('error');
      return;
    }
    setState('dirty');
    let live = true;
    const timer = setTimeout(() => {
      setState('saving');
      saveRef.current(JSON.parse(text) as T).then(
        () => {
          if (!live) return;
          setErrors(noErrors);
          setState('saved');
        },
        (e: unknown) => {
          if (!live) return;
          setErrors(formErrors(e));
          setState('error');
        },
      );
    }, options.delay ?? 600);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, dirty, options.valid, options.delay]);
  return { state, errors, dirty };
}
