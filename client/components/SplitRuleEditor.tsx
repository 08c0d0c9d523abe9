// The split-rule editor on the Splits page: name, description, source of the rule, fixed-£ parts and percentage shares
// as rows of party + figure, and the remainder policy; with a live allocation of a sample amount computed in the
// browser by shared/split.ts, so a commissioner sees every penny before saving. Save creates or updates the rule; the
// server's field errors are shown in an alert.
import { useId, useState } from 'react';
import { ValidationError, type FieldError } from '../../shared/errors';
import { formatBasisPoints, formatPence, parseBasisPoints, parsePounds } from '../../shared/money';
import { allocate, type AllocateResult, type FixedPart, type Party, type RemainderPolicy, type SharePart } from '../../shared/split';
import type { SplitRule } from '../../shared/split-schemas';
import { useSplitRuleMutations } from '../hooks/useSplits';
import { apiError } from '../trpc';
import { FormGrid } from './FormGrid';
import { partyLabel, type PartyOption } from './SplitParties';
import { ACTIONS, num, TableHead } from './SimpleTable';

interface PartRow {
  key: number;
  party: string;
  text: string;
}

let nextKey = 1;
const row = (party: string, text: string): PartRow => ({ key: nextKey++, party, text });
const poundsText = (pence: number) => formatPence(pence).replace(/^£/, '');
const percentText = (bp: number) => formatBasisPoints(bp).replace(/%$/, '');

/** What the editor computes from what was typed: the parts, or the reasons it cannot. */
function readRows(rows: PartRow[], kind: 'fixed' | 'share'): { parts: { party: Party; value: number }[]; problems: string[] } {
  const parts: { party: Party; value: number }[] = [];
  const problems: string[] = [];
  rows.forEach((r, i) => {
    const what = kind === 'fixed' ? `Fixed part ${i + 1} amount` : `Share ${i + 1} percentage`;
    const parsed = kind === 'fixed' ? parsePounds(r.text) : parseBasisPoints(r.text);
    if (!parsed.ok) problems.push(`${what} ${parsed.reason}, got '${r.text}'`);
    else parts.push({ party: r.party as Party, value: parsed.pence });
  });
  return { parts, problems };
}

