// Savings per £1 by scheme: each appraised scheme's central figure as a bar, the band from its evidence's range
// (low to high) as an error bar, and the evidence each one rests on (claim, publication, link).
import { useSyncExternalStore } from 'react';
import { Bar, BarChart, CartesianGrid, ErrorBar, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { EvidenceRef, SchemeReturn } from '../../shared/board-report';
import { formatPence } from '../../shared/money';
import { formatPerPound } from '../../shared/roi';
import { paybackText, perPoundText, WORDS } from '../../shared/wording';
import { BoardChartFigure, SERIES_COLOURS, type ExportInfo } from './BoardChartFigure';
import { nameTick } from './ChartNameTick';
import { num, PenceCells, TableHead } from './SimpleTable';

/** Pays for itself: £1 saved for each £1 spent. */
const BREAK_EVEN_BP = 10_000;

const perPoundTick = (bp: number) => formatPerPound(Math.round(bp));

/** Ticks at round amounts per £1 (25p, 50p or £1 apart) from £0 to past the largest figure and the break-even line,
 * rather than recharts' own (£0.45, £0.90...), which nobody reads at a glance. */
export function perPoundTicks(largestBp: number): number[] {
  const top = Math.max(largestBp, BREAK_EVEN_BP);
  const step = top <= 20_000 ? 2_500 : top <= 40_000 ? 5_000 : 10_000 * Math.ceil(top / 100_000);
  const count = Math.ceil(top / step);
  return Array.from({ length: count + 1 }, (_, i) => i * step);
}

/** An evidence item's figure as its publication states it: "£1.20 per £1 (range £0.80 to £1.60)", or an amount. */
export function evidenceFigure(e: EvidenceRef): string {
  const format = (v: number) => (e.valueKind === 'per_pound' ? formatPerPound(v) : formatPence(v));
  const range = e.low !== null && e.high !== null ? ` (range ${format(e.low)} to ${format(e.high)})` : '';
  return `${format(e.value)}${e.valueKind === 'per_pound' ? ' per £1' : ''}${range}`;
}

export function EvidenceItem({ evidence }: { evidence: EvidenceRef }) {
  return (
    <>
      <q>{evidence.claim}</q> {evidenceFigure(evidence)}.{' '}
      <cite>{evidence.url ? <a href={evidence.url}>{evidence.publication}</a> : evidence.publication}</cite>
    </>
  );
}

/** On a phone the scheme names get less room, so the bars keep some. */
const NARROW = '(max-width: 640px)';
const subscribeNarrow = (onChange: () => void) => {
  const query = window.matchMedia(NARROW);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
};
const useNarrow = () => useSyncExternalStore(subscribeNarrow, () => window.matchMedia(NARROW).matches);

const schemeLabel = (s: SchemeReturn) => `${s.code} ${s.name}`;
const band = (s: SchemeReturn) =>
  s.lowBp !== null && s.highBp !== null ? `${formatPerPound(s.lowBp)} to ${formatPerPound(s.highBp)}` : 'No range in the evidence';

export function BoardSavingsChart({ schemes, exportInfo }: { schemes: readonly SchemeReturn[]; exportInfo: ExportInfo }) {
  const narrow = useNarrow();
  const drawn = schemes.filter((s): s is SchemeReturn & { savedPerPoundBp: number } => s.savedPerPoundBp !== null);
  // ErrorBar takes the distances below and above the bar; drawn from value - low to value + high, which is the
  // evidence's band even when the central figure falls outside it. No band: nothing drawn.
  const data = drawn.map((s) => ({
    name: schemeLabel(s),
    value: s.savedPerPoundBp,
    band: s.lowBp !== null && s.highBp !== null ? [s.savedPerPoundBp - s.lowBp, s.highBp - s.savedPerPoundBp] : null,
  }));
  const ticks = perPoundTicks(Math.max(0, ...drawn.map((s) => Math.max(s.savedPerPoundBp, s.highBp ?? 0))));
  const legend = [
    { name: 'Savings per £1 spent (central)', fill: SERIES_COLOURS[0] },
    { name: 'Evidence range (low to high)', fill: '#0b0c0c', shape: 'line' as const },
    { name: 'Break-even (£1 saved per £1)', fill: '#505a5f', shape: 'dashed-line' as const },
  ];
  return (
    <BoardChartFigure
      title="Savings per £1 by scheme"
      description="net benefit for each £1 spent, undiscounted, with the evidence range"
      testId="chart-savings"
      exportInfo={exportInfo}
      legend={legend}
      height={Math.max(160, 56 * data.length + 60)}
      className="board-chart-wide"
      empty={schemes.length === 0 ? 'No scheme in this fund has been appraised yet.' : null}
      chart={
        <BarChart data={data} layout="vertical" margin={{ top: 16, right: 24, bottom: 24, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis
            type="number"
            domain={[0, ticks.at(-1) ?? BREAK_EVEN_BP]}
            ticks={ticks}
            tickFormatter={perPoundTick}
            label={{ value: '£ saved for each £1 spent', position: 'bottom', offset: 4 }}
          />
          <YAxis type="category" dataKey="name" width={narrow ? 110 : 220} tick={nameTick({ axis: 'y' })} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? `${formatPerPound(v)} per £1` : String(v))} />
          <ReferenceLine x={BREAK_EVEN_BP} stroke="#505a5f" strokeDasharray="5 3" />
          <Bar dataKey="value" name="Savings per £1" fill={SERIES_COLOURS[0]} barSize={24} isAnimationActive={false}>
            <ErrorBar dataKey="band" width={6} strokeWidth={2} stroke="#0b0c0c" direction="x" isAnimationActive={false} />
          </Bar>
        </BarChart>
      }
      table={
        <table className="simple-table">
          <caption className="visually-hidden">Return on investment by scheme</caption>
          <TableHead
            columns={[
              'Scheme',
              num('Cost'),
              num('Net benefit'),
              num(WORDS.savingsPerPound),
              'Evidence range',
              num('Net present value'),
              WORDS.payback,
            ]}
          />
          <tbody>
            {schemes.map((s) => (
              <tr key={s.schemeId} data-scheme={s.schemeId}>
                <th scope="row">{schemeLabel(s)}</th>
                <PenceCells values={[s.costPence, s.netBenefitPence]} />
                <td className="num">{perPoundText(s.savedPerPoundBp)}</td>
                <td>{band(s)}</td>
                <PenceCells values={[s.netPresentValuePence]} />
                <td>{paybackText(s.paybackYear)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <div className="board-evidence" id="board-evidence">
        <h3 className="small-heading">The evidence behind each figure</h3>
        <ul>
          {schemes.map((s) => (
            <li key={s.schemeId}>
              <strong>{schemeLabel(s)}</strong>:{' '}
              {s.savedPerPoundBp === null ? WORDS.noCost.toLowerCase() : `${perPoundText(s.savedPerPoundBp)} per £1 spent`}
              {s.lowBp !== null && s.highBp !== null ? ` (range ${band(s)})` : ''}.
              {s.evidence.length === 0 ? (
                ' No evidence recorded.'
              ) : (
                <ul>
                  {s.evidence.map((e) => (
                    <li key={e.id}>
                      <EvidenceItem evidence={e} />
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      </div>
    </BoardChartFigure>
  );
}
