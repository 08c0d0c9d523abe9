// The sign-off cycle (issue "Sign-off and returns"): a fund's plan or return goes draft -> awaiting signatures (sent:
// its figures frozen as a version with a digest) -> signed (every required signature given, each on that digest) ->
// approved (the Health and Wellbeing Board's approval recorded by its named person) -> submitted (with its date). It
// can be returned for changes (a reason; back to draft, signatures void) before it is submitted, and an administrator
// can reopen it after approval (a reason; back to draft, signatures void, locks lifted). Every step is one audited
// batch. What an approved or submitted submission locks is refused by the write path (db/unit-of-work/write-rules.ts).
// How a submission reads (who must sign, the status board) is ./submission-view.ts.
import {
  findSubmissionOf,
  listReturnAnswers,
  listSignatories,
  listSignatures,
  returnAnswerTable,
  signatureTable,
  submissionTable,
} from '../../db/repositories/submission.repository';
import type { DB } from '../../db/connection';
import { runBatch, type Actor, type BatchWriter, type Tx } from '../../db/unit-of-work';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors';
import {
  SUBMISSION_STATUS_LABELS,
  type ReturnAnswer,
  type ReturnAnswerInput,
  type Submission,
  type SubmissionApproveInput,
  type SubmissionKind,
  type SubmissionRefInput,
  type SubmissionReopenInput,
  type SubmissionReturnInput,
  type SubmissionRow,
  type SubmissionSendInput,
  type SubmissionSignInput,
  type SubmissionStatus,
  type SubmissionSubmitInput,
} from '../../shared/schema/submission';
import { inSentence, kindInSentence, requiredSlots, signingStatement, slotLabel } from '../../shared/submission';
import { now } from '../clock';
import { returnAnswerProblems } from './returns';
import { digestOf, submissionDocument, type SubmissionDocument } from './submission-figures';
import { tellSignatories } from './signature-requests';
import { fundFacts, getSubmission, namesOf } from './submission-view';

/** A label inside a sentence: only its first letter lowered, and not in "Q2": organisations' names keep their case. */
const label = kindInSentence;

function refuseStatus(row: SubmissionRow | undefined, allowed: readonly SubmissionStatus[], action: string): void {
  const status = row?.status ?? 'draft';
  if (!allowed.includes(status)) {
    throw new ValidationError([
      {
        path: 'kind',
        message: `Cannot ${action}: the ${label(row?.kind ?? 'plan')} is ${SUBMISSION_STATUS_LABELS[status].toLowerCase()}; it must be ${allowed
          .map((s) => SUBMISSION_STATUS_LABELS[s].toLowerCase())
          .join(' or ')}`,
      },
    ]);
  }
}

function checkVersion(row: SubmissionRow | undefined, version: number | undefined, fresh: () => Promise<Submission>): Promise<void> {
  if ((row?.version ?? undefined) === version) return Promise.resolve();
  return fresh().then((current) => {
    throw new ConflictError(`Someone changed the ${label(current.kind)} since you opened it; reload to see it`, current);
  });
}

/** Void every signature of a submission still standing, with a reason. */
async function voidSignatures(writer: BatchWriter, submissionId: number, reason: string): Promise<void> {
  for (const s of await listSignatures(writer.tx, { submissionId })) {
    if (s.voidedAt === null) await writer.update(signatureTable, s.id, s.version, { voidedAt: now().toISOString(), voidReason: reason });
  }
}

async function step(
  db: DB,
  actor: Actor,
  ref: SubmissionRefInput,
  what: string,
  work: (writer: BatchWriter) => Promise<void>,
): Promise<Submission> {
  // A step of sign-off is its own kind of batch, so it never sits on the person's undo stack over their figures.
  await runBatch(db, actor, { kind: 'sign_off', label: `${what} (${label(ref.kind)})`, fundId: ref.fundId }, work);
  return getSubmission(db, ref);
}

/**
 * Send for sign-off: freeze the figures as a version (round + 1) with their digest. From a draft; or again while
 * awaiting signatures or signed when the figures changed since, which voids the signatures given to the old version.
 */
