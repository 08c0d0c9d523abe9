// Every page's URL, its typed path parameters and its typed, checked `?` query, as one code-based route tree
// (TanStack Router). People share these links, so each one survives reload and sign-in (design: "Pages").
import type { QueryClient } from '@tanstack/react-query';
import type { TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  notFound,
  redirect,
  type RouteComponent,
} from '@tanstack/react-router';
import type { ReactNode } from 'react';
import type { AppRouter } from '../server/router';
import { AdminRoute, AppFrame, NotFound, SignedInFrame } from './App';
import { Loading } from './components/Loading';
import { RETURN_KINDS, type ReturnKind } from '../shared/returns';
import {
  boardSearch,
  historySearch,
  loginSearch,
  nationalSearch,
  parseSearch,
  splitsSearch,
  stringifySearch,
  signOffSearch,
  threadSearch,
} from './search-params';

/**
 * A page whose code loads the first time its route is matched, so the first page loads only its own code (the grid,
 * the charts and each page come in their own chunks). The router waits for the chunk before it shows the page, as it
 * would for data, so a page never flashes half-drawn; `render` draws the page from its loaded module.
 */
function lazyPage<M>(load: () => Promise<M>, render: (module: M) => () => ReactNode): RouteComponent {
  return lazyRouteComponent(() => load().then((module) => ({ default: render(module) })));
}

/** A path id is a positive whole number; `/funds/abc/plan` or `/funds/0/plan` is a page that does not exist. */
const toId = (text: string): number => (/^\d+$/.test(text) ? Number(text) : Number.NaN);
const isId = (n: number) => Number.isSafeInteger(n) && n > 0;

const fundParams = {
  parse: ({ fundId }: { fundId: string }) => ({ fundId: toId(fundId) }),
  stringify: ({ fundId }: { fundId: number }) => ({ fundId: String(fundId) }),
};
const partnershipParams = {
  parse: ({ partnershipId }: { partnershipId: string }) => ({ partnershipId: toId(partnershipId) }),
  stringify: ({ partnershipId }: { partnershipId: number }) => ({ partnershipId: String(partnershipId) }),
};
const fundExists = ({ params }: { params: { fundId: number } }) => {
  if (!isId(params.fundId)) throw notFound();
};
const partnershipExists = ({ params }: { params: { partnershipId: number } }) => {
  if (!isId(params.partnershipId)) throw notFound();
};

/** What a route's loader can use: the query cache and the API's query options. */
export interface RouterContext {
  queryClient: QueryClient;
  trpc: TRPCOptionsProxy<AppRouter>;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: AppFrame,
  notFoundComponent: NotFound,
  // Who is signed in, asked for as the first route matches, alongside a page's own prefetched data.
  loader: ({ context: { queryClient, trpc } }) => {
    void queryClient.prefetchQuery(trpc.auth.me.queryOptions());
  },
});

/** Every page but /login is for a signed-in person (a pathless parent route: it adds nothing to the URL). */
const signedInRoute = createRoute({ getParentRoute: () => rootRoute, id: '_signedIn', component: SignedInFrame });

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/partnerships', replace: true });
  },
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search) => loginSearch.parse(search),
  component: lazyPage(
    () => import('./pages/LoginPage'),
    (m) => m.LoginPage,
  ),
});

const partnershipsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/partnerships',
  component: lazyPage(
    () => import('./pages/PartnershipsPage'),
    (m) => m.PartnershipsPage,
  ),
});

/** /partnerships/:partnershipId and the pages under it: the id is parsed and checked once, here. */
const partnershipRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/partnerships/$partnershipId',
  params: partnershipParams,
  beforeLoad: partnershipExists,
});
const usePartnershipId = () => partnershipRoute.useParams().partnershipId;

const partnershipIndexRoute = createRoute({
  getParentRoute: () => partnershipRoute,
  path: '/',
  validateSearch: (search) => boardSearch.parse(search),
  component: lazyPage(
    () => import('./pages/PartnershipPage'),
    (m) => () => <m.PartnershipPage partnershipId={usePartnershipId()} />,
  ),
});

const splitsRoute = createRoute({
  getParentRoute: () => partnershipRoute,
  path: 'splits',
  validateSearch: (search) => splitsSearch.parse(search),
  component: lazyPage(
    () => import('./pages/SplitsPage'),
    (m) => () => <m.SplitsPage partnershipId={usePartnershipId()} />,
  ),
});

const boardPackRoute = createRoute({
  getParentRoute: () => partnershipRoute,
  path: 'board-pack',
  validateSearch: (search) => boardSearch.parse(search),
  component: lazyPage(
    () => import('./pages/BoardPackPage'),
    (m) => () => <m.BoardPackPage partnershipId={usePartnershipId()} />,
  ),
});

