// A quarterly or year-end return as the sign-off page and the return's own page show it (issue "Sign-off and returns",
// item 4): its answers as a form (each condition still met, Yes or No, with commentary; each metric's rating with its
// challenges, support needed and achievements; each saved on its own with its version, a refusal shown at its field),
// read-only when `readOnly` or when the version sent is shown; its spend tables (or, at the year end, its income and
// expenditure), drawn from the same tables as the PDF and the workbook (shared/returns.ts); and the two downloads.
import { useId, useState, type FormEvent } from 'react';
import { formatLongDate } from '../../shared/dates';
import { METRIC_STATUSES, METRIC_STATUS_LABELS, type MetricStatus } from '../../shared/metric-status';
import { CONDITION_ANSWER_LABELS, conditionLabel, NOT_ANSWERED } from '../../shared/national-conditions';
import { roleCan } from '../../shared/permissions';
import { quartersText, returnParts, type ReturnCondition, type ReturnDocument, type ReturnMetric } from '../../shared/returns';
import type { ReturnAnswerInput, SubmissionKind } from '../../shared/schema/submission';
import { SUBMISSION_KIND_LABELS } from '../../shared/schema/submission';
import { useUser } from '../auth';
import { useReturn } from '../hooks/useReturn';
import { Table } from '../pages/BoardPackPage';
import { apiError } from '../trpc';
import { FormActions, FormGrid } from './FormGrid';
import { LoadError, Loading } from './Loading';
import './national-conditions.css';

export interface ReturnPanelProps {
  fundId: number;
  kind: Exclude<SubmissionKind, 'plan'>;
  /** True when the return's answers cannot be changed (sent, approved, or the caller only reads). */
  readOnly: boolean;
}

/** Where a refusal goes: the field it names, else the form as a whole. */
interface Refusal {
  field: string;
  message: string;
}

export function ReturnPanel({ fundId, kind, readOnly }: ReturnPanelProps) {
  const user = useUser();
  const { view, answers, answer, refresh } = useReturn(fundId, kind);
  if (view.error) return <LoadError error={view.error} what="the return" />;
  if (answers.error) return <LoadError error={answers.error} what="the return’s answers" />;
  if (!view.data || !answers.data) return <Loading what="the return" />;
  const { document: doc, frozen } = view.data;
  const mayAnswer = !readOnly && frozen === null && roleCan(user.role, 'return_answer', 'change');
  const versionOf = (item: 'condition' | 'metric', code: string) => answers.data.find((a) => a.item === item && a.code === code)?.version;

  /** Save one answer; a refusal comes back naming its field, for the form to show it there. */
  const save = async (input: Omit<ReturnAnswerInput, 'fundId' | 'kind' | 'version'>): Promise<Refusal | null> => {
    const version = versionOf(input.item, input.code);
    try {
      await answer.mutateAsync({ fundId, kind, ...input, ...(version === undefined ? {} : { version }) });
      await refresh();
      return null;
    } catch (err) {
      const { code, message, fieldErrors } = apiError(err);
      if (code === 'CONFLICT') {
        await refresh();
        return { field: 'form', message: `Nothing was saved: ${message}. The form now shows the current answer; make your change again.` };
      }
      const [first] = fieldErrors;
      return { field: first?.path ?? 'form', message: `Nothing was saved: ${first?.message ?? message}` };
    }
  };

  const parts = returnParts(doc).filter((p) => !(mayAnswer && (p.key === 'conditions' || p.key === 'metrics')));
  const label = SUBMISSION_KIND_LABELS[kind];
  return (
    <div className="return-panel" data-testid="return-panel">
      <div className="page-toolbar" role="toolbar" aria-label={`${label} downloads`}>
        <a className="button-link" href={`/export/funds/${fundId}/returns/${kind}.xlsx`} download data-testid="return-xlsx">
          Download workbook
        </a>
        <a className="button-link" href={`/export/funds/${fundId}/returns/${kind}.pdf`} download data-testid="return-pdf">
          Download PDF
        </a>
        <span className="hint">
          {frozen
            ? `Version ${frozen.round}, as sent for sign-off${frozen.sentAt ? ` on ${formatLongDate(frozen.sentAt)}` : ''}: the figures signed, not the figures now.`
            : `Draft: the figures as they are now, ${kind === 'year_end' ? 'for the whole year' : quartersText(doc.quarters)}.`}
        </span>
      </div>
      {mayAnswer && doc.kind !== 'year_end' && <AnswerForms doc={doc} save={save} saving={answer.isPending} />}
      {parts.map((part) => (
        <section key={part.key} aria-labelledby={`return-${part.key}`} data-testid={`return-${part.key}`}>
          <h2 id={`return-${part.key}`}>{part.title}</h2>
          {part.tables.map((table) => (
            <Table key={table.caption} table={table} />
          ))}
        </section>
      ))}
    </div>
  );
}

