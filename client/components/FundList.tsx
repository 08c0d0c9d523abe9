// A partnership's funds as a list of links, on the partnerships list and on each partnership's page (its own file, so
// the list of partnerships does not load the partnership page's dashboard and charts).
import { Link } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { useFunds } from '../hooks/useFund';
import { LoadError, Loading } from './Loading';
import { focusGridOnArrival, fromKeyboard, registerSkipTarget } from './SkipLink';

/** A partnership's funds, each a link to its contributions. The first list on the page is the skip link's "Skip to
 * funds"; a fund opened by keyboard lands with its grid's first cell focused. */
export function FundList({ partnershipId }: { partnershipId: number }) {
  const funds = useFunds(partnershipId);
  const list = useRef<HTMLUListElement | null>(null);
  const hasFunds = !!funds.data?.length;
  useEffect(() => {
    if (!hasFunds) return;
    return registerSkipTarget({
      kind: 'funds',
      element: () => list.current,
      focus: () => list.current?.querySelector('a')?.focus(),
    });
  }, [hasFunds]);
  if (funds.error) return <LoadError error={funds.error} what="funds" />;
  if (!funds.data) return <Loading what="funds" />;
  if (funds.data.length === 0) return <p className="muted">No funds yet.</p>;
  return (
    <ul className="fund-list" aria-label="Funds" ref={list}>
      {funds.data.map((f) => (
        <li key={f.id}>
          <Link
            to="/funds/$fundId/contributions"
            params={{ fundId: f.id }}
            onClick={(event) => {
              if (fromKeyboard(event)) focusGridOnArrival();
            }}
          >
            {f.name} {f.financialYear}
          </Link>
        </li>
      ))}
    </ul>
  );
}
