// Who paid what: each partner's contributions, stacked, by quarter of the period (actual paid, or planned). A quarter
// whose contributions are not yet reported (shared/board-report.ts) has no actual bars and reads "Not yet reported".
import { useId, useState } from 'react';
import { NOT_YET_REPORTED, notReportedText, type QuarterContributions } from '../../shared/board-report';
import { quarterLabel } from '../../shared/financial-year';
import { BarChartKit } from './chart/BarChartKit';
import type { ExportInfo } from './chart/ChartFrame';
import { num, PenceCells, TableHead } from './SimpleTable';

type Measure = 'actualPence' | 'plannedPence';
const MEASURE_LABELS: Record<Measure, string> = { actualPence: 'Actual paid', plannedPence: 'Planned' };

/** Every partner that contributes in any quarter, in the order the report gives them. */
export function partnersOf(quarters: readonly QuarterContributions[]): { orgId: number; name: string }[] {
  const seen = new Map<number, string>();
  for (const q of quarters) for (const p of q.partners) if (!seen.has(p.orgId)) seen.set(p.orgId, p.name);
  return [...seen].map(([orgId, name]) => ({ orgId, name }));
}

export function BoardContributionsChart({ quarters, exportInfo }: { quarters: readonly QuarterContributions[]; exportInfo: ExportInfo }) {
  const [measure, setMeasure] = useState<Measure>('actualPence');
  const radioName = useId();
  const partners = partnersOf(quarters);
  // Fresh objects: recharts freezes what it is given, and these rows are the query cache's.
  // An actual not yet reported stays null, so recharts draws no bar for it (absent, not zero).
  const data = quarters.map((q) => {
    const row: Record<string, number | null> = { quarter: q.quarter };
    for (const p of partners) row[`org${p.orgId}`] = q.partners.find((c) => c.orgId === p.orgId)?.[measure] ?? null;
    return row;
  });
  const missing = measure === 'actualPence' ? notReportedText(quarters.filter((q) => !q.reported).map((q) => q.quarter)) : '';
  const controls = (
    <fieldset className="board-measure">
      <legend>Show</legend>
      {(Object.keys(MEASURE_LABELS) as Measure[]).map((m) => (
        <label key={m}>
          <input type="radio" name={radioName} value={m} checked={measure === m} onChange={() => setMeasure(m)} /> {MEASURE_LABELS[m]}
        </label>
      ))}
    </fieldset>
  );
  return (
    <BarChartKit
      title="Contributions by partner"
      description={`${MEASURE_LABELS[measure].toLowerCase()}, by quarter (£)${missing ? `; ${missing}: no actual bars` : ''}`}
      testId="chart-contributions"
      exportInfo={exportInfo}
      rows={data}
      categoryKey="quarter"
      categories="quarters"
      series={partners.map((p) => ({ key: `org${p.orgId}`, name: p.name }))}
      stacked
      height={280}
      className="board-chart"
      empty={partners.length === 0 ? 'This partnership has no partners contributing to the fund yet.' : null}
      controls={controls}
      table={
        <table className="simple-table">
          <caption className="visually-hidden">Contributions by partner and quarter</caption>
          <TableHead columns={['Quarter', 'Partner', num('Planned'), num('Actual paid')]} />
          <tbody>
            {quarters.flatMap((q) =>
              q.partners.map((p) => (
                <tr key={`${q.quarter}-${p.orgId}`} data-quarter={q.quarter} data-org={p.orgId}>
                  <td>{quarterLabel(q.quarter)}</td>
                  <th scope="row">{p.name}</th>
                  <PenceCells values={[p.plannedPence]} />
                  {p.actualPence === null ? <td className="num muted">{NOT_YET_REPORTED}</td> : <PenceCells values={[p.actualPence]} />}
                </tr>
              )),
            )}
          </tbody>
        </table>
      }
    />
  );
}