export async function sendForSignOff(db: DB, actor: Actor, input: SubmissionSendInput): Promise<Submission> {
  const ref = { fundId: input.fundId, kind: input.kind };
  return step(db, actor, ref, 'Sent for sign-off', async (writer) => {
    const row = await findSubmissionOf(writer.tx, input.fundId, input.kind);
    await checkVersion(row, input.version, () => getSubmission(writer.tx, ref));
    const document: SubmissionDocument = await submissionDocument(writer.tx, input.fundId, input.kind);
    const digest = digestOf(document);
    if (row && row.status !== 'draft') {
      refuseStatus(row, ['awaiting_signatures', 'signed'], 'send a new version');
      if (row.digest === digest) {
        throw new ValidationError([
          { path: 'kind', message: `The figures have not changed since version ${row.round} was sent: there is nothing new to sign` },
        ]);
      }
      await voidSignatures(writer, row.id, `The figures changed: version ${row.round + 1} was sent for sign-off`);
    }
    const values = {
      status: 'awaiting_signatures' as const,
      round: (row?.round ?? 0) + 1,
      digest,
      figures: JSON.stringify(document),
      sentAt: now().toISOString(),
      sentBy: actor.userId,
    };
    if (row) await writer.update(submissionTable, row.id, row.version, values);
    else {
      await writer.create(submissionTable, {
        fundId: input.fundId,
        kind: input.kind,
        ...values,
        meetingDate: null,
        minuteReference: null,
        approvedAt: null,
        approvedBy: null,
        submittedOn: null,
        returnedReason: null,
        reopenedReason: null,
      });
    }
    await tellSignatories(writer.tx, actor.userId, ref, writer.stamp.at);
  });
}

/** The version the caller opened must be the one sent, and the figures must still be those of that version. */
async function checkDigest(tx: Tx, row: SubmissionRow, digest: string, ref: SubmissionRefInput): Promise<void> {
  if (row.digest !== digest) {
    throw new ConflictError(
      `Version ${row.round} of the ${label(row.kind)} was sent since you opened it (digest ${row.digest}); reload and read it before you sign`,
      await getSubmission(tx, ref),
    );
  }
  const live = digestOf(await submissionDocument(tx, row.fundId, row.kind));
  if (live !== row.digest) {
    throw new ConflictError(
      `The figures of the ${label(row.kind)} changed since version ${row.round} was sent (the current digest is ${live}); a new version must be sent for sign-off`,
      await getSubmission(tx, ref),
    );
  }
}

/** Sign for an organisation: only a person named to sign for it in that capacity; on the version sent. */
export async function signSubmission(db: DB, actor: Actor, input: SubmissionSignInput): Promise<Submission> {
  const ref = { fundId: input.fundId, kind: input.kind };
  return step(db, actor, ref, 'Signed', async (writer) => {
    const row = await findSubmissionOf(writer.tx, input.fundId, input.kind);
    if (!row) throw new NotFoundError(`The ${label(input.kind)} has not been sent for sign-off`);
    const fund = await fundFacts(writer.tx, input.fundId);
    const slot = requiredSlots(input.kind, fund.partnerOrgIds, fund.hostOrgId).find(
      (s) => s.capacity === input.capacity && s.orgId === input.orgId,
    );
    const orgName = (await namesOf(writer.tx, 'organisation', [input.orgId])).get(input.orgId) ?? `organisation ${input.orgId}`;
    const what = slotLabel(input.capacity, orgName);
    if (!slot)
      throw new ValidationError([
        { path: 'orgId', message: `The ${label(input.kind)} does not need a signature from the ${inSentence(what)}` },
      ]);
    const named = (await listSignatories(writer.tx, { userId: actor.userId, capacity: input.capacity, orgId: input.orgId })).length > 0;
    if (!named) throw new ForbiddenError(`You are not named to sign as ${inSentence(what)}; an administrator names signatories`);
    refuseStatus(row, ['awaiting_signatures'], 'sign');
    await checkDigest(writer.tx, row, input.digest, ref);
    const already = (
      await listSignatures(writer.tx, { submissionId: row.id, round: row.round, capacity: input.capacity, orgId: input.orgId })
    ).filter((s) => s.voidedAt === null);
    if (already.length > 0)
      throw new ValidationError([{ path: 'orgId', message: `The ${inSentence(what)} has already signed version ${row.round}` }]);
    await writer.create(signatureTable, {
      fundId: row.fundId,
      submissionId: row.id,
      round: row.round,
      userId: actor.userId ?? 0,
      capacity: input.capacity,
      orgId: input.orgId,
      signedAt: now().toISOString(),
      digest: row.digest!,
      statement: signingStatement(row.kind, fund.name, fund.bcfYear, row.round, row.digest!),
      voidedAt: null,
      voidReason: null,
    });
    const after = await getSubmission(writer.tx, ref);
    if (after.missing.length === 0) await writer.update(submissionTable, row.id, row.version, { status: 'signed' });
  });
}

