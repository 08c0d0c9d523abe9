// Where a fund's page sits: Partnerships › the partnership › the fund and its year.
import type { Fund, Partnership } from '../../shared/types';
import { Breadcrumb } from './Breadcrumb';

export function FundBreadcrumb({
  partnership,
  fund,
}: {
  partnership: Pick<Partnership, 'id' | 'name'>;
  fund: Pick<Fund, 'name' | 'financialYear'>;
}) {
  return (
    <Breadcrumb
      partnership={partnership}
      here={
        <>
          {fund.name} {fund.financialYear}
        </>
      }
    />
  );
}
