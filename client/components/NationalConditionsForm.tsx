// The Plan page's "National conditions" (issue "The BCF year as it is today", item 3): each condition of the fund's BCF
// year with "Please confirm: Yes / No" (native radios: arrow keys move between them) and commentary, which a No must
// have; each condition is saved on its own as one audited change. Board members read the answers and change nothing.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import {
  answerWords,
  commentaryProblem,
  conditionLabel,
  CONDITION_ANSWER_LABELS,
  type NationalCondition,
} from '../../shared/national-conditions';
import { roleCan } from '../../shared/permissions';
import { CONDITION_ANSWERS, type ConditionAnswerValue } from '../../shared/schema/bcf-year';
import { useUser } from '../auth';
import { useConditionWrites } from '../hooks/useConditions';
import { apiError } from '../trpc';
import { FormActions, FormGrid } from './FormGrid';
import './national-conditions.css';

interface Props {
  fundId: number;
  bcfYear: string;
  conditions: readonly NationalCondition[];
  /** The plan's sign-off lock: the answers are read-only, with this reason above them. */
  lock?: string | null;
  onSaved: () => Promise<void> | void;
}

/** The id of a condition's block, for the checklist's "Go to condition" and links. */
export const conditionAnchor = (code: string) => `national-condition-${code}`;

/** Bring a condition into view and put the focus where it needs an answer: its commentary when it is a No without
 * any, else its first choice (or the chosen one). */
export function focusCondition(code: string): void {
  const block = document.getElementById(conditionAnchor(code));
  if (!block) return;
  block.scrollIntoView({ block: 'center' });
  const textarea = block.querySelector<HTMLTextAreaElement>('textarea[aria-invalid="true"], textarea[data-needs-commentary]');
  const radio =
    block.querySelector<HTMLInputElement>('input[type="radio"]:checked') ?? block.querySelector<HTMLInputElement>('input[type="radio"]');
  (textarea ?? radio ?? block).focus();
}

export function NationalConditionsForm({ fundId, bcfYear, conditions, lock = null, onSaved }: Props) {
  const user = useUser();
  const mayChange = roleCan(user.role, 'condition_answer', 'change');
  const mayAnswer = mayChange && lock === null;
  return (
    <section aria-labelledby="national-conditions-title" className="national-conditions" data-testid="national-conditions">
      <h2 id="national-conditions-title">National conditions</h2>
      <p className="muted">
        The assurance statements of BCF year {bcfYear}: confirm each Yes or No. A No needs commentary saying why and what will be done.
        {mayAnswer ? ' Each condition is saved on its own, and can be undone.' : ''}
      </p>
      {lock !== null && (
        <p className="banner banner-info" role="note" data-testid="conditions-lock">
          {lock}.
        </p>
      )}
      {!mayChange && (
        <p className="banner banner-info" role="note">
          You are signed in as a board member: you can read the answers but not change them.
        </p>
      )}
      {conditions.length === 0 && <p className="muted">BCF year {bcfYear} has no national conditions.</p>}
      {conditions.map((condition) =>
        mayAnswer ? (
          <ConditionForm key={condition.code} fundId={fundId} condition={condition} onSaved={onSaved} />
        ) : (
          <ConditionRead key={condition.code} condition={condition} />
        ),
      )}
    </section>
  );
}

function ConditionRead({ condition }: { condition: NationalCondition }) {
  return (
    <fieldset className="condition-form" id={conditionAnchor(condition.code)} data-condition={condition.code} tabIndex={-1}>
      <legend>
        {conditionLabel(condition.code)}: {condition.text}
      </legend>
      <p className="condition-answer-read">
        Please confirm: <strong data-testid="condition-answer">{answerWords(condition.answer)}</strong>
      </p>
      <p className="condition-answer-read" data-testid="condition-commentary">
        {condition.commentary === '' ? <span className="muted">No commentary</span> : condition.commentary}
      </p>
    </fieldset>
  );
}

interface Draft {
  answer: ConditionAnswerValue | null;
  commentary: string;
}

