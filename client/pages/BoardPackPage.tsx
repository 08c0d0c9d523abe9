// /partnerships/<id>/board-pack?fund=<id>&from=<q>&to=<q>: the board pack as a page to print (A4 landscape, a page per
// section, the partnership, fund and date at the top of every printed page), with the PDF and Excel downloads of it.
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { sharesInBasisPoints } from '../../shared/allocate';
import { BOARD_PACK_SECTIONS, type BoardReport, type EvidenceRef, type Period } from '../../shared/board-report';
import { formatBasisPoints, formatPence, sumPence } from '../../shared/money';
import {
  formatMetricValue,
  METRIC_STATUS_LABELS,
  METRIC_UNIT_LABELS,
  POLARITY_LABELS,
  type MetricStatus,
} from '../../shared/metric-status';
import { formatPerPound, formatRatio } from '../../shared/roi';
import { boardViewOf, type BoardView } from '../components/BoardFilters';
import { LoadError, Loading } from '../components/Loading';
import '../components/board-pack.css';
import { Link } from '../router';
import { useTRPC } from '../trpc';

type SectionKey = (typeof BOARD_PACK_SECTIONS)[number]['key'];

const titleOf = (key: SectionKey) => BOARD_PACK_SECTIONS.find((s) => s.key === key)?.title ?? key;

/** "Q2" or "Q1 to Q3" (the PDF and the workbook word a period the same way). */
const periodLabel = (period: Period) =>
  period.fromQuarter === period.toQuarter ? `Q${period.fromQuarter}` : `Q${period.fromQuarter} to Q${period.toQuarter}`;

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });

function reportDate(report: BoardReport): string {
  const at = new Date(report.generatedAt);
  return Number.isNaN(at.getTime()) ? report.generatedAt : LONG_DATE.format(at);
}

/** The download URLs of the same view: the figures in the files are the figures on the page. */
function exportPath(report: BoardReport, format: 'pdf' | 'xlsx'): string {
  const query = new URLSearchParams({
    fund: String(report.fund.id),
    from: String(report.period.fromQuarter),
    to: String(report.period.toQuarter),
  });
  return `/export/partnerships/${report.partnership.id}/board-pack.${format}?${query.toString()}`;
}

/**
 * Text as a CSS string for the printed page's margin boxes, with every character but letters, digits and spaces as a
 * hex escape: a partnership named `"; } body { display: none` stays a name. (A hex escape ends at the space after it.)
 */
export function cssString(value: string): string {
  let out = '';
  for (const ch of value) out += /^[A-Za-z0-9 ]$/.test(ch) ? ch : `\\${(ch.codePointAt(0) ?? 0).toString(16)} `;
  return `"${out}"`;
}

/** The running header of every printed page: partnership and fund on the left, the date (and demo label) on the right. */
function runningHeaderCss(report: BoardReport): string {
  const left = `${report.partnership.name}: ${report.fund.name} ${report.fund.financialYear}, ${periodLabel(report.period)}`;
  const right = `${report.partnership.isDemo ? 'Illustrative demo data. ' : ''}Board pack, ${reportDate(report)}`;
  return `@page board-pack { @top-left { content: ${cssString(left)}; } @top-right { content: ${cssString(right)}; } }`;
}

const isWebUrl = (url: string) => /^https?:\/\/[^\s]+$/i.test(url);

function Money({ pence, strong = false }: { pence: number; strong?: boolean }) {
  const text = formatPence(pence);
  return <td className={`num${pence < 0 ? ' negative' : ''}`}>{strong ? <strong>{text}</strong> : text}</td>;
}

function EvidenceItem({ item }: { item: EvidenceRef }) {
  return (
    <li>
      [{item.id}] {item.claim}. {item.publication}. {item.url && isWebUrl(item.url) ? <a href={item.url}>{item.url}</a> : item.url}
    </li>
  );
}

function EvidenceList({ items, of }: { items: readonly EvidenceRef[]; of: string }) {
  if (items.length === 0) return <p className="board-pack-evidence">Evidence for {of}: none recorded.</p>;
  return (
    <div className="board-pack-evidence">
      Evidence for {of}:
      <ul>
        {items.map((e) => (
          <EvidenceItem key={e.id} item={e} />
        ))}
      </ul>
    </div>
  );
}

