// The board dashboard on a partnership's page (issue 7, item 4): headline tiles and the charts a board reads (who paid
// what, spend against plan, savings per £1 with its evidence, outcomes against targets, who invests and who benefits)
// for a fund and a period chosen in the URL, all from the one `reports.board` report the board pack uses too.
import { useSearch } from '@tanstack/react-router';
import { formatDateTime } from '../../shared/dates';
import { periodLabel } from '../../shared/board-pack/model';
import type { BoardReport } from '../../shared/board-report';
import { quarterLabel } from '../../shared/financial-year';
import { useSearchChanges } from '../hooks/useSearchChanges';
import { boardSearch } from '../search-params';
import { useBoardReport } from '../hooks/useBoardReport';
import { BoardBalanceChart } from './BoardBalanceChart';
import type { ExportInfo } from './chart/ChartFrame';
import { BoardContributionsChart } from './BoardContributionsChart';
import { BoardFilters, type BoardView } from './BoardFilters';
import { BoardMetricTrends } from './BoardMetricTrends';
import { BoardSavingsChart } from './BoardSavingsChart';
import { BoardSpendChart } from './BoardSpendChart';
import { BoardTiles } from './BoardTiles';
import { slug } from './chart/download';
import { LoadError, Loading } from './Loading';
import './board-dashboard.css';

const DEMO_LABEL = 'Illustrative demo data';

function periodText(report: BoardReport): string {
  const { fromQuarter, toQuarter } = report.period;
  return fromQuarter === toQuarter ? quarterLabel(fromQuarter) : `${quarterLabel(fromQuarter)} to ${quarterLabel(toQuarter)}`;
}

function exportInfoOf(report: BoardReport): ExportInfo {
  const { fromQuarter, toQuarter } = report.period;
  const view = `${report.fund.name} ${report.fund.financialYear}, ${periodText(report)}`;
  return {
    fileStem: slug(`${report.partnership.name} ${report.fund.financialYear} q${fromQuarter}-q${toQuarter}`),
    subtitle: report.partnership.isDemo ? `${view} · ${DEMO_LABEL}` : view,
  };
}

export function BoardDashboardView({ report, updating }: { report: BoardReport; updating: boolean }) {
  const exportInfo = exportInfoOf(report);
  return (
    <>
      {/* The page above says once that the data is illustrative (DemoBanner); downloaded charts say it in their subtitle. */}
      <p className="board-showing" data-testid="board-showing">
        Showing <strong>{report.fund.name}</strong> {report.fund.financialYear}, {periodText(report)}. Figures as at{' '}
        {formatDateTime(report.generatedAt)}.
        {updating && (
          <span className="muted" role="status">
            {' '}
            Updating…
          </span>
        )}
      </p>
      <BoardTiles report={report} />
      <div className="board-charts">
        <BoardContributionsChart quarters={report.contributionsByQuarter} exportInfo={exportInfo} />
        <BoardSpendChart
          quarters={report.spendByQuarter}
          total={report.tiles.spentToDate}
          periodText={periodLabel(report.period)}
          exportInfo={exportInfo}
        />
        <BoardSavingsChart schemes={report.schemeReturns} exportInfo={exportInfo} />
        <BoardBalanceChart parties={report.investsVsBenefits} exportInfo={exportInfo} />
      </div>
      <BoardMetricTrends trends={report.metricTrends} exportInfo={exportInfo} />
    </>
  );
}

export function BoardDashboard({ partnershipId }: { partnershipId: number }) {
  const search = useSearch({ from: '/_signedIn/partnerships/$partnershipId/' });
  const setParams = useSearchChanges(boardSearch);
  const view: BoardView = { fundId: search.fund, fromQuarter: search.from, toQuarter: search.to };
  // The last report stays on screen while the next period loads, so the page does not jump at each change.
  const report = useBoardReport(partnershipId, view, { keepPrevious: true });
  return (
    <section
      className="board-dashboard"
      aria-labelledby="board-dashboard-heading"
      aria-busy={report.isFetching}
      data-testid="board-dashboard"
    >
      <h2 id="board-dashboard-heading">Board dashboard</h2>
      {report.data && <BoardFilters report={report.data} view={view} onChange={setParams} />}
      {report.error ? (
        <>
          <LoadError error={report.error} what="the board dashboard" />
          {Object.values(view).some((value) => value !== undefined) && (
            <button type="button" className="secondary-button" onClick={() => setParams({ fund: null, from: null, to: null })}>
              Clear the fund and period
            </button>
          )}
        </>
      ) : report.data ? (
        <BoardDashboardView report={report.data} updating={report.isPlaceholderData} />
      ) : (
        <Loading what="the board dashboard" />
      )}
    </section>
  );
}
