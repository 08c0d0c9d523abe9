// A fund's plan and returns in one table on its sign-off page: each one's status, who is still to sign and its
// deadline, and a link that opens it in full below (?kind=).
import { Link } from '@tanstack/react-router';
import { formatLongDate } from '../../shared/dates';
import { SUBMISSION_KIND_LABELS, SUBMISSION_STATUS_LABELS, type Submission, type SubmissionKind } from '../../shared/schema/submission';
import { DaysLeft } from './SignOffDetails';
import { TableHead } from './SimpleTable';

export function SubmissionStatusList(props: { fundId: number; submissions: readonly Submission[]; selected: SubmissionKind }) {
  const { fundId, submissions, selected } = props;
  return (
    <table className="simple-table" data-testid="submission-list">
      <caption className="visually-hidden">The fund’s plan and returns</caption>
      <TableHead columns={['Plan or return', 'Status', 'Still to sign', 'Deadline']} />
      <tbody>
        {submissions.map((s) => (
          <tr
            key={s.kind}
            data-kind={s.kind}
            aria-current={s.kind === selected ? 'true' : undefined}
            className={s.kind === selected ? 'row-selected' : undefined}
          >
            <th scope="row">
              <Link to="/funds/$fundId/sign-off" params={{ fundId }} search={{ kind: s.kind }}>
                {SUBMISSION_KIND_LABELS[s.kind]}
              </Link>
            </th>
            <td>{SUBMISSION_STATUS_LABELS[s.status]}</td>
            <td>{s.status === 'awaiting_signatures' ? s.missing.join('; ') || '—' : '—'}</td>
            <td>
              {s.deadline ? (
                <>
                  {formatLongDate(s.deadline.dueOn)}
                  {s.status !== 'submitted' && <DaysLeft daysLeft={s.deadline.daysLeft} />}
                </>
              ) : (
                '—'
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
