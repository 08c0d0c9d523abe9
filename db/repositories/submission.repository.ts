// Reads and writes of sign-off and returns: a fund's submissions, the people named to sign, their signatures, a
// return's answers and each BCF year's deadlines. Each is a plain audited table; the cycle's rules are in
// server/services/submissions.ts and shared/submission.ts.
import { locksOf } from '../../shared/submission';
import {
  DEADLINE_FIELD_LABELS,
  RETURN_ANSWER_FIELD_LABELS,
  SIGNATORY_FIELD_LABELS,
  SIGNATURE_FIELD_LABELS,
  SUBMISSION_FIELD_LABELS,
  SUBMISSION_KIND_LABELS,
  CAPACITY_LABELS,
  type Deadline,
  type DeadlineValues,
  type FundLock,
  type ReturnAnswer,
  type ReturnAnswerValues,
  type Signatory,
  type SignatoryValues,
  type Signature,
  type SignatureValues,
  type SubmissionKind,
  type SubmissionRow,
  type SubmissionValues,
} from '../../shared/schema/submission';
import type { DB } from '../connection';
import type { Tx } from '../unit-of-work';
import { findIn, listIn, simpleAuditedTable } from './simple-table';

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

const toSubmission = (r: Record<string, unknown>): SubmissionRow => ({
  id: Number(r.id),
  fundId: Number(r.fundId),
  kind: r.kind as SubmissionRow['kind'],
  status: r.status as SubmissionRow['status'],
  round: Number(r.round),
  digest: str(r.digest),
  figures: str(r.figures),
  sentAt: str(r.sentAt),
  sentBy: num(r.sentBy),
  meetingDate: str(r.meetingDate),
  minuteReference: str(r.minuteReference),
  approvedAt: str(r.approvedAt),
  approvedBy: num(r.approvedBy),
  submittedOn: str(r.submittedOn),
  returnedReason: str(r.returnedReason),
  reopenedReason: str(r.reopenedReason),
  version: Number(r.version),
});

const toSignatory = (r: Record<string, unknown>): Signatory => ({
  id: Number(r.id),
  userId: Number(r.userId),
  capacity: r.capacity as Signatory['capacity'],
  orgId: num(r.orgId),
  partnershipId: num(r.partnershipId),
  jobTitle: String(r.jobTitle ?? ''),
  version: Number(r.version),
});

const toSignature = (r: Record<string, unknown>): Signature => ({
  id: Number(r.id),
  fundId: Number(r.fundId),
  submissionId: Number(r.submissionId),
  round: Number(r.round),
  userId: Number(r.userId),
  capacity: r.capacity as Signature['capacity'],
  orgId: num(r.orgId),
  signedAt: String(r.signedAt),
  digest: String(r.digest),
  statement: String(r.statement),
  voidedAt: str(r.voidedAt),
  voidReason: str(r.voidReason),
  version: Number(r.version),
});

const toReturnAnswer = (r: Record<string, unknown>): ReturnAnswer => ({
  id: Number(r.id),
  fundId: Number(r.fundId),
  submissionId: Number(r.submissionId),
  item: r.item as ReturnAnswer['item'],
  code: String(r.code),
  answer: str(r.answer),
  commentary: String(r.commentary ?? ''),
  challenges: String(r.challenges ?? ''),
  supportNeeded: String(r.supportNeeded ?? ''),
  achievements: String(r.achievements ?? ''),
  version: Number(r.version),
});

const toDeadline = (r: Record<string, unknown>): Deadline => ({
  id: Number(r.id),
  bcfYear: String(r.bcfYear),
  kind: r.kind as Deadline['kind'],
  dueOn: String(r.dueOn),
  note: String(r.note ?? ''),
  version: Number(r.version),
});

const submissionSpec = { table: 'submission', toRow: toSubmission };
const signatorySpec = { table: 'signatory', toRow: toSignatory };
const signatureSpec = { table: 'signature', toRow: toSignature };
const returnAnswerSpec = { table: 'returnAnswer', toRow: toReturnAnswer };
const deadlineSpec = { table: 'bcfDeadline', toRow: toDeadline };

export const findSubmission = findIn(submissionSpec);
export const findSignatory = findIn(signatorySpec);
export const findSignature = findIn(signatureSpec);
export const findReturnAnswer = findIn(returnAnswerSpec);
export const findDeadline = findIn(deadlineSpec);

