// A submission as people see it (issue "Sign-off and returns"): its row (a kind never started reads as a draft), who
// must sign and who has, the digest of the figures now beside the one sent, its deadline; the partnership's status
// board; a fund's locks. The steps that change a submission are in ./submissions.ts.
import { listFunds } from '../../db/repositories/fund.repository';
import { findPartnership } from '../../db/repositories/partnership.repository';
import { findSubmissionOf, fundLocks, listDeadlines, listSignatories, listSignatures } from '../../db/repositories/submission.repository';
import type { DB } from '../../db/connection';
import type { Tx } from '../../db/unit-of-work';
import { NotFoundError } from '../../shared/errors';
import {
  SUBMISSION_KINDS,
  type FundLock,
  type RequiredSignature,
  type Submission,
  type SubmissionKind,
  type SubmissionRefInput,
} from '../../shared/schema/submission';
import { daysBetween, requiredSlots, signingStatement, slotLabel } from '../../shared/submission';
import { today } from '../clock';
import { digestOf, submissionDocument } from './submission-figures';

export interface FundFacts {
  id: number;
  name: string;
  bcfYear: string;
  partnershipId: number;
  hostOrgId: number | null;
  /** The organisations paying into the fund (a contribution row), whose chief executives sign its plan. */
  partnerOrgIds: number[];
}

export async function fundFacts(db: DB | Tx, fundId: number): Promise<FundFacts> {
  const fund = await db.selectFrom('fund').select(['id', 'name', 'bcfYear', 'partnershipId']).where('id', '=', fundId).executeTakeFirst();
  if (!fund) throw new NotFoundError(`No fund with id ${fundId}`);
  const partnership = await findPartnership(db, fund.partnershipId);
  const partners = await db.selectFrom('contribution').select('orgId').distinct().where('fundId', '=', fundId).execute();
  return { ...fund, hostOrgId: partnership?.hostOrgId ?? null, partnerOrgIds: partners.map((p) => p.orgId) };
}

export async function namesOf(db: DB | Tx, table: 'appUser' | 'organisation', ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom(table)
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A submission as a page shows it: its row (a kind never started reads as a draft), who must sign and who has, the
 * digest of the figures now, and its deadline. */
export async function getSubmission(db: DB | Tx, input: SubmissionRefInput): Promise<Submission> {
  const { fundId, kind } = input;
  const fund = await fundFacts(db, fundId);
  const row = await findSubmissionOf(db, fundId, kind);
  const liveDigest = digestOf(await submissionDocument(db, fundId, kind));
  const signatories = await listSignatories(db);
  const signatures = row ? await listSignatures(db, { submissionId: row.id }) : [];
  const current = signatures.filter((s) => row && s.round === row.round && s.voidedAt === null);
  const slots = requiredSlots(kind, fund.partnerOrgIds, fund.hostOrgId);
  const approverRows = signatories.filter((s) => s.capacity === 'hwb_approval' && s.partnershipId === fund.partnershipId);
  const people = await namesOf(db, 'appUser', [
    ...signatories.map((s) => s.userId),
    ...signatures.map((s) => s.userId),
    ...(row?.sentBy ? [row.sentBy] : []),
    ...(row?.approvedBy ? [row.approvedBy] : []),
  ]);
  const orgs = await namesOf(db, 'organisation', [...slots.map((s) => s.orgId ?? 0), ...signatures.map((s) => s.orgId ?? 0)]);
  const required: RequiredSignature[] = slots.map((slot) => {
    const signed = current.find((s) => s.capacity === slot.capacity && s.orgId === slot.orgId);
    return {
      capacity: slot.capacity,
      orgId: slot.orgId,
      label: slotLabel(slot.capacity, slot.orgId === null ? null : (orgs.get(slot.orgId) ?? null)),
      signatories: signatories
        .filter((s) => s.capacity === slot.capacity && s.orgId === slot.orgId)
        .map((s) => ({ userId: s.userId, name: people.get(s.userId) ?? `user ${s.userId}`, jobTitle: s.jobTitle })),
      signed: signed
        ? { userId: signed.userId, name: people.get(signed.userId) ?? '', signedAt: signed.signedAt, statement: signed.statement }
        : null,
    };
  });
  const deadline = await deadlineOf(db, fund.bcfYear, kind);
  const digest = row?.digest ?? null;
  return {
    id: row?.id ?? null,
    version: row?.version ?? null,
    fundId,
    kind,
    status: row?.status ?? 'draft',
    round: row?.round ?? 0,
    digest,
    liveDigest,
    changedSinceSent: digest !== null && digest !== liveDigest,
    sentAt: row?.sentAt ?? null,
    sentByName: row?.sentBy ? (people.get(row.sentBy) ?? null) : null,
    meetingDate: row?.meetingDate ?? null,
    minuteReference: row?.minuteReference ?? null,
    approvedAt: row?.approvedAt ?? null,
    approvedByName: row?.approvedBy ? (people.get(row.approvedBy) ?? null) : null,
    submittedOn: row?.submittedOn ?? null,
    returnedReason: row?.returnedReason ?? null,
    reopenedReason: row?.reopenedReason ?? null,
    statement: signingStatement(kind, fund.name, fund.bcfYear, row?.round ?? 0, digest ?? liveDigest),
    signatures: required,
    missing: required.filter((r) => !r.signed).map((r) => r.label),
    approvers: approverRows.map((s) => ({ userId: s.userId, name: people.get(s.userId) ?? `user ${s.userId}` })),
    voided: signatures
      .filter((s) => s.voidedAt !== null)
      .sort((a, b) => (a.voidedAt! < b.voidedAt! ? 1 : -1))
      .map((s) => ({
        name: people.get(s.userId) ?? '',
        label: slotLabel(s.capacity, s.orgId === null ? null : (orgs.get(s.orgId) ?? null)),
        signedAt: s.signedAt,
        voidedAt: s.voidedAt!,
        voidReason: s.voidReason ?? '',
      })),
    deadline: deadline ? { dueOn: deadline, daysLeft: daysBetween(today(), deadline) } : null,
  };
}

async function deadlineOf(db: DB | Tx, bcfYear: string, kind: SubmissionKind): Promise<string | null> {
  const [deadline] = await listDeadlines(db, { bcfYear, kind });
  return deadline?.dueOn ?? null;
}

/** The status board of a partnership: every fund's plan and returns. */
export async function listSubmissionBoard(
  db: DB,
  partnershipId: number,
): Promise<{ fundId: number; fundName: string; bcfYear: string; submissions: Submission[] }[]> {
  const board = [];
  for (const fund of await listFunds(db, partnershipId)) {
    const submissions: Submission[] = [];
    for (const kind of SUBMISSION_KINDS) submissions.push(await getSubmission(db, { fundId: fund.id, kind }));
    board.push({ fundId: fund.id, fundName: fund.name, bcfYear: fund.bcfYear, submissions });
  }
  return board;
}

/** The locks on a fund's figures, for the grids to show locked cells read-only with the reason. */
export function listFundLocks(db: DB, fundId: number): Promise<FundLock[]> {
  return fundLocks(db, fundId);
}
