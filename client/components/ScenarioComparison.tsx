// Scenarios side by side with the committed plan: each partner's planned total under the plan and under each
// scenario (£ and the change from the plan), as a table and as a grouped bar chart of the chart kit
// (the plan drawn as Planned is everywhere, each scenario in the kit's other colours).
import type { ReactNode } from 'react';
import { formatPence } from '../../shared/money';
import type { ScenarioComparison as Comparison } from '../../shared/scenario-schemas';
import { BarChartKit } from './chart/BarChartKit';
import { num, TableHead } from './SimpleTable';

const signed = (pence: number) => (pence > 0 ? `+${formatPence(pence)}` : formatPence(pence));

/** `reasons`: why each scenario differs from the plan, shown under the table (ScenarioDifferences.tsx). */
export function ScenarioComparison({ comparison, reasons }: { comparison: Comparison; reasons?: ReactNode }) {
  const data = comparison.partners.map((p) => {
    const row: Record<string, string | number> = { name: p.name, plan: p.planPence };
    comparison.scenarios.forEach((s, i) => {
      row[`s${s.id}`] = p.scenarios[i]?.scenarioPence ?? 0;
    });
    return row;
  });
  return (
    <div data-testid="scenario-comparison">
      <table className="simple-table">
        <caption>Each partner’s planned total: the committed plan and each scenario</caption>
        <TableHead
          columns={[
            'Partner',
            num('Committed plan'),
            ...comparison.scenarios.map((s) => num(`${s.name}${s.stale ? ' (plan changed since)' : ''}`, s.id)),
          ]}
        />
        <tbody>
          {comparison.partners.map((p) => (
            <tr key={p.orgId}>
              <th scope="row">{p.name}</th>
              <td className="num">{formatPence(p.planPence)}</td>
              {p.scenarios.map((s, i) => (
                <td className="num" key={comparison.scenarios[i]?.id ?? i}>
                  {formatPence(s.scenarioPence)} <span className="muted">({signed(s.changePence)})</span>
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row">Unfunded or outside the pool</th>
            <td className="num">{formatPence(0)}</td>
            {comparison.scenarios.map((s) => (
              <td className="num" key={s.id}>
                {formatPence(s.unfundedPence + s.outsidePence)}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      {reasons}
      <BarChartKit
        title="Planned total by partner: the plan against each scenario (£)"
        testId="scenario-chart"
        rows={data}
        categoryKey="name"
        categories="names"
        series={[{ key: 'plan', name: 'Committed plan' }, ...comparison.scenarios.map((s) => ({ key: `s${s.id}`, name: s.name }))]}
        height={280}
      >
        <p className="muted">The table above gives the same figures.</p>
      </BarChartKit>
    </div>
  );
}