/** Record the board's approval: only the person named for the partnership's board, once every signature is in. */
export async function approveSubmission(db: DB, actor: Actor, input: SubmissionApproveInput): Promise<Submission> {
  const ref = { fundId: input.fundId, kind: input.kind };
  return step(db, actor, ref, 'Board approval recorded', async (writer) => {
    const row = await findSubmissionOf(writer.tx, input.fundId, input.kind);
    if (!row) throw new NotFoundError(`The ${label(input.kind)} has not been sent for sign-off`);
    const fund = await fundFacts(writer.tx, input.fundId);
    const named =
      (await listSignatories(writer.tx, { userId: actor.userId, capacity: 'hwb_approval', partnershipId: fund.partnershipId })).length > 0;
    if (!named)
      throw new ForbiddenError('You are not named to record this Health and Wellbeing Board’s approval; an administrator names who does');
    const current = await getSubmission(writer.tx, ref);
    if (row.status === 'awaiting_signatures' && current.missing.length > 0) {
      throw new ValidationError([
        {
          path: 'kind',
          message: `The board’s approval cannot be recorded before every signature is in: still to sign: ${current.missing.join('; ')}`,
        },
      ]);
    }
    refuseStatus(row, ['signed'], 'record the board’s approval');
    await checkDigest(writer.tx, row, input.digest, ref);
    await writer.update(submissionTable, row.id, row.version, {
      status: 'approved',
      meetingDate: input.meetingDate,
      minuteReference: input.minuteReference,
      approvedAt: now().toISOString(),
      approvedBy: actor.userId,
    });
  });
}

/** Record that an approved plan or return was submitted, and on which day. */
export async function submitSubmission(db: DB, actor: Actor, input: SubmissionSubmitInput): Promise<Submission> {
  const ref = { fundId: input.fundId, kind: input.kind };
  return step(db, actor, ref, 'Submitted', async (writer) => {
    const row = await findSubmissionOf(writer.tx, input.fundId, input.kind);
    await checkVersion(row, input.version, () => getSubmission(writer.tx, ref));
    refuseStatus(row, ['approved'], 'record the submission');
    if (row!.meetingDate && input.submittedOn < row!.meetingDate) {
      throw new ValidationError([
        {
          path: 'submittedOn',
          message: `Submitted on must be on or after the board’s approval (${row!.meetingDate}), got "${input.submittedOn}"`,
        },
      ]);
    }
    await writer.update(submissionTable, row!.id, row!.version, { status: 'submitted', submittedOn: input.submittedOn });
  });
}

/** Return for changes (a signatory, the board's approver, or a plan editor), before it is submitted: back to draft,
 * signatures void. `mayPrepare`: the caller's role may prepare submissions. */
export async function returnForChanges(db: DB, actor: Actor, input: SubmissionReturnInput, mayPrepare: boolean): Promise<Submission> {
  const ref = { fundId: input.fundId, kind: input.kind };
  return step(db, actor, ref, 'Returned for changes', async (writer) => {
    const row = await findSubmissionOf(writer.tx, input.fundId, input.kind);
    await checkVersion(row, input.version, () => getSubmission(writer.tx, ref));
    if (!mayPrepare) {
      const current = await getSubmission(writer.tx, ref);
      const named = [...current.signatures.flatMap((s) => s.signatories), ...current.approvers].some((p) => p.userId === actor.userId);
      if (!named)
        throw new ForbiddenError(`Only a signatory, the board’s approver or a plan editor can return the ${label(input.kind)} for changes`);
    }
    refuseStatus(row, ['awaiting_signatures', 'signed', 'approved'], 'return it for changes');
    await voidSignatures(writer, row!.id, `Returned for changes: ${input.reason}`);
    await writer.update(submissionTable, row!.id, row!.version, {
      status: 'draft',
      returnedReason: input.reason,
      approvedAt: null,
      approvedBy: null,
    });
  });
}