/** /funds/:fundId and its views. */
const fundRoute = createRoute({ getParentRoute: () => signedInRoute, path: '/funds/$fundId', params: fundParams, beforeLoad: fundExists });
const useFundId = () => fundRoute.useParams().fundId;
// A fund has no page of its own, only its views: /funds/3 is not found, as it always was.
const fundIndexRoute = createRoute({
  getParentRoute: () => fundRoute,
  path: '/',
  beforeLoad: () => {
    throw notFound();
  },
});

const contributionsRoute = createRoute({
  getParentRoute: () => fundRoute,
  path: 'contributions',
  validateSearch: (search) => threadSearch.parse(search),
  component: lazyPage(
    () => import('./pages/ContributionsPage'),
    (m) => () => <m.ContributionsPage fundId={useFundId()} />,
  ),
});
const planRoute = createRoute({
  getParentRoute: () => fundRoute,
  path: 'plan',
  validateSearch: (search) => threadSearch.parse(search),
  // The plan is the page's largest answer: asked for as the route matches, alongside who is signed in, rather than
  // once the page has drawn (not awaited: the page shows its own "Loading…" and errors, as it always did).
  loader: ({ context: { queryClient, trpc }, params: { fundId } }) => {
    void queryClient.prefetchQuery(trpc.schemes.plan.queryOptions({ fundId }));
    void queryClient.prefetchQuery(trpc.sources.list.queryOptions({ fundId }));
    void queryClient.fetchQuery(trpc.funds.get.queryOptions({ id: fundId })).then(
      (fund) => queryClient.prefetchQuery(trpc.partnerships.get.queryOptions({ id: fund.partnershipId })),
      () => undefined, // the page shows why the fund did not load
    );
  },
  component: lazyPage(
    () => import('./pages/PlanPage'),
    (m) => () => <m.PlanPage fundId={useFundId()} />,
  ),
});
const outcomesRoute = createRoute({
  getParentRoute: () => fundRoute,
  path: 'outcomes',
  validateSearch: (search) => threadSearch.parse(search),
  component: lazyPage(
    () => import('./pages/OutcomesPage'),
    (m) => () => <m.OutcomesPage fundId={useFundId()} />,
  ),
});
/** /funds/:fundId/returns/:kind: a quarterly (q1 to q3) or the year-end return; any other kind is not found. */
const returnRoute = createRoute({
  getParentRoute: () => fundRoute,
  path: 'returns/$kind',
  params: {
    parse: ({ kind }: { kind: string }) => ({ kind: kind as ReturnKind }),
    stringify: ({ kind }: { kind: ReturnKind }) => ({ kind: String(kind) }),
  },
  beforeLoad: ({ params }) => {
    if (!(RETURN_KINDS as readonly string[]).includes(params.kind)) throw notFound();
  },
  component: lazyPage(
    () => import('./pages/ReturnPage'),
    (m) => () => <m.ReturnPage fundId={useFundId()} kind={returnRoute.useParams().kind} />,
  ),
});

/** /funds/:fundId/sign-off: the fund's plan and returns from draft to submitted; `?kind=q2` opens one in full. */
const signOffRoute = createRoute({
  getParentRoute: () => fundRoute,
  path: 'sign-off',
  validateSearch: (search) => signOffSearch.parse(search),
  component: lazyPage(
    () => import('./pages/SignOffPage'),
    (m) => () => <m.SignOffPage fundId={useFundId()} />,
  ),
});

const historyRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/history',
  validateSearch: (search) => historySearch.parse(search),
  component: lazyPage(
    () => import('./pages/HistoryPage'),
    (m) => m.HistoryPage,
  ),
});

const nationalRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/national',
  validateSearch: (search) => nationalSearch.parse(search),
  component: lazyPage(
    () => import('./pages/NationalPage'),
    (m) => m.NationalPage,
  ),
});

const adminRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/admin',
  component: lazyPage(
    () => import('./pages/AdminPage'),
    (m) => () => (
      <AdminRoute>
        <m.AdminPage />
      </AdminRoute>
    ),
  ),
});

const notificationsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/notifications',
  component: lazyPage(
    () => import('./pages/NotificationsPage'),
    (m) => m.NotificationsPage,
  ),
});

const routeTree = rootRoute.addChildren([
  indexRoute,
  loginRoute,
  signedInRoute.addChildren([
    partnershipsRoute,
    partnershipRoute.addChildren([partnershipIndexRoute, splitsRoute, boardPackRoute]),
    fundRoute.addChildren([fundIndexRoute, contributionsRoute, planRoute, outcomesRoute, signOffRoute, returnRoute]),
    historyRoute,
    nationalRoute,
    adminRoute,
    notificationsRoute,
  ]),
]);

export function makeRouter(context: RouterContext) {
  return createRouter({
    routeTree,
    context,
    parseSearch,
    stringifySearch,
    defaultNotFoundComponent: NotFound,
    // Shown only if a page's code takes longer than the router's pending delay to arrive (a slow network).
    defaultPendingComponent: () => <Loading what="the page" />,
    trailingSlash: 'never',
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof makeRouter>;
  }
}
