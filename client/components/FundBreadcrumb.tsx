// Where a fund's page sits: Partnerships › the partnership › the fund and its year.
import type { Fund, Partnership } from '../../shared/types';
import { Link } from '../router';

export function FundBreadcrumb({
  partnership,
  fund,
}: {
  partnership: Pick<Partnership, 'id' | 'name'>;
  fund: Pick<Fund, 'name' | 'financialYear'>;
}) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <Link href="/partnerships">Partnerships</Link> › <Link href={`/partnerships/${partnership.id}`}>{partnership.name}</Link> ›{' '}
      <span aria-current="page">
        {fund.name} {fund.financialYear}
      </span>
    </nav>
  );
}
