// submissions.*, signatories.*, deadlines.*: sign-off and returns (issue "Sign-off and returns"). Members of a fund's
// partnership read its submissions; plan editors send them and record their submission; whoever is named signs and
// records the board's approval (checked by the service); administrators reopen, name signatories and set deadlines.
import { byFundInput, byPartnershipInput } from '../../shared/schemas';
import { bcfYearSchema, strict } from '../../shared/schema/fields';
import { deleteInput } from '../../shared/schema/shape';
import {
  deadlineSetInput,
  returnAnswerInput,
  signatoryCreateInput,
  submissionApproveInput,
  submissionRefInput,
  submissionReopenInput,
  submissionReturnInput,
  submissionSendInput,
  submissionSignInput,
  submissionSubmitInput,
} from '../../shared/schema/submission';
import { roleCan } from '../../shared/permissions';
import { listYearDeadlines, removeDeadline, setDeadline } from '../services/deadlines';
import { createSignatory, listSignatoryViews, removeSignatory } from '../services/signatories';
import {
  answerReturn,
  approveSubmission,
  listReturnAnswersOf,
  reopenSubmission,
  returnForChanges,
  sendForSignOff,
  signSubmission,
  submitSubmission,
} from '../services/submissions';
import { getSubmission, listFundLocks, listSubmissionBoard } from '../services/submission-view';
import { asActor, ofFund, ofPartnership, procedureFor, router } from '../trpc';

export const submissionsRouter = router({
  board: procedureFor('submission', 'read', 'partnership').input(byPartnershipInput).query(ofPartnership(listSubmissionBoard)),
  get: procedureFor('submission', 'read', 'fund')
    .input(submissionRefInput)
    .query(({ ctx, input }) => getSubmission(ctx.db, input)),
  locks: procedureFor('submission', 'read', 'fund').input(byFundInput).query(ofFund(listFundLocks)),
  answers: procedureFor('return_answer', 'read', 'fund')
    .input(submissionRefInput)
    .query(({ ctx, input }) => listReturnAnswersOf(ctx.db, input.fundId, input.kind)),
  answer: procedureFor('return_answer', 'change', 'fund').input(returnAnswerInput).mutation(asActor(answerReturn)),
  send: procedureFor('submission', 'prepare', 'fund').input(submissionSendInput).mutation(asActor(sendForSignOff)),
  sign: procedureFor('submission', 'sign', 'fund').input(submissionSignInput).mutation(asActor(signSubmission)),
  approve: procedureFor('submission', 'sign', 'fund').input(submissionApproveInput).mutation(asActor(approveSubmission)),
  submit: procedureFor('submission', 'prepare', 'fund').input(submissionSubmitInput).mutation(asActor(submitSubmission)),
  returnForChanges: procedureFor('submission', 'sign', 'fund')
    .input(submissionReturnInput)
    .mutation(({ ctx, input }) => returnForChanges(ctx.db, ctx.actor, input, roleCan(ctx.user.role, 'submission', 'prepare'))),
  reopen: procedureFor('submission', 'reopen', 'fund').input(submissionReopenInput).mutation(asActor(reopenSubmission)),
});

export const signatoriesRouter = router({
  list: procedureFor('signatory', 'read').query(({ ctx }) => listSignatoryViews(ctx.db)),
  create: procedureFor('signatory', 'change').input(signatoryCreateInput).mutation(asActor(createSignatory)),
  remove: procedureFor('signatory', 'change').input(deleteInput).mutation(asActor(removeSignatory)),
});

const deadlinesInput = strict({ bcfYear: bcfYearSchema.optional() }, 'Input').optional();

export const deadlinesRouter = router({
  list: procedureFor('bcf_deadline', 'read')
    .input(deadlinesInput)
    .query(({ ctx, input }) => listYearDeadlines(ctx.db, input?.bcfYear)),
  set: procedureFor('bcf_deadline', 'change').input(deadlineSetInput).mutation(asActor(setDeadline)),
  remove: procedureFor('bcf_deadline', 'change').input(deleteInput).mutation(asActor(removeDeadline)),
});
