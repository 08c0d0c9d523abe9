// Entry point: the query cache, the tRPC client and the router with every page.
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AllCommunityModule, ModuleRegistry, ValidationModule } from 'ag-grid-community';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { makeRouter } from './routes';
import { apiError, makeTrpcClient, TRPCProvider } from './trpc';
import './styles.css';
import './components/components.css';

// zod compiles fast paths with `new Function` when it may; our CSP forbids eval, so say up front not to try (which
// otherwise shows as a CSP report on every page).
z.config({ jitless: true });

ModuleRegistry.registerModules(import.meta.env.DEV ? [AllCommunityModule, ValidationModule] : [AllCommunityModule]);

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
  const [router] = useState(makeRouter);
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