function Section({ id, children, note }: { id: SectionKey; children: ReactNode; note?: string }) {
  return (
    <section className="board-pack-section" aria-labelledby={`board-pack-${id}`} data-testid={`board-pack-${id}`}>
      <h2 id={`board-pack-${id}`}>{titleOf(id)}</h2>
      {children}
      {note && <p className="board-pack-note">{note}</p>}
    </section>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return <p className="muted">{children}</p>;
}

function Summary({ report }: { report: BoardReport }) {
  const { tiles } = report;
  const period = periodLabel(report.period);
  return (
    <Section id="summary">
      <table className="simple-table board-pack-table">
        <caption>Headline figures</caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col" className="num">
              Value
            </th>
            <th scope="col">What it is</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Pooled total</th>
            <Money pence={tiles.pooledPence} />
            <td>Planned contributions to the fund for the whole of {report.fund.financialYear}</td>
          </tr>
          <tr>
            <th scope="row">Spent to date ({period})</th>
            <Money pence={tiles.spentToDatePence} />
            <td>Actual spend on the fund&apos;s schemes in the period</td>
          </tr>
          <tr>
            <th scope="row">Savings per £1</th>
            <td className="num">{tiles.savedPerPoundBp === null ? 'No cost recorded' : formatPerPound(tiles.savedPerPoundBp)}</td>
            <td>Net benefit for each £1 spent across the appraised schemes, undiscounted (as POPP reported it)</td>
          </tr>
          <tr>
            <th scope="row">Metrics on track</th>
            <td className="num">
              {tiles.metricsOnTrack.toLocaleString('en-GB')} of {tiles.metricsTotal.toLocaleString('en-GB')}
            </td>
            <td>Metric lines whose latest quarter with a status is on track</td>
          </tr>
        </tbody>
      </table>
      <EvidenceList items={report.evidence} of="the savings per £1" />
    </Section>
  );
}

interface Partner {
  orgId: number;
  name: string;
  quarters: { quarter: number; plannedPence: number; actualPence: number }[];
}

function partnersOf(report: BoardReport): Partner[] {
  const byOrg = new Map<number, Partner>();
  for (const q of report.contributionsByQuarter) {
    for (const p of q.partners) {
      const partner = byOrg.get(p.orgId) ?? { orgId: p.orgId, name: p.name, quarters: [] };
      partner.quarters.push({ quarter: q.quarter, plannedPence: p.plannedPence, actualPence: p.actualPence });
      byOrg.set(p.orgId, partner);
    }
  }
  return [...byOrg.values()];
}

function Contributions({ report }: { report: BoardReport }) {
  const period = periodLabel(report.period);
  const partners = partnersOf(report);
  const planned = partners.map((p) => sumPence(p.quarters.map((q) => q.plannedPence)));
  const actual = partners.map((p) => sumPence(p.quarters.map((q) => q.actualPence)));
  const shares = sharesInBasisPoints(planned.map((p) => Math.max(p, 0)));
  return (
    <Section id="contributions" note="Variance is actual minus planned. Shares are of the planned total and add up to exactly 100%.">
      {partners.length === 0 ? (
        <Empty>No contributions have been recorded for this period.</Empty>
      ) : (
        <table className="simple-table board-pack-table">
          <caption>Contributions by partner and quarter, {period}</caption>
          <thead>
            <tr>
              <th scope="col">Partner</th>
              <th scope="col">Quarter</th>
              <th scope="col" className="num">
                Planned (£)
              </th>
              <th scope="col" className="num">
                Actual (£)
              </th>
              <th scope="col" className="num">
                Variance (£)
              </th>
              <th scope="col" className="num">
                Share of planned
              </th>
            </tr>
          </thead>
          <tbody>
            {partners.map((partner, i) => {
              const p = planned[i] ?? 0;
              const a = actual[i] ?? 0;
              return [
                ...partner.quarters.map((q) => (
                  <tr key={`${partner.orgId}-${q.quarter}`}>
                    <th scope="row">{partner.name}</th>
                    <td>Q{q.quarter}</td>
                    <Money pence={q.plannedPence} />
                    <Money pence={q.actualPence} />
                    <Money pence={q.actualPence - q.plannedPence} />
                    <td />
                  </tr>
                )),
                <tr key={`${partner.orgId}-total`} className="board-pack-subtotal">
                  <th scope="row">{partner.name}</th>
                  <td>{period}</td>
                  <Money pence={p} strong />
                  <Money pence={a} strong />
                  <Money pence={a - p} strong />
                  <td className="num">{formatBasisPoints(shares[i] ?? 0)}</td>
                </tr>,
              ];
            })}
            <tr className="board-pack-subtotal">
              <th scope="row">All partners</th>
              <td>{period}</td>
              <Money pence={sumPence(planned)} strong />
              <Money pence={sumPence(actual)} strong />
              <Money pence={sumPence(actual) - sumPence(planned)} strong />
              <td className="num">100%</td>
            </tr>
          </tbody>
        </table>
      )}
    </Section>
  );
}

function Spend({ report }: { report: BoardReport }) {
  const spend = report.spendByQuarter;
  const planned = sumPence(spend.map((q) => q.plannedPence));
  const actual = sumPence(spend.map((q) => q.actualPence));
  return (
    <Section id="spend" note="Variance is actual minus planned.">
      {spend.length === 0 ? (
        <Empty>No spend has been planned for this period.</Empty>
      ) : (
        <table className="simple-table board-pack-table">
          <caption>Spend on the fund&apos;s schemes by quarter, {periodLabel(report.period)}</caption>
          <thead>
            <tr>
              <th scope="col">Quarter</th>
              <th scope="col" className="num">
                Planned (£)
              </th>
              <th scope="col" className="num">
                Actual (£)
              </th>
              <th scope="col" className="num">
                Variance (£)
              </th>
            </tr>
          </thead>
          <tbody>
            {spend.map((q) => (
              <tr key={q.quarter}>
                <th scope="row">Q{q.quarter}</th>
                <Money pence={q.plannedPence} />
                <Money pence={q.actualPence} />
                <Money pence={q.actualPence - q.plannedPence} />
              </tr>
            ))}
            <tr className="board-pack-subtotal">
              <th scope="row">Total</th>
              <Money pence={planned} strong />
              <Money pence={actual} strong />
              <Money pence={actual - planned} strong />
            </tr>
          </tbody>
        </table>
      )}
    </Section>
  );
}

const RETURN_COLUMNS = 10;

function Returns({ report }: { report: BoardReport }) {
  const perPound = (bp: number | null, missing: string) => (bp === null ? missing : formatPerPound(bp));
  return (
    <Section
      id="returns"
      note="Savings per £1 is net benefit over cost, undiscounted, as POPP reported it; low and high are the band from the evidence range. Net present value and the benefit-cost ratio are discounted at the Green Book rates; the payback year counts from year 0."
    >
      {report.schemeReturns.length === 0 ? (
        <Empty>No scheme of this fund has been appraised yet.</Empty>
      ) : (
        <table className="simple-table board-pack-table">
          <caption>Return on investment by scheme, each with the evidence it rests on</caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Scheme</th>
              <th scope="col" className="num">
                Cost (£)
              </th>
              <th scope="col" className="num">
                Net benefit (£)
              </th>
              <th scope="col" className="num">
                Savings per £1
              </th>
              <th scope="col" className="num">
                Low
              </th>
              <th scope="col" className="num">
                High
              </th>
              <th scope="col" className="num">
                Net present value (£)
              </th>
              <th scope="col" className="num">
                Benefit-cost ratio
              </th>
              <th scope="col" className="num">
                Payback year
              </th>
            </tr>
          </thead>
          <tbody>
            {report.schemeReturns.map((s) => [
              <tr key={s.schemeId} className="board-pack-scheme">
                <td>{s.code}</td>
                <th scope="row">{s.name}</th>
                <Money pence={s.costPence} />
                <Money pence={s.netBenefitPence} />
                <td className="num">{perPound(s.savedPerPoundBp, 'No cost')}</td>
                <td className="num">{perPound(s.lowBp, '—')}</td>
                <td className="num">{perPound(s.highBp, '—')}</td>
                <Money pence={s.netPresentValuePence} />
                <td className="num">{s.benefitCostRatioBp === null ? '—' : formatRatio(s.benefitCostRatioBp)}</td>
                <td className="num">{s.paybackYear === null ? 'Not paid back' : s.paybackYear}</td>
              </tr>,
              <tr key={`${s.schemeId}-evidence`} className="board-pack-evidence-row">
                <td colSpan={RETURN_COLUMNS}>
                  <EvidenceList items={s.evidence} of={s.name} />
                </td>
              </tr>,
            ])}
          </tbody>
        </table>
      )}
    </Section>
  );
}

const STATUS_CLASS: Record<MetricStatus, string> = {
  on_track: 'board-pack-status-on',
  not_on_track: 'board-pack-status-off',
  data_not_available: 'board-pack-status-none',
};

function Outcomes({ report }: { report: BoardReport }) {
  return (
    <Section
      id="outcomes"
      note="On track: the actual meets the target (at or below it when lower is better, at or above it when higher is better). Data not available: no target or no actual yet."
    >
      {report.metricTrends.length === 0 ? (
        <Empty>No metrics have been set for this fund.</Empty>
      ) : (
        <table className="simple-table board-pack-table">
          <caption>Metrics by quarter, {periodLabel(report.period)}</caption>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Unit</th>
              <th scope="col">Quarter</th>
              <th scope="col" className="num">
                Target
              </th>
              <th scope="col" className="num">
                Actual
              </th>
              <th scope="col">Status</th>
              <th scope="col">Narrative</th>
            </tr>
          </thead>
          <tbody>
            {report.metricTrends.flatMap((m) =>
              m.points.map((point) => (
                <tr key={`${m.metricId}-${point.quarter}`}>
                  <th scope="row">{m.name}</th>
                  <td>
                    {METRIC_UNIT_LABELS[m.unit]}; {POLARITY_LABELS[m.polarity].toLowerCase()}
                  </td>
                  <td>Q{point.quarter}</td>
                  <td className="num">
                    {point.targetHundredths === null ? 'No target' : formatMetricValue(point.targetHundredths, m.unit)}
                  </td>
                  <td className="num">
                    {point.actualHundredths === null ? 'No data yet' : formatMetricValue(point.actualHundredths, m.unit)}
                  </td>
                  <td className={STATUS_CLASS[point.status]}>{METRIC_STATUS_LABELS[point.status]}</td>
                  <td className="board-pack-narrative">{point.narrative}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </Section>
  );
}

function Balance({ report }: { report: BoardReport }) {
  const parties = report.investsVsBenefits;
  const invests = sumPence(parties.map((p) => p.investsPence));
  const benefits = sumPence(parties.map((p) => p.benefitsPence));
  return (
    <Section id="balance" note="Benefits are net benefits after the adjustments, undiscounted, credited to the party that saves them.">
      {parties.length === 0 ? (
        <Empty>No scheme of this fund has been appraised yet.</Empty>
      ) : (
        <table className="simple-table board-pack-table">
          <caption>Investment and benefit by party</caption>
          <thead>
            <tr>
              <th scope="col">Party</th>
              <th scope="col" className="num">
                Invests (£)
              </th>
              <th scope="col" className="num">
                Benefits (£)
              </th>
              <th scope="col" className="num">
                Benefits less investment (£)
              </th>
            </tr>
          </thead>
          <tbody>
            {parties.map((p) => (
              <tr key={p.party}>
                <th scope="row">{p.name}</th>
                <Money pence={p.investsPence} />
                <Money pence={p.benefitsPence} />
                <Money pence={p.benefitsPence - p.investsPence} />
              </tr>
            ))}
            <tr className="board-pack-subtotal">
              <th scope="row">All parties</th>
              <Money pence={invests} strong />
              <Money pence={benefits} strong />
              <Money pence={benefits - invests} strong />
            </tr>
          </tbody>
        </table>
      )}
    </Section>
  );
}

function evidenceValue(e: EvidenceRef, value: number | null): string {
  if (value === null) return '—';
  return e.valueKind === 'per_pound' ? formatPerPound(value) : formatPence(value);
}

function Evidence({ report }: { report: BoardReport }) {
  return (
    <Section id="evidence" note="Values of savings per £1 are pounds saved for each £1 spent; other values are in pounds.">
      {report.evidence.length === 0 ? (
        <Empty>No figure in this pack uses any evidence.</Empty>
      ) : (
        <table className="simple-table board-pack-table">
          <caption>Every evidence item a figure in this pack used</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                ID
              </th>
              <th scope="col">Claim</th>
              <th scope="col" className="num">
                Value
              </th>
              <th scope="col" className="num">
                Low
              </th>
              <th scope="col" className="num">
                High
              </th>
              <th scope="col">Publication</th>
              <th scope="col">URL</th>
            </tr>
          </thead>
          <tbody>
            {report.evidence.map((e) => (
              <tr key={e.id}>
                <td className="num">{e.id}</td>
                <th scope="row">{e.claim}</th>
                <td className="num">{evidenceValue(e, e.value)}</td>
                <td className="num">{evidenceValue(e, e.low)}</td>
                <td className="num">{evidenceValue(e, e.high)}</td>
                <td>{e.publication}</td>
                <td className="board-pack-url">{e.url && isWebUrl(e.url) ? <a href={e.url}>{e.url}</a> : e.url}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

/** The pack itself, from a report (the page's content once it has loaded). */
export function BoardPack({ report }: { report: BoardReport }) {
  const period = periodLabel(report.period);
  return (
    <article className="board-pack" aria-labelledby="board-pack-title">
      <style>{runningHeaderCss(report)}</style>
      <nav aria-label="Breadcrumb" className="breadcrumb board-pack-screen-only">
        <Link href="/partnerships">Partnerships</Link> ›{' '}
        <Link href={`/partnerships/${report.partnership.id}`}>{report.partnership.name}</Link> › <span aria-current="page">Board pack</span>
      </nav>
      <header className="board-pack-header">
        <h1 id="board-pack-title">Board pack: {report.partnership.name}</h1>
        <p className="board-pack-meta">
          <span data-testid="board-pack-fund">
            Fund: {report.fund.name} {report.fund.financialYear}, {period}
          </span>
          <span>Board pack, {reportDate(report)}</span>
        </p>
        {report.partnership.isDemo && (
          <p className="banner banner-demo board-pack-demo" role="note">
            <strong>Illustrative demo data:</strong> fictional organisations and amounts, not real figures.
          </p>
        )}
      </header>
      <div className="board-pack-actions board-pack-screen-only" role="group" aria-label="Print or download the board pack">
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
        <a className="button-link" href={exportPath(report, 'pdf')} download aria-label="Download PDF of the board pack">
          Download PDF
        </a>
        <a className="button-link" href={exportPath(report, 'xlsx')} download aria-label="Download Excel workbook of the board pack">
          Download Excel
        </a>
        <span className="muted">Printing gives A4 landscape pages, one section a page.</span>
      </div>
      <Summary report={report} />
      <Contributions report={report} />
      <Spend report={report} />
      <Returns report={report} />
      <Outcomes report={report} />
      <Balance report={report} />
      <Evidence report={report} />
    </article>
  );
}

export function BoardPackPage({ partnershipId }: { partnershipId: number }) {
  const trpc = useTRPC();
  // The same reading of ?fund=&from=&to= as the dashboard, so its "Board pack" link opens the view it shows.
  const view: BoardView = boardViewOf(new URLSearchParams(window.location.search));
  const report = useQuery(trpc.reports.board.queryOptions({ partnershipId, ...view }));
  if (report.error) return <LoadError error={report.error} what="the board pack" />;
  if (!report.data) return <Loading what="the board pack" />;
  return <BoardPack report={report.data} />;
}