/** An administrator reopens an approved or submitted plan or return, with a reason: back to draft, locks lifted,
 * signatures void. */
export async function reopenSubmission(db: DB, actor: Actor, input: SubmissionReopenInput): Promise<Submission> {
  const ref = { fundId: input.fundId, kind: input.kind };
  return step(db, actor, ref, 'Reopened', async (writer) => {
    const row = await findSubmissionOf(writer.tx, input.fundId, input.kind);
    await checkVersion(row, input.version, () => getSubmission(writer.tx, ref));
    refuseStatus(row, ['approved', 'submitted'], 'reopen it');
    await voidSignatures(writer, row!.id, `Reopened by an administrator: ${input.reason}`);
    await writer.update(submissionTable, row!.id, row!.version, {
      status: 'draft',
      reopenedReason: input.reason,
      approvedAt: null,
      approvedBy: null,
      submittedOn: null,
    });
  });
}

/** A return's answers (conditions still met, metrics' narrative), for the return builder and its page. */
export async function listReturnAnswersOf(db: DB | Tx, fundId: number, kind: SubmissionKind): Promise<ReturnAnswer[]> {
  const row = await findSubmissionOf(db, fundId, kind);
  return row ? listReturnAnswers(db, { submissionId: row.id }) : [];
}

/** Write one answer of a return, while the return is a draft (a sent version changes only by a new version). The
 * return's submission row is created (as a draft) with its first answer. */
export async function answerReturn(db: DB, actor: Actor, input: ReturnAnswerInput): Promise<ReturnAnswer> {
  const { result } = await runBatch(
    db,
    actor,
    { kind: 'edit', label: `Answered the ${label(input.kind)}`, fundId: input.fundId },
    async (writer) => {
      await returnAnswerProblems(writer.tx, input);
      let row = await findSubmissionOf(writer.tx, input.fundId, input.kind);
      if (row && (row.status === 'approved' || row.status === 'submitted')) {
        throw new ValidationError([
          {
            path: 'kind',
            message: `The ${label(input.kind)} is ${SUBMISSION_STATUS_LABELS[row.status].toLowerCase()}: an administrator must reopen it first`,
          },
        ]);
      }
      row ??= await writer.create(submissionTable, {
        fundId: input.fundId,
        kind: input.kind,
        status: 'draft',
        round: 0,
        digest: null,
        figures: null,
        sentAt: null,
        sentBy: null,
        meetingDate: null,
        minuteReference: null,
        approvedAt: null,
        approvedBy: null,
        submittedOn: null,
        returnedReason: null,
        reopenedReason: null,
      });
      const [existing] = await listReturnAnswers(writer.tx, { submissionId: row.id, item: input.item, code: input.code });
      const values = {
        answer: input.answer,
        ...(input.commentary !== undefined ? { commentary: input.commentary } : {}),
        ...(input.challenges !== undefined ? { challenges: input.challenges } : {}),
        ...(input.supportNeeded !== undefined ? { supportNeeded: input.supportNeeded } : {}),
        ...(input.achievements !== undefined ? { achievements: input.achievements } : {}),
      };
      if (existing) {
        if (input.version !== existing.version)
          throw new ConflictError('Someone changed this answer since you opened it; reload to see it', existing);
        return writer.update(returnAnswerTable, existing.id, existing.version, values);
      }
      return writer.create(returnAnswerTable, {
        fundId: input.fundId,
        submissionId: row.id,
        item: input.item,
        code: input.code,
        commentary: '',
        challenges: '',
        supportNeeded: '',
        achievements: '',
        ...values,
      });
    },
  );
  return result;
}
