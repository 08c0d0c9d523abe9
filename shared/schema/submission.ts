// Sign-off and returns (issue "Sign-off and returns"): a fund's plan, quarterly returns (Q1 to Q3) and year-end return
// as submissions that go draft -> awaiting signatures -> signed -> approved by the board -> submitted; the people named
// to sign for each organisation or record the Health and Wellbeing Board's approval; a return's answers; and each BCF
// year's deadlines. The rules of the cycle (who must sign, what is locked) are in shared/submission.ts.
import { z } from 'zod';
import { bcfYearSchema, coded, id, oneOf, strict, text, version } from './fields';
import { labelsOf, type Versioned } from './shape';

export const SUBMISSION_KINDS = ['plan', 'q1', 'q2', 'q3', 'year_end'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];
export const SUBMISSION_KIND_LABELS: Record<SubmissionKind, string> = {
  plan: 'Plan',
  q1: 'Q1 return',
  q2: 'Q2 return',
  q3: 'Q3 return',
  year_end: 'Year-end return',
};

export const SUBMISSION_STATUSES = ['draft', 'awaiting_signatures', 'signed', 'approved', 'submitted'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
export const SUBMISSION_STATUS_LABELS: Record<SubmissionStatus, string> = {
  draft: 'Draft',
  awaiting_signatures: 'Awaiting signatures',
  signed: 'Signed',
  approved: 'Approved by the board',
  submitted: 'Submitted',
};

export const CAPACITIES = ['chief_executive', 'section_151', 'hwb_approval'] as const;
export type Capacity = (typeof CAPACITIES)[number];
export const CAPACITY_LABELS: Record<Capacity, string> = {
  chief_executive: 'Chief executive',
  section_151: 'Section 151 officer',
  hwb_approval: 'Health and Wellbeing Board approval',
};

export const DEADLINE_KINDS = ['plan', 's75', 'q1', 'q2', 'q3', 'year_end'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
export const DEADLINE_KIND_LABELS: Record<DeadlineKind, string> = {
  plan: 'Plan',
  s75: 'Section 75 agreement in place',
  q1: 'Q1 return',
  q2: 'Q2 return',
  q3: 'Q3 return',
  year_end: 'Year-end return',
};

/** A calendar day as ISO text (2026-04-14), checked to be a real day. */
export function isoDaySchema(label: string) {
  const message = `${label} must be a date written like 2026-04-14`;
  const shape = /^\d{4}-\d{2}-\d{2}$/;
  return coded(label, shape, 'must be a date written like 2026-04-14').refine((value) => {
    // Text of the wrong shape is already refused by `coded` (with the value); saying it twice helps no one.
    if (!shape.test(value)) return true;
    const d = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
  }, message);
}

// ---- stored rows ----

/** A submission as stored. `figures` is the frozen version's JSON text (null until first sent). */
export interface SubmissionValues {
  fundId: number;
  kind: SubmissionKind;
  status: SubmissionStatus;
  round: number;
  digest: string | null;
  figures: string | null;
  sentAt: string | null;
  sentBy: number | null;
  meetingDate: string | null;
  minuteReference: string | null;
  approvedAt: string | null;
  approvedBy: number | null;
  submittedOn: string | null;
  returnedReason: string | null;
  reopenedReason: string | null;
}
export interface SubmissionRow extends SubmissionValues, Versioned {}

export const SUBMISSION_FIELD_LABELS: Readonly<Record<keyof SubmissionValues, string>> = {
  fundId: 'Fund',
  kind: 'Kind',
  status: 'Status',
  round: 'Version sent',
  digest: 'Digest',
  figures: 'Figures',
  sentAt: 'Sent for sign-off',
  sentBy: 'Sent by',
  meetingDate: 'Board meeting date',
  minuteReference: 'Minute reference',
  approvedAt: 'Approval recorded',
  approvedBy: 'Approval recorded by',
  submittedOn: 'Submitted on',
  returnedReason: 'Reason returned',
  reopenedReason: 'Reason reopened',
};

export interface SignatoryValues {
  userId: number;
  capacity: Capacity;
  /** The organisation signed for (chief executive, section 151 officer); null for a board approval. */
  orgId: number | null;
  /** The partnership whose board's approval is recorded (hwb_approval); null otherwise. */
  partnershipId: number | null;
  jobTitle: string;
}
export interface Signatory extends SignatoryValues, Versioned {}

export const SIGNATORY_FIELD_LABELS: Readonly<Record<keyof SignatoryValues, string>> = {
  userId: 'Person',
  capacity: 'Signs as',
  orgId: 'Organisation',
  partnershipId: 'Partnership',
  jobTitle: 'Job title',
};

export interface SignatureValues {
  fundId: number;
  submissionId: number;
  round: number;
  userId: number;
  capacity: Capacity;
  orgId: number | null;
  signedAt: string;
  digest: string;
  statement: string;
  voidedAt: string | null;
  voidReason: string | null;
}
export interface Signature extends SignatureValues, Versioned {}

export const SIGNATURE_FIELD_LABELS: Readonly<Record<keyof SignatureValues, string>> = {
  fundId: 'Fund',
  submissionId: 'Submission',
  round: 'Version',
  userId: 'Signed by',
  capacity: 'Signed as',
  orgId: 'Organisation',
  signedAt: 'Signed at',
  digest: 'Digest',
  statement: 'Statement',
  voidedAt: 'Voided at',
  voidReason: 'Reason voided',
};

export const RETURN_ITEMS = ['condition', 'metric'] as const;
export type ReturnItem = (typeof RETURN_ITEMS)[number];
/** A condition still met: yes / no. A metric: on track / not on track / data not available (domain.md). */
export const CONDITION_MET = ['yes', 'no'] as const;
export const METRIC_RATINGS = ['on_track', 'not_on_track', 'data_not_available'] as const;
export type MetricRating = (typeof METRIC_RATINGS)[number];
export const METRIC_RATING_LABELS: Record<MetricRating, string> = {
  on_track: 'On track',
  not_on_track: 'Not on track',
  data_not_available: 'Data not available',
};

export interface ReturnAnswerValues {
  fundId: number;
  submissionId: number;
  item: ReturnItem;
  code: string;
  answer: string | null;
  commentary: string;
  challenges: string;
  supportNeeded: string;
  achievements: string;
}
export interface ReturnAnswer extends ReturnAnswerValues, Versioned {}

export const RETURN_ANSWER_FIELD_LABELS: Readonly<Record<keyof ReturnAnswerValues, string>> = {
  fundId: 'Fund',
  submissionId: 'Submission',
  item: 'Item',
  code: 'Code',
  answer: 'Answer',
  commentary: 'Commentary',
  challenges: 'Challenges',
  supportNeeded: 'Support needed',
  achievements: 'Achievements',
};

const deadlineFields = {
  bcfYear: bcfYearSchema,
  kind: oneOf('Deadline', DEADLINE_KINDS),
  dueOn: isoDaySchema('Due on'),
  note: text('Note', 0, 1000),
};
export const DEADLINE_FIELD_LABELS = labelsOf(deadlineFields);
export interface DeadlineValues {
  bcfYear: string;
  kind: DeadlineKind;
  dueOn: string;
  note: string;
}
export interface Deadline extends DeadlineValues, Versioned {}

// ---- inputs ----

const fundKind = { fundId: id('Fund'), kind: oneOf('Submission', SUBMISSION_KINDS) };
const reason = (label: string) => text(label, 1, 2000);
/** The digest of the version the caller opened (64 hexadecimal characters, SHA-256). */
const digest = coded('Digest', /^[0-9a-f]{64}$/, 'must be the 64-character digest of the version you opened');

export const submissionRefInput = strict(fundKind, 'Submission');
export type SubmissionRefInput = z.infer<typeof submissionRefInput>;

/** Send for sign-off (the first time, or a new version after figures changed): freezes the figures. `version` is the
 * submission's as last seen; absent when no submission exists yet. */
export const submissionSendInput = strict({ ...fundKind, version: version.optional() }, 'Send for sign-off');
export type SubmissionSendInput = z.infer<typeof submissionSendInput>;

export const submissionSignInput = strict(
  {
    ...fundKind,
    digest,
    capacity: oneOf('Signs as', ['chief_executive', 'section_151'] as const),
    orgId: id('Organisation'),
  },
  'Signature',
);
export type SubmissionSignInput = z.infer<typeof submissionSignInput>;

export const submissionApproveInput = strict(
  { ...fundKind, digest, meetingDate: isoDaySchema('Board meeting date'), minuteReference: text('Minute reference', 1, 200) },
  'Board approval',
);
export type SubmissionApproveInput = z.infer<typeof submissionApproveInput>;

export const submissionSubmitInput = strict({ ...fundKind, version, submittedOn: isoDaySchema('Submitted on') }, 'Submission');
export type SubmissionSubmitInput = z.infer<typeof submissionSubmitInput>;

export const submissionReturnInput = strict({ ...fundKind, version, reason: reason('Reason returned') }, 'Return for changes');
export type SubmissionReturnInput = z.infer<typeof submissionReturnInput>;

export const submissionReopenInput = strict({ ...fundKind, version, reason: reason('Reason reopened') }, 'Reopen');
export type SubmissionReopenInput = z.infer<typeof submissionReopenInput>;

/** A return's answer: a condition still met (yes/no) or a metric's rating, with its narrative. */
export const returnAnswerInput = strict(
  {
    fundId: id('Fund'),
    kind: oneOf('Return', ['q1', 'q2', 'q3', 'year_end'] as const),
    item: oneOf('Item', RETURN_ITEMS),
    code: text('Code', 1, 100),
    answer: text('Answer', 1, 40).nullable(),
    commentary: text('Commentary', 0, 4000).optional(),
    challenges: text('Challenges', 0, 4000).optional(),
    supportNeeded: text('Support needed', 0, 4000).optional(),
    achievements: text('Achievements', 0, 4000).optional(),
    version: version.optional(),
  },
  'Return answer',
);
export type ReturnAnswerInput = z.infer<typeof returnAnswerInput>;

export const signatoryCreateInput = strict(
  {
    userId: id('Person'),
    capacity: oneOf('Signs as', CAPACITIES),
    orgId: id('Organisation').optional(),
    partnershipId: id('Partnership').optional(),
    jobTitle: text('Job title', 0, 200).optional(),
  },
  'Signatory',
);
export type SignatoryCreateInput = z.infer<typeof signatoryCreateInput>;

export const deadlineSetInput = strict(
  { bcfYear: deadlineFields.bcfYear, kind: deadlineFields.kind, dueOn: deadlineFields.dueOn, note: deadlineFields.note.optional() },
  'Deadline',
);
export type DeadlineSetInput = z.infer<typeof deadlineSetInput>;

// ---- what the API returns ----

/** One signature a submission needs: who may give it, and the signature when given in the current round. */
export interface RequiredSignature {
  capacity: Capacity;
  orgId: number | null;
  /** "Chief executive of NHS Northbridge and Vale ICB". */
  label: string;
  /** The people named for it (empty: nobody is named yet, which an administrator must fix). */
  signatories: { userId: number; name: string; jobTitle: string }[];
  signed: { userId: number; name: string; signedAt: string; statement: string } | null;
}

/** A lock on a fund's figures from a submission approved or submitted. */
export interface FundLock {
  kind: SubmissionKind;
  /** What is locked: 'plan' locks planned figures, schemes, conditions and plan settings; a quarter its actuals. */
  covers: { plan: boolean; actualQuarters: number[] };
  /** "Locked by the 2025/26 plan, approved by the board on 14 Apr 2026: an administrator can reopen it." */
  reason: string;
}

/** A submission as a page shows it (a kind never started reads as a draft with id null). */
export interface Submission {
  id: number | null;
  version: number | null;
  fundId: number;
  kind: SubmissionKind;
  status: SubmissionStatus;
  round: number;
  digest: string | null;
  /** The digest of the figures as they are now; differs from `digest` when they changed since it was sent. */
  liveDigest: string;
  changedSinceSent: boolean;
  sentAt: string | null;
  sentByName: string | null;
  meetingDate: string | null;
  minuteReference: string | null;
  approvedAt: string | null;
  approvedByName: string | null;
  submittedOn: string | null;
  returnedReason: string | null;
  reopenedReason: string | null;
  /** The statement a signatory signs. */
  statement: string;
  signatures: RequiredSignature[];
  /** Who is still to sign, in words ("Chief executive of NHS Westmoor ICB"). */
  missing: string[];
  /** The board's approval: who may record it. */
  approvers: { userId: number; name: string }[];
  /** Signatures voided by a re-send or a reopening, newest first. */
  voided: { name: string; label: string; signedAt: string; voidedAt: string; voidReason: string }[];
  deadline: { dueOn: string; daysLeft: number } | null;
}
