// Who invests and who benefits: each party's contributions to the appraised schemes beside the savings that fall to it
// (grouped bars), so a board sees when one partner pays and another saves.
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { PartyBalance } from '../../shared/board-report';
import { BoardChartFigure, legendOf, seriesFill, SeriesPatterns, useSvgId, type ExportInfo } from './BoardChartFigure';
import { penceTick, penceTooltip } from './chart-format';
import { NAME_AXIS_HEIGHT, nameTick } from './ChartNameTick';
import { num, PenceCells, TableHead } from './SimpleTable';

export function BoardBalanceChart({ parties, exportInfo }: { parties: readonly PartyBalance[]; exportInfo: ExportInfo }) {
  const patterns = useSvgId();
  const data = parties.map((p) => ({ name: p.name, invests: p.investsPence, benefits: p.benefitsPence }));
  const legend = legendOf(patterns, ['Invests', 'Benefits']);
  return (
    <BoardChartFigure
      title="Who invests and who benefits"
      description="by partner, across the appraised schemes (£)"
      testId="chart-balance"
      exportInfo={exportInfo}
      legend={legend}
      height={280}
      className="board-chart-wide"
      empty={parties.length === 0 ? 'No scheme in this fund has been appraised yet, so no one’s savings are known.' : null}
      chart={
        <BarChart data={data} margin={{ top: 16, right: 8, bottom: 8, left: 8 }} accessibilityLayer={false}>
          {/* Index 0 and 1 of the palette, but the second is striped, so the pair differs by more than colour. */}
          <SeriesPatterns idPrefix={patterns} count={2} />
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={nameTick({ axis: 'x' })} interval={0} height={NAME_AXIS_HEIGHT} />
          <YAxis tickFormatter={penceTick} width={64} />
          <Tooltip formatter={penceTooltip} />
          <Bar dataKey="invests" name="Invests" fill={seriesFill(patterns, 0)} maxBarSize={72} isAnimationActive={false} />
          <Bar dataKey="benefits" name="Benefits" fill={seriesFill(patterns, 1)} maxBarSize={72} isAnimationActive={false} />
        </BarChart>
      }
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
