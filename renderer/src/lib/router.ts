// Hash routes (#/inbox, #/admin/calendar ...): the app is one page served from a file or a loopback port.
import { useEffect, useState } from 'react';

export function currentRoute(): string[] {
  const h = window.location.hash.replace(/^#\/?/, '');
  if (h.startsWith('token=')) return ['inbox'];
  return h.split('?')[0]!.split('/').filter(Boolean).map(decodeURIComponent);
}

export function navigate(path: string): void {
  window.location.hash = `#/${path.replace(/^\/+/, '')}`;
}

export function useRoute(): string[] {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const on = () => setRoute(currentRoute());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
