// /admin, "Open a new year…": a new BCF year as a copy of a held year's lists (streams, scheme types and sub-types,
// metrics, conditions, the uplift), to be edited afterwards. The defaults are the year after the latest held, copied
// from it, so opening next year is a click; a refusal is shown at its field and nothing is written.
import { useState, type FormEvent } from 'react';
import { nextFinancialYear } from '../../shared/bcf-year';
import type { BcfYear } from '../../shared/schema/bcf-year';
import { parseUpliftPercent, upliftInputText } from '../../shared/uplift-percent';
import { useBcfYearWrites } from '../hooks/useBcfYears';
import { apiError } from '../trpc';
import { errorsByField, LabelledField, TextField } from './AdminYearFields';
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
        <TextField
          label="Code"
          error={errors.code}
          hint="How funds and lists name the year, like 2026/27."
          value={draft.code}
          onChange={(text) => set({ code: text })}
          required
        />
        <TextField label="Label" error={errors.label} value={draft.label} onChange={(text) => set({ label: text })} required />
        <TextField
          label="First financial year"
          error={errors.firstFinancialYear}
          hint="Like 2026/27."
          value={draft.firstFinancialYear}
          onChange={(text) => set({ firstFinancialYear: text })}
          required
        />
        <TextField
          label="Last financial year"
          error={errors.lastFinancialYear}
          hint="The same as the first for a one-year plan."
          value={draft.lastFinancialYear}
          onChange={(text) => set({ lastFinancialYear: text })}
          required
        />
        <TextField
          label="Uplift of the NHS minimum to adult social care (%)"
          error={errors.nhsAscUpliftBp}
          hint="Up to two decimals, -100 to 100 (3.9 for 3.9%); empty if the minimum is typed per fund."
          value={draft.uplift}
          onChange={(text) => set({ uplift: text })}
          numeric
        />
        <TextField
          label="Source note"
          error={errors.sourceNote}
          hint="Where the year's figures come from; empty: says the lists were copied, to be checked."
          value={draft.sourceNote}
          onChange={(text) => set({ sourceNote: text })}
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
