// /partnerships: every partnership, its members and its funds, as the way in to each fund's contributions.
import { useQuery } from '@tanstack/react-query';
import { ARRANGEMENT_LABELS } from '../../shared/schemas';
import { DemoBanner, LoadError, Loading } from '../components/Loading';
import { Link } from '@tanstack/react-router';
import { useTRPC } from '../trpc';
import { FundList } from './PartnershipPage';

export function PartnershipsPage() {
  const trpc = useTRPC();
  const partnerships = useQuery(trpc.partnerships.list.queryOptions());
  const orgs = useQuery(trpc.orgs.list.queryOptions());
  if (partnerships.error) return <LoadError error={partnerships.error} what="partnerships" />;
  if (!partnerships.data || !orgs.data) return <Loading what="partnerships" />;
  const orgName = new Map(orgs.data.map((o) => [o.id, o.name]));
  return (
    <section>
      <h1>Partnerships</h1>
      {partnerships.data.some((p) => p.isDemo) && <DemoBanner />}
      {partnerships.data.length === 0 && (
        <p>You can see no partnerships yet: none of your organisations is a partner in one. Ask an administrator to add you.</p>
      )}
      <ul className="cards">
        {partnerships.data.map((p) => (
          <li key={p.id} className="card">
            <h2>
              <Link to="/partnerships/$partnershipId" params={{ partnershipId: p.id }}>
                {p.name}
              </Link>
            </h2>
            <p className="muted">
              {ARRANGEMENT_LABELS[p.arrangement]}
              {p.area ? ` · ${p.area}` : ''}
            </p>
            <p>Partners: {p.memberOrgIds.map((id) => orgName.get(id) ?? `#${id}`).join(', ')}</p>
            <FundList partnershipId={p.id} />
          </li>
        ))}
      </ul>
    </section>
  );
}
