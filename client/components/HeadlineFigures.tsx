// The fund's headline: total pooled, received so far, variance, and each partner's share of the pool.
import type { FundSummary } from '../../shared/fund-summary';
import { formatBasisPoints, formatPence } from '../../shared/money';

export function HeadlineFigures({ summary }: { summary: FundSummary }) {
  return (
    <section aria-label="Headline figures" className="headline">
      <dl className="tiles">
        <div className="tile">
          <dt>Total pooled (planned)</dt>
          <dd data-testid="total-planned">{formatPence(summary.plannedPence)}</dd>
        </div>
        <div className="tile">
          <dt>Actual to date</dt>
          <dd data-testid="total-actual">{formatPence(summary.actualPence)}</dd>
        </div>
        <div className="tile">
          <dt>Variance (actual − planned)</dt>
          <dd data-testid="total-variance" className={summary.variancePence < 0 ? 'negative' : undefined}>
            {formatPence(summary.variancePence)}
          </dd>
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
