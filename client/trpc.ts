// The typed API client. The client imports only the *type* of the server's router.
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '../server/router';
import { MAX_BATCH_CALLS } from '../shared/api-limits';
import type { FieldError } from '../shared/errors';

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

export function makeTrpcClient() {
  // Never more calls in one request than the server takes (the history page asks for one list per fund).
  return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: '/trpc', maxItems: MAX_BATCH_CALLS })] });
}

interface ErrorData {
  code?: string;
  fieldErrors?: FieldError[];
  current?: unknown;
  path?: string;
}

/** The contract's error details of a failed call: its code, message, fieldErrors and current row. */
export function apiError(error: unknown): { code: string; message: string; fieldErrors: FieldError[]; current?: unknown } {
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as ErrorData;
    return { code: data.code ?? 'UNKNOWN', message: error.message, fieldErrors: data.fieldErrors ?? [], current: data.current };
  }
  return { code: 'NETWORK', message: error instanceof Error ? error.message : String(error), fieldErrors: [] };
}
