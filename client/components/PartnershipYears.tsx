// The partnership page's "Years side by side" (issue 15, item 6): for every financial year the partnership holds a
// fund, the pooled planned total by funding stream and by partner, with the change from the year before in £ and %
// (one decimal), as tables and a chart. Streams moved between BCF years line up under their successors, and the page
// says so. The figures come from partnerships.years (shared/partnership-years.ts adds them up).
import { useQuery } from '@tanstack/react-query';
import { formatPence } from '../../shared/money';
import { perMilleText, type HeldYear, type PartnershipYears as Years, type YearsRow } from '../../shared/partnership-years';
import { signClass } from '../../shared/wording';
import { useTRPC } from '../trpc';
import { BarChartKit } from './chart/BarChartKit';
import { LoadError, Loading } from './Loading';
import { num, numClass, TableHead, type Column } from './SimpleTable';

const yearHeading = (y: HeldYear) => (
  <>
    {y.financialYear}
    <span className="years-bcf-label"> (BCF {y.bcfYear})</span>
  </>
);

function columnsOf(years: readonly HeldYear[], first: string): (Column | string)[] {
  return [
    first,
    ...years.flatMap((y, i) => {
      const amount = num(yearHeading(y), y.financialYear);
      if (i === 0) return [amount];
      const before = years[i - 1]?.financialYear ?? '';
      return [amount, num(`Change from ${before} (£)`, `${y.financialYear}-pence`), num(`Change (%)`, `${y.financialYear}-pct`)];
    }),
  ];
}

/** One row: the name, then each year's figure, and after the first year the change in £ and %. */
function YearsTableRow({ row, total = false }: { row: YearsRow; total?: boolean }) {
  return (
    <tr className={total ? 'total-row' : undefined} data-key={row.key}>
      <th scope="row">
        {row.name}
        {row.mappedFrom.length > 0 && <span className="hint muted years-mapped"> (earlier: {row.mappedFrom.join(', ')})</span>}
      </th>
      {row.byYear.flatMap((pence, i) => {
        const change = row.changes[i];
        const cells = [
          <td key={`${i}`} className={numClass(pence)}>
            {formatPence(pence)}
          </td>,
        ];
        if (i > 0 && change) {
          cells.push(
            <td key={`${i}-pence`} className={numClass(change.pence)}>
              {formatPence(change.pence)}
            </td>,
            <td key={`${i}-pct`} className={['num', signClass(change.perMille)].filter(Boolean).join(' ')}>
              {perMilleText(change.perMille)}
            </td>,
          );
        }
        return cells;
      })}
    </tr>
  );
}

function YearsTable({
  years,
  rows,
  total,
  first,
  caption,
  testId,
}: {
  years: Years['years'];
  rows: readonly YearsRow[];
  total: YearsRow;
  first: string;
  caption: string;
  testId: string;
}) {
  return (
    <div className="admin-table-wrap">
      <table className="simple-table years-table" data-testid={testId}>
        <caption>{caption}</caption>
        <TableHead columns={columnsOf(years, first)} />
        <tbody>
          {rows.map((row) => (
            <YearsTableRow key={row.key} row={row} />
          ))}
          <YearsTableRow row={total} total />
        </tbody>
      </table>
    </div>
  );
}

export function PartnershipYears({ partnershipId }: { partnershipId: number }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.partnerships.years.queryOptions({ partnershipId }));
  if (query.error) return <LoadError error={query.error} what="the years side by side" />;
  if (!query.data) return <Loading what="the years side by side" />;
  const result = query.data;
  if (result.years.length === 0) return null;
  const only = result.years.length === 1 ? result.years[0] : undefined;

  return (
    <section aria-labelledby="years-heading" className="partnership-years" data-testid="partnership-years">
      <h2 id="years-heading">Years side by side</h2>
      <p className="muted">
        The pooled planned contributions of every year the partnership holds a fund, by funding stream and by partner, each year named by
        its own BCF year’s streams.
      </p>
      {only && (
        <p data-testid="years-nothing-to-compare">
          Only {only.financialYear} (BCF {only.bcfYear}) is held: there is nothing to compare yet.
        </p>
      )}
      {result.mappingNotes.length > 0 && (
        <ul className="years-mapping-notes" aria-label="Streams lined up by the mapping between BCF years">
          {result.mappingNotes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <YearsTable
        years={result.years}
        rows={result.streams}
        total={result.total}
        first="Funding stream"
        caption="Planned by funding stream"
        testId="years-by-stream"
      />
      <YearsTable
        years={result.years}
        rows={result.partners}
        total={result.total}
        first="Partner"
        caption="Planned by partner"
        testId="years-by-partner"
      />
      <BarChartKit
        title="Planned by funding stream, year by year"
        description="pooled planned contributions of each year, by funding stream (£)"
        testId="chart-years"
        rows={result.streams.map((s) => Object.fromEntries([['stream', s.name], ...s.byYear.map((pence, i) => [`y${i}`, pence])]))}
        categoryKey="stream"
        categories="names"
        series={result.years.map((y, i) => ({ key: `y${i}`, name: y.financialYear }))}
        height={320}
        empty={result.streams.length === 0 ? 'No planned contributions yet.' : null}
      />
    </section>
  );
}
