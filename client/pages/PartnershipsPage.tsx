// /partnerships: every partnership, its members and its funds, as the way in to each fund's contributions.
import { ARRANGEMENT_LABELS } from '../../shared/schema/partnership';
import { DemoBanner, LoadError, Loading } from '../components/Loading';
import { Link } from '@tanstack/react-router';
import { useOrganisations } from '../hooks/useOrganisations';
import { usePartnerships } from '../hooks/usePartnerships';
import { FundList } from '../components/FundList';

export function PartnershipsPage() {
  const partnerships = usePartnerships();
  const orgs = useOrganisations();
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