function AnswerForms({
  doc,
  save,
  saving,
}: {
  doc: ReturnDocument;
  save: (input: Omit<ReturnAnswerInput, 'fundId' | 'kind' | 'version'>) => Promise<Refusal | null>;
  saving: boolean;
}) {
  return (
    <>
      <section aria-labelledby="return-conditions-form" className="national-conditions" data-testid="return-conditions-form">
        <h2 id="return-conditions-form">National conditions: still met?</h2>
        <p className="muted">Confirm each condition of BCF year {doc.fund.bcfYear} is still met, Yes or No; a No needs commentary.</p>
        {doc.conditions.length === 0 && <p className="muted">BCF year {doc.fund.bcfYear} has no national conditions.</p>}
        {doc.conditions.map((c) => (
          <ConditionForm key={`${c.code}|${c.met ?? ''}|${c.commentary}`} condition={c} save={save} saving={saving} />
        ))}
      </section>
      <section aria-labelledby="return-metrics-form" className="national-conditions" data-testid="return-metrics-form">
        <h2 id="return-metrics-form">Metrics</h2>
        <p className="muted">
          Each metric’s status is derived from the whole-fund figures to the end of the quarter, as on the Outcomes page; the return’s
          rating starts as that status.
        </p>
        {doc.metrics.map((m) => (
          <MetricForm
            key={`${m.code}|${m.rating}|${m.challenges}|${m.supportNeeded}|${m.achievements}`}
            metric={m}
            save={save}
            saving={saving}
          />
        ))}
      </section>
    </>
  );
}

/** A field's error under it, read out as an alert. */
function FieldError({ id, refusal, field }: { id: string; refusal: Refusal | null; field: string }) {
  if (refusal?.field !== field) return null;
  return (
    <span id={id} className="field-error" role="alert">
      {refusal.message}
    </span>
  );
}

function ConditionForm({
  condition,
  save,
  saving,
}: {
  condition: ReturnCondition;
  save: (input: Omit<ReturnAnswerInput, 'fundId' | 'kind' | 'version'>) => Promise<Refusal | null>;
  saving: boolean;
}) {
  const baseId = useId();
  const [met, setMet] = useState(condition.met);
  const [commentary, setCommentary] = useState(condition.commentary);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const label = conditionLabel(condition.code);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (met === 'no' && commentary.trim() === '') {
      setRefusal({ field: 'commentary', message: 'Commentary is required when the answer is No' });
      return;
    }
    setRefusal(await save({ item: 'condition', code: condition.code, answer: met, commentary }));
  };
  const errorId = `${baseId}-error`;
  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-label={`Return: national condition ${label}`}>
      <fieldset className="condition-form" data-condition={condition.code}>
        <legend>
          {label}: {condition.text}
        </legend>
        <FormGrid>
          <div className={`field${refusal?.field === 'answer' ? ' field-invalid' : ''}`}>
            <span className="field-label" id={`${baseId}-met`}>
              <strong>Still met</strong>
            </span>
            <div className="condition-choices" role="radiogroup" aria-labelledby={`${baseId}-met`}>
              {(['yes', 'no'] as const).map((value) => (
                <label key={value}>
                  <input type="radio" name={`${baseId}-met`} value={value} checked={met === value} onChange={() => setMet(value)} />
                  {CONDITION_ANSWER_LABELS[value]}
                </label>
              ))}
            </div>
            <div className="field-notes">
              <span className="hint muted">Saved: {condition.met ? CONDITION_ANSWER_LABELS[condition.met] : NOT_ANSWERED}</span>
              <FieldError id={errorId} refusal={refusal} field="answer" />
            </div>
          </div>
          <div className={`field${refusal?.field === 'commentary' ? ' field-invalid' : ''}`}>
            <label htmlFor={`${baseId}-commentary`}>Commentary for {label}</label>
            <textarea
              id={`${baseId}-commentary`}
              maxLength={4000}
              value={commentary}
              aria-invalid={refusal?.field === 'commentary' ? true : undefined}
              aria-describedby={refusal?.field === 'commentary' ? errorId : undefined}
              onChange={(e) => setCommentary(e.target.value)}
            />
            <div className="field-notes">
              <FieldError id={errorId} refusal={refusal} field="commentary" />
            </div>
          </div>
        </FormGrid>
        <FormActions>
          <button type="submit" className="button-primary" disabled={saving}>
            Save {label}
          </button>
          {refusal && !['answer', 'commentary'].includes(refusal.field) && (
            <span className="field-error" role="alert">
              {refusal.message}
            </span>
          )}
        </FormActions>
      </fieldset>
    </form>
  );
}

