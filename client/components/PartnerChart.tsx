// Planned vs actual by partner, as a bar chart with a table view for screen readers and for anyone who wants
// the numbers. Recharts freezes its data, so it gets its own fresh objects, never the grid's rows.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { PartnerTotals } from '../../shared/fund-summary';
import { formatPence, formatPenceCompact } from '../../shared/money';

export function PartnerChart({ partners }: { partners: readonly PartnerTotals[] }) {
  const data = partners.map((p) => ({ name: p.name, planned: p.plannedPence, actual: p.actualPence }));
  return (
    <figure className="chart" aria-labelledby="partner-chart-title">
      <figcaption id="partner-chart-title">Planned vs actual by partner</figcaption>
      <div className="chart-area" aria-hidden="true">
        <ResponsiveContainer width="100%" height={260}>
          {/* No accessibility layer: the chart is hidden from assistive technology (the table below is its text form),
              so it must not be a keyboard stop either (WCAG 2.4.3; axe aria-hidden-focus). */}
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="name"
              tick={{ fontSize: 12 }}
              interval={0}
              tickFormatter={(name: string) => (name.length > 22 ? `${name.slice(0, 21)}…` : name)}
            />
            <YAxis
              tickFormatter={(v: number) => formatPenceCompact(v)}
              width={64}
              label={{ value: '£', angle: 0, position: 'insideTopLeft', offset: 0 }}
            />
            <Tooltip formatter={(v) => (typeof v === 'number' ? formatPence(v) : String(v))} />
            <Legend />
            <Bar dataKey="planned" name="Planned" fill="#1d70b8" isAnimationActive={false} />
            <Bar dataKey="actual" name="Actual" fill="#f47738" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details>
        <summary>Show as a table</summary>
        <table className="simple-table">
          <thead>
            <tr>
              <th scope="col">Partner</th>
              <th scope="col" className="num">
                Planned
              </th>
              <th scope="col" className="num">
                Actual
              </th>
            </tr>
          </thead>
          <tbody>
            {partners.map((p) => (
              <tr key={p.orgId}>
                <td>{p.name}</td>
                <td className="num">{formatPence(p.plannedPence)}</td>
                <td className="num">{formatPence(p.actualPence)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
