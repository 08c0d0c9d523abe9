// The dialog of one sign-off step that needs something from the person (a signature's statement, the board's meeting
// date, a reason): its fields, the server's refusal at the field it names or under them, and Confirm / Cancel. Focus
// starts in the first field (or on Cancel when there is none, the safe choice); Esc cancels.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { FieldError } from '../../shared/errors';
import { AlertDialog } from './AlertDialog';

interface Props {
  id: string;
  title: string;
  confirmLabel: string;
  pending: boolean;
  /** The refusal not tied to one of the dialog's fields, in the server's words. */
  problem: string | null;
  onConfirm: () => void;
  onCancel: () => void;
  children: ReactNode;
}

export function SignOffDialog({ id, title, confirmLabel, pending, problem, onConfirm, onCancel, children }: Props) {
  const body = useRef<HTMLFormElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const first = body.current?.querySelector<HTMLElement>('input, textarea');
    (first ?? cancel.current)?.focus();
  }, []);
  return (
    <AlertDialog
      id={id}
      title={title}
      onEscape={onCancel}
      actions={
        <>
          <button type="submit" form={`${id}-form`} className="button-primary" disabled={pending}>
            {pending ? 'Saving…' : confirmLabel}
          </button>
          <button type="button" ref={cancel} className="secondary-button" onClick={onCancel}>
            Cancel
          </button>
        </>
      }
    >
      <form
        id={`${id}-form`}
        ref={body}
        className="sign-off-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!pending) onConfirm();
        }}
      >
        {children}
      </form>
      {problem && (
        <p className="banner banner-error" role="alert" data-testid={`${id}-problem`}>
          {problem}
        </p>
      )}
    </AlertDialog>
  );
}

/** A labelled text box (one line, or several for a reason) with the server's refusal of it under it. */
export function SignOffTextField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  problem: string | undefined;
  multiline?: boolean;
  hint?: string;
}) {
  const { label, value, onChange, problem, multiline = false, hint } = props;
  const id = useId();
  const described = [hint ? `${id}-hint` : null, problem ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': described,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="muted">
          {' '}
          {hint}
        </span>
      )}
      {multiline ? (
        <textarea {...common} rows={3} cols={50} maxLength={2000} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type="text" size={30} maxLength={200} onChange={(e) => onChange(e.target.value)} />
      )}
      {problem && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

/** The server's refusals split into those of the dialog's own fields (shown at each) and the rest (under them). */
export function splitProblems(
  fieldErrors: readonly FieldError[],
  message: string,
  fields: readonly string[],
): { atField: Record<string, string>; rest: string | null } {
  const atField: Record<string, string> = {};
  const rest: string[] = [];
  for (const e of fieldErrors) {
    if (fields.includes(e.path) && !atField[e.path]) atField[e.path] = e.message;
    else rest.push(e.message);
  }
  if (fieldErrors.length === 0) rest.push(message);
  return { atField, rest: rest.length ? rest.join('; ') : null };
}
