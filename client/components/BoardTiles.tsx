// The board dashboard's headline: pooled total, spent to date, savings per £1 and how many metrics are on track, each a
// figure, a one-line label and a link to its evidence (what each covers folded under "About these figures"); and, where
// the pool and the year's planned spend differ, one line saying by how much and why (shared/reconcile.ts), the
// source-by-source detail folded away.
import type { ReactNode } from 'react';
import { NOT_YET_REPORTED, notReportedText, quartersText, type BoardReport } from '../../shared/board-report';
import { formatPence } from '../../shared/money';
import { fundDifferenceText, gapText, type FundReconciliation } from '../../shared/reconcile';
import { formatPerPound } from '../../shared/roi';
import { Link } from '../router';

/** A tile (issue 22, item 4): a one-line label, one figure, and a link to what the figure rests on. What the figure
 * covers and where it comes from is said once, under "About these figures" below the tiles. */
function Tile({ label, figure, link }: { label: string; figure: ReactNode; link: ReactNode }) {
  return (
    <div className="tile">
      <dt className="tile-label">{label}</dt>
      {figure}
      <dd className="tile-link">{link}</dd>
    </div>
  );
}

export function BoardTiles({ report }: { report: BoardReport }) {
  const { tiles, period } = report;
  const spent = tiles.spentToDate;
  const missing = notReportedText(spent.unreported);
  const publications = [...new Set(report.evidence.map((e) => e.publication))];
  const quarters = period.fromQuarter === period.toQuarter ? `Q${period.fromQuarter}` : `Q${period.fromQuarter}–Q${period.toQuarter}`;
  const fundPath = `/funds/${report.fund.id}`;
  return (
    <>
      <dl className="tiles board-tiles" data-testid="board-tiles">
        <Tile
          label="Pooled total"
          figure={<dd data-testid="tile-pooled">{formatPence(tiles.pooledPence)}</dd>}
          link={<Link href={`${fundPath}/contributions`}>Contributions by partner</Link>}
        />
        {/* Actual of the reported quarters only, against the plan of the same quarters (shared/board-report.ts). */}
        <Tile
          label={`Spent to date (${spent.covers ? `${quartersText(spent.covers)} actual` : quarters})`}
          figure={<dd data-testid="tile-spent">{spent.covers ? formatPence(spent.actualPence) : NOT_YET_REPORTED}</dd>}
          link={<Link href={`${fundPath}/plan`}>Spend against the plan</Link>}
        />
        <Tile
          label="Savings per £1"
          figure={
            <dd data-testid="tile-per-pound">
              {tiles.savedPerPoundBp === null ? (
                'Not appraised'
              ) : (
                <>
                  {formatPerPound(tiles.savedPerPoundBp)} <span className="tile-unit">per £1 spent</span>
                </>
              )}
            </dd>
          }
          link={
            tiles.savedPerPoundBp === null ? (
              <Link href={`${fundPath}/outcomes`}>Appraisals</Link>
            ) : (
              <a href="#board-evidence">Each scheme’s evidence</a>
            )
          }
        />
        <Tile
          label="Metrics on track"
          figure={
            <dd data-testid="tile-metrics">
              {tiles.metricsOnTrack} <span className="tile-unit">of {tiles.metricsTotal}</span>
            </dd>
          }
          link={<Link href={`${fundPath}/outcomes`}>Outcomes against targets</Link>}
        />
      </dl>
      <PoolAgainstSpend reconciliation={report.reconciliation} year={report.fund.financialYear} />
      <details className="about-figures" data-testid="about-figures">
        <summary>About these figures</summary>
        <ul className="muted">
          <li>Pooled total: planned contributions for {report.fund.financialYear}.</li>
          <li data-testid="tile-spent-note">
            Spent to date:{' '}
            {spent.covers
              ? `against ${formatPence(spent.plannedPence)} planned for ${quartersText(spent.covers)}`
              : `${formatPence(spent.periodPlannedPence)} planned for ${quarters}`}
            {spent.covers && missing && `; ${missing} (${formatPence(spent.periodPlannedPence)} planned for ${quarters})`}.
          </li>
          <li>
            Savings per £1:{' '}
            {tiles.savedPerPoundBp === null
              ? 'no appraised scheme has a cost yet.'
              : publications.length === 0
                ? 'no evidence recorded.'
                : `evidence: ${publications.join('; ')}.`}
          </li>
          <li>Metrics on track: the latest quarter with data in {quarters}.</li>
        </ul>
      </details>
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
