// The page frame (header, skip link, main) and the routes. Every view has its own URL; a signed-out visitor is sent to
// /login and comes back to where they were going.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ROLE_LABELS } from '../shared/roles';
import type { SignedInUser } from '../shared/types';
import { SignedInProvider } from './auth';
import { LoadError, Loading } from './components/Loading';
import { AdminPage } from './pages/AdminPage';
import { BoardPackPage } from './pages/BoardPackPage';
import { ContributionsPage } from './pages/ContributionsPage';
import { HistoryPage } from './pages/HistoryPage';
import { LoginPage } from './pages/LoginPage';
import { NationalPage } from './pages/NationalPage';
import { PartnershipPage } from './pages/PartnershipPage';
import { PartnershipsPage } from './pages/PartnershipsPage';
import { OutcomesPage } from './pages/OutcomesPage';
import { PlanPage } from './pages/PlanPage';
import { SplitsPage } from './pages/SplitsPage';
import { Link, matchPath, navigate, usePath } from './router';
import { useTRPC } from './trpc';

function Page({ path, user }: { path: string; user: SignedInUser }) {
  const contributions = matchPath('/funds/:id/contributions', path);
  if (contributions?.id) return <ContributionsPage fundId={contributions.id} />;
  const plan = matchPath('/funds/:id/plan', path);
  if (plan?.id) return <PlanPage fundId={plan.id} />;
  const outcomes = matchPath('/funds/:id/outcomes', path);
  if (outcomes?.id) return <OutcomesPage fundId={outcomes.id} />;
  const splits = matchPath('/partnerships/:id/splits', path);
  if (splits?.id) return <SplitsPage partnershipId={splits.id} />;
  const boardPack = matchPath('/partnerships/:id/board-pack', path);
  if (boardPack?.id) return <BoardPackPage partnershipId={boardPack.id} />;
  const partnership = matchPath('/partnerships/:id', path);
  if (partnership?.id) return <PartnershipPage partnershipId={partnership.id} />;
  if (path === '/partnerships') return <PartnershipsPage />;
  if (path === '/history') return <HistoryPage />;
  if (path === '/national') return <NationalPage />;
  if (path === '/admin') {
    return user.role === 'admin' ? (
      <AdminPage />
    ) : (
      <div className="banner banner-error" role="alert">
        Only administrators can manage users. You are signed in as a {ROLE_LABELS[user.role].toLowerCase()}.
      </div>
    );
  }
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        There is nothing at <code>{path}</code>. <Link href="/partnerships">See all partnerships</Link>.
      </p>
    </section>
  );
}

function Header({ path, user }: { path: string; user: SignedInUser | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const logout = useMutation(trpc.auth.logout.mutationOptions());
  const signOut = async () => {
    await logout.mutateAsync();
    queryClient.clear();
    navigate('/login', { replace: true });
  };
  return (
    <header className="app-header">
      <Link href="/partnerships" className="brand">
        Pooled Budget Tracker
      </Link>
      {user && (
        <nav aria-label="Main">
          <Link href="/partnerships" aria-current={path.startsWith('/partnerships') || path.startsWith('/funds') ? 'page' : undefined}>
            Partnerships
          </Link>
          <Link href="/history" aria-current={path === '/history' ? 'page' : undefined}>
            History
          </Link>
          <Link href="/national" aria-current={path === '/national' ? 'page' : undefined}>
            National
          </Link>
          {user.role === 'admin' && (
            <Link href="/admin" aria-current={path === '/admin' ? 'page' : undefined}>
              Admin
            </Link>
          )}
        </nav>
      )}
      {user && (
        <div className="who">
          <span data-testid="signed-in-as">
            {user.name} · {ROLE_LABELS[user.role]}
          </span>
          <button type="button" className="header-button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      )}
    </header>
  );
}

export function App() {
  const trpc = useTRPC();
  const path = usePath();
  const me = useQuery(trpc.auth.me.queryOptions());
  const user = me.data?.user ?? null;

  useEffect(() => {
    if (!me.data) return;
    if (!user && path !== '/login') {
      const here = `${window.location.pathname}${window.location.search}`;
      navigate(`/login?next=${encodeURIComponent(here)}`, { replace: true });
    } else if (path === '/' || path === '') {
      navigate('/partnerships', { replace: true });
    }
  }, [me.data, user, path]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header path={path} user={user} />
      <main id="main">
        {me.error ? (
          <LoadError error={me.error} what="your sign-in" />
        ) : !me.data ? (
          <Loading what="your sign-in" />
        ) : path === '/login' ? (
          <LoginPage />
        ) : user ? (
          <SignedInProvider value={user}>
            <Page path={path} user={user} />
          </SignedInProvider>
        ) : (
          <Loading what="the sign-in page" />
        )}
      </main>
    </>
  );
}
