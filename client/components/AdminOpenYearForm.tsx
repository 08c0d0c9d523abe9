// /admin, "Open a new year…": a new BCF year as a copy of a held year's lists (streams, scheme types and sub-types,
// metrics, conditions, the uplift), to be edited afterwards. The defaults are the year after the latest held, copied
// from it, so opening next year is a click; a refusal is shown at its field and nothing is written.
import { useState, type FormEvent } from 'react';
import { nextFinancialYear } from '../../shared/bcf-year';
import type { BcfYear } from '../../shared/schema/bcf-year';
import { parseUpliftPercent, upliftInputText } from '../../shared/uplift-percent';
import { useBcfYearWrites } from '../hooks/useBcfYears';
import { apiError } from '../trpc';
import { errorsByField, LabelledField } from './AdminYearFields';
import { FormActions, FormGrid } from './FormGrid';

/** The form's starting values: the year after the latest held (years come oldest first), copied from it. */
export function openYearDefaults(years: readonly BcfYear[]) {
  const latest = years.at(-1);
  const code = latest ? nextFinancialYear(latest.lastFinancialYear) : '';
  const [start = '', end = ''] = code.split('/');
  return {
    copyFrom: latest?.code ?? '',
    code,
    label: code ? `BCF ${start} to ${start.slice(0, 2)}${end}` : '',
    firstFinancialYear: code,
    lastFinancialYear: code,
    uplift: upliftInputText(latest?.nhsAscUpliftBp ?? null),
    sourceNote: '',
  };
}

type Draft = ReturnType<typeof openYearDefaults>;

export function AdminOpenYearForm({
  years,
  onOpened,
  onCancel,
}: {
  years: readonly BcfYear[];
  onOpened: (year: BcfYear) => Promise<void>;
  onCancel: () => void;
}) {
  const { open } = useBcfYearWrites();
  const [draft, setDraft] = useState<Draft>(() => openYearDefaults(years));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const uplift = parseUpliftPercent(draft.uplift);
    if (!uplift.ok) {
      setErrors({ nhsAscUpliftBp: uplift.reason });
      return;
    }
    setErrors({});
    try {
      const year = await open.mutateAsync({
        copyFrom: draft.copyFrom,
        code: draft.code.trim(),
        label: draft.label.trim(),
        firstFinancialYear: draft.firstFinancialYear.trim(),
        lastFinancialYear: draft.lastFinancialYear.trim(),
        nhsAscUpliftBp: uplift.bp,
        ...(draft.sourceNote.trim() ? { sourceNote: draft.sourceNote.trim() } : {}),
      });
      await onOpened(year);
    } catch (error) {
      const { message, fieldErrors } = apiError(error);
      setErrors(errorsByField(fieldErrors));
      setFailure(`No year was opened: ${fieldErrors.length ? 'see the fields marked below.' : message}`);
    }
  };

  return (
    <form className="form admin-form" aria-labelledby="open-year-heading" onSubmit={(e) => void submit(e)} data-testid="open-year-form">
      <h3 id="open-year-heading">Open a new BCF year</h3>
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
      <FormGrid>
        <LabelledField
          label="Copy lists from"
          error={errors.copyFrom}
          hint="Its streams, scheme types, metrics, conditions and uplift are copied; edit them afterwards."
          box={(p) => (
            <select
              {...p}
              value={draft.copyFrom}
              onChange={(e) =>
                set({
                  copyFrom: e.target.value,
                  uplift: upliftInputText(years.find((y) => y.code === e.target.value)?.nhsAscUpliftBp ?? null),
                })
              }
            >
              {years.map((y) => (
                <option key={y.code} value={y.code}>
                  {y.code} ({y.label})
                </option>
              ))}
            </select>
          )}
        />
        <LabelledField
          label="Code"
          error={errors.code}
          hint="How funds and lists name the year, like 2026/27."
          box={(p) => (
            <input
              {...p}
              className="input-cell"
              required
              autoComplete="off"
              value={draft.code}
              onChange={(e) => set({ code: e.target.value })}
            />
          )}
        />
        <LabelledField
          label="Label"
          error={errors.label}
          box={(p) => (
            <input
              {...p}
              className="input-cell"
              required
              autoComplete="off"
              value={draft.label}
              onChange={(e) => set({ label: e.target.value })}
            />
          )}
        />
        <LabelledField
          label="First financial year"
          error={errors.firstFinancialYear}
          hint="Like 2026/27."
          box={(p) => (
            <input
              {...p}
              className="input-cell"
              required
              autoComplete="off"
              value={draft.firstFinancialYear}
              onChange={(e) => set({ firstFinancialYear: e.target.value })}
            />
          )}
        />
        <LabelledField
          label="Last financial year"
          error={errors.lastFinancialYear}
          hint="The same as the first for a one-year plan."
          box={(p) => (
            <input
              {...p}
              className="input-cell"
              required
              autoComplete="off"
              value={draft.lastFinancialYear}
              onChange={(e) => set({ lastFinancialYear: e.target.value })}
            />
          )}
        />
        <LabelledField
          label="Uplift of the NHS minimum to adult social care (%)"
          error={errors.nhsAscUpliftBp}
          hint="Up to two decimals, -100 to 100 (3.9 for 3.9%); empty if the minimum is typed per fund."
          box={(p) => (
            <input
              {...p}
              className="input-cell num"
              inputMode="decimal"
              autoComplete="off"
              value={draft.uplift}
              onChange={(e) => set({ uplift: e.target.value })}
            />
          )}
        />
        <LabelledField
          label="Source note"
          error={errors.sourceNote}
          hint="Where the year's figures come from; empty: says the lists were copied, to be checked."
          box={(p) => (
            <input
              {...p}
              className="input-cell"
              autoComplete="off"
              value={draft.sourceNote}
              onChange={(e) => set({ sourceNote: e.target.value })}
            />
          )}
        />
      </FormGrid>
      <FormActions>
        <button type="submit" className="button-primary" disabled={open.isPending} title={open.isPending ? 'Opening the year…' : undefined}>
          {open.isPending ? 'Opening…' : 'Open year'}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </FormActions>
    </form>
  );
}
