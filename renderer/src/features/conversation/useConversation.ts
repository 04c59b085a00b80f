// One conversation, kept live: a pushed change to the interaction, its outbox acts, its engagements or
// its contact reloads it (coalesced); an outbox state change is applied in place at once.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationView, OutboxItemView } from '../../../../preload/contract';
import { api, ApiError } from '../../lib/api';
import { useEvent } from '../../lib/hooks';

const RELOAD_MS = 120;

export function useConversation(interactionId: number) {
  const [view, setView] = useState<ConversationView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const viewRef = useRef(view);
  viewRef.current = view;

  const load = useCallback(() => {
    api.call('conversation.get', { interactionId }).then(
      (v) => {
        setView(v);
        setError(null);
      },
      (e: unknown) => setError(e instanceof ApiError ? e : new ApiError({ code: 'internal', message: String(e) })),
    );
  }, [interactionId]);

  const reloadSoon = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      load();
    }, RELOAD_MS);
  }, [load]);

  useEffect(() => {
    load();
    // Events missed while the connection was down: look again once it is back.
    let previous = api.connectionState();
    const off = api.onConnectionState((s) => {
      if (s === 'open' && previous !== 'open') load();
      previous = s;
    });
    return () => {
      off();
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [load]);

  useEvent('interactions.changed', ({ ids }) => {
    if (ids.includes(interactionId)) reloadSoon();
  });
  useEvent('outbox.changed', (item: OutboxItemView) => {
    if (item.interactionId !== interactionId) return;
    const v = viewRef.current;
    if (!v || !v.outbox.some((o) => o.id === item.id)) {
      reloadSoon();
      return;
    }
    setView({ ...v, outbox: v.outbox.map((o) => (o.id === item.id ? item : o)) });
    // Likes, retweets and hides show their state on the post they act on: those come from a reload.
    if (item.kind !== 'reply' && item.kind !== 'dm' && item.kind !== 'comment' && item.kind !== 'private_reply' && item.kind !== 'messenger') reloadSoon();
  });
  useEvent('engagements.changed', ({ ids }) => {
    const v = viewRef.current;
    if (!v || ids.some((id) => v.engagements.some((e) => e.id === id)) || v.capabilities.like) reloadSoon();
  });
  useEvent('contacts.changed', ({ ids }) => {
    const v = viewRef.current;
    if (v && ids.includes(v.contact.id)) reloadSoon();
  });

  return { view, error, reload: load };
}
