// The page frame (header, skip link, main) and the routes. Every view has its own URL.
import { useEffect } from 'react';
import { ContributionsPage } from './pages/ContributionsPage';
import { PartnershipPage } from './pages/PartnershipPage';
import { PartnershipsPage } from './pages/PartnershipsPage';
import { Link, matchPath, navigate, usePath } from './router';

function Page({ path }: { path: string }) {
  const contributions = matchPath('/funds/:id/contributions', path);
  if (contributions?.id) return <ContributionsPage fundId={contributions.id} />;
  const partnership = matchPath('/partnerships/:id', path);
  if (partnership?.id) return <PartnershipPage partnershipId={partnership.id} />;
  if (path === '/partnerships') return <PartnershipsPage />;
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        There is nothing at <code>{path}</code>. <Link href="/partnerships">See all partnerships</Link>.
      </p>
    </section>
  );
}

export function App() {
  const path = usePath();
  useEffect(() => {
    if (path === '/' || path === '') navigate('/partnerships', { replace: true });
  }, [path]);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link href="/partnerships" className="brand">
          Pooled Budget Tracker
        </Link>
        <nav aria-label="Main">
          <Link href="/partnerships" aria-current={path.startsWith('/partnerships') ? 'page' : undefined}>
            Partnerships
          </Link>
        </nav>
      </header>
      <main id="main">
        <Page path={path} />
      </main>
    </>
  );
}
