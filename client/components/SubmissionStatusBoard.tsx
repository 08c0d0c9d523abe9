// The partnership's status board (issue "Sign-off and returns", item 5): for each fund, its plan and returns with their
// status, who has signed and who has not, the deadline and the days left. Overdue says so in words and in the alert
// colour. Each row opens that submission on the fund's sign-off page.
import { Link } from '@tanstack/react-router';
import { formatLongDate } from '../../shared/dates';
import { SUBMISSION_KIND_LABELS, SUBMISSION_STATUS_LABELS, type Submission } from '../../shared/schema/submission';
import { daysLeftText } from '../../shared/submission';
import { useSubmissionBoard } from '../hooks/useSubmissions';
import { LoadError, Loading } from './Loading';
import { TableHead } from './SimpleTable';

/** Who has signed the version in hand, one a line: "Ann Lee (Chief executive of Northbridge Borough Council)". */
function signedNames(s: Submission): string[] | string {
  if (s.status === 'draft') return 'Not sent for sign-off yet';
  const signed = s.signatures.filter((slot) => slot.signed).map((slot) => `${slot.signed?.name} (${slot.label})`);
  return signed.length ? signed : 'Nobody yet';
}

/** Who is still to sign, one a line, with the people named for it: "Chief executive of NHS Northbridge and Vale ICB:
 * Raj Patel". */
function notSignedNames(s: Submission): string[] | string {
  if (s.status !== 'awaiting_signatures') return '—';
  const missing = s.signatures.filter((slot) => !slot.signed);
  if (missing.length === 0) return '—';
  return missing.map(
    (slot) => `${slot.label}: ${slot.signatories.length ? slot.signatories.map((p) => p.name).join(' or ') : 'nobody named'}`,
  );
}

function NamesCell({ names }: { names: string[] | string }) {
  if (typeof names === 'string') return <td>{names}</td>;
  return (
    <td>
      <ul className="status-board-names">
        {names.map((name) => (
          <li key={name}>{name}</li>
        ))}
      </ul>
    </td>
  );
}

function DaysLeftCell({ s }: { s: Submission }) {
  if (s.status === 'submitted') return <td>Submitted on {s.submittedOn ? formatLongDate(s.submittedOn) : '—'}</td>;
  if (!s.deadline) return <td>No deadline set</td>;
  const overdue = s.deadline.daysLeft < 0;
  return (
    <td className={overdue ? 'days-left negative' : 'days-left'} data-overdue={overdue ? 'true' : undefined}>
      {overdue && <strong>{daysLeftText(s.deadline.daysLeft)}</strong>}
      {!overdue && daysLeftText(s.deadline.daysLeft)}
    </td>
  );
}

export function SubmissionStatusBoard({ partnershipId }: { partnershipId: number }) {
  const board = useSubmissionBoard(partnershipId);
  return (
    <section aria-labelledby="status-board-title" className="status-board" data-testid="status-board">
      <h2 id="status-board-title">Sign-off and returns</h2>
      {board.error && <LoadError error={board.error} what="the sign-off status" />}
      {!board.data && !board.error && <Loading what="the sign-off status" />}
      {board.data?.length === 0 && <p className="muted">No fund of a BCF year yet.</p>}
      {board.data?.map((fund) => (
        <table className="simple-table status-board-table" key={fund.fundId} data-fund={fund.fundId}>
          <caption>
            {fund.fundName} · BCF year {fund.bcfYear}
          </caption>
          <TableHead columns={['Plan or return', 'Status', 'Signed', 'Not signed yet', 'Due', 'Days left']} />
          <tbody>
            {fund.submissions.map((s) => (
              <tr key={s.kind} data-kind={s.kind}>
                <th scope="row">
                  <Link to="/funds/$fundId/sign-off" params={{ fundId: fund.fundId }} search={{ kind: s.kind }}>
                    {SUBMISSION_KIND_LABELS[s.kind]}
                  </Link>
                </th>
                <td data-testid="board-status">{SUBMISSION_STATUS_LABELS[s.status]}</td>
                <NamesCell names={signedNames(s)} />
                <NamesCell names={notSignedNames(s)} />
                <td>{s.deadline ? formatLongDate(s.deadline.dueOn) : '—'}</td>
                <DaysLeftCell s={s} />
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}
