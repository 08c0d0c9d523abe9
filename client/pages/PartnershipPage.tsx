// /partnerships/<id>: a partnership's members (with their sector and role), its funds by financial year, the sign-off
// status of each fund's plan and returns, and the board dashboard of one fund and period (every role reads it; boards
// most of all), then its years side by side.
import { Link } from '@tanstack/react-router';
import { SECTOR_LABELS } from '../../shared/schema/organisation';
import { ARRANGEMENT_LABELS } from '../../shared/schema/partnership';
import { BoardDashboard } from '../components/BoardDashboard';
import { PartnershipYears } from '../components/PartnershipYears';
import { SubmissionStatusBoard } from '../components/SubmissionStatusBoard';
import { Breadcrumb } from '../components/Breadcrumb';
import { DemoBanner, LoadError, Loading } from '../components/Loading';
import { useOrganisations } from '../hooks/useOrganisations';
import { usePartnership } from '../hooks/usePartnerships';
import { TableHead } from '../components/SimpleTable';
import { FundList } from '../components/FundList';

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
