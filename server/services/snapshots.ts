// Snapshots of a fund's plan (issue "The BCF plan", item 6): freeze the schemes with their spend under a name, list
// them, compare any two versions line by line (keyed by scheme ID), and restore one as a single audited batch.
import type { DB } from '../../db/connection';
import { findFund } from '../../db/repositories/fund.repository';
import { compareSchemeCodes, listSchemes, planLineOf, schemeTable } from '../../db/repositories/scheme.repository';
import { findSnapshot, listSnapshots, snapshotData, snapshotTable } from '../../db/repositories/snapshot.repository';
import { runBatch, type Actor } from '../../db/unit-of-work';
import { NotFoundError } from '../../shared/errors';
import type { PlanComparison, PlanLine, PlanSnapshot, Scheme } from '../../shared/plan-types';
import type { SnapshotCompareInput } from '../../shared/schemas';
import { assertPartnershipVisible } from '../policy';
import { plannedOf } from './schemes';

export async function createSnapshot(db: DB, actor: Actor, input: { fundId: number; name: string }): Promise<PlanSnapshot> {
  const { result } = await runBatch(
    db,
    actor,
    { kind: 'edit', label: `Saved snapshot '${input.name}'`, fundId: input.fundId },
    async (writer) => {
      const lines = (await listSchemes(writer.tx, input.fundId)).map(planLineOf);
      return writer.create(snapshotTable, { fundId: input.fundId, name: input.name, data: JSON.stringify({ format: 1, lines }) });
    },
  );
  const listed = (await listSnapshots(db, input.fundId)).find((s) => s.id === result.id);
  if (!listed) throw new Error(`snapshot ${result.id} was not saved`);
  return listed;
}

export { listSnapshots };

/** The lines of one version of a fund's plan: a snapshot of that fund, or the plan as it is now. */
async function versionOf(db: DB, fundId: number, which: number | 'current', field: string) {
  if (which === 'current') return { id: which, name: 'Current plan', lines: (await listSchemes(db, fundId)).map(planLineOf) };
  const snapshot = await findSnapshot(db, which);
  if (!snapshot || snapshot.fundId !== fundId) throw new NotFoundError(`${field}: no snapshot with id ${which} in fund ${fundId}`);
  return { id: which, name: snapshot.name, lines: snapshotData(snapshot).lines };
}

/** Added, removed and changed lines between versions a and b, by scheme ID; every £ delta is b - a. */
export function comparePlans(
  aLines: PlanLine[],
  bLines: PlanLine[],
): Pick<PlanComparison, 'added' | 'removed' | 'changed' | 'aPlannedPence' | 'bPlannedPence' | 'deltaPence'> {
  const aByCode = new Map(aLines.map((l) => [l.code, l]));
  const bByCode = new Map(bLines.map((l) => [l.code, l]));
  const byCode = <T extends { code: string }>(list: T[]) => list.sort((x, y) => compareSchemeCodes(x.code, y.code));
  const added = byCode(
    bLines
      .filter((l) => !aByCode.has(l.code))
      .map((l) => ({ code: l.code, name: l.name, plannedPence: plannedOf(l), deltaPence: plannedOf(l) })),
  );
  const removed = byCode(
    aLines
      .filter((l) => !bByCode.has(l.code))
      .map((l) => ({ code: l.code, name: l.name, plannedPence: plannedOf(l), deltaPence: -plannedOf(l) })),
  );
  const changed: PlanComparison['changed'] = [];
  for (const b of bLines) {
    const a = aByCode.get(b.code);
    if (!a) continue;
    const fields: Record<string, { old: unknown; new: unknown }> = {};
    for (const key of Object.keys(b) as (keyof PlanLine)[]) {
      if (a[key] !== b[key]) fields[key] = { old: a[key] ?? null, new: b[key] ?? null };
    }
    if (Object.keys(fields).length) changed.push({ code: b.code, name: b.name, fields, deltaPence: plannedOf(b) - plannedOf(a) });
  }
  const total = (lines: PlanLine[]) => lines.reduce((sum, l) => sum + plannedOf(l), 0);
  const aPlannedPence = total(aLines);
  const bPlannedPence = total(bLines);
  return { added, removed, changed: byCode(changed), aPlannedPence, bPlannedPence, deltaPence: bPlannedPence - aPlannedPence };
}

export async function compareSnapshots(db: DB, input: SnapshotCompareInput): Promise<PlanComparison> {
  const a = await versionOf(db, input.fundId, input.a, 'a');
  const b = await versionOf(db, input.fundId, input.b, 'b');
  return { a: { id: a.id, name: a.name }, b: { id: b.id, name: b.name }, ...comparePlans(a.lines, b.lines) };
}

/**
 * Make the fund's plan equal to a snapshot: schemes whose ID is not in it are deleted, the others are set to its
 * values, and its schemes missing now are added back. A deliberate overwrite, so it never conflicts with edits made
 * since (it reads each row's current version inside its transaction), but it is one audited batch that undo reverses.
 */
export async function restoreSnapshot(
  db: DB,
  actor: Actor,
  partnershipIds: ReadonlySet<number>,
  snapshotId: number,
): Promise<{ batchId: string; schemes: Scheme[] }> {
  const snapshot = await findSnapshot(db, snapshotId);
  if (!snapshot) throw new NotFoundError(`No snapshot with id ${snapshotId}`);
  const fund = await findFund(db, snapshot.fundId);
  if (!fund) throw new NotFoundError(`No fund with id ${snapshot.fundId}`);
  assertPartnershipVisible(partnershipIds, fund.partnershipId);
  const { lines } = snapshotData(snapshot);
  const { batchId } = await runBatch(
    db,
    actor,
    { kind: 'batch', label: `Restored snapshot '${snapshot.name}'`, fundId: fund.id },
    async (writer) => {
      const current = await listSchemes(writer.tx, fund.id);
      const wanted = new Map(lines.map((l) => [l.code, l]));
      const kept = new Set<string>();
      for (const scheme of current) {
        if (!wanted.has(scheme.code)) await writer.remove(schemeTable, scheme.id, scheme.version);
      }
      for (const scheme of current) {
        const line = wanted.get(scheme.code);
        if (!line) continue;
        kept.add(scheme.code);
        await writer.update(schemeTable, scheme.id, scheme.version, line);
      }
      for (const line of lines) {
        if (!kept.has(line.code)) await writer.create(schemeTable, { ...line, fundId: fund.id });
      }
    },
  );
  return { batchId, schemes: await listSchemes(db, fund.id) };
}
