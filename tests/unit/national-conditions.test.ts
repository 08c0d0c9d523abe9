// The rules of a national condition's answer (shared/national-conditions.ts) and the checklist's "National conditions
// answered" check (shared/plan-checks.ts): red while any condition is unanswered or a No lacks commentary.
import { describe, expect, it } from 'vitest';
import { conditionAnswerProblems, type NationalCondition } from '../../shared/national-conditions';
import { isComplete, nationalConditionChecks } from '../../shared/plan-checks';

const condition = (code: string, answer: NationalCondition['answer'], commentary = ''): NationalCondition => ({
  code,
  text: `Condition ${code}`,
  answer,
  commentary,
  id: answer === null ? null : 1,
  version: answer === null ? null : 1,
});

describe('national conditions', () => {
  it('a code outside the year and a No without commentary are refused, naming the field', () => {
    const year = [condition('nc1', null), condition('nc2', null)];
    expect(conditionAnswerProblems({ conditionCode: 'nc9', answer: 'yes', commentary: '' }, year, '2025/26')).toEqual([
      { path: 'conditionCode', message: "Condition 'nc9' is not a national condition of BCF year 2025/26" },
    ]);
    expect(conditionAnswerProblems({ conditionCode: 'nc1', answer: 'no', commentary: ' ' }, year, '2025/26')).toEqual([
      { path: 'commentary', message: 'Commentary is required when the answer is No' },
    ]);
    expect(conditionAnswerProblems({ conditionCode: 'nc1', answer: 'no', commentary: 'Agreed in July' }, year, '2025/26')).toEqual([]);
    expect(conditionAnswerProblems({ conditionCode: 'nc2', answer: null, commentary: '' }, year, '2025/26')).toEqual([]);
  });

  it('the check fails while one is unanswered or a No lacks commentary, pointing at the first such condition', () => {
    const [unanswered] = nationalConditionChecks([
      condition('nc1', 'yes'),
      condition('nc2', null),
      condition('nc3', 'no'),
      condition('nc4', null),
    ]);
    expect(unanswered).toMatchObject({
      id: 'national_conditions',
      label: 'National conditions answered',
      ok: false,
      detail: 'Not answered: NC2, NC4; No without commentary: NC3',
      conditionCode: 'nc2',
      target: null,
    });
    const [answered] = nationalConditionChecks([condition('nc1', 'yes'), condition('nc2', 'no', 'Sign-off moved to July')]);
    expect(answered).toMatchObject({ ok: true, detail: '' });
    expect(answered && 'conditionCode' in answered).toBe(false);
    expect(isComplete(nationalConditionChecks([condition('nc1', 'yes')]))).toBe(true);
    expect(isComplete(nationalConditionChecks([condition('nc1', null)]))).toBe(false);
  });

  it('a plan checked without its conditions, or a year with none, has no such check', () => {
    expect(nationalConditionChecks(undefined)).toEqual([]);
    expect(nationalConditionChecks([])).toEqual([]);
  });
});
