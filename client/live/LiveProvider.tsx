// The page's one live event stream (`GET /events`, server/live/): opened for the whole app once signed in, with the
// fund when a fund's page is open, and reconnected by the browser's EventSource by itself (which sends Last-Event-ID,
// so the server replays what was missed). Changes go into the query cache (apply-change.ts); the fund's viewers and
// this page's connection id are shared with the presence bar and the grids through context.
import { useQueryClient } from '@tanstack/react-query';
import { useLocation } from '@tanstack/react-router';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { LiveChange, LivePresence, PresenceCell, PresenceViewer } from '../../shared/live';
import { useUser } from '../auth';
import { applyLiveChange, resetLive } from './apply-change';

/** Says in words what a cell of one kind of row is ("Planned (£) of Northbridge Council DFG Q2"), or null. */
export type CellDescriber = (id: number, field: string | null) => string | null;

interface LiveState {
  fundId: number | null;
  connectionId: string | null;
  /** Everyone else with this fund open (not this person). */
  others: PresenceViewer[];
  /** Register how a page's grid names its cells, for the presence bar; returns the way to unregister. */
  describeWith: (entity: string, describe: CellDescriber) => () => void;
  describe: (cell: PresenceCell) => string | null;
}

const LiveContext = createContext<LiveState | null>(null);

const RETRY_AFTER_MS = 5_000;

/** The fund of a page's path (`/funds/12/contributions`), or null. */
export function fundOfPath(pathname: string): number | null {
  const match = /^\/funds\/(\d+)(\/|$)/.exec(pathname);
  return match?.[1] ? Number(match[1]) : null;
}

export function LiveProvider({ children }: { children: ReactNode }) {
  const user = useUser();
  const queryClient = useQueryClient();
  const fundId = useLocation({ select: (location) => fundOfPath(location.pathname) });
  const [connectionId, setConnectionId] = useState<string | null>(null);
  const [viewers, setViewers] = useState<PresenceViewer[]>([]);
  const describers = useRef(new Map<string, CellDescriber>());
  // A grid's words for its cells change as its rows and names load: the presence bar is drawn again each time.
  const [describersVersion, setDescribersVersion] = useState(0);
  // EventSource reconnects by itself after a dropped connection, but gives up on an answer other than 200 (a server
  // restarting says 503): then a new one is opened a little later, resuming after the last event seen.
  const [attempt, setAttempt] = useState(0);
  const lastEventId = useRef<{ fundId: number | null; id: string }>({ fundId: null, id: '' });

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const resume =
      fundId !== null && lastEventId.current.fundId === fundId && lastEventId.current.id ? `&lastEventId=${lastEventId.current.id}` : '';
    const source = new EventSource(fundId === null ? '/events' : `/events?fundId=${fundId}${resume}`);
    let retry: ReturnType<typeof setTimeout> | null = null;
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED && !retry) retry = setTimeout(() => setAttempt((n) => n + 1), RETRY_AFTER_MS);
    });
    const read = <T,>(event: Event): T | null => {
      try {
        return JSON.parse((event as MessageEvent<string>).data) as T;
      } catch {
        return null;
      }
    };
    source.addEventListener('hello', (event) => setConnectionId(read<{ connectionId: string }>(event)?.connectionId ?? null));
    source.addEventListener('change', (event) => {
      const change = read<LiveChange>(event);
      if (!change || change.fundId !== fundId) return;
      lastEventId.current = { fundId, id: (event as MessageEvent<string>).lastEventId };
      applyLiveChange(queryClient, change, user.id);
    });
    source.addEventListener('presence', (event) => {
      const presence = read<LivePresence>(event);
      if (presence && presence.fundId === fundId) setViewers(presence.viewers);
    });
    source.addEventListener('notifications', () => void queryClient.invalidateQueries({ queryKey: [['notifications']] }));
    source.addEventListener('reset', () => resetLive(queryClient));
    return () => {
      if (retry) clearTimeout(retry);
      source.close();
      setConnectionId(null);
      setViewers([]);
    };
  }, [fundId, queryClient, user.id, attempt]);

  const describeWith = useCallback((entity: string, describe: CellDescriber) => {
    describers.current.set(entity, describe);
    setDescribersVersion((v) => v + 1);
    return () => {
      if (describers.current.get(entity) === describe) describers.current.delete(entity);
    };
  }, []);
  // A new function whenever a grid registers new words, so the bar reading it is drawn again.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const describe = useCallback(
    (cell: PresenceCell) => describers.current.get(cell.entity)?.(cell.id, cell.field) ?? null,
    [describersVersion],
  );
  const others = useMemo(
    () => viewers.filter((v) => v.connectionId !== connectionId && v.user.id !== user.id),
    [viewers, connectionId, user.id],
  );
  const value = useMemo(
    () => ({ fundId, connectionId, others, describeWith, describe }),
    [fundId, connectionId, others, describeWith, describe],
  );
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

/** The live state; outside the provider (a page rendered on its own in a test), nobody else is here. */
export function useLive(): LiveState {
  return (
    useContext(LiveContext) ?? {
      fundId: null,
      connectionId: null,
      others: [],
      describeWith: () => () => undefined,
      describe: () => null,
    }
  );
}
