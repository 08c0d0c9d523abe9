// /funds/<id>/sign-off: the fund's plan and its returns (Q1 to Q3, year end) from draft to submitted. The list at the
// top shows each one's status; the one chosen (?kind=, the plan by default) is shown in full: the version sent and its
// digest, the signatures it needs and who gave them when, the board's approval, and what the signed-in person can do.
import { useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { roleCan } from '../../shared/permissions';
import { SUBMISSION_KIND_LABELS, SUBMISSION_KINDS, type Submission, type SubmissionKind } from '../../shared/schema/submission';
import { useUser } from '../auth';
import { FundPageHeader } from '../components/FundPageHeader';
import { LoadError, Loading } from '../components/Loading';
import { NoticeBanner, type Notice } from '../components/NoticeBanner';
import { ReturnPanel } from '../components/ReturnPanel';
import { kindInSentence, SignOffActions, SUBMISSION_HEADING_ID } from '../components/SignOffActions';
import { SignOffDetails } from '../components/SignOffDetails';
import { SubmissionStatusList } from '../components/SubmissionStatusList';
import { useFund } from '../hooks/useFund';
import { useFundSubmissions, useSubmission } from '../hooks/useSubmissions';
import { Link } from '../router';

export function SignOffPage({ fundId }: { fundId: number }) {
  const kind: SubmissionKind = useSearch({ from: '/_signedIn/funds/$fundId/sign-off' }).kind ?? 'plan';
  const { fund, partnership } = useFund(fundId);
  const all = useFundSubmissions(fundId);
  const [notice, setNotice] = useState<Notice | null>(null);

  const error = fund.error ?? partnership.error ?? all.find((q) => q.error)?.error;
  if (error) return <LoadError error={error} what="the sign-off" />;
  const submissions = all.map((q) => q.data).filter((s): s is Submission => s !== undefined);
  if (!fund.data || !partnership.data || submissions.length < SUBMISSION_KINDS.length) return <Loading what="the sign-off" />;

  return (
    <section>
      <FundPageHeader title="Sign-off" partnership={partnership.data} fund={fund.data} bcfYear={fund.data.bcfYear} current="sign-off" />
      {notice && <NoticeBanner notice={notice} onDismiss={() => setNotice(null)} />}
      <SubmissionStatusList fundId={fundId} submissions={submissions} selected={kind} />
      <SelectedSubmission key={kind} fundId={fundId} kind={kind} setNotice={setNotice} />
    </section>
  );
}

function SelectedSubmission({ fundId, kind, setNotice }: { fundId: number; kind: SubmissionKind; setNotice: (n: Notice) => void }) {
  const user = useUser();
  const { submission, steps, refresh } = useSubmission(fundId, kind);
  if (submission.error) return <LoadError error={submission.error} what={`the ${kindInSentence(kind)}`} />;
  if (!submission.data) return <Loading what={`the ${kindInSentence(kind)}`} />;
  const s = submission.data;
  const readOnly = s.status !== 'draft' || !roleCan(user.role, 'return_answer', 'change');
  return (
    <section aria-labelledby={SUBMISSION_HEADING_ID} className="sign-off-submission" data-testid="submission" data-kind={kind}>
      <h2 id={SUBMISSION_HEADING_ID} tabIndex={-1}>
        {SUBMISSION_KIND_LABELS[kind]}
      </h2>
      <SignOffActions submission={s} user={user} steps={steps} refresh={refresh} setNotice={setNotice} />
      <SignOffDetails submission={s} />
      {kind !== 'plan' && (
        <>
          <h3>The return</h3>
          <p>
            <Link href={`/funds/${fundId}/returns/${kind}`}>Open the return on its own page</Link>
          </p>
          <ReturnPanel fundId={fundId} kind={kind} readOnly={readOnly} />
        </>
      )}
    </section>
  );
}
