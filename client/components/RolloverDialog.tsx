// "Start next year’s plan…" (issue 15, item 5): the target year, the uplift, each funding stream's planned income and
// spend now and next year (exact to the penny, as the server will write them), and a choice for every code the new
// year does not list. Nothing is written until "Start 2026/27 plan"; Cancel (or Esc) writes nothing.
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { formatPence } from '../../shared/money';
import { parseUpliftPercent, upliftPercentText } from '../../shared/rollover';
import { MAPPED_LIST_LABELS } from '../../shared/schema/bcf-year';
import type { RolloverCode, RolloverMapping } from '../../shared/schema/rollover';
import { useRollover } from '../hooks/useRollover';
import { apiError } from '../trpc';
import { AlertDialog } from './AlertDialog';
import { num, numClass, TableHead } from './SimpleTable';
import './rollover.css';

declare module '@tanstack/react-router' {
  interface HistoryState {
    /** What the Plan page says on arriving at a fund just started from last year's (RolloverDialog). */
    rolloverNotice?: string;
  }
}

const keyOf = (c: Pick<RolloverCode, 'list' | 'fromCode'>) => `${c.list}:${c.fromCode}`;

export function RolloverDialog({ fundId, onClose }: { fundId: number; onClose: () => void }) {
  const navigate = useNavigate();
  const upliftId = useId();
  const [upliftText, setUpliftText] = useState<string | null>(null);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const typedBp = upliftText === null ? undefined : parseUpliftPercent(upliftText);
  const upliftValid = typedBp !== null && (typedBp === undefined || (typedBp >= -10_000 && typedBp <= 10_000));
  const mappings = useMemo<RolloverMapping[]>(
    () =>
      Object.entries(choices)
        .filter(([, toCode]) => toCode)
        .map(([key, toCode]) => {
          const [list, ...rest] = key.split(':');
          return { list: list as RolloverMapping['list'], fromCode: rest.join(':'), toCode };
        }),
    [choices],
  );
  const { preview, start } = useRollover(fundId, upliftValid ? (typedBp ?? undefined) : undefined, mappings, upliftValid);
  const data = preview.data;
  const [problem, setProblem] = useState<string | null>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  // The uplift field starts at the target year's uplift of the NHS minimum (3.9 for 2026/27 copied from 2025/26).
  useEffect(() => {
    if (data && upliftText === null) setUpliftText(upliftPercentText(data.upliftBp));
  }, [data, upliftText]);

  const streamName = (code: string) => data?.codes.find((c) => c.list === 'funding_stream' && c.fromCode === code)?.fromName ?? code;
  const toChoose = (data?.codes ?? []).filter((c) => c.how === 'unmapped' || c.how === 'chosen');
  const mappedBefore = (data?.codes ?? []).filter((c) => c.how === 'saved');
  const unchosen = toChoose.filter((c) => !choices[keyOf(c)]);
  const targetCode = data?.target.bcfYear ?? 'next year’s';
  const blocked = !data || !upliftValid || unchosen.length > 0 || data.existingFund !== null || start.isPending;

  const onStart = async () => {
    if (!data || typedBp === null) return;
    setProblem(null);
    try {
      const result = await start.mutateAsync({ fundId, upliftBp: typedBp ?? data.upliftBp, mappings });
      const rolloverNotice =
        `Started the ${result.bcfYear} plan (${result.financialYear}) from ${data.fund.name} ${data.fund.financialYear}, ` +
        `uplifted by ${upliftPercentText(typedBp ?? data.upliftBp)}%. You can undo it from History.`;
      onClose();
      await navigate({ to: '/funds/$fundId/plan', params: { fundId: result.fundId }, state: (prev) => ({ ...prev, rolloverNotice }) });
    } catch (error) {
      const e = apiError(error);
      setProblem(e.fieldErrors.length ? e.fieldErrors.map((f) => f.message).join('; ') : e.message);
    }
  };

  return (
    <AlertDialog
      id="rollover"
      title={data ? `Start the ${data.target.bcfYear} plan from ${data.fund.name} ${data.fund.financialYear}` : 'Start next year’s plan'}
      onEscape={onClose}
      actions={
        <>
          <button type="button" className="button-primary" disabled={blocked} onClick={() => void onStart()}>
            Start {targetCode} plan
          </button>
          <button type="button" ref={cancel} className="secondary-button" onClick={onClose}>
            Cancel
          </button>
        </>
      }
    >
      {preview.isPending && <p>Working out next year’s figures…</p>}
      {preview.error && !data && (
        <p className="banner banner-error" role="alert">
          {apiError(preview.error).message}
        </p>
      )}
      {data && (
        <>
          <p>
            A new fund for <strong>{data.target.label}</strong> ({data.target.financialYear}) with this fund’s {data.counts.schemes} scheme
            {data.counts.schemes === 1 ? '' : 's'}, planned contributions and outcome targets, each funding stream uplifted exactly to the
            penny. Actual figures are not copied. Split rules belong to the partnership, so they carry over already; the NHS minimum to
            adult social care is worked out for the new year.
          </p>
          {data.existingFund && (
            <p className="banner banner-error" role="alert">
              {data.existingFund.name} already exists for {data.target.financialYear}: open it instead.
            </p>
          )}
          <p>
            <label htmlFor={upliftId}>Uplift (%)</label>{' '}
            <input
              id={upliftId}
              inputMode="decimal"
              size={7}
              value={upliftText ?? ''}
              aria-invalid={!upliftValid}
              aria-describedby={`${upliftId}-hint`}
              onChange={(e) => setUpliftText(e.target.value)}
            />{' '}
            <span id={`${upliftId}-hint`} className="muted">
              {upliftValid
                ? `-100 to 100, up to two decimals; ${targetCode}’s uplift is ${upliftPercentText(data.target.nhsAscUpliftBp ?? 0)}%`
                : 'Type a percentage from -100 to 100 with at most two decimals'}
            </span>
          </p>
          <table className="simple-table" data-testid="rollover-streams">
            <caption>Planned income and spend by funding stream, now and in {data.target.financialYear}</caption>
            <TableHead columns={['Funding stream', num('Income now'), num('Income next year'), num('Spend now'), num('Spend next year')]} />
            <tbody>
              {data.streams.map((s) => (
                <tr key={s.code}>
                  <th scope="row">
                    {s.name}
                    {s.fromCodes.some((c) => c !== s.code) && (
                      <span className="muted"> (from {s.fromCodes.map(streamName).join(', ')})</span>
                    )}
                  </th>
                  <td className={numClass(s.incomeNowPence)}>{formatPence(s.incomeNowPence)}</td>
                  <td className={numClass(s.incomeNextPence)}>{formatPence(s.incomeNextPence)}</td>
                  <td className={numClass(s.spendNowPence)}>{formatPence(s.spendNowPence)}</td>
                  <td className={numClass(s.spendNextPence)}>{formatPence(s.spendNextPence)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {toChoose.length > 0 && (
            <fieldset data-testid="rollover-unmapped">
              <legend>Not in {data.target.bcfYear}’s lists: choose where each goes (kept for next time)</legend>
              {toChoose.map((c) => (
                <p key={keyOf(c)}>
                  <label>
                    {MAPPED_LIST_LABELS[c.list]} ‘{c.fromName}’ becomes{' '}
                    <select value={choices[keyOf(c)] ?? ''} onChange={(e) => setChoices({ ...choices, [keyOf(c)]: e.target.value })}>
                      <option value="">Choose…</option>
                      {c.choices.map((choice) => (
                        <option key={choice.code} value={choice.code}>
                          {choice.name}
                        </option>
                      ))}
                    </select>
                  </label>
                </p>
              ))}
            </fieldset>
          )}
          {mappedBefore.length > 0 && (
            <p className="muted">
              Mapped as before:{' '}
              {mappedBefore.map((c) => `${c.fromName} → ${c.choices.find((x) => x.code === c.toCode)?.name ?? c.toCode}`).join('; ')}.
            </p>
          )}
          {unchosen.length > 0 && (
            <p className="muted">Choose {unchosen.length === 1 ? 'the item above' : `all ${unchosen.length} items above`} to start.</p>
          )}
        </>
      )}
      {problem && (
        <p className="banner banner-error" role="alert">
          {problem}
        </p>
      )}
    </AlertDialog>
  );
}
