// The pieces the /admin "BCF years" forms share: a labelled field on the form grid (label, box, then its error and
// hint, named to the box for screen readers), the owner words, and the mapping of a refusal's field errors to fields.
import { useId, type ReactElement } from 'react';
import type { StreamOwner } from '../../shared/schema/bcf-year';
import type { FieldError } from '../../shared/errors';

/** Who pays a stream, as a person says it. */
export const OWNER_LABELS: Record<StreamOwner, string> = { nhs: 'NHS', la: 'Local authority', any: 'Any partner' };

/** The refusal's field errors by the field's own name ('patch.label' -> 'label'), the first for each field. */
export function errorsByField(fieldErrors: readonly FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fieldErrors) {
    const field = e.path.split('.').at(-1) ?? e.path;
    out[field] ??= e.message;
  }
  return out;
}

/** One field of a FormGrid: `box` gets the id, aria-invalid and aria-describedby wired to its error and hint. */
export function LabelledField({
  label,
  error,
  hint,
  box,
}: {
  label: string;
  error?: string | undefined;
  hint?: string;
  box: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactElement;
}) {
  const id = useId();
  const described = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {box({ id, ...(error ? { 'aria-invalid': true as const } : {}), ...(described ? { 'aria-describedby': described } : {}) })}
      <div className="field-notes">
        {error && (
          <span id={`${id}-error`} className="field-error">
            {error}
          </span>
        )}
        {hint && (
          <span id={`${id}-hint`} className="hint muted">
            {hint}
          </span>
        )}
      </div>
    </div>
  );
}

/** A text box on the form grid (a code, a name, a financial year, a percentage): `numeric` right-aligns it and asks
 * for a decimal keyboard. */
export function TextField({
  label,
  error,
  hint,
  value,
  onChange,
  required = false,
  numeric = false,
}: {
  label: string;
  error?: string | undefined;
  hint?: string;
  value: string;
  onChange: (text: string) => void;
  required?: boolean;
  numeric?: boolean;
}) {
  return (
    <LabelledField
      label={label}
      error={error}
      {...(hint ? { hint } : {})}
      box={(p) => (
        <input
          {...p}
          className={numeric ? 'input-cell num' : 'input-cell'}
          required={required}
          {...(numeric ? { inputMode: 'decimal' as const } : {})}
          autoComplete="off"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    />
  );
}