const NARRATIVE = [
  ['challenges', 'Challenges'],
  ['supportNeeded', 'Support needed'],
  ['achievements', 'Achievements'],
] as const;

function MetricForm({
  metric,
  save,
  saving,
}: {
  metric: ReturnMetric;
  save: (input: Omit<ReturnAnswerInput, 'fundId' | 'kind' | 'version'>) => Promise<Refusal | null>;
  saving: boolean;
}) {
  const baseId = useId();
  const [rating, setRating] = useState<MetricStatus>(metric.rating);
  const [texts, setTexts] = useState({
    challenges: metric.challenges,
    supportNeeded: metric.supportNeeded,
    achievements: metric.achievements,
  });
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRefusal(await save({ item: 'metric', code: metric.code, answer: rating, ...texts }));
  };
  const errorId = `${baseId}-error`;
  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-label={`Return: metric ${metric.name}`}>
      <fieldset className="condition-form" data-metric={metric.code}>
        <legend>{metric.name}</legend>
        <p className="muted">
          Derived status: <strong data-testid="derived-status">{METRIC_STATUS_LABELS[metric.derived]}</strong>
          {metric.quarter === null ? ' (no quarter to date has both a target and an actual)' : ` (from Q${metric.quarter})`}
        </p>
        <FormGrid>
          <div className={`field${refusal?.field === 'answer' ? ' field-invalid' : ''}`}>
            <label htmlFor={`${baseId}-rating`}>Rating</label>
            <select
              id={`${baseId}-rating`}
              value={rating}
              aria-invalid={refusal?.field === 'answer' ? true : undefined}
              onChange={(e) => setRating(e.target.value as MetricStatus)}
            >
              {METRIC_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {METRIC_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
            <div className="field-notes">
              <FieldError id={errorId} refusal={refusal} field="answer" />
            </div>
          </div>
          {NARRATIVE.map(([field, name]) => (
            <div key={field} className={`field${refusal?.field === field ? ' field-invalid' : ''}`}>
              <label htmlFor={`${baseId}-${field}`}>{name}</label>
              <textarea
                id={`${baseId}-${field}`}
                maxLength={4000}
                value={texts[field]}
                aria-invalid={refusal?.field === field ? true : undefined}
                onChange={(e) => {
                  const value = e.target.value;
                  setTexts((t) => ({ ...t, [field]: value }));
                }}
              />
              <div className="field-notes">
                <FieldError id={errorId} refusal={refusal} field={field} />
              </div>
            </div>
          ))}
        </FormGrid>
        <FormActions>
          <button type="submit" className="button-primary" disabled={saving}>
            Save {metric.name}
          </button>
          {refusal && !['answer', ...NARRATIVE.map(([f]) => f)].includes(refusal.field) && (
            <span className="field-error" role="alert">
              {refusal.message}
            </span>
          )}
        </FormActions>
      </fieldset>
    </form>
  );
}
