// Contact search as one types: debounced, the latest answer wins.
import { useEffect, useState } from 'react';
import type { ContactSearchHit } from '../../../../preload/contract';
import { api, ApiError } from '../../lib/api';

export function useContactSearch(query: string) {
  const [hits, setHits] = useState<ContactSearchHit[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setHits(null);
      setError(null);
      return;
    }
    let live = true;
    setBusy(true);
    const t = setTimeout(() => {
      api.call('contacts.search', { query: q, limit: 50 }).then(
        (r) => {
          if (!live) return;
          setHits(r);
          setError(null);
          setBusy(false);
        },
        (e: unknown) => {
          if (!live) return;
          setError(e as ApiError);
          setBusy(false);
        },
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [query]);
  return { hits, error, busy };
}
