// The board dashboard's headline: pooled total, spent to date, savings per £1 (with the evidence it rests on) and how
// many metrics are on track; and, where the pool and the year's planned spend differ, one line saying by how much and
// why (shared/reconcile.ts), the source-by-source detail folded away.
import { NOT_YET_REPORTED, notReportedText, quartersText, type BoardReport } from '../../shared/board-report';
import { formatPence } from '../../shared/money';
import { fundDifferenceText, gapText, type FundReconciliation } from '../../shared/reconcile';
import { formatPerPound } from '../../shared/roi';

export function BoardTiles({ report }: { report: BoardReport }) {
  const { tiles, period } = report;
  const spent = tiles.spentToDate;
  const missing = notReportedText(spent.unreported);
  const publications = [...new Set(report.evidence.map((e) => e.publication))];
  const quarters = period.fromQuarter === period.toQuarter ? `Q${period.fromQuarter}` : `Q${period.fromQuarter}–Q${period.toQuarter}`;
  return (
    <>
      <dl className="tiles board-tiles" data-testid="board-tiles">
        <div className="tile">
          <dt>Pooled total</dt>
          <dd data-testid="tile-pooled">{formatPence(tiles.pooledPence)}</dd>
          <dd className="tile-note">planned contributions for {report.fund.financialYear}</dd>
        </div>
        {/* Actual of the reported quarters only, against the plan of the same quarters (shared/board-report.ts). */}
        <div className="tile">
          <dt>Spent to date ({spent.covers ? `${quartersText(spent.covers)} actual` : quarters})</dt>
          <dd data-testid="tile-spent">{spent.covers ? formatPence(spent.actualPence) : NOT_YET_REPORTED}</dd>
          <dd className="tile-note" data-testid="tile-spent-note">
            {spent.covers
              ? `against ${formatPence(spent.plannedPence)} planned for ${quartersText(spent.covers)}`
              : `${formatPence(spent.periodPlannedPence)} planned for ${quarters}`}
            {spent.covers && missing && `; ${missing} (${formatPence(spent.periodPlannedPence)} planned for ${quarters})`}
          </dd>
        </div>
        <div className="tile">
          <dt>Savings per £1</dt>
          {tiles.savedPerPoundBp === null ? (
            <>
              <dd data-testid="tile-per-pound">Not appraised</dd>
              <dd className="tile-note">no appraised scheme has a cost yet</dd>
            </>
          ) : (
            <>
              <dd data-testid="tile-per-pound">
                {formatPerPound(tiles.savedPerPoundBp)} <span className="tile-unit">per £1 spent</span>
              </dd>
              <dd className="tile-note">
                {publications.length === 0 ? (
                  'no evidence recorded'
                ) : (
                  <>
                    evidence: {publications.join('; ')} (<a href="#board-evidence">see each scheme’s evidence</a>)
                  </>
                )}
              </dd>
            </>
          )}
        </div>
        <div className="tile">
          <dt>Metrics on track</dt>
          <dd data-testid="tile-metrics">
            {tiles.metricsOnTrack} <span className="tile-unit">of {tiles.metricsTotal}</span>
          </dd>
          <dd className="tile-note">latest quarter with data in {quarters}</dd>
        </div>
      </dl>
      <PoolAgainstSpend reconciliation={report.reconciliation} year={report.fund.financialYear} />
    </>
  );
}

/** The pooled total against the schemes' planned spend for the year: nothing when they agree source by source. */
function PoolAgainstSpend({ reconciliation: r, year }: { reconciliation: FundReconciliation; year: string }) {
  const text = fundDifferenceText(r);
  if (text === '') return null;
  return (
    // One line, the detail folded away under it: the board reads the reason at a glance and opens it for the sources.
    <details className="board-reconcile tile-note" data-testid="board-reconcile">
      <summary>{text}.</summary>
      <p>
        Pooled total {formatPence(r.pooledPence)}; planned spend on schemes {formatPence(r.plannedSpendPence)} for {year}. Source by source:
      </p>
      <ul>
        {r.gaps.map((gap) => (
          <li key={gap.source ?? ''}>{gapText(gap)}.</li>
        ))}
      </ul>
    </details>
  );
}
