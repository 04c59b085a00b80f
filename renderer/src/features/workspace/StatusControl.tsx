// The signed-in agent and their status: Ready, Not Ready (with a reason) or Offline, and signing out.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { AgentStatus } from '../../../../preload/contract';
import { Avatar } from '../../components/Avatar';
import { ConfirmDialog, Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useToast } from '../../components/Toasts';
import { duration } from '../../lib/format';
import { useNow } from '../../lib/hooks';
import { useWorkspace } from './session';

export const notReadyReasons = ['Break', 'Lunch', 'Meeting', 'Training', 'Coaching'];

export function statusLabel(status: AgentStatus, reason: string | null): string {
  if (status === 'ready') return 'Ready';
  if (status === 'offline') return 'Offline';
  return reason ? `Not ready · ${reason}` : 'Not ready';
}

const dotOf = (s: AgentStatus) => (s === 'ready' ? 'ok' : s === 'not_ready' ? 'warn' : 'idle');

export function StatusControl() {
  const { agent, setStatus, signOut } = useWorkspace();
  const toast = useToast();
  const now = useNow(30_000);
  const [open, setOpen] = useState(false);
  const [other, setOther] = useState('');
  const [confirmOut, setConfirmOut] = useState(false);
  const [askOther, setAskOther] = useState(false);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitemradio"][aria-checked="true"], [role="menuitemradio"]')?.focus();
    const onDown = (e: MouseEvent) => {
      if (!menuRef.current?.contains(e.target as Node) && e.target !== buttonRef.current) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  if (!agent) return null;
  const held = Object.values(agent.load).reduce((a, b) => a + b, 0);

  const choose = async (status: AgentStatus, reason: string | null = null) => {
    setOpen(false);
    buttonRef.current?.focus();
    try {
      await setStatus(status, reason);
    } catch (e) {
      toast((e as Error).message, 'error');
    }
  };

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? []);
    const i = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      setOpen(false);
      buttonRef.current?.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = items[(i + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length];
      next?.focus();
    }
  };

  return (
    <div className="agent-status">
      <div className="agent-status__who">
        <Avatar name={agent.name} size={30} />
        <div className="agent-status__text">
          <span className="agent-status__name" data-testid="signed-in-agent">
            {agent.name}
          </span>
          <span className="agent-status__since">
            {held} open · {statusLabel(agent.status, null)} for {duration(now - agent.statusChangedAt)}
          </span>
        </div>
      </div>
      <button
        ref={buttonRef}
        type="button"
        className="agent-status__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={`Status: ${statusLabel(agent.status, agent.notReadyReason)}. Change status`}
        onClick={() => setOpen((o) => !o)}
        data-testid="status-button"
      >
        <span className={`dot dot--${dotOf(agent.status)}`} aria-hidden />
        <span className="agent-status__label">{statusLabel(agent.status, agent.notReadyReason)}</span>
        <span aria-hidden>▾</span>
      </button>
      {open ? (
        <div className="menu" role="menu" id={menuId} aria-label="Your status" ref={menuRef} onKeyDown={onMenuKey}>
          <button type="button" role="menuitemradio" aria-checked={agent.status === 'ready'} className="menu__item" onClick={() => void choose('ready')}>
            <span className="dot dot--ok" aria-hidden /> Ready
          </button>
          <div role="group" aria-labelledby={`${menuId}-nr`}>
            <div className="menu__label" id={`${menuId}-nr`}>
              Not ready
            </div>
            {notReadyReasons.map((r) => (
              <button
                key={r}
                type="button"
                role="menuitemradio"
                aria-checked={agent.status === 'not_ready' && agent.notReadyReason === r}
                className="menu__item menu__item--indent"
                onClick={() => void choose('not_ready', r)}
              >
                <span className="dot dot--warn" aria-hidden /> {r}
              </button>
            ))}
            <button
              type="button"
              role="menuitemradio"
              aria-checked={agent.status === 'not_ready' && !notReadyReasons.includes(agent.notReadyReason ?? '')}
              className="menu__item menu__item--indent"
              onClick={() => {
                setOpen(false);
                setOther(agent.status === 'not_ready' && !notReadyReasons.includes(agent.notReadyReason ?? '') ? (agent.notReadyReason ?? '') : '');
                setAskOther(true);
              }}
            >
              <span className="dot dot--warn" aria-hidden /> Other reason…
            </button>
          </div>
          <button type="button" role="menuitemradio" aria-checked={agent.status === 'offline'} className="menu__item" onClick={() => void choose('offline')}>
            <span className="dot dot--idle" aria-hidden /> Offline
          </button>
          <div className="menu__sep" role="separator" />
          <button
            type="button"
            role="menuitem"
            className="menu__item"
            onClick={() => {
              setOpen(false);
              setConfirmOut(true);
            }}
          >
            Sign out…
          </button>
        </div>
      ) : null}
      {askOther ? (
        <Dialog
          title="Not ready: why?"
          onClose={() => setAskOther(false)}
          footer={
            <>
              <button type="button" className="btn" onClick={() => setAskOther(false)}>
                Cancel
              </button>
              <button
                type="button"
                className="btn btn--primary"
                disabled={!other.trim()}
                onClick={() => {
                  setAskOther(false);
                  void choose('not_ready', other.trim());
                }}
              >
                Set Not ready
              </button>
            </>
          }
        >
          <Field label="Reason" hint="Your team sees it beside your name.">
            <input className="input" value={other} maxLength={200} onChange={(e) => setOther(e.target.value)} data-autofocus="true" />
          </Field>
        </Dialog>
      ) : null}
      {confirmOut ? (
        <ConfirmDialog
          title={`Sign out ${agent.name}?`}
          confirmLabel="Sign out and go Offline"
          onCancel={() => setConfirmOut(false)}
          onConfirm={() => {
            setConfirmOut(false);
            void signOut(true).catch((e: Error) => toast(e.message, 'error'));
          }}
        >
          <p>
            Signing out sets you Offline.{' '}
            {held > 0 ? `Your ${held} open conversation${held === 1 ? '' : 's'} go back to the queue for someone else.` : 'You hold no open conversations.'}
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