export function SplitRuleEditor({
  partnershipId,
  rule,
  options,
  onDone,
}: {
  partnershipId: number;
  /** The rule being edited, or null for a new one. */
  rule: SplitRule | null;
  options: PartyOption[];
  onDone: (message: string) => void;
}) {
  const id = useId();
  const { create, update, refresh } = useSplitRuleMutations(partnershipId);
  const [name, setName] = useState(rule?.name ?? '');
  const [description, setDescription] = useState(rule?.description ?? '');
  const [sourceOfRule, setSourceOfRule] = useState(rule?.sourceOfRule ?? '');
  const [fixed, setFixed] = useState<PartRow[]>(() => (rule?.fixed ?? []).map((f) => row(f.party, poundsText(f.pence))));
  const [shares, setShares] = useState<PartRow[]>(() => (rule?.shares ?? []).map((s) => row(s.party, percentText(s.basisPoints))));
  const [remainder, setRemainder] = useState<string>(rule?.remainder ?? 'unfunded');
  const [sample, setSample] = useState('10,000.00');
  const [serverErrors, setServerErrors] = useState<{ message: string; fieldErrors: FieldError[] } | null>(null);

  const fixedRead = readRows(fixed, 'fixed');
  const sharesRead = readRows(shares, 'share');
  const fixedParts: FixedPart[] = fixedRead.parts.map((p) => ({ party: p.party, pence: p.value }));
  const shareParts: SharePart[] = sharesRead.parts.map((p) => ({ party: p.party, basisPoints: p.value }));

  // Cheap to compute on every render: a handful of parts.
  const live = ((): { result: AllocateResult; amountPence: number } | { problems: string[] } => {
    const amount = parsePounds(sample);
    const problems = [...fixedRead.problems, ...sharesRead.problems];
    if (!amount.ok) problems.unshift(`Sample amount ${amount.reason}, got '${sample}'`);
    if (problems.length > 0 || !amount.ok) return { problems };
    try {
      const result = allocate({
        amountPence: amount.pence,
        fixed: fixedParts,
        shares: shareParts,
        remainder: remainder as RemainderPolicy,
      });
      return { result, amountPence: amount.pence };
    } catch (error) {
      if (error instanceof ValidationError) return { problems: error.fieldErrors.map((e) => e.message) };
      throw error;
    }
  })();

  const save = async () => {
    const problems = [...fixedRead.problems, ...sharesRead.problems];
    if (problems.length > 0) {
      setServerErrors({ message: 'Correct the figures before saving', fieldErrors: problems.map((message) => ({ path: '', message })) });
      return;
    }
    const fields = { name, description, sourceOfRule, fixed: fixedParts, shares: shareParts, remainder: remainder as RemainderPolicy };
    try {
      if (rule) await update.mutateAsync({ id: rule.id, version: rule.version, patch: fields });
      else await create.mutateAsync({ partnershipId, ...fields });
      setServerErrors(null);
      await refresh();
      onDone(rule ? `Saved the changes to "${name}".` : `Saved the new rule "${name}".`);
    } catch (error) {
      const { message, fieldErrors } = apiError(error);
      setServerErrors({ message, fieldErrors });
    }
  };

  const partsTable = (kind: 'fixed' | 'share', rows: PartRow[], setRows: (rows: PartRow[]) => void) => {
    const noun = kind === 'fixed' ? 'fixed part' : 'share';
    const set = (key: number, change: Partial<PartRow>) => setRows(rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
    return (
      <fieldset>
        <legend>{kind === 'fixed' ? 'Fixed amounts (taken first)' : 'Percentage shares (of what is left)'}</legend>
        {rows.length === 0 ? (
          <p className="muted">{kind === 'fixed' ? 'No fixed amounts.' : 'No shares yet.'}</p>
        ) : (
          <table className="simple-table split-parts">
            <TableHead columns={['Party', num(kind === 'fixed' ? 'Amount (£)' : 'Share (%)'), ACTIONS]} />
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.key}>
                  <td>
                    <label className="visually-hidden" htmlFor={`${id}-${kind}-${r.key}-party`}>
                      Party for {noun} {i + 1}
                    </label>
                    <select id={`${id}-${kind}-${r.key}-party`} value={r.party} onChange={(e) => set(r.key, { party: e.target.value })}>
                      {options.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="num">
                    <label className="visually-hidden" htmlFor={`${id}-${kind}-${r.key}-value`}>
                      {kind === 'fixed' ? `Amount for fixed part ${i + 1} (£)` : `Percentage for share ${i + 1}`}
                    </label>
                    <input
                      id={`${id}-${kind}-${r.key}-value`}
                      className="num"
                      inputMode="decimal"
                      value={r.text}
                      onChange={(e) => set(r.key, { text: e.target.value })}
                    />
                  </td>
                  <td>
                    <button type="button" className="button-secondary" onClick={() => setRows(rows.filter((x) => x.key !== r.key))}>
                      Remove {noun} {i + 1}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <button
          type="button"
          className="button-secondary"
          onClick={() => setRows([...rows, row(options[0]?.value ?? 'social_care', kind === 'fixed' ? '0.00' : '0')])}
        >
          Add {noun}
        </button>
      </fieldset>
    );
  };

  const total = 'result' in live ? live.result.allocations.reduce((acc, a) => acc + a.pence, 0) + live.result.unfundedPence : 0;

  return (
    <form
      className="split-editor"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 id={`${id}-title`}>{rule ? `Edit "${rule.name}"` : 'New split rule'}</h3>
      {serverErrors && (
        <div className="banner banner-error" role="alert">
          <strong>Not saved: {serverErrors.message}.</strong>
          {serverErrors.fieldErrors.length > 0 && (
            <ul>
              {serverErrors.fieldErrors.map((e, i) => (
                <li key={i}>{e.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <FormGrid>
        <div className="field">
          <label htmlFor={`${id}-name`}>Rule name</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor={`${id}-description`}>Description</label>
          <textarea id={`${id}-description`} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-source`}>Source of the rule</label>
          <input id={`${id}-source`} value={sourceOfRule} onChange={(e) => setSourceOfRule(e.target.value)} />
        </div>
      </FormGrid>
      {partsTable('fixed', fixed, setFixed)}
      {partsTable('share', shares, setShares)}
      <div className="field">
        <label htmlFor={`${id}-remainder`}>If the shares come to less than 100%</label>
        <select id={`${id}-remainder`} value={remainder} onChange={(e) => setRemainder(e.target.value)}>
          <option value="unfunded">Leave the gap unfunded (shown)</option>
          <option value="normalise">Normalise the shares (30:20 becomes 60:40)</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              Give the gap to {o.label}
            </option>
          ))}
        </select>
      </div>

      <h4>Try it on a sample amount</h4>
      <div className="field">
        <label htmlFor={`${id}-sample`}>Sample amount (£)</label>
        <input id={`${id}-sample`} className="num" inputMode="decimal" value={sample} onChange={(e) => setSample(e.target.value)} />
      </div>
      <div aria-live="polite">
        {'problems' in live ? (
          <div className="banner banner-error" data-testid="split-problems">
            <strong>This rule cannot split the sample amount:</strong>
            <ul>
              {live.problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          </div>
        ) : (
          <table className="simple-table split-computed" data-testid="split-sample">
            <caption>How {formatPence(live.amountPence)} is split (computed, read-only)</caption>
            <TableHead columns={['Party', num('Amount')]} />
            <tbody>
              {live.result.allocations.map((a) => (
                <tr key={a.party}>
                  <td>{partyLabel(a.party, options)}</td>
                  <td className="num">{formatPence(a.pence)}</td>
                </tr>
              ))}
              <tr>
                <td>Unfunded gap</td>
                <td className="num">{formatPence(live.result.unfundedPence)}</td>
              </tr>
            </tbody>
            <tfoot>
              <tr className="total-row">
                <th scope="row">Total (equals the sample amount)</th>
                <td className="num">{formatPence(total)}</td>
              </tr>
            </tfoot>
          </table>
        )}
      </div>
      <div className="split-actions">
        <button
          type="submit"
          className="button-primary"
          disabled={create.isPending || update.isPending}
          title={create.isPending || update.isPending ? 'Saving…' : undefined}
        >
          {rule ? 'Save changes' : 'Save rule'}
        </button>
        <button type="button" className="button-secondary" onClick={() => onDone('')}>
          Cancel
        </button>
      </div>
    </form>
  );
}
