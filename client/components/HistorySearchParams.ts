// The history page's choices live in the URL query (?partnership=3&user=2&from=...), so a filtered view is a link
// someone can share, and it survives reload and back/forward.
import { useCallback, useEffect, useState } from 'react';
import { navigate } from '../router';

export function useSearchParams(): [URLSearchParams, (changes: Record<string, string | null>) => void] {
  const [search, setSearch] = useState(window.location.search);
  useEffect(() => {
    const update = () => setSearch(window.location.search);
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  const set = useCallback((changes: Record<string, string | null>) => {
    const params = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') params.delete(key);
      else params.set(key, value);
    }
    const query = params.toString();
    navigate(`${window.location.pathname}${query ? `?${query}` : ''}`, { replace: true });
    setSearch(window.location.search);
  }, []);
  return [new URLSearchParams(search), set];
}