function ConditionForm({ fundId, condition, onSaved }: { fundId: number; condition: NationalCondition; onSaved: Props['onSaved'] }) {
  const { answer: save } = useConditionWrites();
  const baseId = useId();
  const [draft, setDraft] = useState<Draft>({ answer: condition.answer, commentary: condition.commentary });
  // The answer the draft started from, and its row's version: saving sends the version, so an answer given meanwhile
  // (by someone else, an import or an undo) is never overwritten blind.
  const [base, setBase] = useState<Draft & { version: number | null }>({
    answer: condition.answer,
    commentary: condition.commentary,
    version: condition.version,
  });
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const commentaryRef = useRef<HTMLTextAreaElement>(null);
  const adoptNext = useRef(false);
  // Edited means changed from where the draft started, not from the server's latest (which may have moved on).
  const dirty = draft.answer !== base.answer || draft.commentary !== base.commentary;

  // The answer changed elsewhere: show it, unless this person is in the middle of an edit (then saving is a CONFLICT).
  useEffect(() => {
    if (condition.version === base.version && condition.answer === base.answer && condition.commentary === base.commentary) return;
    if (!dirty || adoptNext.current) {
      adoptNext.current = false;
      setDraft({ answer: condition.answer, commentary: condition.commentary });
      setBase({ answer: condition.answer, commentary: condition.commentary, version: condition.version });
    }
  }, [condition.version, condition.answer, condition.commentary, base, dirty]);

  const label = conditionLabel(condition.code);
  const needsCommentary = draft.answer === 'no';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    // The same rule the server applies (shared/national-conditions.ts): a No without commentary is not sent.
    const problem = commentaryProblem(draft.answer, draft.commentary);
    if (problem) {
      setError(problem);
      commentaryRef.current?.focus();
      return;
    }
    if (!dirty) {
      setError(null);
      setStatus(`Nothing to save: ${label} is as it was.`);
      return;
    }
    try {
      const result = await save.mutateAsync({
        fundId,
        conditionCode: condition.code,
        answer: draft.answer,
        commentary: draft.commentary,
        ...(base.version === null ? {} : { version: base.version }),
      });
      setError(null);
      setBase({ answer: result.answer, commentary: result.commentary, version: result.version });
      setStatus(`Saved ${label}: ${answerWords(result.answer)}.`);
      await onSaved();
    } catch (err) {
      const { code, message, fieldErrors } = apiError(err);
      const atCommentary = fieldErrors.find((e) => e.path === 'commentary');
      if (code === 'CONFLICT') {
        adoptNext.current = true;
        setError(`Nothing was saved: ${message}. The form now shows the current answer; make your change again.`);
        await onSaved();
      } else {
        setError(`Nothing was saved: ${atCommentary?.message ?? message}`);
      }
      if (atCommentary) commentaryRef.current?.focus();
    }
  };

  const commentaryId = `${baseId}-commentary`;
  const errorId = `${baseId}-error`;
  const hintId = `${baseId}-hint`;
  const choiceLabelId = `${baseId}-choice`;
  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-label={`National condition ${label}`}>
      <fieldset className="condition-form" id={conditionAnchor(condition.code)} data-condition={condition.code} tabIndex={-1}>
        <legend>
          {label}: {condition.text}
        </legend>
        <FormGrid>
          <div className="field">
            <span className="field-label" id={choiceLabelId}>
              <strong>Please confirm</strong>
            </span>
            <div className="condition-choices" role="radiogroup" aria-labelledby={`${choiceLabelId}`}>
              {CONDITION_ANSWERS.map((value) => (
                <label key={value}>
                  <input
                    type="radio"
                    name={`${baseId}-answer`}
                    value={value}
                    checked={draft.answer === value}
                    onChange={() => {
                      setDraft((d) => ({ ...d, answer: value }));
                      setStatus(null);
                      if (value === 'yes') setError(null);
                    }}
                  />
                  {CONDITION_ANSWER_LABELS[value]}
                </label>
              ))}
            </div>
            <div className="field-notes">
              <span className="hint muted">{draft.answer === null ? 'Not answered yet' : `Saved: ${answerWords(condition.answer)}`}</span>
            </div>
          </div>
          <div className={`field${error ? ' field-invalid' : ''}`}>
            <label htmlFor={commentaryId}>
              Commentary for {label}
              {needsCommentary ? ' (required for No)' : ''}
            </label>
            <textarea
              id={commentaryId}
              ref={commentaryRef}
              maxLength={4000}
              value={draft.commentary}
              aria-required={needsCommentary}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${errorId} ${hintId}` : hintId}
              data-needs-commentary={needsCommentary && draft.commentary.trim() === '' ? '' : undefined}
              onChange={(e) => {
                const commentary = e.target.value;
                setDraft((d) => ({ ...d, commentary }));
                setStatus(null);
              }}
            />
            <div className="field-notes">
              {error && (
                <span id={errorId} className="field-error" role="alert">
                  {error}
                </span>
              )}
              <span id={hintId} className="hint muted">
                {needsCommentary ? 'Say why, and what will be done to meet it.' : 'Optional for Yes.'}
              </span>
            </div>
          </div>
        </FormGrid>
        <FormActions>
          <button type="submit" className="button-primary" disabled={save.isPending} title={save.isPending ? 'Saving…' : undefined}>
            {save.isPending ? 'Saving…' : `Save ${label}`}
          </button>
          {status && (
            <span role="status" className="muted">
              {status}
            </span>
          )}
        </FormActions>
      </fieldset>
    </form>
  );
}
