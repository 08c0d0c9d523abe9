// What the signed-in person can do to one submission now, each a button (with a dialog where input is needed): send it
// for sign-off (or a new version), sign for a slot they are named for, record the board's approval, record it as
// submitted, return it for changes, reopen it. The server decides; this only offers what it would accept, and shows
// its refusal in its own words. A CONFLICT (someone else moved it on, or the figures changed) reloads and says so.
import { useState } from 'react';
import { formatDateTime, type IsoDay } from '../../shared/dates';
import { roleCan } from '../../shared/permissions';
import { SUBMISSION_KIND_LABELS, type RequiredSignature, type Submission, type SubmissionKind } from '../../shared/schema/submission';
import type { SignedInUser } from '../../shared/schema/user';
import type { useSubmission } from '../hooks/useSubmissions';
import { apiError } from '../trpc';
import { DateField } from './DateField';
import type { Notice } from './NoticeBanner';
import { SectionToolbar } from './PageToolbar';
import { SignOffDialog, SignOffTextField, splitProblems } from './SignOffDialog';

/** The id of the heading of the submission shown in full (SignOffPage), where focus goes after a step. */
export const SUBMISSION_HEADING_ID = 'submission-title';

type Steps = ReturnType<typeof useSubmission>['steps'];

type Open =
  { step: 'sign'; slot: RequiredSignature } | { step: 'approve' } | { step: 'submit' } | { step: 'return' } | { step: 'reopen' } | null;

/** "Sign as chief executive of Northbridge Borough Council". */
export const signLabel = (slot: RequiredSignature) => `Sign as ${inSentence(slot.label)}`;

/** A label inside a sentence: its first letter small, unless it is a quarter ("the Q1 return", "the plan"). */
export const inSentence = (label: string) => (/^Q\d/.test(label) ? label : `${label.charAt(0).toLowerCase()}${label.slice(1)}`);

/** "the plan", "the Q2 return", "the year-end return". */
export const kindInSentence = (kind: SubmissionKind) => inSentence(SUBMISSION_KIND_LABELS[kind]);

/** The slots the person may sign now: named for it, not yet signed, on a version whose figures still stand. */
export function slotsToSign(submission: Submission, userId: number): RequiredSignature[] {
  if (submission.status !== 'awaiting_signatures' || submission.changedSinceSent) return [];
  return submission.signatures.filter((s) => !s.signed && s.signatories.some((p) => p.userId === userId));
}

interface Props {
  submission: Submission;
  user: SignedInUser;
  steps: Steps;
  refresh: () => Promise<unknown>;
  setNotice: (notice: Notice) => void;
}

