// /partnerships/<id>: a partnership's members (with their sector and role), its funds by financial year, the sign-off
// status of each fund's plan and returns, and the board dashboard of one fund and period (every role reads it; boards
// most of all), then its years side by side.
import { Link } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { ARRANGEMENT_LABELS, SECTOR_LABELS } from '../../shared/schemas';
import { BoardDashboard } from '../components/BoardDashboard';
import { PartnershipYears } from '../components/PartnershipYears';
import { SubmissionStatusBoard } from '../components/SubmissionStatusBoard';
import { Breadcrumb } from '../components/Breadcrumb';
import { DemoBanner, LoadError, Loading } from '../components/Loading';
import { useOrganisations } from '../hooks/useOrganisations';
import { usePartnership } from '../hooks/usePartnerships';
import { useFunds } from '../hooks/useFund';
import { TableHead } from '../components/SimpleTable';
import { focusGridOnArrival, fromKeyboard, registerSkipTarget } from '../components/SkipLink';

/** A partnership's funds, each a link to its contributions. The first list on the page is the skip link's "Skip to
 * funds"; a fund opened by keyboard lands with its grid's first cell focused. */
export function FundList({ partnershipId }: { partnershipId: number }) {
  const funds = useFunds(partnershipId);
  const list = useRef<HTMLUListElement | null>(null);
  const hasFunds = !!funds.data?.length;
  useEffect(() => {
    if (!hasFunds) return;
    return registerSkipTarget({
      kind: 'funds',
      element: () => list.current,
      focus: () => list.current?.querySelector('a')?.focus(),
    });
  }, [hasFunds]);
  if (funds.error) return <LoadError error={funds.error} what="funds" />;
  if (!funds.data) return <Loading what="funds" />;
  if (funds.data.length === 0) return <p className="muted">No funds yet.</p>;
  return (
    <ul className="fund-list" aria-label="Funds" ref={list}>
      {funds.data.map((f) => (
        <li key={f.id}>
          <Link
            to="/funds/$fundId/contributions"
            params={{ fundId: f.id }}
            onClick={(event) => {
              if (fromKeyboard(event)) focusGridOnArrival();
            }}
          >
            {f.name} {f.financialYear}
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function PartnershipPage({ partnershipId }: { partnershipId: number }) {
  const partnership = usePartnership(partnershipId);
  const orgs = useOrganisations();
  if (partnership.error) return <LoadError error={partnership.error} what="this partnership" />;
  if (!partnership.data || !orgs.data) return <Loading what="the partnership" />;
  const p = partnership.data;
  const members = orgs.data.filter((o) => p.memberOrgIds.includes(o.id));
  return (
    <section>
      <Breadcrumb here={p.name} />
      <h1>{p.name}</h1>
      {p.isDemo && <DemoBanner />}
      <p className="muted">
        {ARRANGEMENT_LABELS[p.arrangement]}
        {p.area ? ` · ${p.area}` : ''}
      </p>
      <h2>Partners</h2>
      <table className="simple-table">
        <TableHead columns={['Organisation', 'Sector', 'Role']} />
        <tbody>
          {members.map((o) => (
            <tr key={o.id}>
              <td>{o.name}</td>
              <td>{SECTOR_LABELS[o.sector]}</td>
              <td>{o.id === p.hostOrgId ? 'Host (holds the pooled fund)' : 'Partner'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Funds</h2>
      <FundList partnershipId={p.id} />
      <p>
        <Link to="/partnerships/$partnershipId/splits" params={{ partnershipId: p.id }}>
          Splits and risk share
        </Link>
      </p>
      <SubmissionStatusBoard partnershipId={p.id} />
      <BoardDashboard partnershipId={p.id} />
      <PartnershipYears partnershipId={p.id} />
    </section>
  );
}
