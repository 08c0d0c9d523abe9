// Every page's URL, its typed path parameters and its typed, checked `?` query, as one code-based route tree
// (TanStack Router). People share these links, so each one survives reload and sign-in (design: "Pages").
import { createRootRoute, createRoute, createRouter, notFound, redirect } from '@tanstack/react-router';
import { AdminRoute, AppFrame, NotFound, SignedInFrame } from './App';
import { BoardPackPage } from './pages/BoardPackPage';
import { ContributionsPage } from './pages/ContributionsPage';
import { HistoryPage } from './pages/HistoryPage';
import { LoginPage } from './pages/LoginPage';
import { NationalPage } from './pages/NationalPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { OutcomesPage } from './pages/OutcomesPage';
import { PartnershipPage } from './pages/PartnershipPage';
import { PartnershipsPage } from './pages/PartnershipsPage';
import { PlanPage } from './pages/PlanPage';
import { ReturnPage } from './pages/ReturnPage';
import { signOffSearch, SignOffPage } from './pages/SignOffPage';
import { SplitsPage } from './pages/SplitsPage';
import { RETURN_KINDS, type ReturnKind } from '../shared/returns';
import {
  boardSearch,
  historySearch,
  loginSearch,
  nationalSearch,
  parseSearch,
  splitsSearch,
  stringifySearch,
  threadSearch,
} from './search-params';

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

const rootRoute = createRootRoute({ component: AppFrame, notFoundComponent: NotFound });

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
  component: LoginPage,
});

const partnershipsRoute = createRoute({ getParentRoute: () => signedInRoute, path: '/partnerships', component: PartnershipsPage });

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
  component: () => <PartnershipPage partnershipId={usePartnershipId()} />,
});

const splitsRoute = createRoute({
  getParentRoute: () => partnershipRoute,
  path: 'splits',
  validateSearch: (search) => splitsSearch.parse(search),
  component: () => <SplitsPage partnershipId={usePartnershipId()} />,
});

const boardPackRoute = createRoute({
  getParentRoute: () => partnershipRoute,
  path: 'board-pack',
  validateSearch: (search) => boardSearch.parse(search),
  component: () => <BoardPackPage partnershipId={usePartnershipId()} />,
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
  component: () => <ContributionsPage fundId={useFundId()} />,
});
const planRoute = createRoute({
  getParentRoute: () => fundRoute,
  path: 'plan',
  validateSearch: (search) => threadSearch.parse(search),
  component: () => <PlanPage fundId={useFundId()} />,
});
const outcomesRoute = createRoute({
  getParentRoute: () => fundRoute,
  path: 'outcomes',
  validateSearch: (search) => threadSearch.parse(search),
  component: () => <OutcomesPage fundId={useFundId()} />,
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
  component: () => <ReturnPage fundId={useFundId()} kind={returnRoute.useParams().kind} />,
});

/** /funds/:fundId/sign-off: the fund's plan and returns from draft to submitted; `?kind=q2` opens one in full. */
const signOffRoute = createRoute({
  getParentRoute: () => fundRoute,
  path: 'sign-off',
  validateSearch: (search) => signOffSearch.parse(search),
  component: () => <SignOffPage fundId={useFundId()} />,
});

const historyRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/history',
  validateSearch: (search) => historySearch.parse(search),
  component: HistoryPage,
});

const nationalRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/national',
  validateSearch: (search) => nationalSearch.parse(search),
  component: NationalPage,
});

const adminRoute = createRoute({ getParentRoute: () => signedInRoute, path: '/admin', component: AdminRoute });

const notificationsRoute = createRoute({ getParentRoute: () => signedInRoute, path: '/notifications', component: NotificationsPage });

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

export function makeRouter() {
  return createRouter({
    routeTree,
    parseSearch,
    stringifySearch,
    defaultNotFoundComponent: NotFound,
    trailingSlash: 'never',
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof makeRouter>;
  }
}
