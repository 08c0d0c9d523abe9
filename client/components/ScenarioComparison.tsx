// Scenarios side by side with the committed plan: each partner's planned total under the plan and under each
// scenario (£ and the change from the plan), as a table and as a grouped bar chart with a table view. Recharts freezes
// its data, so the chart gets its own fresh objects.
import { useId, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatPence, formatPenceCompact } from '../../shared/money';
import type { ScenarioComparison as Comparison } from '../../shared/scenario-schemas';
import { NAME_AXIS_HEIGHT, nameTick } from './ChartNameTick';
import { num, TableHead } from './SimpleTable';

/** Colours that stay apart for colour-blind readers (the GOV.UK palette), the plan first. */
const COLOURS = ['#505a5f', '#1d70b8', '#f47738', '#00703c', '#912b88', '#d4351c', '#28a197'];

const signed = (pence: number) => (pence > 0 ? `+${formatPence(pence)}` : formatPence(pence));

/** `reasons`: why each scenario differs from the plan, shown under the table (ScenarioDifferences.tsx). */
export function ScenarioComparison({ comparison, reasons }: { comparison: Comparison; reasons?: ReactNode }) {
  const titleId = useId();
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
      <figure className="chart" aria-labelledby={titleId} data-testid="scenario-chart">
        <figcaption id={titleId}>Planned total by partner: the plan against each scenario (£)</figcaption>
        <div className="chart-area" aria-hidden="true">
          <ResponsiveContainer width="100%" height={280}>
            <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" tick={nameTick({ axis: 'x' })} interval={0} height={NAME_AXIS_HEIGHT} />
              <YAxis
                tickFormatter={(v: number) => formatPenceCompact(v)}
                width={64}
                label={{ value: '£', angle: 0, position: 'insideTopLeft', offset: 0 }}
              />
              <Tooltip formatter={(v) => (typeof v === 'number' ? formatPence(v) : String(v))} />
              <Legend />
              <Bar dataKey="plan" name="Committed plan" fill={COLOURS[0]} isAnimationActive={false} />
              {comparison.scenarios.map((s, i) => (
                <Bar
                  key={s.id}
                  dataKey={`s${s.id}`}
                  name={s.name}
                  fill={COLOURS[(i % (COLOURS.length - 1)) + 1]}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
        <p className="muted">The table above gives the same figures.</p>
      </figure>
    </div>
  );
}
