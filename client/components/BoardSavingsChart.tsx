// Savings per £1 by scheme: each appraised scheme's central figure as a bar, the band from its evidence's range
// (low to high) as an error bar, and the evidence each one rests on (claim, publication, link).
import { useSyncExternalStore } from 'react';
import { Bar, BarChart, CartesianGrid, ErrorBar, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { EvidenceRef, SchemeReturn } from '../../shared/board-report';
import { formatPence } from '../../shared/money';
import { formatPerPound } from '../../shared/roi';
import { paybackText, perPoundText, WORDS } from '../../shared/wording';
import { ChartFrame, type ExportInfo } from './chart/ChartFrame';
import { CHART_MARGIN } from './chart/layout';
import { nameTick } from './chart/NameTick';
import { AXIS_INK, GRID_INK, legendOf, seriesOf } from './chart/series';
import { niceTicks } from './chart/ticks';
import { num, PenceCells, TableHead } from './SimpleTable';

/** Pays for itself: £1 saved for each £1 spent. */
const BREAK_EVEN_BP = 10_000;

const perPoundTick = (bp: number) => formatPerPound(Math.round(bp));

/** Ticks at round amounts per £1 (the kit's round steps, at least 1p) from £0 to past the largest figure and the
 * break-even line, rather than recharts' own (£0.45, £0.90...), which nobody reads at a glance. */
export function perPoundTicks(largestBp: number): number[] {
  return niceTicks([largestBp, BREAK_EVEN_BP], { includeZero: true, minStep: 100 });
}

/** The series of this chart, in drawing order: the bars, their evidence bands, then the break-even line. */
const SAVINGS_SERIES = seriesOf([
  { key: 'value', name: 'Savings per £1' },
  { key: 'band', name: 'Evidence range' },
  { key: 'breakEven', name: 'Break-even' },
]);
const [BARS, BAND, BREAK_EVEN] = SAVINGS_SERIES.map((s) => s.style);

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
  // The legend's words say more than the series' names; its order and swatches are the series'.
  const [, bandLine, breakEven] = legendOf('', SAVINGS_SERIES, 'line');
  const legend = [
    { name: 'Savings per £1 spent (central)', fill: BARS?.colour ?? AXIS_INK },
    { ...bandLine, name: 'Evidence range (low to high)', fill: bandLine?.fill ?? AXIS_INK },
    { ...breakEven, name: 'Break-even (£1 saved per £1)', fill: breakEven?.fill ?? AXIS_INK },
  ];
  return (
    <ChartFrame
      title="Savings per £1 by scheme"
      description="net benefit for each £1 spent, undiscounted, with the evidence range"
      testId="chart-savings"
      exportInfo={exportInfo}
      legend={legend}
      height={Math.max(160, 56 * data.length + 60)}
      className="board-chart board-chart-wide"
      empty={schemes.length === 0 ? 'No scheme in this fund has been appraised yet.' : null}
      chart={
        <BarChart data={data} layout="vertical" margin={{ ...CHART_MARGIN, right: 24, bottom: 24 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke={GRID_INK} />
          <XAxis
            type="number"
            domain={[0, ticks.at(-1) ?? BREAK_EVEN_BP]}
            ticks={ticks}
            tickFormatter={perPoundTick}
            stroke={AXIS_INK}
            label={{ value: '£ saved for each £1 spent', position: 'bottom', offset: 4 }}
          />
          <YAxis type="category" dataKey="name" width={narrow ? 110 : 220} tick={nameTick({ axis: 'y' })} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? `${formatPerPound(v)} per £1` : String(v))} />
          <ReferenceLine x={BREAK_EVEN_BP} stroke={BREAK_EVEN?.colour} strokeDasharray="5 3" />
          <Bar dataKey="value" name="Savings per £1" fill={BARS?.colour} barSize={24} isAnimationActive={false}>
            <ErrorBar dataKey="band" width={6} strokeWidth={2} stroke={BAND?.colour} direction="x" isAnimationActive={false} />
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
    </ChartFrame>
  );
}
