// Change some of the current page's `?` query, keeping the rest: a filter is a link someone can share, and it survives
// reload and back/forward. Each change replaces the history entry, so Back leaves the page rather than each filter.
import { useNavigate } from '@tanstack/react-router';
import { useCallback } from 'react';
import type { z } from 'zod';
import { changedSearch } from '../search-params';

export type SearchChanges = Readonly<Record<string, string | number | null | undefined>>;

/** A setter for the page's query: a null or empty value removes its key; `schema` (the route's) checks the result. */
export function useSearchChanges<T extends object>(schema: z.ZodType<T>): (changes: SearchChanges) => void {
  const navigate = useNavigate();
  return useCallback(
    (changes: SearchChanges) =>
      void navigate({ to: '.', search: (current: object) => changedSearch(schema, current, changes), replace: true }),
    [navigate, schema],
  );
}
