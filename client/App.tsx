// The page frame (header, skip link to the page's grid or content, main) around every route. A signed-out visitor is sent to /login and comes back
// to where they were going; the routes themselves are in routes.tsx.
import { Link, Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import { useEffect, type ReactNode } from 'react';
import { roleCan } from '../shared/permissions';
import { ROLE_LABELS } from '../shared/roles';
import type { SignedInUser } from '../shared/types';
import { SignedInProvider, useUser } from './auth';
import { LoadError, Loading } from './components/Loading';
import { NotificationsMenu } from './components/NotificationsMenu';
import { SkipLink } from './components/SkipLink';
import { useMe, useSignOut } from './hooks/useAuth';
import { LiveProvider } from './live/LiveProvider';

/** /admin: only an administrator manages users (`children`, the admin page); anyone else is told why there is
 * nothing here for them. */
export function AdminRoute({ children }: { children: ReactNode }) {
  const user = useUser();
  return roleCan(user.role, 'app_user', 'list') ? (
    children
  ) : (
    <div className="banner banner-error" role="alert">
      Only administrators can manage users. You are signed in as a {ROLE_LABELS[user.role].toLowerCase()}.
    </div>
  );
}

export function NotFound() {
  const path = useLocation({ select: (location) => location.pathname });
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        There is nothing at <code>{path}</code>.{' '}
        <Link to="/partnerships" activeOptions={{ exact: true }}>
          See all partnerships
        </Link>
        .
      </p>
    </section>
  );
}

function Header({ path, user }: { path: string; user: SignedInUser | null }) {
  const navigate = useNavigate();
  const signOutOfServer = useSignOut();
  const signOut = async () => {
    await signOutOfServer();
    await navigate({ to: '/login', replace: true });
  };
  return (
    <header className="app-header">
      <Link to="/partnerships" className="brand" activeOptions={{ exact: true, includeSearch: true }}>
        Pooled Budget Tracker
      </Link>
      {user && (
        <nav aria-label="Main">
          <Link to="/partnerships" aria-current={path.startsWith('/partnerships') || path.startsWith('/funds') ? 'page' : undefined}>
            Partnerships
          </Link>
          <Link to="/history" aria-current={path === '/history' ? 'page' : undefined}>
            History
          </Link>
          <Link to="/national" aria-current={path === '/national' ? 'page' : undefined}>
            National
          </Link>
          {roleCan(user.role, 'app_user', 'list') && (
            <Link to="/admin" aria-current={path === '/admin' ? 'page' : undefined}>
              Admin
            </Link>
          )}
        </nav>
      )}
      {user && (
        <div className="who">
          <NotificationsMenu current={path === '/notifications'} />
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

/** The parent route of every page but /login: its pages render only for a signed-in user, who they can ask for. */
export function SignedInFrame() {
  const user = useMe().data?.user;
  return user ? (
    <SignedInProvider value={user}>
      <LiveProvider>
        <Outlet />
      </LiveProvider>
    </SignedInProvider>
  ) : (
    <Loading what="the sign-in page" />
  );
}

/** The root route's component: the header, and the page once we know who is signed in. */
export function AppFrame() {
  const navigate = useNavigate();
  const { pathname: path, href } = useLocation();
  const me = useMe();
  const user = me.data?.user ?? null;

  // Signed out (or the session ended on any call): to /login, and back here afterwards.
  useEffect(() => {
    if (me.data && !user && path !== '/login') void navigate({ to: '/login', search: { next: href }, replace: true });
  }, [me.data, user, path, href, navigate]);

  return (
    <>
      <SkipLink />
      <Header path={path} user={user} />
      <main id="main">
        {me.error ? (
          <LoadError error={me.error} what="your sign-in" />
        ) : !me.data ? (
          <Loading what="your sign-in" />
        ) : user || path === '/login' ? (
          <Outlet />
        ) : (
          <Loading what="the sign-in page" />
        )}
      </main>
    </>
  );
}
