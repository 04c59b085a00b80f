// The configuration as the Admin screens read it: config.overview, fetched again whenever any window
// (or the engine itself, e.g. an emergency ending on time) changes it. A burst of changes (an .ics
// import in steps) is fetched once.
import { useEffect, useRef } from 'react';
import type { ConfigOverview } from '../../../../../preload/contract';
import { useEvent, useQuery, type Query } from '../../../lib/hooks';

export function useConfigOverview(): Query<ConfigOverview> {
  const q = useQuery('config.overview', {});
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEvent('config.changed', () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      q.reload();
    }, 100);
  });
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  return q;
}
