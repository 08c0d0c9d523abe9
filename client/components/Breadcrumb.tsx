// Where a page sits: Partnerships › the partnership › this page. Only the last step is the current page.
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';

export function Breadcrumb({
  partnership,
  here,
  className,
}: {
  partnership?: { id: number; name: string };
  here: ReactNode;
  className?: string;
}) {
  // Exact matching: the router would otherwise mark "Partnerships" as the current page on every page under it.
  return (
    <nav aria-label="Breadcrumb" className={className ? `breadcrumb ${className}` : 'breadcrumb'}>
      <Link to="/partnerships" activeOptions={{ exact: true }}>
        Partnerships
      </Link>{' '}
      ›{' '}
      {partnership && (
        <>
          <Link to="/partnerships/$partnershipId" params={{ partnershipId: partnership.id }} activeOptions={{ exact: true }}>
            {partnership.name}
          </Link>{' '}
          ›{' '}
        </>
      )}
      <span aria-current="page">{here}</span>
    </nav>
  );
}
