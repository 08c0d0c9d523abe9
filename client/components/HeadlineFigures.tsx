// The fund's headline: total pooled, received so far, variance, and each partner's share of the pool. Actual and
// variance cover only the quarters reported so far, against the plan of the same quarters (the rule of
// shared/board-report.ts, as the board dashboard applies it): a quarter not yet reported is never a £0 payment.
import { notReportedText, quartersText, reportedTotalOfYear } from '../../shared/board-report';
import type { FundSummary } from '../../shared/fund-summary';
import { formatBasisPoints, formatPence } from '../../shared/money';

export function HeadlineFigures({ summary }: { summary: FundSummary }) {
  const reported = reportedTotalOfYear(summary.byQuarter);
  const covered = reported.covers ? quartersText(reported.covers) : null;
  const missing = notReportedText(reported.unreported);
  return (
    <section aria-label="Headline figures" className="headline">
      <dl className="tiles">
        <div className="tile">
          <dt>Total pooled (planned)</dt>
          <dd data-testid="total-planned">{formatPence(summary.plannedPence)}</dd>
        </div>
        <div className="tile">
          <dt>Actual to date{covered && ` (${covered})`}</dt>
          <dd data-testid="total-actual">{covered ? formatPence(reported.actualPence) : 'Not yet reported'}</dd>
          {missing && (
            <dd className="tile-note" data-testid="total-actual-note">
              {covered ? `against ${formatPence(reported.plannedPence)} planned for ${covered}; ` : ''}
              {missing}
            </dd>
          )}
        </div>
        <div className="tile">
          <dt>Variance{covered && missing ? `, ${covered}` : ''} (actual − planned)</dt>
          {covered ? (
            <dd data-testid="total-variance" className={reported.variancePence < 0 ? 'negative' : undefined}>
              {formatPence(reported.variancePence)}
            </dd>
          ) : (
            <dd data-testid="total-variance">Not shown until a quarter is reported</dd>
          )}
        </div>
      </dl>
      <div className="shares">
        <h2 className="small-heading">Each partner’s share of the pool</h2>
        <ul>
          {summary.byPartner.map((p) => (
            <li key={p.orgId}>
              <span className="share-name">{p.name}</span>
              <span className="share-bar" aria-hidden="true">
                <span style={{ width: `${p.shareBp / 100}%` }} />
              </span>
              <span className="share-figure">
                {formatBasisPoints(p.shareBp)} · {formatPence(p.plannedPence)}
              </span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
