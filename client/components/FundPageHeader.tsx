// The top of a fund's Plan and Outcomes pages: where the fund sits, the page's title with the fund and its BCF year,
// the fund's tabs, and the demo label when the data is illustrative.
import type { ReactNode } from 'react';
import type { Fund, Partnership } from '../../shared/types';
import { FundBreadcrumb } from './FundBreadcrumb';
import { FundTabs, type FundView } from './FundTabs';
import { DemoBanner } from './Loading';

export function FundPageHeader(props: { title: ReactNode; partnership: Partnership; fund: Fund; bcfYear: string; current: FundView }) {
  const { title, partnership, fund, bcfYear, current } = props;
  return (
    <>
      <FundBreadcrumb partnership={partnership} fund={fund} />
      <h1>
        {title}{' '}
        <span className="muted">
          · {fund.name} {fund.financialYear} · BCF year {bcfYear}
        </span>
      </h1>
      <FundTabs fundId={fund.id} current={current} />
      {partnership.isDemo && <DemoBanner />}
    </>
  );
}
