// Who invests and who benefits: each party's contributions to the appraised schemes beside the savings that fall to it
// (grouped bars), so a board sees when one partner pays and another saves.
import type { PartyBalance } from '../../shared/board-report';
import { BarChartKit } from './chart/BarChartKit';
import type { ExportInfo } from './chart/ChartFrame';
import { INVESTS_BENEFITS } from './chart/series';
import { num, PenceCells, TableHead } from './SimpleTable';

export function BoardBalanceChart({ parties, exportInfo }: { parties: readonly PartyBalance[]; exportInfo: ExportInfo }) {
  const data = parties.map((p) => ({ name: p.name, invests: p.investsPence, benefits: p.benefitsPence }));
  return (
    <BarChartKit
      title="Who invests and who benefits"
      description="by partner, across the appraised schemes (£)"
      testId="chart-balance"
      exportInfo={exportInfo}
      rows={data}
      categoryKey="name"
      categories="names"
      series={INVESTS_BENEFITS}
      maxBarSize={72}
      height={280}
      className="board-chart board-chart-wide"
      empty={parties.length === 0 ? 'No scheme in this fund has been appraised yet, so no one’s savings are known.' : null}
      table={
        <table className="simple-table">
          <caption className="visually-hidden">What each partner invests and what it saves</caption>
          <TableHead columns={['Partner', num('Invests'), num('Benefits'), num('Benefits − invests')]} />
          <tbody>
            {parties.map((p) => (
              <tr key={p.party} data-party={p.party}>
                <th scope="row">{p.name}</th>
                <PenceCells values={[p.investsPence, p.benefitsPence, p.benefitsPence - p.investsPence]} />
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
