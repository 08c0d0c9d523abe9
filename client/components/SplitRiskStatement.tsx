// The Section 75 risk-share statement of one fund, as a board reads it: the outturn against the plan, each step of the
// BCF order for an overspend, and what each partner pays or receives, summing exactly to the variance.
import { useId, useState } from 'react';
import { formatPence } from '../../shared/money';
import type { RiskShareBasis } from '../../shared/risk-share-schemas';
import { LoadError, Loading } from './Loading';
import { num, PenceCells, TableHead } from './SimpleTable';
import { useFunds, useRiskShareStatement } from '../hooks/useFund';

const OUTCOME_TEXT = { overspend: 'an overspend', underspend: 'an underspend', on_budget: 'on budget' } as const;

function Statement({ fundId, basis }: { fundId: number; basis: RiskShareBasis }) {
  const statement = useRiskShareStatement(fundId, basis);
  if (statement.error) return <LoadError error={statement.error} what="the risk-share statement" />;
  if (!statement.data) return <Loading what="the risk-share statement" />;
  const s = statement.data;
  const pays = s.partners.reduce((acc, p) => acc + p.paysPence, 0);
  const receives = s.partners.reduce((acc, p) => acc + p.receivesPence, 0);
  return (
    <div data-testid="risk-statement">
      <table className="simple-table">
        <caption>Outturn {basis === 'forecast' ? `(forecast from ${s.lastReportedQuarter} quarters of actual spend)` : '(actual)'}</caption>
        <TableHead columns={[num('Planned'), num('Outturn'), num('Variance (outturn − plan)')]} />
        <tbody>
          <tr>
            <PenceCells values={[s.outturn.plannedPence, s.outturn.outturnPence, s.outturn.variancePence]} />
          </tr>
        </tbody>
      </table>
      <p>
        The fund is {OUTCOME_TEXT[s.outcome]}
        {s.outcome === 'on_budget' ? '.' : ` of ${formatPence(Math.abs(s.variancePence))}.`}
      </p>
      <table className="simple-table">
        <caption>The BCF order, step by step</caption>
        <TableHead columns={['Step', num('Available'), num('Absorbed')]} />
        <tbody>
          {s.steps.map((step) => (
            <tr key={step.kind}>
              <td>{step.label}</td>
              <td className="num">{step.availablePence === null ? 'Whatever is left' : formatPence(step.availablePence)}</td>
              <td className="num">{formatPence(step.absorbedPence)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="simple-table" data-testid="risk-partners">
        <caption>What each partner pays or receives</caption>
        <TableHead columns={['Partner', num('Pays'), num('Receives')]} />
        <tbody>
          {s.partners.map((p) => (
            <tr key={p.party}>
              <th scope="row">{p.name}</th>
              <PenceCells values={[p.paysPence, p.receivesPence]} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="total-row">
            <th scope="row">Total</th>
            <PenceCells values={[pays, receives]} />
          </tr>
        </tfoot>
      </table>
      <p data-testid="risk-sum">
        Every penny is accounted for: the steps of the order and what the partners pay or receive sum exactly to the variance of{' '}
        {formatPence(s.variancePence)}.
      </p>
    </div>
  );
}

export function SplitRiskStatement({ partnershipId }: { partnershipId: number }) {
  const id = useId();
  const funds = useFunds(partnershipId);
  const [fundId, setFundId] = useState<number | null>(null);
  const [basis, setBasis] = useState<RiskShareBasis>('forecast');
  if (funds.error) return <LoadError error={funds.error} what="funds" />;
  if (!funds.data) return <Loading what="funds" />;
  if (funds.data.length === 0) return <p className="muted">This partnership has no funds yet.</p>;
  const chosen = fundId ?? funds.data[funds.data.length - 1]?.id ?? funds.data[0]!.id;
  return (
    <>
      <div className="inline-form">
        <label htmlFor={`${id}-fund`}>Fund</label>
        <select id={`${id}-fund`} value={chosen} onChange={(e) => setFundId(Number(e.target.value))}>
          {funds.data.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name} {f.financialYear}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-basis`}>Basis</label>
        <select id={`${id}-basis`} value={basis} onChange={(e) => setBasis(e.target.value as RiskShareBasis)}>
          <option value="actual">Actual spend (year end)</option>
          <option value="forecast">Forecast outturn</option>
        </select>
      </div>
      <Statement fundId={chosen} basis={basis} />
    </>
  );
}