export function SignOffActions({ submission: s, user, steps, refresh, setNotice }: Props) {
  const [open, setOpen] = useState<Open>(null);
  const [day, setDay] = useState<IsoDay | ''>('');
  const [text, setText] = useState('');
  const [atField, setAtField] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const what = kindInSentence(s.kind);
  const ref = { fundId: s.fundId, kind: s.kind };

  const canPrepare = roleCan(user.role, 'submission', 'prepare');
  const canReopen = roleCan(user.role, 'submission', 'reopen');
  const isApprover = s.approvers.some((a) => a.userId === user.id);
  const isNamed = isApprover || s.signatures.some((slot) => slot.signatories.some((p) => p.userId === user.id));
  const toSign = slotsToSign(s, user.id);
  const pending = Object.values(steps).some((m) => m.isPending);

  const begin = (next: Exclude<Open, null>) => {
    setDay('');
    setText('');
    setAtField({});
    setProblem(null);
    setOpen(next);
  };
  const close = () => setOpen(null);

  /** Run a step; a success closes the dialog and says what happened; a refusal stays at the field it names. */
  const run = async (call: () => Promise<unknown>, done: string, fields: readonly string[] = []) => {
    try {
      await call();
      close();
      setNotice({ kind: 'info', text: done });
      await refresh();
      // The button pressed is gone (the step is done): keyboard users continue from the submission's heading.
      document.getElementById(SUBMISSION_HEADING_ID)?.focus();
    } catch (error) {
      const e = apiError(error);
      if (e.code === 'CONFLICT' || !open) {
        close();
        setNotice({
          kind: 'error',
          text: e.code === 'CONFLICT' ? `${e.message}. The page has been reloaded to show it as it is now.` : e.message,
        });
        await refresh();
        return;
      }
      const split = splitProblems(e.fieldErrors, e.message, fields);
      setAtField(split.atField);
      setProblem(split.rest);
    }
  };

  const send = () =>
    run(
      () => steps.send.mutateAsync({ ...ref, ...(s.version === null ? {} : { version: s.version }) }),
      `Sent version ${s.round + 1} of the ${what} for sign-off. Everyone named to sign can now sign it.`,
    );

  const mayReturn = ['awaiting_signatures', 'signed', 'approved'].includes(s.status) && (canPrepare || isNamed);
  const buttons = [
    canPrepare && s.status === 'draft' && (
      <button key="send" type="button" className="button-primary" disabled={pending} onClick={() => void send()}>
        Send for sign-off
      </button>
    ),
    canPrepare && s.changedSinceSent && (s.status === 'awaiting_signatures' || s.status === 'signed') && (
      <button key="resend" type="button" className="button-primary" disabled={pending} onClick={() => void send()}>
        Send a new version
      </button>
    ),
    ...toSign.map((slot) => (
      <button
        key={`sign-${slot.capacity}-${slot.orgId ?? 0}`}
        type="button"
        className="button-primary"
        onClick={() => begin({ step: 'sign', slot })}
      >
        {signLabel(slot)}
      </button>
    )),
    isApprover && s.status === 'signed' && !s.changedSinceSent && (
      <button key="approve" type="button" className="button-primary" onClick={() => begin({ step: 'approve' })}>
        Record the board’s approval
      </button>
    ),
    canPrepare && s.status === 'approved' && (
      <button key="submit" type="button" className="button-primary" onClick={() => begin({ step: 'submit' })}>
        Record as submitted
      </button>
    ),
    mayReturn && (
      <button key="return" type="button" className="secondary-button" onClick={() => begin({ step: 'return' })}>
        Return for changes
      </button>
    ),
    canReopen && (s.status === 'approved' || s.status === 'submitted') && (
      <button key="reopen" type="button" className="secondary-button" onClick={() => begin({ step: 'reopen' })}>
        Reopen
      </button>
    ),
  ].filter(Boolean);

  return (
    <>
      <SectionToolbar label={`${SUBMISSION_KIND_LABELS[s.kind]} sign-off actions`} testId="sign-off-actions">
        {buttons.length > 0 ? buttons : <span className="muted">{nothingToDo(s, isApprover)}</span>}
      </SectionToolbar>

      {open?.step === 'sign' && (
        <SignOffDialog
          id="sign"
          title={signLabel(open.slot)}
          confirmLabel="Sign"
          pending={steps.sign.isPending}
          problem={problem}
          onCancel={close}
          onConfirm={() =>
            void run(
              () =>
                steps.sign.mutateAsync({
                  ...ref,
                  // The digest of the version shown here: the server refuses it if another version was sent since.
                  digest: s.digest ?? '',
                  capacity: open.slot.capacity === 'section_151' ? 'section_151' : 'chief_executive',
                  orgId: open.slot.orgId ?? 0,
                }),
              `Signed as ${inSentence(open.slot.label)}.`,
            )
          }
        >
          <p>You sign this statement:</p>
          <blockquote className="sign-off-statement">{s.statement}</blockquote>
          <p>
            Version {s.round}, sent {s.sentAt ? formatDateTime(s.sentAt) : ''}
            {s.sentByName ? ` by ${s.sentByName}` : ''}. Figures digest (SHA-256):{' '}
            <code className="sign-off-digest" data-testid="sign-digest">
              {s.digest}
            </code>
          </p>
        </SignOffDialog>
      )}

      {open?.step === 'approve' && (
        <SignOffDialog
          id="approve"
          title="Record the board’s approval"
          confirmLabel="Record the approval"
          pending={steps.approve.isPending}
          problem={problem}
          onCancel={close}
          onConfirm={() =>
            void run(
              () => steps.approve.mutateAsync({ ...ref, digest: s.digest ?? '', meetingDate: day, minuteReference: text }),
              `Recorded the board’s approval of the ${what}. Its figures are now locked.`,
              ['meetingDate', 'minuteReference'],
            )
          }
        >
          <p>
            The Health and Wellbeing Board approved version {s.round} of the {what} (digest <code>{shortDigest(s.digest)}</code>).
          </p>
          <DateField label="Board meeting date" value={day} onChange={setDay} problem={atField.meetingDate ?? null} />
          <SignOffTextField
            label="Minute reference"
            value={text}
            onChange={setText}
            problem={atField.minuteReference}
            hint="as in the minutes: HWB/25/14"
          />
        </SignOffDialog>
      )}

      {open?.step === 'submit' && (
        <SignOffDialog
          id="submit"
          title="Record as submitted"
          confirmLabel="Record as submitted"
          pending={steps.submit.isPending}
          problem={problem}
          onCancel={close}
          onConfirm={() =>
            void run(
              () => steps.submit.mutateAsync({ ...ref, version: s.version ?? 0, submittedOn: day }),
              `Recorded the ${what} as submitted.`,
              ['submittedOn'],
            )
          }
        >
          <p>The day the approved {what} was sent to NHS England.</p>
          <DateField label="Submitted on" value={day} onChange={setDay} problem={atField.submittedOn ?? null} />
        </SignOffDialog>
      )}

      {(open?.step === 'return' || open?.step === 'reopen') && (
        <SignOffDialog
          id={open.step}
          title={open.step === 'return' ? `Return the ${what} for changes` : `Reopen the ${what}`}
          confirmLabel={open.step === 'return' ? 'Return for changes' : 'Reopen'}
          pending={steps.returnForChanges.isPending || steps.reopen.isPending}
          problem={problem}
          onCancel={close}
          onConfirm={() =>
            void run(
              () =>
                open.step === 'return'
                  ? steps.returnForChanges.mutateAsync({ ...ref, version: s.version ?? 0, reason: text })
                  : steps.reopen.mutateAsync({ ...ref, version: s.version ?? 0, reason: text }),
              open.step === 'return'
                ? `Returned the ${what} for changes: it is a draft again and its signatures are void.`
                : `Reopened the ${what}: it is a draft again, its figures are unlocked and its signatures are void.`,
              ['reason'],
            )
          }
        >
          <p>
            {open.step === 'return'
              ? 'It goes back to a draft; every signature given is void, and it must be sent for sign-off again.'
              : 'It goes back to a draft: its figures are unlocked, every signature is void, and it must be signed and approved again.'}
          </p>
          <SignOffTextField
            label={open.step === 'return' ? 'Reason returned' : 'Reason reopened'}
            value={text}
            onChange={setText}
            problem={atField.reason}
            multiline
          />
        </SignOffDialog>
      )}
    </>
  );
}

/** The first 12 characters of a digest, enough to compare by eye ("3f9a0c…"). */
export const shortDigest = (digest: string | null) => (digest ? `${digest.slice(0, 12)}…` : '—');

/** Why there is no button: said, so nobody wonders whether the page has failed. */
function nothingToDo(s: Submission, isApprover: boolean): string {
  if (s.status === 'awaiting_signatures' && s.changedSinceSent) return 'A new version must be sent before anyone signs.';
  if (s.status === 'awaiting_signatures' && isApprover) return 'The board’s approval can be recorded once every signature is in.';
  if (s.status === 'awaiting_signatures') return 'Waiting for the signatures listed below; there is nothing for you to sign.';
  if (s.status === 'signed') return 'Waiting for the board’s approval to be recorded.';
  if (s.status === 'approved') return 'Approved by the board; waiting to be recorded as submitted.';
  if (s.status === 'submitted') return 'Submitted. An administrator can reopen it with a reason.';
  return 'A plan editor sends it for sign-off.';
}
