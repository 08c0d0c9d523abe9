// One submission as it stands: its status, the version sent (when, by whom, its digest), whether the figures changed
// since, each signature it needs (who is named, who signed and when), the signatures voided and why, the board's
// approval and the day it was submitted.
import { formatDateTime, formatLongDate } from '../../shared/dates';
import { SUBMISSION_STATUS_LABELS, type Submission } from '../../shared/schema/submission';
import { daysLeftText } from '../../shared/submission';
import { kindInSentence, shortDigest } from './SignOffActions';
import { TableHead } from './SimpleTable';

export function SignOffDetails({ submission: s }: { submission: Submission }) {
  const what = kindInSentence(s.kind);
  return (
    <>
      {s.changedSinceSent && s.status !== 'draft' && (
        <p className="banner banner-error" role="alert" data-testid="changed-since-sent">
          <strong>The figures changed since version {s.round} was sent.</strong> Signatures can only be given to the figures as they are: a
          new version must be sent for sign-off, and everyone signs it again.
        </p>
      )}
      <dl className="sign-off-facts" data-testid="sign-off-facts">
        <dt>Status</dt>
        <dd data-testid="sign-off-status">{SUBMISSION_STATUS_LABELS[s.status]}</dd>
        <dt>Version</dt>
        <dd>{versionText(s)}</dd>
        {s.sentAt && (
          <>
            <dt>Sent for sign-off</dt>
            <dd>
              {formatDateTime(s.sentAt)}
              {s.sentByName ? ` by ${s.sentByName}` : ''}
            </dd>
            <dt>Figures digest</dt>
            <dd>
              <code title={s.digest ?? undefined} aria-label={`Digest ${s.digest ?? ''}`}>
                {shortDigest(s.digest)}
              </code>
            </dd>
          </>
        )}
        <dt>Deadline</dt>
        <dd>
          {s.deadline ? (
            <>
              {formatLongDate(s.deadline.dueOn)}
              {s.status !== 'submitted' && <DaysLeft daysLeft={s.deadline.daysLeft} />}
            </>
          ) : (
            'No deadline set for this BCF year'
          )}
        </dd>
        {s.status === 'draft' && s.returnedReason && (
          <>
            <dt>Returned for changes</dt>
            <dd>{s.returnedReason}</dd>
          </>
        )}
        {s.status === 'draft' && s.reopenedReason && (
          <>
            <dt>Reopened</dt>
            <dd>{s.reopenedReason}</dd>
          </>
        )}
      </dl>

      <h3>Signatures</h3>
      <table className="simple-table sign-off-signatures" data-testid="signatures">
        <caption className="visually-hidden">Signatures the {what} needs</caption>
        <TableHead columns={['Signature needed', 'Named to sign', 'Signed']} />
        <tbody>
          {s.signatures.map((slot) => (
            <tr key={`${slot.capacity}-${slot.orgId ?? 0}`}>
              <th scope="row">{slot.label}</th>
              <td>
                {slot.signatories.length
                  ? slot.signatories.map((p) => (p.jobTitle ? `${p.name} (${p.jobTitle})` : p.name)).join(', ')
                  : 'Nobody named yet: an administrator names who signs'}
              </td>
              <td>
                {slot.signed ? (
                  <span className="sign-off-signed">
                    Signed by {slot.signed.name} on {formatDateTime(slot.signed.signedAt)}
                  </span>
                ) : (
                  'Not signed yet'
                )}
              </td>
            </tr>
          ))}
          {s.signatures.length === 0 && (
            <tr>
              <td colSpan={3}>No signature is needed: the partnership has no host organisation and the fund no contributions.</td>
            </tr>
          )}
        </tbody>
      </table>

      <h3>The board’s approval</h3>
      {s.approvedAt ? (
        <p data-testid="approval">
          Approved by the Health and Wellbeing Board at its meeting on {s.meetingDate ? formatLongDate(s.meetingDate) : '—'}, minute{' '}
          {s.minuteReference ?? '—'}; recorded by {s.approvedByName ?? '—'} on {formatDateTime(s.approvedAt)}.
        </p>
      ) : (
        <p data-testid="approval">
          Not recorded yet.{' '}
          {s.approvers.length
            ? `Recorded by ${s.approvers.map((a) => a.name).join(' or ')} once every signature is in.`
            : 'Nobody is named to record it yet: an administrator names who does.'}
        </p>
      )}
      <p data-testid="submitted-on">
        <strong>Submitted:</strong> {s.submittedOn ? formatLongDate(s.submittedOn) : 'not yet'}
      </p>

      {s.voided.length > 0 && (
        <>
          <h3>Voided signatures</h3>
          <table className="simple-table" data-testid="voided-signatures">
            <TableHead columns={['Signature', 'Signed by', 'Signed', 'Voided', 'Why']} />
            <tbody>
              {s.voided.map((v, i) => (
                <tr key={i}>
                  <th scope="row">{v.label}</th>
                  <td>{v.name}</td>
                  <td>{formatDateTime(v.signedAt)}</td>
                  <td>{formatDateTime(v.voidedAt)}</td>
                  <td>{v.voidReason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}

/** The version in hand; a draft that was sent before says so (the next send makes the next version). */
function versionText(s: Submission): string {
  if (s.round === 0) return 'Not sent for sign-off yet';
  if (s.status === 'draft') return `Version ${s.round} was sent; it is a draft again, and the next send makes version ${s.round + 1}`;
  return `Version ${s.round}`;
}

/** "12 days left"; overdue in the theme's alert colour, the words carrying it too. */
export function DaysLeft({ daysLeft }: { daysLeft: number }) {
  return <span className={daysLeft < 0 ? 'days-left negative' : 'days-left'}> · {daysLeftText(daysLeft)}</span>;
}
