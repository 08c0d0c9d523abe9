// The national conditions of a BCF year as a fund answers them (BCF policy framework 2025 to 2026: assurance statements
// answered in the plan, "Please confirm: Yes/No" with commentary). Pure: the API, the Plan page, the checklist, the
// workbook and the board pack all judge an answer by these rules, so they agree on what "answered" means.
import type { FieldError } from './errors';
import type { ConditionAnswerValue } from './schema/bcf-year';

/** One national condition of the fund's year with the fund's answer (null until answered). `id` and `version` are the
 * answer row's, null while there is none (the first answer creates it). */
export interface NationalCondition {
  code: string;
  /** The condition as the year's reference list words it. */
  text: string;
  answer: ConditionAnswerValue | null;
  commentary: string;
  id: number | null;
  version: number | null;
}

/** What the template says in its "Please confirm" cell, and what the pages show. */
export const CONDITION_ANSWER_LABELS: Record<ConditionAnswerValue, string> = { yes: 'Yes', no: 'No' };
export const NOT_ANSWERED = 'Not answered';

/** "NC1": how people and the template name a condition. */
export const conditionLabel = (code: string): string => code.toUpperCase();

/** Why this answer cannot stand on its own (a No needs commentary saying why and what will be done), or null. */
export function commentaryProblem(answer: ConditionAnswerValue | null, commentary: string): string | null {
  return answer === 'no' && commentary.trim() === '' ? 'Commentary is required when the answer is No' : null;
}

/** Every reason an answer to `code` is refused for a fund of `bcfYear` whose year holds `conditions`. */
export function conditionAnswerProblems(
  input: { conditionCode: string; answer: ConditionAnswerValue | null; commentary: string },
  conditions: readonly Pick<NationalCondition, 'code'>[],
  bcfYear: string,
): FieldError[] {
  const errors: FieldError[] = [];
  if (!conditions.some((c) => c.code === input.conditionCode)) {
    errors.push({
      path: 'conditionCode',
      message: `Condition '${input.conditionCode}' is not a national condition of BCF year ${bcfYear}`,
    });
  }
  const commentary = commentaryProblem(input.answer, input.commentary);
  if (commentary) errors.push({ path: 'commentary', message: commentary });
  return errors;
}

/** Whether a condition still needs something: no answer yet, or a No without commentary. */
export function isOpenCondition(condition: Pick<NationalCondition, 'answer' | 'commentary'>): boolean {
  return condition.answer === null || commentaryProblem(condition.answer, condition.commentary) !== null;
}

/** What a reader is told of one condition's state: "Yes", "No", or "Not answered". */
export function answerWords(answer: ConditionAnswerValue | null): string {
  return answer === null ? NOT_ANSWERED : CONDITION_ANSWER_LABELS[answer];
}
