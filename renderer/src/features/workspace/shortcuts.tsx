// Keyboard shortcuts for the common acts, one table for the keys and the help overlay. Single keys work
// when no text field has focus; the ones an agent needs while writing use a modifier.
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { Dialog } from '../../components/Dialog';

export type ShortcutId = 'next' | 'previous' | 'reply' | 'toggleMode' | 'send' | 'take' | 'complete' | 'transfer' | 'requeue' | 'help';

interface ShortcutDef {
  id: ShortcutId;
  /** Key combinations: a key name (e.key, lower case) with optional "mod+" (Ctrl or ⌘) or "alt+". */
  keys: string[];
  /** How the help overlay shows it. */
  display: string[];
  description: string;
  group: 'Moving around' | 'Writing' | 'Wrapping up' | 'Help';
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl';

export const shortcuts: ShortcutDef[] = [
  { id: 'next', keys: ['j'], display: ['J'], description: 'Next conversation in the list', group: 'Moving around' },
  { id: 'previous', keys: ['k'], display: ['K'], description: 'Previous conversation in the list', group: 'Moving around' },
  { id: 'take', keys: ['a'], display: ['A'], description: 'Take the open conversation from the queue', group: 'Moving around' },
  { id: 'reply', keys: ['r'], display: ['R'], description: 'Write a reply (moves to the composer)', group: 'Writing' },
  { id: 'toggleMode', keys: ['m', 'alt+m'], display: ['M', 'Alt+M'], description: 'Switch between public and private (you confirm)', group: 'Writing' },
  { id: 'send', keys: ['mod+enter'], display: [`${mod}+Enter`], description: 'Send what you wrote, in the mode shown', group: 'Writing' },
  { id: 'complete', keys: ['c'], display: ['C'], description: 'Complete with a disposition code', group: 'Wrapping up' },
  { id: 'transfer', keys: ['t'], display: ['T'], description: 'Transfer to an agent, group or skill', group: 'Wrapping up' },
  { id: 'requeue', keys: ['b'], display: ['B'], description: 'Put back in the queue', group: 'Wrapping up' },
  { id: 'help', keys: ['?'], display: ['?'], description: 'Show or hide this list', group: 'Help' },
];

function comboOf(e: KeyboardEvent): string {
  const key = e.key === 'Enter' ? 'enter' : e.key.length === 1 ? e.key.toLowerCase() : e.key.toLowerCase();
  // Alt+letter types a symbol on some layouts; the physical key says which letter was meant.
  const letter = e.altKey && /^Key[A-Z]$/.test(e.code) ? e.code.slice(3).toLowerCase() : key;
  if (e.ctrlKey || e.metaKey) return `mod+${letter}`;
  if (e.altKey) return `alt+${letter}`;
  return key;
}

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

type Handler = () => void;
const Registry = createContext<{ register(id: ShortcutId, h: Handler): () => void; toggleHelp(): void }>({
  register: () => () => undefined,
  toggleHelp: () => undefined,
});

export function ShortcutProvider({ children }: { children: ReactNode }) {
  const handlers = useRef(new Map<ShortcutId, Handler[]>());
  const [help, setHelp] = useState(false);
  const helpRef = useRef(help);
  helpRef.current = help;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const combo = comboOf(e);
      const def = shortcuts.find((s) => s.keys.includes(combo));
      if (!def) return;
      const inField = typing(e.target);
      // Plain keys belong to the text being typed; only modified combos act from a field.
      if (inField && !combo.includes('+')) return;
      if (def.id === 'help') {
        e.preventDefault();
        setHelp((h) => !h);
        return;
      }
      // A dialog (the help overlay, a confirmation) owns the keyboard while it is open.
      if (helpRef.current || document.querySelector('[aria-modal="true"]')) return;
      const list = handlers.current.get(def.id);
      const h = list?.[list.length - 1];
      if (!h) return;
      e.preventDefault();
      h();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const api = useRef({
    register(id: ShortcutId, h: Handler) {
      const list = handlers.current.get(id) ?? [];
      list.push(h);
      handlers.current.set(id, list);
      return () => {
        const l = handlers.current.get(id) ?? [];
        const i = l.lastIndexOf(h);
        if (i >= 0) l.splice(i, 1);
      };
    },
    toggleHelp: () => setHelp((x) => !x),
  });

  return (
    <Registry.Provider value={api.current}>
      {children}
      {help ? <HelpOverlay onClose={() => setHelp(false)} /> : null}
    </Registry.Provider>
  );
}

/** Runs `handler` for the shortcut while the component is mounted (the newest registration wins). */
export function useShortcut(id: ShortcutId, handler: () => void, enabled = true): void {
  const { register } = useContext(Registry);
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => (enabled ? register(id, () => ref.current()) : undefined), [id, enabled, register]);
}

export function useHelpToggle(): () => void {
  return useContext(Registry).toggleHelp;
}

function HelpOverlay({ onClose }: { onClose: () => void }) {
  const groups = [...new Set(shortcuts.map((s) => s.group))];
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} wide footer={<button type="button" className="btn" onClick={onClose} data-autofocus="true">Close</button>}>
      <p className="muted">Single keys work when you are not typing in a field. Press Esc to leave the composer first.</p>
      <div className="shortcut-groups">
        {groups.map((g) => (
          <section key={g} aria-labelledby={`shortcut-group-${g.replace(/\W/g, '')}`}>
            <h3 className="shortcut-group__title" id={`shortcut-group-${g.replace(/\W/g, '')}`}>
              {g}
            </h3>
            <dl className="shortcut-list">
              {shortcuts
                .filter((s) => s.group === g)
                .map((s) => (
                  <div className="shortcut-list__row" key={s.id}>
                    <dt>
                      {s.display.map((d, i) => (
                        <span key={d}>
                          {i > 0 ? <span className="muted"> or </span> : null}
                          <kbd>{d}</kbd>
                        </span>
                      ))}
                    </dt>
                    <dd>{s.description}</dd>
                  </div>
                ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
