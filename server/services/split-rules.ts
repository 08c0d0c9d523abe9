// Split rules of a partnership (issue 6, item 2): the checks that need the database (an organisation party must be a
// member of the partnership; a rule's name is unique in it), then the audited write. The rules of a split itself are
// shared/split.ts's, applied by the input schema on create and here on the rule as an update would leave it.
import type { DB } from '../../db/connection';
import { findPartnership } from '../../db/repositories/partnership.repository';
import { listSplitRules, splitRuleTable } from '../../db/repositories/split-rule.repository';
import { definedOnly, runBatch, type Actor, type Tx } from '../../db/unit-of-work';
import { NotFoundError, ValidationError, type FieldError } from '../../shared/errors';
import { orgIdOfParty, toFieldErrors, type Party } from '../../shared/split';
import {
  splitRulePartsProblems,
  type SplitRule,
  type SplitRuleCreateInput,
  type SplitRuleParts,
  type SplitRuleUpdateInput,
} from '../../shared/split-schemas';

export function listRules(db: DB, partnershipId: number): Promise<SplitRule[]> {
  return listSplitRules(db, partnershipId);
}

/** Every organisation party of a rule that is not a member of the partnership, at its path from `prefix`. */
export async function nonMemberProblems(
  tx: DB | Tx,
  partnershipId: number,
  parts: Partial<SplitRuleParts>,
  prefix: string,
): Promise<FieldError[]> {
  const partnership = await findPartnership(tx, partnershipId);
  if (!partnership) throw new NotFoundError(`No partnership with id ${partnershipId}`);
  const members = new Set(partnership.memberOrgIds);
  const problems: FieldError[] = [];
  const check = (party: Party, path: string) => {
    const orgId = orgIdOfParty(party);
    if (orgId !== null && !members.has(orgId)) {
      problems.push({
        path: `${prefix}${path}`,
        message: `Party must be a sector code or a member organisation of ${partnership.name}, got '${party}' (not a member)`,
      });
    }
  };
  (parts.fixed ?? []).forEach((part, i) => check(part.party, `fixed.${i}.party`));
  (parts.shares ?? []).forEach((share, i) => check(share.party, `shares.${i}.party`));
  if (parts.remainder !== undefined && parts.remainder !== 'unfunded' && parts.remainder !== 'normalise')
    check(parts.remainder, 'remainder');
  return problems;
}

async function assertNameFree(tx: Tx, partnershipId: number, name: string, path: string, exceptId?: number): Promise<void> {
  const clash = (await listSplitRules(tx, partnershipId)).find((r) => r.name === name && r.id !== exceptId);
  if (clash) {
    throw new ValidationError([{ path, message: `Rule name must be unique in its partnership, got '${name}' (already a rule)` }]);
  }
}

export async function createRule(db: DB, actor: Actor, input: SplitRuleCreateInput): Promise<SplitRule> {
  const { result } = await runBatch(db, actor, { kind: 'edit', label: `Added split rule ${input.name}`, fundId: null }, async (writer) => {
    const problems = await nonMemberProblems(writer.tx, input.partnershipId, input, '');
    if (problems.length > 0) throw new ValidationError(problems);
    await assertNameFree(writer.tx, input.partnershipId, input.name, 'name');
    return writer.create(splitRuleTable, { ...input, fixed: [...input.fixed], shares: [...input.shares] });
  });
  return result;
}

export async function updateRule(db: DB, actor: Actor, input: SplitRuleUpdateInput): Promise<SplitRule> {
  const { result } = await runBatch(db, actor, { kind: 'edit', label: 'Changed a split rule', fundId: null }, async (writer) => {
    // Read through the write path first: another partnership's rule is "not found", exactly as a missing one.
    const current = await writer.read(splitRuleTable, input.id);
    const patch = definedOnly(input.patch);
    const after: SplitRuleParts = { ...current, ...patch };
    // The rule as the update would leave it must be a good rule; problems are named at the patch fields sent.
    const problems = [
      ...toFieldErrors(splitRulePartsProblems(after, ['patch'])),
      ...(await nonMemberProblems(writer.tx, current.partnershipId, patch, 'patch.')),
    ];
    if (problems.length > 0) throw new ValidationError(problems);
    if (patch.name !== undefined) await assertNameFree(writer.tx, current.partnershipId, patch.name, 'patch.name', current.id);
    return writer.update(splitRuleTable, input.id, input.version, {
      ...patch,
      ...(patch.fixed ? { fixed: [...patch.fixed] } : {}),
      ...(patch.shares ? { shares: [...patch.shares] } : {}),
    });
  });
  return result;
}

export async function deleteRule(db: DB, actor: Actor, input: { id: number; version: number }): Promise<{ ok: true }> {
  await runBatch(db, actor, { kind: 'edit', label: 'Deleted a split rule', fundId: null }, (writer) =>
    writer.remove(splitRuleTable, input.id, input.version),
  );
  return { ok: true };
}
