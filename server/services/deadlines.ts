// The deadlines of each BCF year (issue "Sign-off and returns", item 5): the plan, the section 75 agreement in place,
// each quarterly return and the year end, set by administrators per year. Setting one that exists changes it.
import type { z } from 'zod';
import { findBcfYear } from '../../db/repositories/bcf-year.repository';
import { deadlineTable, findDeadline, listDeadlines } from '../../db/repositories/submission.repository';
import type { DB } from '../../db/connection';
import { runBatch, type Actor } from '../../db/unit-of-work';
import { NotFoundError, ValidationError } from '../../shared/errors';
import { DEADLINE_KIND_LABELS, DEADLINE_KINDS, type Deadline, type DeadlineSetInput } from '../../shared/schema/submission';
import type { deleteInput } from '../../shared/schema/shape';

type DeleteInput = z.infer<typeof deleteInput>;

/** A year's deadlines (or every year's), in the order of the year. */
export async function listYearDeadlines(db: DB, bcfYear?: string): Promise<Deadline[]> {
  const rows = await listDeadlines(db, bcfYear === undefined ? {} : { bcfYear });
  return rows.sort((a, b) => a.bcfYear.localeCompare(b.bcfYear) || DEADLINE_KINDS.indexOf(a.kind) - DEADLINE_KINDS.indexOf(b.kind));
}

export async function setDeadline(db: DB, actor: Actor, input: DeadlineSetInput): Promise<Deadline> {
  const { result } = await runBatch(
    db,
    actor,
    { kind: 'edit', label: `Set the ${input.bcfYear} deadline: ${DEADLINE_KIND_LABELS[input.kind]}`, fundId: null },
    async (writer) => {
      if (!(await findBcfYear(writer.tx, input.bcfYear))) {
        throw new ValidationError([{ path: 'bcfYear', message: `BCF year must be a year in the tool, got "${input.bcfYear}"` }]);
      }
      const [existing] = await listDeadlines(writer.tx, { bcfYear: input.bcfYear, kind: input.kind });
      const values = { dueOn: input.dueOn, ...(input.note !== undefined ? { note: input.note } : {}) };
      if (existing) return writer.update(deadlineTable, existing.id, existing.version, values);
      return writer.create(deadlineTable, { bcfYear: input.bcfYear, kind: input.kind, note: '', ...values });
    },
  );
  return result;
}

export async function removeDeadline(db: DB, actor: Actor, input: DeleteInput): Promise<{ id: number }> {
  await runBatch(db, actor, { kind: 'edit', label: 'Removed a deadline', fundId: null }, async (writer) => {
    if (!(await findDeadline(writer.tx, input.id))) throw new NotFoundError(`No deadline with id ${input.id}`);
    await writer.remove(deadlineTable, input.id, input.version);
  });
  return { id: input.id };
}
