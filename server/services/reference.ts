// Reference lists per BCF year: checks only the database can make (a sub-type's scheme type exists in its year, a
// code is unique in its list), then the audited write. Admins only (the base procedure says so).
import type { DB } from '../../db/connection';
import { findReferenceItem, listReferenceItems, referenceItemTable } from '../../db/repositories/reference.repository';
import { runBatch, type Actor, type Tx } from '../../db/unit-of-work';
import { NotFoundError, ValidationError, type FieldError } from '../../shared/errors';
import type { ReferenceItem, ReferenceList } from '../../shared/plan-types';
import type { ReferenceCreateInput, ReferenceUpdateInput } from '../../shared/schemas';

export { listReferenceItems };

/** Why an item's parent is wrong: a sub-type needs a scheme type of its own year; no other item has a parent. */
async function parentProblem(
  tx: Tx,
  bcfYear: string,
  list: ReferenceList,
  parentCode: string | null,
  path: string,
): Promise<FieldError | null> {
  if (list !== 'sub_type') {
    return parentCode === null
      ? null
      : { path, message: `Parent code must be empty for a ${list.replace(/_/g, ' ')}, got '${parentCode}'` };
  }
  if (parentCode === null) return { path, message: 'Parent code is required for a sub-type: it is the code of its scheme type' };
  const parent = await tx
    .selectFrom('referenceItem')
    .select('id')
    .where('bcfYear', '=', bcfYear)
    .where('list', '=', 'scheme_type')
    .where('code', '=', parentCode)
    .executeTakeFirst();
  return parent ? null : { path, message: `Parent code '${parentCode}' is not a scheme type of BCF year ${bcfYear}` };
}

async function duplicate(
  tx: Tx,
  item: Pick<ReferenceItem, 'bcfYear' | 'list' | 'code' | 'parentCode'>,
  exceptId?: number,
): Promise<boolean> {
  const rows = await tx
    .selectFrom('referenceItem')
    .select(['id', 'parentCode'])
    .where('bcfYear', '=', item.bcfYear)
    .where('list', '=', item.list)
    .where('code', '=', item.code)
    .execute();
  return rows.some((r) => r.id !== exceptId && (r.parentCode ?? '') === (item.parentCode ?? ''));
}

export async function createReferenceItem(db: DB, actor: Actor, input: ReferenceCreateInput): Promise<ReferenceItem> {
  const { result } = await runBatch(
    db,
    actor,
    { kind: 'edit', label: `Added ${input.bcfYear} reference item ${input.code}`, fundId: null },
    async (writer) => {
      const values = { ...input, parentCode: input.parentCode ?? null, sortOrder: input.sortOrder ?? 0 };
      const errors: FieldError[] = [];
      const parent = await parentProblem(writer.tx, values.bcfYear, values.list, values.parentCode, 'parentCode');
      if (parent) errors.push(parent);
      if (await duplicate(writer.tx, values)) {
        errors.push({
          path: 'code',
          message: `Code '${values.code}' is already in the ${values.bcfYear} ${values.list.replace(/_/g, ' ')} list`,
        });
      }
      if (errors.length) throw new ValidationError(errors);
      return writer.create(referenceItemTable, values);
    },
  );
  return result;
}

export async function updateReferenceItem(db: DB, actor: Actor, input: ReferenceUpdateInput): Promise<ReferenceItem> {
  const { result } = await runBatch(db, actor, { kind: 'edit', label: 'Changed a reference item', fundId: null }, async (writer) => {
    const current = await findReferenceItem(writer.tx, input.id);
    if (!current) throw new NotFoundError(`No reference item with id ${input.id}`);
    if (input.patch.parentCode !== undefined) {
      const problem = await parentProblem(writer.tx, current.bcfYear, current.list, input.patch.parentCode, 'patch.parentCode');
      if (problem) throw new ValidationError([problem]);
      if (await duplicate(writer.tx, { ...current, parentCode: input.patch.parentCode }, current.id)) {
        throw new ValidationError([
          { path: 'patch.parentCode', message: `Scheme type '${input.patch.parentCode}' already has a sub-type '${current.code}'` },
        ]);
      }
    }
    return writer.update(referenceItemTable, input.id, input.version, input.patch);
  });
  return result;
}
