// A fund's answers to the national conditions of its BCF year (issue "The BCF year as it is today", item 3): each
// condition of the year's reference list 'national_condition', answered Yes or No with commentary (required for No).
// An answer is one audited batch (undoable from History like any change); the workbook import writes its answers
// through writeConditionAnswers inside its own batch, so an import stays one save and one undo step.
import { conditionAnswerTable, listConditionAnswers } from '../../db/repositories/bcf-year.repository';
import { listReferenceItems } from '../../db/repositories/reference.repository';
import type { DB } from '../../db/connection';
import { runBatch, type Actor, type BatchWriter, type Tx } from '../../db/unit-of-work';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../shared/errors';
import { conditionAnswerProblems, conditionLabel, type NationalCondition } from '../../shared/national-conditions';
import type { ConditionAnswerInput, ConditionAnswerValue } from '../../shared/schema/bcf-year';

/** The BCF year whose conditions a fund answers. */
export async function bcfYearOfFund(db: DB | Tx, fundId: number): Promise<string> {
  const fund = await db.selectFrom('fund').select('bcfYear').where('id', '=', fundId).executeTakeFirst();
  if (!fund) throw new NotFoundError(`No fund with id ${fundId}`);
  return fund.bcfYear;
}

/** Each national condition of the fund's year, in the year's order, with the fund's answer where there is one. */
export async function listConditions(db: DB | Tx, fundId: number): Promise<NationalCondition[]> {
  const bcfYear = await bcfYearOfFund(db, fundId);
  const items = (await listReferenceItems(db, bcfYear)).filter((item) => item.list === 'national_condition');
  const answers = new Map((await listConditionAnswers(db, fundId)).map((a) => [a.conditionCode, a]));
  return items.map((item) => {
    const answer = answers.get(item.code);
    return {
      code: item.code,
      text: item.name,
      answer: answer?.answer ?? null,
      commentary: answer?.commentary ?? '',
      id: answer?.id ?? null,
      version: answer?.version ?? null,
    };
  });
}

/** One answer to write: `version` is the answer row's as the caller last saw it (absent when they saw none). */
export interface ConditionAnswerWrite {
  conditionCode: string;
  answer: ConditionAnswerValue | null;
  commentary: string;
  version?: number | undefined;
}

/**
 * Check every answer against the fund's year first (a code outside the year, a No without commentary), then write
 * them: nothing is written unless all are good. `pathOf` names where each answer came from (the API's own fields, or
 * a workbook cell). An answer row someone else created since the caller looked is a CONFLICT, never overwritten.
 */
export async function writeConditionAnswers(
  writer: BatchWriter,
  fundId: number,
  writes: readonly ConditionAnswerWrite[],
  pathOf: (index: number, field: string) => string = (_i, field) => field,
): Promise<NationalCondition[]> {
  const bcfYear = await bcfYearOfFund(writer.tx, fundId);
  const conditions = await listConditions(writer.tx, fundId);
  const errors: FieldError[] = writes.flatMap((write, index) =>
    conditionAnswerProblems(write, conditions, bcfYear).map((e) => ({ ...e, path: pathOf(index, e.path) })),
  );
  if (errors.length) throw new ValidationError(errors);
  for (const write of writes) {
    const existing = conditions.find((c) => c.code === write.conditionCode);
    if (existing?.id != null && existing.version != null) {
      if (write.version === undefined) {
        throw new ConflictError(
          `Someone answered ${conditionLabel(write.conditionCode)} since you loaded it; reload to see their answer`,
          existing,
        );
      }
      await writer.update(conditionAnswerTable, existing.id, write.version, { answer: write.answer, commentary: write.commentary });
    } else {
      await writer.create(conditionAnswerTable, {
        fundId,
        conditionCode: write.conditionCode,
        answer: write.answer,
        commentary: write.commentary,
      });
    }
  }
  return listConditions(writer.tx, fundId);
}

/** `conditions.answer`: one condition's answer and commentary, as one audited batch; the condition as it now stands. */
export async function answerCondition(db: DB, actor: Actor, input: ConditionAnswerInput): Promise<NationalCondition> {
  const { result } = await runBatch(
    db,
    actor,
    { kind: 'edit', label: `Answered national condition ${conditionLabel(input.conditionCode)}`, fundId: input.fundId },
    async (writer) => {
      const after = await writeConditionAnswers(writer, input.fundId, [input]);
      const answered = after.find((c) => c.code === input.conditionCode);
      if (!answered) throw new NotFoundError(`No national condition ${input.conditionCode}`);
      return answered;
    },
  );
  return result;
}
