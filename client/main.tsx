// Entry point: the query cache, the tRPC client and the router with every page (each page's code loads with its route:
// routes.tsx).
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { makeRouter } from './routes';
import { apiError, makeTrpcClient, TRPCProvider } from './trpc';
// Every stylesheet, in the one order they have always cascaded in (page and component styles, then the app's own,
// which win a tie): the pages' scripts load with their routes, but their styles stay in this one file, in this order.
import './components/notifications.css';
import 'react-day-picker/style.css';
import './components/date-field.css';
import './components/board-pack.css';
import './components/comments/comments.css';
import './components/sheet/fit-cell.css';
import './live/live.css';
import './components/import-export.css';
import './components/chart/chart.css';
import './components/board-dashboard.css';
import './components/national-conditions.css';
import './components/plan-workbook.css';
import './components/rollover.css';
import './components/split.css';
import './styles.css';
import './components/components.css';

// zod compiles fast paths with `new Function` when it may; our CSP forbids eval, so say up front not to try (which
// otherwise shows as a CSP report on every page).
z.config({ jitless: true });

/** When any call says the session has ended, ask again who is signed in: the app then shows the sign-in page and
 * comes back to this page afterwards. */
function makeQueryClient(): QueryClient {
  const onError = (error: unknown) => {
    if (apiError(error).code === 'UNAUTHORIZED') void queryClient.invalidateQueries({ queryKey: [['auth', 'me']] });
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => count < 1 && !['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST'].includes(apiError(error).code),
      },
    },
  });
  return queryClient;
}

function Root() {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(makeTrpcClient);
  const [router] = useState(() => makeRouter({ queryClient, trpc: createTRPCOptionsProxy({ client: trpcClient, queryClient }) }));
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <RouterProvider router={router} />
      </TRPCProvider>
    </QueryClientProvider>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
}