export const listSignatories = listIn(signatorySpec);
export const listSignatures = listIn(signatureSpec);
export const listReturnAnswers = listIn(returnAnswerSpec);
export const listDeadlines = listIn(deadlineSpec);

/** A fund's submissions, in the order of SUBMISSION_KINDS. */
export async function listSubmissions(db: DB | Tx, fundId: number): Promise<SubmissionRow[]> {
  const rows = await db.selectFrom('submission').selectAll().where('fundId', '=', fundId).execute();
  const order = ['plan', 'q1', 'q2', 'q3', 'year_end'];
  return rows
    .map((r) => toSubmission(r as unknown as Record<string, unknown>))
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}

export async function findSubmissionOf(db: DB | Tx, fundId: number, kind: SubmissionKind): Promise<SubmissionRow | undefined> {
  const row = await db.selectFrom('submission').selectAll().where('fundId', '=', fundId).where('kind', '=', kind).executeTakeFirst();
  return row ? toSubmission(row as unknown as Record<string, unknown>) : undefined;
}

/** The locks on a fund's figures: one per submission approved or submitted (shared/submission.ts locksOf). */
export async function fundLocks(db: DB | Tx, fundId: number): Promise<FundLock[]> {
  const locking = await db
    .selectFrom('submission')
    .innerJoin('fund', 'fund.id', 'submission.fundId')
    .select(['submission.kind', 'submission.status', 'submission.approvedAt', 'submission.submittedOn', 'fund.bcfYear'])
    .where('submission.fundId', '=', fundId)
    .where('submission.status', 'in', ['approved', 'submitted'])
    .execute();
  if (locking.length === 0) return [];
  return locksOf(locking, locking[0]!.bcfYear);
}

export const submissionTable = simpleAuditedTable<SubmissionRow, SubmissionValues>({
  ...submissionSpec,
  entity: 'submission',
  noun: 'submission',
  fields: [
    'fundId',
    'kind',
    'status',
    'round',
    'digest',
    'figures',
    'sentAt',
    'sentBy',
    'meetingDate',
    'minuteReference',
    'approvedAt',
    'approvedBy',
    'submittedOn',
    'returnedReason',
    'reopenedReason',
  ],
  fieldLabels: SUBMISSION_FIELD_LABELS,
  fundIdOf: (row) => row.fundId,
  describe: async (_tx, row) => `the ${SUBMISSION_KIND_LABELS[row.kind].toLowerCase()}`,
});

export const signatoryTable = simpleAuditedTable<Signatory, SignatoryValues>({
  ...signatorySpec,
  entity: 'signatory',
  noun: 'signatory',
  fields: ['userId', 'capacity', 'orgId', 'partnershipId', 'jobTitle'],
  fieldLabels: SIGNATORY_FIELD_LABELS,
  fundIdOf: () => null,
  describe: async (_tx, row) => `the signatory (${CAPACITY_LABELS[row.capacity].toLowerCase()})`,
});

export const signatureTable = simpleAuditedTable<Signature, SignatureValues>({
  ...signatureSpec,
  entity: 'signature',
  noun: 'signature',
  fields: ['fundId', 'submissionId', 'round', 'userId', 'capacity', 'orgId', 'signedAt', 'digest', 'statement', 'voidedAt', 'voidReason'],
  fieldLabels: SIGNATURE_FIELD_LABELS,
  fundIdOf: (row) => row.fundId,
  describe: async (_tx, row) => `the signature (${CAPACITY_LABELS[row.capacity].toLowerCase()})`,
});

export const returnAnswerTable = simpleAuditedTable<ReturnAnswer, ReturnAnswerValues>({
  ...returnAnswerSpec,
  entity: 'return_answer',
  noun: 'return answer',
  fields: ['fundId', 'submissionId', 'item', 'code', 'answer', 'commentary', 'challenges', 'supportNeeded', 'achievements'],
  fieldLabels: RETURN_ANSWER_FIELD_LABELS,
  fundIdOf: (row) => row.fundId,
  describe: async (_tx, row) => `the return's answer for ${row.item} ${row.code}`,
});

export const deadlineTable = simpleAuditedTable<Deadline, DeadlineValues>({
  ...deadlineSpec,
  entity: 'bcf_deadline',
  noun: 'deadline',
  fields: ['bcfYear', 'kind', 'dueOn', 'note'],
  fieldLabels: DEADLINE_FIELD_LABELS,
  fundIdOf: () => null,
  describe: async (_tx, row) => `the ${row.bcfYear} ${row.kind.replace('_', ' ')} deadline`,
});
